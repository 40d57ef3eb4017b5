#pragma once
// The jobs the server runs daily, and `resv-server run-retention --as-of TIME` runs on demand:
// the access log loses what is older than 31 days (CLD.8.1), and every tenant's usage history
// gets a signed checkpoint of what is new since its last one.

#include "audit/AccessLog.h"
#include "audit/AuditSeal.h"
#include "storage/Database.h"

#include <string>

namespace resv::server::audit {

struct RetentionReport {
    int accessLogRowsDeleted = 0;
    int checkpointsSigned = 0;

    /// "deleted 12 access log entries older than 2026-10-31T00:00:00.000Z; signed 2 ..."
    std::string Describe(model::TimePoint asOf) const;
};

RetentionReport RunRetention(storage::Database& database, AccessLog& accessLog,
                             const AuditSigner& signer, model::TimePoint asOf);

} // namespace resv::server::audit
