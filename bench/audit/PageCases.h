#pragma once
// The usage-history cases the bench measures, and the SQL resv-server runs for each: rebuilt here
// exactly as server/audit/AuditQuery.cpp builds it (From, Page, Count), so that the sqlite3 shell
// runs the same text with the same bound values. The bench checks that the shell returns the
// server's events, so a change on one side and not the other stops the run instead of measuring
// something else.

#include "../accounts/SqliteCli.h"

#include "resv/client/ApiClient.h"
#include "resv/client/AuditApi.h"

#include <cstdint>
#include <string>
#include <vector>

namespace resv::bench {

enum class CaseKind { Page, Count };

struct AuditCase {
    std::string name;
    CaseKind kind = CaseKind::Page;
    client::AuditQuery query;
    bool scans = false; ///< the free text: no index can find its rows, it is expected to be slow
};

/// What the cases are built from, learnt from the seeded tenant through the API.
struct CaseContext {
    std::int64_t total = 0;   ///< every event of the tenant
    model::TimePoint dayFrom; ///< a JST day in the middle of the history, 00:00 +09:00
    model::TimePoint dayTo;   ///< the next day's 00:00 +09:00
    std::string deepCursor;   ///< next_cursor of the page ending at row 600,000 (newest first)
    // The screen's queries (views/usage/UsageHistoryPresenter.cpp): from = 00:00 JST of the first
    // day, to pinned 1 ms after the newest event.
    model::TimePoint pinnedTo;     ///< the newest event's time + 1 ms
    model::TimePoint weekFrom;     ///< "Last 7 days", the screen's default: today and 6 days before
    model::TimePoint historyFrom;  ///< "Custom" from the oldest event's JST day: every event
    std::int64_t historyTotal = 0; ///< the count under that query
    std::string historyDeepCursor; ///< next_cursor at row 600,000 under that query
};

/// Learns the total and the deep cursor from the server (through `client`).
CaseContext LearnContext(client::ApiClient& client);

/// The page and count cases of part 1.
std::vector<AuditCase> DefaultCases(const CaseContext& context);

/// AuditQuery::Page's statement for `query` (the manager sees every event: no scope clause).
BoundSql PageSql(const client::AuditQuery& query, const std::string& tenantId);
/// AuditQuery::Count's statement, and LatestSequence's (run for /count as well).
BoundSql CountSql(const client::AuditQuery& query, const std::string& tenantId);
BoundSql LatestSequenceSql(const std::string& tenantId);

/// The case's answer through the client, to compare the shell's with.
struct Answer {
    std::vector<std::int64_t> sequences; ///< of a page's events, in order
    std::int64_t count = -1;             ///< of a count
};

/// One request through the client; `ms` gets the time from the call to the parsed answer.
Answer Request(client::ApiClient& client, const AuditCase& audit, double& ms);

} // namespace resv::bench
