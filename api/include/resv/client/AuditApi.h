#pragma once
// Usage history (利用履歴): what the Usage history screen needs of the API. ApiClient implements
// it; presenters' tests fake it.

#include "resv/model/AuditEvent.h"
#include "resv/model/Page.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace resv::client {

/// GET /api/v1/audit-events's filters and paging (the same filters serve /count and
/// /export.csv, which ignore the paging). `from` is inclusive, `to` exclusive. `action` is an exact
/// action or a prefix ending in '.', such as "account.". `result` is success, denied or failed.
/// `order` is "desc" (newest first, the default) or "asc". `offset` skips that many matching
/// events (for scroll-bar jumps) and is used without `cursor`.
struct AuditQuery {
    std::optional<model::TimePoint> from;
    std::optional<model::TimePoint> to;
    std::string actor; ///< a login ID
    std::string action;
    std::optional<model::AuditResult> result;
    std::string targetType;
    std::string q; ///< free text: user, target, action or details
    std::optional<std::string> cursor;
    std::optional<std::int64_t> offset;
    int limit = 100; ///< 1–500
    bool descending = true;

    bool operator==(const AuditQuery&) const = default;
};

/// The query string of `query` (filters and paging), starting with '?' (or empty).
std::string ToQueryString(const AuditQuery& query);

enum class CsvEncoding { Utf8WithBom, ShiftJis };

/// Called as the export arrives with the rows written so far; returning false cancels.
using ExportProgress = std::function<bool(std::int64_t rows)>;

class IAuditApi {
public:
    virtual ~IAuditApi() = default;

    virtual model::Page<model::AuditEvent> ListAuditEvents(const AuditQuery& query) = 0;
    virtual model::AuditCount CountAuditEvents(const AuditQuery& query) = 0;
    virtual model::AuditVerification VerifyAuditLog() = 0;
    /// Streams GET /api/v1/audit-events/export.csv with the query's filters into `file`, written
    /// next to it first and renamed when complete: a cancelled or failed export leaves no file
    /// (and an existing one untouched). Cancelling throws ApiError(Kind::Cancelled).
    virtual void ExportAuditCsv(const AuditQuery& query, CsvEncoding encoding,
                                const std::filesystem::path& file,
                                const ExportProgress& progress) = 0;
};

} // namespace resv::client
