#pragma once
// GET /api/v1/audit-events and its count, export and verification, for the caller's tenant only:
// manager tier reads (usage.read), export needs usage.export, and a caller with a limited scope
// does not see events about facilities, jurisdictions and terminals outside it.

#include "audit/AuditLog.h"
#include "audit/AuditQuery.h"
#include "auth/Permissions.h"
#include "resv/model/Page.h"
#include "storage/Database.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace resv::server::audit {

/// Writes the body piece by piece; `write` returns false when the client has gone, and then so
/// does the writer.
using BodyWriter = std::function<bool(const std::function<bool(std::string_view)>& write)>;

enum class ExportEncoding { Utf8WithBom, Cp932 };

class AuditService {
public:
    AuditService(storage::Database& database, const AuditLog& log,
                 std::shared_ptr<const Clock> clock, std::string publicKeyHex);

    model::Page<model::AuditEvent> List(const auth::Caller& caller, const AuditFilter& filter,
                                        const AuditPaging& paging);
    model::AuditCount Count(const auth::Caller& caller, const AuditFilter& filter);
    model::AuditVerification Verify(const auth::Caller& caller);
    /// Checks usage.export and records the export (audit.export, with its filters) before
    /// anything is written; the file holds the events up to that one, not the export itself.
    BodyWriter Export(const auth::Caller& caller, AuditFilter filter, bool descending,
                      ExportEncoding encoding);

private:
    AuditVisibility VisibilityOf(storage::Connection& connection, const auth::Caller& caller);

    storage::Database& m_database;
    const AuditLog& m_log;
    std::shared_ptr<const Clock> m_clock;
    std::string m_publicKeyHex;
};

/// "2026-11-28T00:00:00.000+09:00": how the export writes times.
std::string FormatJstIso8601Millis(model::TimePoint t);

} // namespace resv::server::audit
