#include "PageCases.h"

#include "AuditSeeder.h"

#include <fmt/format.h>

#include <stdexcept>

namespace resv::bench {
namespace {

// Copied from server/audit/AuditQuery.cpp (kColumns, From, Page, Count, LatestSequence): if the
// server's SQL changes, change it here too. The bench compares the shell's rows with the
// server's, so a difference shows as an error rather than as a wrong baseline.
constexpr const char* kColumns =
    "sequence, at, actor_id, actor_login_id, actor_display_name, actor_role, source_ip, action, "
    "target_type, target_id, target_label, result, details_json, prev_hash, hash";

constexpr std::int64_t kDeepRow = 600000;

class Sql {
public:
    BoundSql bound;

    std::string Param(SqlValue value) {
        bound.values.push_back(std::move(value));
        return "?" + std::to_string(bound.values.size());
    }
};

std::int64_t Millis(model::TimePoint t) {
    return t.time_since_epoch().count();
}

std::string LikeEscaped(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            escaped += '\\';
        }
        escaped += c;
    }
    return escaped;
}

void From(Sql& sql, const client::AuditQuery& q, const std::string& tenantId) {
    std::string& text = sql.bound.sql;
    text += " FROM audit_events WHERE tenant_id = " + sql.Param(tenantId);
    if (q.from) {
        text += " AND at >= " + sql.Param(Millis(*q.from));
    }
    if (q.to) {
        text += " AND at < " + sql.Param(Millis(*q.to));
    }
    if (!q.actor.empty()) {
        text += " AND actor_login_id = " + sql.Param(q.actor);
    }
    if (!q.action.empty()) {
        if (q.action.back() != '.') {
            text += " AND action = " + sql.Param(q.action);
        } else {
            const std::string category = q.action.substr(0, q.action.find('.'));
            text += " AND category = " + sql.Param(category);
            if (q.action.size() > category.size() + 1) {
                std::string end = q.action;
                end.back() = '/';
                // One expression, as the server writes it: the same compiler numbers the two
                // parameters in the same (unspecified) order.
                text += " AND action >= " + sql.Param(q.action) + " AND action < " + sql.Param(end);
            }
        }
    }
    if (q.result) {
        text += " AND result = " + sql.Param(std::string(model::ToString(*q.result)));
    }
    if (!q.targetType.empty()) {
        text += " AND target_type = " + sql.Param(q.targetType);
    }
    if (!q.q.empty()) {
        const std::string pattern = sql.Param("%" + LikeEscaped(q.q) + "%");
        text += " AND (COALESCE(actor_login_id, '') || ' ' || COALESCE(actor_display_name, '') || "
                "' ' || action || ' ' || COALESCE(target_label, '') || ' ' || "
                "COALESCE(target_id, '') || ' ' || COALESCE(source_ip, '') || ' ' || "
                "details_json) LIKE " +
                pattern + " ESCAPE '\\'";
    }
}

/// The server's cursor: "e<at ms>_<sequence>".
std::pair<std::int64_t, std::int64_t> DecodeCursor(const std::string& cursor) {
    const auto separator = cursor.find('_');
    if (cursor.size() < 4 || cursor.front() != 'e' || separator == std::string::npos) {
        throw std::runtime_error("a cursor this bench cannot read: " + cursor);
    }
    return {std::stoll(cursor.substr(1, separator - 1)), std::stoll(cursor.substr(separator + 1))};
}

/// The request the console's page cache (views/usage/AuditPageCache.cpp, RequestFor) makes for
/// the page holding `row` when no neighbour is loaded: an offset, from the other end past half.
client::AuditQuery ConsoleJump(std::int64_t total, std::int64_t row) {
    constexpr std::int64_t kPageSize = 100;
    const std::int64_t start = row / kPageSize * kPageSize;
    const std::int64_t rows = std::min(kPageSize, total - start);
    const std::int64_t fromEnd = total - start - rows;
    client::AuditQuery query;
    query.limit = static_cast<int>(rows);
    if (fromEnd < start) {
        query.descending = false;
        if (fromEnd > 0) {
            query.offset = fromEnd;
        }
    } else if (start > 0) {
        query.offset = start;
    }
    return query;
}

/// 00:00 JST of the day `t` falls on, as a UTC instant.
model::TimePoint JstDayOf(model::TimePoint t) {
    const std::chrono::year_month_day date{
        std::chrono::floor<std::chrono::days>(t + model::kJstOffset)};
    return model::JstDayStart(int(date.year()), unsigned(date.month()), unsigned(date.day()));
}

std::string DayText(model::TimePoint dayStartUtc) {
    const auto local = std::chrono::floor<std::chrono::days>(dayStartUtc + model::kJstOffset);
    const std::chrono::year_month_day date{local};
    return fmt::format("{:04}-{:02}-{:02}", int(date.year()), unsigned(date.month()),
                       unsigned(date.day()));
}

} // namespace

CaseContext LearnContext(client::ApiClient& client) {
    CaseContext context;
    context.total = client.CountAuditEvents({}).count;
    if (context.total < kDeepRow + 1000) {
        throw std::runtime_error(fmt::format("the tenant has {} events: the cases need over {}",
                                             context.total, kDeepRow + 1000));
    }
    client::AuditQuery newest;
    newest.limit = 1;
    const model::TimePoint newestAt = client.ListAuditEvents(newest).items.at(0).at;
    client::AuditQuery oldest = newest;
    oldest.descending = false;
    const model::TimePoint oldestAt = client.ListAuditEvents(oldest).items.at(0).at;
    // The JST day 45 days before the newest event: in the middle of the 90 days.
    context.dayFrom = JstDayOf(newestAt - std::chrono::days(45));
    context.dayTo = context.dayFrom + std::chrono::days(1);
    context.pinnedTo = newestAt + std::chrono::milliseconds(1);
    context.weekFrom = JstDayOf(newestAt) - std::chrono::days(6);
    context.historyFrom = JstDayOf(oldestAt);
    client::AuditQuery history;
    history.from = context.historyFrom;
    history.to = context.pinnedTo;
    context.historyTotal = client.CountAuditEvents(history).count;
    client::AuditQuery deep;
    deep.offset = kDeepRow - 100;
    const auto before = client.ListAuditEvents(deep);
    if (!before.nextCursor) {
        throw std::runtime_error("no next_cursor at row 600,000");
    }
    context.deepCursor = *before.nextCursor;
    history.offset = deep.offset;
    const auto screenBefore = client.ListAuditEvents(history);
    if (!screenBefore.nextCursor) {
        throw std::runtime_error("no next_cursor at row 600,000 of the whole history");
    }
    context.historyDeepCursor = *screenBefore.nextCursor;
    return context;
}

std::vector<AuditCase> DefaultCases(const CaseContext& context) {
    const auto page = [](std::string name, const auto& fill) {
        AuditCase audit{std::move(name), CaseKind::Page, {}, false};
        fill(audit.query);
        return audit;
    };
    const auto day = [&](client::AuditQuery& q) {
        q.from = context.dayFrom;
        q.to = context.dayTo;
    };
    const std::string dayName = "JST day " + DayText(context.dayFrom);
    std::vector<AuditCase> cases{
        page("newest page (no filter)", [](auto&) {}),
        page(dayName + ", newest first", day),
        page(fmt::format("actor={} (rare)", kRareActor), [](auto& q) { q.actor = kRareActor; }),
        page(fmt::format("actor={} (common)", kCommonActor),
             [](auto& q) { q.actor = kCommonActor; }),
        page("action=account. (prefix)", [](auto& q) { q.action = "account."; }),
        page("action=session.login_failed", [](auto& q) { q.action = "session.login_failed"; }),
        page("result=denied", [](auto& q) { q.result = model::AuditResult::Denied; }),
        page("target_type=facility", [](auto& q) { q.targetType = "facility"; }),
        page(dayName + " + actor=" + kCommonActor,
             [&](auto& q) {
                 day(q);
                 q.actor = kCommonActor;
             }),
        page(dayName + " + result=denied",
             [&](auto& q) {
                 day(q);
                 q.result = model::AuditResult::Denied;
             }),
        page("keyset page after row 600,000 (cursor)",
             [&](auto& q) { q.cursor = context.deepCursor; }),
    };
    // The screen over the whole history (Custom, every day): its first page, and scroll-bar
    // jumps as its page cache asks for them.
    const auto screen = [&](client::AuditQuery& q) {
        q.from = context.historyFrom;
        q.to = context.pinnedTo;
    };
    cases.push_back(page("screen: last 7 days (default), first page", [&](auto& q) {
        q.from = context.weekFrom;
        q.to = context.pinnedTo;
    }));
    cases.push_back(page("screen: whole history, first page", screen));
    // Scrolling on from a loaded page: the next one by its cursor, under the pinned time range.
    cases.push_back(page("screen: next page after row 600,000 (cursor)", [&](auto& q) {
        screen(q);
        q.cursor = context.historyDeepCursor;
    }));
    const std::int64_t rows = context.historyTotal;
    for (const auto& [where, row] : {std::pair<const char*, std::int64_t>{"the middle", rows / 2},
                                     {"3/4", rows * 3 / 4},
                                     {"the last row", rows - 1}}) {
        AuditCase audit{"", CaseKind::Page, ConsoleJump(rows, row), false};
        screen(audit.query);
        audit.name = fmt::format(
            "screen: jump to {} ({}{})", where, audit.query.descending ? "desc" : "asc",
            audit.query.offset ? fmt::format(", offset {}", *audit.query.offset) : std::string());
        cases.push_back(std::move(audit));
    }
    AuditCase common = page("q=田中 (free text, common)", [](auto& q) { q.q = "田中"; });
    common.scans = true;
    cases.push_back(common);
    AuditCase rare = page("q=kansa (free text, rare)", [](auto& q) { q.q = "kansa"; });
    rare.scans = true;
    cases.push_back(rare);

    const auto count = [](std::string name, const auto& fill) {
        AuditCase audit{std::move(name), CaseKind::Count, {}, false};
        fill(audit.query);
        return audit;
    };
    cases.push_back(count("count (no filter)", [](auto&) {}));
    cases.push_back(count("screen: count last 7 days", [&](auto& q) {
        q.from = context.weekFrom;
        q.to = context.pinnedTo;
    }));
    cases.push_back(count("screen: count whole history", screen));
    cases.push_back(count("count " + dayName, day));
    cases.push_back(count(fmt::format("count actor={}", kCommonActor),
                          [](auto& q) { q.actor = kCommonActor; }));
    cases.push_back(
        count("count result=denied", [](auto& q) { q.result = model::AuditResult::Denied; }));
    return cases;
}

BoundSql PageSql(const client::AuditQuery& q, const std::string& tenantId) {
    const char* direction = q.descending ? "DESC" : "ASC";
    const std::string order = fmt::format(" ORDER BY at {0}, sequence {0}", direction);
    Sql sql;
    std::string& text = sql.bound.sql;
    text = fmt::format("SELECT {} FROM audit_events WHERE id IN (SELECT id", kColumns);
    From(sql, q, tenantId);
    if (q.cursor) {
        const auto [at, sequence] = DecodeCursor(*q.cursor);
        text += fmt::format(" AND (at, sequence) {} ({}, {})", q.descending ? "<" : ">",
                            sql.Param(at), sql.Param(sequence));
    }
    text += order + " LIMIT " + sql.Param(static_cast<std::int64_t>(q.limit) + 1);
    if (q.offset) {
        text += " OFFSET " + sql.Param(*q.offset);
    }
    text += ")" + order;
    return std::move(sql.bound);
}

BoundSql CountSql(const client::AuditQuery& q, const std::string& tenantId) {
    Sql sql;
    sql.bound.sql = "SELECT COUNT(*)";
    From(sql, q, tenantId);
    return std::move(sql.bound);
}

BoundSql LatestSequenceSql(const std::string& tenantId) {
    return {"SELECT COALESCE(MAX(sequence), 0) FROM audit_events WHERE tenant_id = ?1", {tenantId}};
}

Answer Request(client::ApiClient& client, const AuditCase& audit, double& ms) {
    Answer answer;
    const auto start = Clock::now();
    if (audit.kind == CaseKind::Count) {
        answer.count = client.CountAuditEvents(audit.query).count;
        ms = Ms(Clock::now() - start);
        return answer;
    }
    const auto page = client.ListAuditEvents(audit.query);
    ms = Ms(Clock::now() - start);
    for (const auto& event : page.items) {
        answer.sequences.push_back(event.sequence);
    }
    return answer;
}

} // namespace resv::bench
