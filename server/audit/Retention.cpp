#include "audit/Retention.h"

#include <fmt/format.h>

namespace resv::server::audit {

std::string RetentionReport::Describe(model::TimePoint asOf) const {
    const auto cutoff =
        asOf - std::chrono::duration_cast<std::chrono::milliseconds>(kAccessLogRetention);
    return fmt::format("deleted {} access log entries older than {}\nsigned {} usage history "
                       "checkpoint(s) as of {}\n",
                       accessLogRowsDeleted, model::FormatRfc3339Utc(cutoff), checkpointsSigned,
                       model::FormatRfc3339Utc(asOf));
}

RetentionReport RunRetention(storage::Database& database, AccessLog& accessLog,
                             const AuditSigner& signer, model::TimePoint asOf) {
    RetentionReport report;
    report.accessLogRowsDeleted = accessLog.DeleteExpired(asOf);
    auto db = database.Acquire();
    report.checkpointsSigned = SignCheckpoints(*db, signer, asOf);
    return report;
}

} // namespace resv::server::audit
