#pragma once
// Reading a tenant's usage history: filters, keyset and offset pages, counts and the CSV export.
// Every filter has an index ordered by (at, sequence) (migration 5), so a page reads only its own
// rows; only the free-text filter scans, stopping as soon as the page is full.

#include "resv/model/AuditEvent.h"
#include "storage/Sqlite.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server::audit {

struct AuditFilter {
    std::optional<model::TimePoint> from; ///< inclusive
    std::optional<model::TimePoint> to;   ///< exclusive
    std::string actor;                    ///< a login ID
    std::string action;                   ///< exact, or a prefix ending in '.'
    std::optional<model::AuditResult> result;
    std::string targetType;
    std::string q;
    /// Only events before this sequence (an export leaves out its own event).
    std::optional<std::int64_t> beforeSequence;
};

/// Where a page starts: after the event (at, sequence) in the listing's order.
struct AuditCursor {
    std::int64_t atMillis = 0;
    std::int64_t sequence = 0;

    std::string Encode() const;
    static std::optional<AuditCursor> Decode(std::string_view text);
};

struct AuditPaging {
    std::optional<AuditCursor> after;
    std::optional<std::int64_t> offset;
    int limit = 100;
    bool descending = true;
};

/// What a caller with a limited scope may see of facilities, jurisdictions and terminals: events
/// about others are left out. `all` sees everything. A place deleted since keeps its history for
/// whoever reaches where it was (the facility or jurisdiction the event recorded).
struct AuditVisibility {
    bool all = true;
    std::vector<std::string> shownJurisdictionIds; ///< events about these jurisdictions
    std::vector<std::string> facilityIds;          ///< about these facilities and their terminals
    std::vector<std::string> namedJurisdictionIds; ///< about anything in these
};

class AuditQuery {
public:
    AuditQuery(storage::Connection& connection, std::string tenantId, AuditFilter filter,
               AuditVisibility visibility);

    /// A page and the cursor of the next one, if any.
    std::pair<std::vector<model::AuditEvent>, std::optional<std::string>>
    Page(const AuditPaging& paging);

    std::int64_t Count();

    /// The tenant's newest sequence (0 before its first event), whatever the filters.
    std::int64_t LatestSequence();

    /// Every matching event in order, `batch` at a time, as raw rows for the export.
    struct Row {
        std::int64_t sequence;
        std::int64_t atMillis;
        std::optional<std::string> actorLoginId;
        std::optional<std::string> actorDisplayName;
        std::optional<std::string> actorRole;
        std::optional<std::string> sourceIp;
        std::string action;
        std::optional<std::string> targetType;
        std::optional<std::string> targetId;
        std::optional<std::string> targetLabel;
        std::string result;
        std::string detailsJson;
        std::string hash;
    };
    /// Calls `each` with each batch; stops when it returns false. Returns the rows visited.
    std::int64_t ForEach(bool descending, int batch,
                         const std::function<bool(const std::vector<Row>&)>& each);

private:
    class Sql;
    /// "FROM audit_events WHERE …" with every filter, for pages after `after` in that order.
    void From(Sql& sql, const std::optional<AuditCursor>& after = std::nullopt,
              bool descending = true) const;

    storage::Connection& m_connection;
    std::string m_tenantId;
    AuditFilter m_filter;
    AuditVisibility m_visibility;
};

} // namespace resv::server::audit
