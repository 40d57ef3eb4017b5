#include "audit/AuditQuery.h"

#include "audit/AuditRows.h"

#include "resv/model/Json.h"

#include <fmt/format.h>

#include <charconv>
#include <variant>

namespace resv::server::audit {
namespace {

/// `text` for LIKE with '\' as the escape character.
std::string LikeEscaped(std::string_view text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            escaped += '\\';
        }
        escaped += c;
    }
    return escaped;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

} // namespace

/// SQL with numbered parameters, bound in order when prepared.
class AuditQuery::Sql {
public:
    std::string text;

    std::string Param(std::string value) {
        m_params.emplace_back(std::move(value));
        return "?" + std::to_string(m_params.size());
    }
    std::string Param(std::int64_t value) {
        m_params.emplace_back(value);
        return "?" + std::to_string(m_params.size());
    }
    std::string List(const std::vector<std::string>& values) {
        std::string list;
        for (const auto& value : values) {
            list += (list.empty() ? "" : ", ") + Param(value);
        }
        return list.empty() ? "NULL" : list;
    }

    storage::Statement Prepare(storage::Connection& connection) const {
        storage::Statement statement = connection.Prepare(text);
        for (std::size_t i = 0; i < m_params.size(); ++i) {
            const int index = static_cast<int>(i + 1);
            std::visit([&](const auto& value) { statement.Bind(index, value); }, m_params[i]);
        }
        return statement;
    }

private:
    std::vector<std::variant<std::string, std::int64_t>> m_params;
};

std::string AuditCursor::Encode() const {
    return fmt::format("e{}_{}", atMillis, sequence);
}

std::optional<AuditCursor> AuditCursor::Decode(std::string_view text) {
    const auto separator = text.find('_');
    if (text.size() < 4 || text.front() != 'e' || separator == std::string_view::npos) {
        return std::nullopt;
    }
    const auto at = ParseInt(text.substr(1, separator - 1));
    const auto sequence = ParseInt(text.substr(separator + 1));
    if (!at || !sequence || *sequence < 1) {
        return std::nullopt;
    }
    return AuditCursor{*at, *sequence};
}

AuditQuery::AuditQuery(storage::Connection& connection, std::string tenantId, AuditFilter filter,
                       AuditVisibility visibility)
    : m_connection(connection)
    , m_tenantId(std::move(tenantId))
    , m_filter(std::move(filter))
    , m_visibility(std::move(visibility)) {}

void AuditQuery::From(Sql& sql, const std::optional<AuditCursor>& after, bool descending) const {
    // A cursor inside the period already bounds the time on its side. Given both bounds, SQLite
    // would start the index scan at the period's end and step over every event up to the
    // cursor: pages deep in a pinned listing, and an export's later batches, got slower and
    // slower.
    const bool cursorBoundsTo =
        after && descending && m_filter.to && after->atMillis < storage::ToMillis(*m_filter.to);
    const bool cursorBoundsFrom = after && !descending && m_filter.from &&
                                  after->atMillis >= storage::ToMillis(*m_filter.from);
    sql.text += " FROM audit_events WHERE tenant_id = " + sql.Param(m_tenantId);
    if (m_filter.from && !cursorBoundsFrom) {
        sql.text += " AND at >= " + sql.Param(storage::ToMillis(*m_filter.from));
    }
    if (m_filter.to && !cursorBoundsTo) {
        sql.text += " AND at < " + sql.Param(storage::ToMillis(*m_filter.to));
    }
    if (!m_filter.actor.empty()) {
        sql.text += " AND actor_login_id = " + sql.Param(m_filter.actor);
    }
    if (!m_filter.action.empty()) {
        const std::string& action = m_filter.action;
        if (action.back() != '.') {
            sql.text += " AND action = " + sql.Param(action);
        } else {
            // The category's index gives the order; a deeper prefix is a range inside it.
            const std::string category = action.substr(0, action.find('.'));
            sql.text += " AND category = " + sql.Param(category);
            if (action.size() > category.size() + 1) {
                std::string end = action;
                end.back() = '/'; // the character after '.'
                sql.text +=
                    " AND action >= " + sql.Param(action) + " AND action < " + sql.Param(end);
            }
        }
    }
    if (m_filter.result) {
        sql.text += " AND result = " + sql.Param(std::string(model::ToString(*m_filter.result)));
    }
    if (!m_filter.targetType.empty()) {
        sql.text += " AND target_type = " + sql.Param(m_filter.targetType);
    }
    if (!m_filter.q.empty()) {
        // LIKE ignores the case of ASCII letters; the details are stored as UTF-8 text, so
        // Japanese names in them are found too.
        const std::string pattern = sql.Param("%" + LikeEscaped(m_filter.q) + "%");
        sql.text += " AND (COALESCE(actor_login_id, '') || ' ' || COALESCE(actor_display_name, "
                    "'') || ' ' || action || ' ' || COALESCE(target_label, '') || ' ' || "
                    "COALESCE(target_id, '') || ' ' || COALESCE(source_ip, '') || ' ' || "
                    "details_json) LIKE " +
                    pattern + " ESCAPE '\\'";
    }
    if (m_filter.beforeSequence) {
        // '+' keeps SQLite from reading the (tenant, sequence) index for this bound and then
        // sorting every event by time: the order's index must lead.
        sql.text += " AND +sequence < " + sql.Param(*m_filter.beforeSequence);
    }
    if (!m_visibility.all) {
        const std::string shown = sql.List(m_visibility.shownJurisdictionIds);
        const std::string facilities = sql.List(m_visibility.facilityIds);
        const std::string named = sql.List(m_visibility.namedJurisdictionIds);
        sql.text += fmt::format(
            " AND (target_type IS NULL OR target_type NOT IN ('jurisdiction', 'facility', "
            "'terminal') OR (target_type = 'jurisdiction' AND target_id IN ({})) OR "
            "place_facility_id IN ({}) OR place_jurisdiction_id IN ({}))",
            shown, facilities, named);
    }
}

std::pair<std::vector<model::AuditEvent>, std::optional<std::string>>
AuditQuery::Page(const AuditPaging& paging) {
    const char* direction = paging.descending ? "DESC" : "ASC";
    const std::string order = fmt::format(" ORDER BY at {0}, sequence {0}", direction);
    Sql sql;
    // The ids first, from the index alone, then only the page's rows: an offset skips index
    // entries without reading the rows it passes.
    sql.text =
        fmt::format("SELECT {} FROM audit_events WHERE id IN (SELECT id", kAuditEventColumns);
    From(sql, paging.after, paging.descending);
    if (paging.after) {
        sql.text +=
            fmt::format(" AND (at, sequence) {} ({}, {})", paging.descending ? "<" : ">",
                        sql.Param(paging.after->atMillis), sql.Param(paging.after->sequence));
    }
    sql.text += order + " LIMIT " + sql.Param(static_cast<std::int64_t>(paging.limit) + 1);
    if (paging.offset) {
        sql.text += " OFFSET " + sql.Param(*paging.offset);
    }
    sql.text += ")" + order;
    storage::Statement statement = sql.Prepare(m_connection);
    std::vector<model::AuditEvent> events;
    while (statement.Step()) {
        events.push_back(ReadAuditRow(statement).event);
    }
    std::optional<std::string> next;
    if (static_cast<int>(events.size()) > paging.limit) {
        events.resize(paging.limit);
        next = AuditCursor{storage::ToMillis(events.back().at), events.back().sequence}.Encode();
    }
    return {std::move(events), std::move(next)};
}

std::int64_t AuditQuery::Count() {
    Sql sql;
    sql.text = "SELECT COUNT(*)";
    From(sql);
    storage::Statement statement = sql.Prepare(m_connection);
    statement.Step();
    return statement.Int(0);
}

std::int64_t AuditQuery::LatestSequence() {
    storage::Statement statement =
        m_connection.Prepare("SELECT COALESCE(MAX(sequence), 0) FROM audit_events "
                             "WHERE tenant_id = ?1");
    statement.Bind(1, m_tenantId);
    statement.Step();
    return statement.Int(0);
}

std::int64_t AuditQuery::ForEach(bool descending, int batch,
                                 const std::function<bool(const std::vector<Row>&)>& each) {
    std::optional<AuditCursor> after;
    std::int64_t visited = 0;
    std::vector<Row> rows;
    for (;;) {
        Sql sql;
        sql.text = "SELECT sequence, at, actor_login_id, actor_display_name, actor_role, "
                   "source_ip, action, target_type, target_id, target_label, result, "
                   "details_json, hash";
        From(sql, after, descending);
        if (after) {
            sql.text += fmt::format(" AND (at, sequence) {} ({}, {})", descending ? "<" : ">",
                                    sql.Param(after->atMillis), sql.Param(after->sequence));
        }
        sql.text += fmt::format(" ORDER BY at {0}, sequence {0} LIMIT {1}",
                                descending ? "DESC" : "ASC", sql.Param(std::int64_t{batch}));
        storage::Statement statement = sql.Prepare(m_connection);
        rows.clear();
        while (statement.Step()) {
            rows.push_back(Row{statement.Int(0), statement.Int(1), statement.OptionalText(2),
                               statement.OptionalText(3), statement.OptionalText(4),
                               statement.OptionalText(5), statement.Text(6),
                               statement.OptionalText(7), statement.OptionalText(8),
                               statement.OptionalText(9), statement.Text(10), statement.Text(11),
                               statement.Text(12)});
        }
        if (rows.empty()) {
            return visited;
        }
        visited += static_cast<std::int64_t>(rows.size());
        if (!each(rows)) {
            return visited;
        }
        if (static_cast<int>(rows.size()) < batch) {
            return visited;
        }
        after = AuditCursor{rows.back().atMillis, rows.back().sequence};
    }
}

AuditRow ReadAuditRow(const storage::Statement& row) {
    AuditRow read;
    model::AuditEvent& event = read.event;
    event.sequence = row.Int(0);
    event.at = row.Time(1);
    event.actor = {row.OptionalText(2), row.OptionalText(3), row.OptionalText(4),
                   row.OptionalText(5)};
    event.sourceIp = row.OptionalText(6);
    event.action = row.Text(7);
    if (auto type = row.OptionalText(8)) {
        event.target = model::AuditTarget{*type, row.OptionalText(9), row.OptionalText(10)};
    }
    const auto result = model::ParseAuditResult(row.Text(11));
    event.result = result.value_or(model::AuditResult::Failed);
    read.readable = result.has_value();
    try {
        event.details = model::Json::parse(row.Text(12));
    } catch (const model::Json::exception&) {
        read.readable = false;
    }
    event.prevHash = row.Text(13);
    event.hash = row.Text(14);
    return read;
}

} // namespace resv::server::audit
