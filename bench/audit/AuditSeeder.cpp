#include "AuditSeeder.h"

#include "AuditHistory.h"

#include "../accounts/BenchSupport.h"

#include "audit/AuditLog.h"
#include "resv/model/AuditEvent.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <time.h>

namespace resv::bench {
namespace {

constexpr std::int64_t kHourMs = 3600LL * 1000;
constexpr std::size_t kBatch = 20000;             ///< rows handed from the maker to the writer
constexpr std::int64_t kTransactionRows = 200000; ///< rows per transaction

double ThreadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

[[noreturn]] void Fail(sqlite3* db, const std::string& what) {
    throw std::runtime_error(fmt::format("seeding: {}: {}", what, sqlite3_errmsg(db)));
}

Statement Prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        Fail(db, sql);
    }
    return Statement(statement);
}

void Execute(sqlite3* db, const std::string& sql) {
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        Fail(db, sql);
    }
}

std::optional<std::string> OptionalColumn(sqlite3_stmt* row, int column) {
    const auto* text = sqlite3_column_text(row, column);
    return text ? std::optional<std::string>(reinterpret_cast<const char*>(text)) : std::nullopt;
}

/// Every row of `sql` (?1 = `parameter`) as optional texts.
std::vector<std::vector<std::optional<std::string>>> Rows(sqlite3* db, const std::string& sql,
                                                          const std::string& parameter) {
    Statement query = Prepare(db, sql);
    sqlite3_bind_text(query.get(), 1, parameter.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::vector<std::optional<std::string>>> rows;
    while (sqlite3_step(query.get()) == SQLITE_ROW) {
        auto& row = rows.emplace_back();
        for (int i = 0; i < sqlite3_column_count(query.get()); ++i) {
            row.push_back(OptionalColumn(query.get(), i));
        }
    }
    return rows;
}

AuditWorld LoadWorld(sqlite3* db, const std::string& tenantId) {
    AuditWorld world;
    const auto accounts = Rows(db,
                               "SELECT a.id, a.login_id, a.display_name, (SELECT role FROM "
                               "account_roles r WHERE r.account_id = a.id ORDER BY role LIMIT 1) "
                               "FROM accounts a WHERE tenant_id = ?1 ORDER BY login_id",
                               tenantId);
    std::optional<model::AuditActor> common;
    std::vector<model::AuditActor> others;
    for (const auto& row : accounts) {
        model::AuditActor actor{row[0], row[1], row[2], row[3]};
        if (actor.loginId == kCommonActor) {
            common = actor;
        } else {
            others.push_back(actor);
        }
    }
    if (!common) {
        throw std::runtime_error(fmt::format("seeding: no account {} in the tenant", kCommonActor));
    }
    AddPeople(world, *common, others);
    for (const auto& row : Rows(db,
                                "SELECT t.id, t.name, t.ip_address, t.kind, t.facility_id, "
                                "f.jurisdiction_id FROM terminals t JOIN facilities f ON f.id = "
                                "t.facility_id WHERE t.tenant_id = ?1 ORDER BY t.id",
                                tenantId)) {
        (row[3] == "kiosk" ? world.kiosks : world.agents)
            .push_back({*row[0], *row[1], *row[2], *row[4], *row[5]});
    }
    for (const auto& row : Rows(db,
                                "SELECT id, name, jurisdiction_id FROM facilities WHERE "
                                "tenant_id = ?1 ORDER BY id",
                                tenantId)) {
        world.facilities.push_back({*row[0], *row[1], "", *row[0], *row[2]});
    }
    for (const auto& row : Rows(
             db, "SELECT id, name FROM jurisdictions WHERE tenant_id = ?1 ORDER BY id", tenantId)) {
        world.jurisdictions.push_back({*row[0], *row[1], "", "", *row[0]});
    }
    if (world.kiosks.empty() || world.agents.empty() || world.facilities.empty()) {
        throw std::runtime_error("seeding: the tenant has no terminals or facilities (SeedDemo?)");
    }
    return world;
}

class BatchQueue {
public:
    /// False once the writer gave up.
    bool Push(std::vector<SeedRow> batch) {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_batches.size() < 4 || m_stopped; });
        if (m_stopped) {
            return false;
        }
        m_batches.push_back(std::move(batch));
        m_ready.notify_one();
        return true;
    }
    /// Empty at the end.
    std::vector<SeedRow> Pop() {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_batches.empty(); });
        auto batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_space.notify_one();
        return batch;
    }
    void Stop() {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_space.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_space;
    std::deque<std::vector<SeedRow>> m_batches;
    bool m_stopped = false;
};

// The batch outlives the statement's step: no copies.
void BindOptional(sqlite3_stmt* s, int index, const std::optional<std::string>& text) {
    if (text) {
        sqlite3_bind_text(s, index, text->data(), static_cast<int>(text->size()), SQLITE_STATIC);
    } else {
        sqlite3_bind_null(s, index);
    }
}

void BindText(sqlite3_stmt* s, int index, const std::string& text) {
    sqlite3_bind_text(s, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

} // namespace

AuditSeedResult SeedAuditEvents(const AuditSeedSpec& spec) {
    const auto start = Clock::now();
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(spec.database.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        Db failed(raw);
        Fail(raw, "cannot open " + spec.database.string());
    }
    Db db(raw);
    // The server is stopped: nobody else reads, so no write-ahead log and no syncs while seeding.
    Execute(db.get(), "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; "
                      "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY");
    AuditSeedResult result;
    const auto tenants = Rows(db.get(), "SELECT id FROM tenants WHERE code = ?1", spec.tenantCode);
    if (tenants.empty()) {
        throw std::runtime_error("seeding: no tenant " + spec.tenantCode);
    }
    result.tenantId = *tenants.front()[0];
    std::int64_t sequence = 1;
    std::string prevHash = server::audit::kGenesisHash;
    const auto last = Rows(db.get(),
                           "SELECT sequence, hash FROM audit_events WHERE tenant_id = ?1 "
                           "ORDER BY sequence DESC LIMIT 1",
                           result.tenantId);
    if (!last.empty()) {
        sequence = std::stoll(*last.front()[0]) + 1;
        prevHash = *last.front()[1];
    }
    result.firstSequence = sequence;
    const std::int64_t to = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count() -
                            60 * 1000;
    const std::int64_t from = to - spec.days * 24 * kHourMs;

    EventMaker maker(LoadWorld(db.get(), result.tenantId), spec.events, from, to, sequence,
                     prevHash);
    BatchQueue queue;
    double makerCpu = 0;
    std::thread making([&] {
        for (;;) {
            auto batch = maker.Next(kBatch);
            const bool end = batch.empty();
            if (!queue.Push(std::move(batch)) || end) {
                break;
            }
        }
        makerCpu = ThreadCpuSeconds();
    });
    const double writerCpuStart = ThreadCpuSeconds();
    try {
        // The place of a facility's or terminal's event, where the schema records it (the
        // migration after the usage history's first).
        const bool places = !Rows(db.get(),
                                  "SELECT name FROM pragma_table_info('audit_events') WHERE "
                                  "name = ?1",
                                  "place_facility_id")
                                 .empty();
        Statement insert = Prepare(
            db.get(),
            std::string("INSERT INTO audit_events(tenant_id, sequence, at, actor_id, "
                        "actor_login_id, actor_display_name, actor_role, source_ip, action, "
                        "category, target_type, target_id, target_label, result, details_json, "
                        "prev_hash, hash") +
                (places ? ", place_facility_id, place_jurisdiction_id" : "") +
                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                "?16, ?17" +
                (places ? ", ?18, ?19" : "") + ")");
        sqlite3_stmt* s = insert.get();
        BindText(s, 1, result.tenantId); // bound once: a reset keeps the bindings
        Execute(db.get(), "BEGIN");
        std::int64_t inTransaction = 0;
        for (;;) {
            const auto batch = queue.Pop();
            if (batch.empty()) {
                break;
            }
            for (const auto& [event, category, detailsJson, facility, jurisdiction] : batch) {
                sqlite3_bind_int64(s, 2, event.sequence);
                sqlite3_bind_int64(s, 3, event.at.time_since_epoch().count());
                BindOptional(s, 4, event.actor.id);
                BindOptional(s, 5, event.actor.loginId);
                BindOptional(s, 6, event.actor.displayName);
                BindOptional(s, 7, event.actor.role);
                BindOptional(s, 8, event.sourceIp);
                BindText(s, 9, event.action);
                BindText(s, 10, category);
                if (event.target) {
                    BindText(s, 11, event.target->type);
                    BindOptional(s, 12, event.target->id);
                    BindOptional(s, 13, event.target->label);
                } else {
                    for (const int column : {11, 12, 13}) {
                        sqlite3_bind_null(s, column);
                    }
                }
                sqlite3_bind_text(s, 14, model::ToString(event.result), -1, SQLITE_STATIC);
                BindText(s, 15, detailsJson);
                BindText(s, 16, event.prevHash);
                BindText(s, 17, event.hash);
                if (places) {
                    BindOptional(s, 18, facility);
                    BindOptional(s, 19, jurisdiction);
                }
                if (sqlite3_step(s) != SQLITE_DONE) {
                    Fail(db.get(), "insert an event");
                }
                sqlite3_reset(s);
                result.lastSequence = event.sequence;
                ++result.events;
                if (++inTransaction == kTransactionRows) {
                    Execute(db.get(), "COMMIT; BEGIN");
                    inTransaction = 0;
                }
            }
        }
        Execute(db.get(), "COMMIT");
        // Back to the server's mode. No ANALYZE: the server never runs it, so its query plans are
        // made without statistics, and so are the ones measured here.
        Execute(db.get(), "PRAGMA journal_mode = WAL");
    } catch (...) {
        queue.Stop();
        making.join();
        throw;
    }
    result.writerCpuSeconds = ThreadCpuSeconds() - writerCpuStart;
    making.join();
    result.makerCpuSeconds = makerCpu;
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::error_code ignored;
    result.databaseBytes =
        static_cast<std::int64_t>(std::filesystem::file_size(spec.database, ignored));
    return result;
}

} // namespace resv::bench
