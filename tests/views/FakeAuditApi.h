#pragma once
// An IAuditApi in memory for presenter tests: events filter, order and page as the server does
// them (keyset cursors "at:sequence", offsets, both orders), count and latest sequence, a
// verification answer the test sets, and an export that reports progress every few rows and
// stops when the progress callback says so. A test may set the error the next call throws and a
// hook that runs inside the next list call (to add events while the screen loads). Calls and
// queries are recorded under a lock.

#include "resv/client/ApiError.h"
#include "resv/client/AuditApi.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace resv::views::test {

class FakeAuditApi final : public client::IAuditApi {
public:
    std::vector<model::AuditEvent> events;     ///< in any order
    std::optional<client::ApiError> nextError; ///< thrown by the next call, then cleared
    std::vector<std::string> calls;
    std::vector<client::AuditQuery> queries; ///< list, count and export, in order
    model::AuditVerification verification;
    /// Runs once, inside the next ListAuditEvents, after it has answered.
    std::function<void()> afterNextList;
    /// The export reports progress after this many rows (and at the end).
    std::int64_t exportChunk = 10;
    /// Called with the rows written at each progress report, before the callback.
    std::function<void(std::int64_t)> onExportProgress;

    std::vector<std::string> Calls() {
        std::lock_guard lock(m_mutex);
        return calls;
    }
    std::vector<client::AuditQuery> Queries() {
        std::lock_guard lock(m_mutex);
        return queries;
    }
    long CountOf(const std::string& call) {
        std::lock_guard lock(m_mutex);
        return std::count(calls.begin(), calls.end(), call);
    }

    model::Page<model::AuditEvent> ListAuditEvents(const client::AuditQuery& query) override {
        Call("ListAuditEvents", query);
        auto matching = Matching(query);
        std::size_t start = 0;
        if (query.cursor) {
            const auto colon = query.cursor->find(':');
            const std::tuple key{std::stoll(query.cursor->substr(0, colon)),
                                 std::stoll(query.cursor->substr(colon + 1))};
            while (start < matching.size() && !After(Key(matching[start]), key, query)) {
                ++start;
            }
        } else if (query.offset) {
            start = static_cast<std::size_t>(*query.offset);
        }
        model::Page<model::AuditEvent> page;
        for (std::size_t i = start;
             i < matching.size() && page.items.size() < static_cast<std::size_t>(query.limit);
             ++i) {
            page.items.push_back(matching[i]);
        }
        if (!page.items.empty() && start + page.items.size() < matching.size()) {
            const auto& last = page.items.back();
            page.nextCursor = std::to_string(last.at.time_since_epoch().count()) + ":" +
                              std::to_string(last.sequence);
        }
        if (auto hook = std::exchange(afterNextList, nullptr)) {
            hook();
        }
        return page;
    }

    model::AuditCount CountAuditEvents(const client::AuditQuery& query) override {
        Call("CountAuditEvents", query);
        model::AuditCount count;
        count.count = static_cast<std::int64_t>(Matching(query).size());
        for (const auto& e : events) {
            count.latestSequence = std::max(count.latestSequence, e.sequence);
        }
        return count;
    }

    model::AuditVerification VerifyAuditLog() override {
        Call("VerifyAuditLog", {});
        return verification;
    }

    void ExportAuditCsv(const client::AuditQuery& query, client::CsvEncoding,
                        const std::filesystem::path& file,
                        const client::ExportProgress& progress) override {
        Call("ExportAuditCsv", query);
        const auto matching = Matching(query);
        std::string csv = "sequence,action\r\n";
        std::int64_t rows = 0;
        for (const auto& e : matching) {
            csv += std::to_string(e.sequence) + "," + e.action + "\r\n";
            ++rows;
            if (rows % exportChunk == 0 || rows == static_cast<std::int64_t>(matching.size())) {
                if (onExportProgress) {
                    onExportProgress(rows);
                }
                if (progress && !progress(rows)) {
                    throw client::ApiError(client::ApiError::Kind::Cancelled, "cancelled");
                }
            }
        }
        std::ofstream(file, std::ios::binary) << csv;
    }

private:
    using SortKey = std::tuple<std::int64_t, std::int64_t>;

    static SortKey Key(const model::AuditEvent& e) {
        return {e.at.time_since_epoch().count(), e.sequence};
    }
    static bool After(const SortKey& row, const SortKey& cursor, const client::AuditQuery& q) {
        return q.descending ? row < cursor : cursor < row;
    }

    static bool Has(const std::string& text, const std::string& part) {
        return text.find(part) != std::string::npos;
    }

    std::vector<model::AuditEvent> Matching(const client::AuditQuery& q) const {
        std::vector<model::AuditEvent> matching;
        for (const auto& e : events) {
            const bool action = q.action.empty() || e.action == q.action ||
                                (q.action.ends_with('.') && e.action.starts_with(q.action));
            const bool text =
                q.q.empty() || Has(e.action, q.q) || Has(e.actor.loginId.value_or(""), q.q) ||
                Has(e.actor.displayName.value_or(""), q.q) || Has(e.details.dump(), q.q);
            if ((!q.from || e.at >= *q.from) && (!q.to || e.at < *q.to) &&
                (q.actor.empty() || e.actor.loginId == q.actor) && action &&
                (!q.result || e.result == *q.result) &&
                (q.targetType.empty() || (e.target && e.target->type == q.targetType)) && text) {
                matching.push_back(e);
            }
        }
        std::sort(matching.begin(), matching.end(), [&](const auto& a, const auto& b) {
            return q.descending ? Key(b) < Key(a) : Key(a) < Key(b);
        });
        return matching;
    }

    void Call(const char* name, const client::AuditQuery& query) {
        {
            std::lock_guard lock(m_mutex);
            calls.push_back(name);
            queries.push_back(query);
        }
        if (nextError) {
            const client::ApiError error = *nextError;
            nextError.reset();
            throw error;
        }
    }

    std::mutex m_mutex;
};

/// Event `sequence` at `at`, by `loginId`, with `action` and a before/after in its details.
inline model::AuditEvent AuditEventAt(std::int64_t sequence, model::TimePoint at,
                                      std::string action = "account.update",
                                      std::string loginId = "manager") {
    model::AuditEvent e;
    e.sequence = sequence;
    e.at = at;
    e.actor.id = "acc_1";
    e.actor.loginId = std::move(loginId);
    e.actor.displayName = "Yamada Hanako";
    e.actor.role = "customermanager";
    e.sourceIp = "192.0.2.10";
    e.action = std::move(action);
    e.target = model::AuditTarget{"account", "acc_" + std::to_string(sequence), "frontdesk"};
    e.details = {{"before", {{"display_name", "Sato"}, {"email", "a@example.jp"}}},
                 {"after", {{"display_name", "Suzuki"}, {"email", "a@example.jp"}}}};
    e.hash = "h" + std::to_string(sequence);
    return e;
}

/// `count` events one minute apart, ending at `last` (sequence 1 is the oldest).
inline void FillAuditEvents(FakeAuditApi& api, std::int64_t count, model::TimePoint last) {
    for (std::int64_t i = 1; i <= count; ++i) {
        api.events.push_back(AuditEventAt(i, last - std::chrono::minutes(count - i)));
    }
}

} // namespace resv::views::test
