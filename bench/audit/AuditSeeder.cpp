#include "AuditSeeder.h"

#include "../accounts/BenchSupport.h"

#include "audit/AuditLog.h"
#include "resv/model/AuditEvent.h"
#include "resv/model/Json.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include <time.h>

namespace resv::bench {
namespace {

using model::Json;

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

struct Named {
    std::string id;
    std::string name;
    std::string extra; ///< a terminal's IP, a facility's jurisdiction
};

/// What the events are about: the tenant's people, terminals, facilities and jurisdictions.
struct World {
    std::vector<model::AuditActor> people; ///< people[0] is the common actor, people[1] the rare
    std::vector<double> peopleWeights;
    std::vector<Named> kiosks;
    std::vector<Named> agents;
    std::vector<Named> facilities;
    std::vector<Named> jurisdictions;
};

constexpr std::array<const char*, 24> kFamily{
    "sato",     "suzuki",    "takahashi", "tanaka", "ito",     "watanabe",
    "yamamoto", "nakamura",  "kobayashi", "kato",   "yoshida", "yamada",
    "sasaki",   "yamaguchi", "matsumoto", "inoue",  "kimura",  "hayashi",
    "saito",    "shimizu",   "yamazaki",  "mori",   "ikeda",   "abe"};
constexpr std::array<const char*, 24> kFamilyKanji{
    "佐藤", "鈴木", "高橋", "田中", "伊藤",   "渡辺", "山本", "中村",
    "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上",
    "木村", "林",   "斎藤", "清水", "山崎",   "森",   "池田", "阿部"};
constexpr std::array<const char*, 12> kGiven{"shota", "daisuke", "kenta",  "haruto",
                                             "ren",   "yui",     "hanako", "misaki",
                                             "aoi",   "sakura",  "makoto", "ai"};
constexpr std::array<const char*, 12> kGivenKanji{"翔太", "大輔", "健太", "陽翔",   "蓮", "結衣",
                                                  "花子", "美咲", "葵",   "さくら", "誠", "愛"};

World LoadWorld(sqlite3* db, const std::string& tenantId) {
    World world;
    const auto accounts = Rows(db,
                               "SELECT a.id, a.login_id, a.display_name, (SELECT role FROM "
                               "account_roles r WHERE r.account_id = a.id ORDER BY role LIMIT 1) "
                               "FROM accounts a WHERE tenant_id = ?1 ORDER BY login_id",
                               tenantId);
    std::optional<model::AuditActor> common;
    for (const auto& row : accounts) {
        model::AuditActor actor{row[0], row[1], row[2], row[3]};
        if (actor.loginId == kCommonActor) {
            common = actor;
        } else {
            world.people.push_back(actor);
        }
    }
    if (!common) {
        throw std::runtime_error(fmt::format("seeding: no account {} in the tenant", kCommonActor));
    }
    world.people.insert(world.people.begin(), *common);
    world.people.insert(world.people.begin() + 1,
                        model::AuditActor{"acc_kansatantobenchaudit0000", kRareActor, "監査 担当",
                                          "customermanager_viewer"});
    // Front-desk staff who never had an account in this database: history outlives accounts.
    for (std::size_t f = 0; f < kFamily.size(); ++f) {
        for (std::size_t g = 0; g < kGiven.size(); g += 1 + f % 3) {
            const std::string login = fmt::format("{}.{}", kGiven[g], kFamily[f]);
            world.people.push_back({"acc_bench" + login, login,
                                    fmt::format("{} {}", kFamilyKanji[f], kGivenKanji[g]),
                                    g % 5 == 0 ? "customermanager" : "customeremployee"});
        }
    }
    // The common actor about a tenth of everything (a third of what people do), the rare one a
    // few dozen events, the rest falling off with their rank.
    world.peopleWeights.assign(world.people.size(), 0);
    double rest = 0;
    for (std::size_t i = 2; i < world.people.size(); ++i) {
        world.peopleWeights[i] = 1.0 / static_cast<double>(i);
        rest += world.peopleWeights[i];
    }
    world.peopleWeights[0] = rest * 0.5;
    world.peopleWeights[1] = (rest * 1.5) * 0.00017;
    for (const auto& row :
         Rows(db,
              "SELECT id, name, ip_address, kind FROM terminals WHERE tenant_id = ?1 ORDER BY id",
              tenantId)) {
        (row[3] == "kiosk" ? world.kiosks : world.agents).push_back({*row[0], *row[1], *row[2]});
    }
    for (const auto& row : Rows(db,
                                "SELECT id, name, jurisdiction_id FROM facilities WHERE "
                                "tenant_id = ?1 ORDER BY id",
                                tenantId)) {
        world.facilities.push_back({*row[0], *row[1], *row[2]});
    }
    for (const auto& row : Rows(
             db, "SELECT id, name FROM jurisdictions WHERE tenant_id = ?1 ORDER BY id", tenantId)) {
        world.jurisdictions.push_back({*row[0], *row[1], ""});
    }
    if (world.kiosks.empty() || world.agents.empty() || world.facilities.empty()) {
        throw std::runtime_error("seeding: the tenant has no terminals or facilities (SeedDemo?)");
    }
    return world;
}

struct ActionWeight {
    const char* action;
    double weight;
};

// A hotel chain's month: the KIOSK calls and the front desk's sign-ins dominate; changes are few.
constexpr std::array<ActionWeight, 34> kActions{{
    {"terminal.call", 38},
    {"session.login", 17},
    {"session.logout", 13},
    {"session.login_failed", 3},
    {"account.lockout", 0.15},
    {"request.denied", 2.2},
    {"session.revoke", 0.4},
    {"account.update", 2.5},
    {"account.create", 0.4},
    {"account.delete", 0.08},
    {"account.disable", 0.1},
    {"account.enable", 0.06},
    {"account.unlock", 0.12},
    {"account.reset_password", 0.15},
    {"account.password_change", 1.2},
    {"account.export", 0.1},
    {"account.import", 0.02},
    {"role.create", 0.02},
    {"role.update", 0.06},
    {"role.delete", 0.01},
    {"jurisdiction.create", 0.01},
    {"jurisdiction.update", 0.03},
    {"facility.create", 0.03},
    {"facility.update", 0.8},
    {"facility.delete", 0.01},
    {"terminal.create", 0.05},
    {"terminal.update", 0.8},
    {"terminal.delete", 0.02},
    {"terminal.rotate_token", 0.1},
    {"terminal.config.update", 1.2},
    {"terminal.config.applied", 2.6},
    {"terminal.config.failed", 0.15},
    {"terminal.config.rollback", 0.05},
    {"audit.export", 0.03},
}};

constexpr std::array<const char*, 6> kDeniedRoutes{"GET /api/v1/accounts",
                                                   "POST /api/v1/accounts",
                                                   "GET /api/v1/roles",
                                                   "DELETE /api/v1/facilities/{id}",
                                                   "GET /api/v1/audit-events/export.csv",
                                                   "PATCH /api/v1/terminals/{id}"};
constexpr std::array<const char*, 5> kCallResults{"completed", "completed", "completed",
                                                  "abandoned", "failed"};

/// An event as the INSERT binds it, made on the maker thread so that the writer only binds.
struct Row {
    model::AuditEvent event;
    std::string category;
    std::string detailsJson;
};

/// Makes the events in order and chains them.
class EventMaker {
public:
    EventMaker(World world, std::int64_t count, std::int64_t fromMs, std::int64_t toMs,
               std::int64_t firstSequence, std::string prevHash)
        : m_world(std::move(world))
        , m_count(count)
        , m_from(fromMs)
        , m_sequence(firstSequence)
        , m_prevHash(std::move(prevHash))
        , m_random(20261128)
        , m_people(m_world.peopleWeights.begin(), m_world.peopleWeights.end()) {
        std::vector<double> weights;
        for (const auto& a : kActions) {
            weights.push_back(a.weight);
        }
        m_actions = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
        // Busier from 08:00 to 22:00 JST: the cumulative weight of every hour, to place event i
        // at the i-th quantile.
        const std::int64_t hours = (toMs - fromMs) / kHourMs;
        double total = 0;
        for (std::int64_t h = 0; h < hours; ++h) {
            const int jstHour = static_cast<int>(((fromMs + h * kHourMs) / kHourMs + 9) % 24);
            total += jstHour >= 8 && jstHour < 22 ? 10.0 : 1.0;
            m_cumulative.push_back(total);
        }
    }

    /// The next `rows` events, or fewer at the end.
    std::vector<Row> Next(std::size_t rows) {
        std::vector<Row> batch;
        batch.reserve(rows);
        while (batch.size() < rows && m_made < m_count) {
            Row& row = batch.emplace_back();
            row.event = Make();
            row.event.hash = server::audit::ChainHash(row.event);
            row.category = server::audit::CategoryOf(row.event.action);
            row.detailsJson = row.event.details.dump(); // as AuditLog::Append stores it
            m_prevHash = row.event.hash;
        }
        return batch;
    }

private:
    double Unit() { return std::uniform_real_distribution<double>(0, 1)(m_random); }
    template <typename T>
    const T& Pick(const std::vector<T>& items) {
        return items[m_random() % items.size()];
    }

    std::int64_t TimeOf(std::int64_t index) {
        const double quantile =
            (static_cast<double>(index) + Unit()) / static_cast<double>(m_count);
        const double target = quantile * m_cumulative.back();
        const auto hour = std::lower_bound(m_cumulative.begin(), m_cumulative.end(), target);
        const auto h = static_cast<std::size_t>(hour - m_cumulative.begin());
        const double before = h == 0 ? 0 : m_cumulative[h - 1];
        const double within = (target - before) / (m_cumulative[h] - before);
        return m_from + static_cast<std::int64_t>(h) * kHourMs +
               static_cast<std::int64_t>(within * static_cast<double>(kHourMs));
    }

    std::string OfficeIp() { return fmt::format("192.0.2.{}", 10 + m_random() % 40); }

    model::AuditEvent Make();
    void Person(model::AuditEvent& event);
    void Change(model::AuditEvent& event, const std::string& category, const std::string& verb);

    World m_world;
    std::int64_t m_count;
    std::int64_t m_from;
    std::int64_t m_made = 0;
    std::int64_t m_sequence;
    std::string m_prevHash;
    std::mt19937_64 m_random;
    std::discrete_distribution<std::size_t> m_people;
    std::discrete_distribution<std::size_t> m_actions;
    std::vector<double> m_cumulative;
};

void EventMaker::Person(model::AuditEvent& event) {
    event.actor = m_world.people[m_people(m_random)];
    event.sourceIp = OfficeIp();
}

void EventMaker::Change(model::AuditEvent& event, const std::string& category,
                        const std::string& verb) {
    Person(event);
    const int n = static_cast<int>(m_random() % 1000);
    if (category == "account") {
        const auto& who = m_world.people[2 + m_random() % (m_world.people.size() - 2)];
        event.target = model::AuditTarget{"account", who.id, who.loginId};
        if (verb == "update") {
            event.details = {{"before", {{"display_name", *who.displayName}, {"email", nullptr}}},
                             {"after",
                              {{"display_name", *who.displayName},
                               {"email", *who.loginId + "@demo-hotels.example.jp"}}}};
        } else if (verb == "import") {
            event.details = {{"created", 10 + n % 90}, {"updated", n % 7}, {"dry_run", false}};
            event.result = n % 5 == 0 ? model::AuditResult::Failed : model::AuditResult::Success;
        } else if (verb == "export") {
            event.target = model::AuditTarget{"account", std::nullopt, "accounts.csv"};
        }
    } else if (category == "facility") {
        const auto& facility = Pick(m_world.facilities);
        event.target = model::AuditTarget{"facility", facility.id, facility.name};
        event.details = {
            {"before", {{"name", facility.name}, {"phone", "03-0000-0000"}}},
            {"after", {{"name", facility.name}, {"phone", fmt::format("03-1234-{:04}", n)}}}};
    } else if (category == "jurisdiction" && !m_world.jurisdictions.empty()) {
        const auto& area = Pick(m_world.jurisdictions);
        event.target = model::AuditTarget{"jurisdiction", area.id, area.name};
        event.details = {{"before", {{"name", area.name}}}, {"after", {{"name", area.name}}}};
    } else if (category == "role") {
        event.target = model::AuditTarget{"role", fmt::format("role_bench{:03}", n % 12),
                                          fmt::format("フロント係{}", n % 12)};
        event.details = {{"after", {{"permissions", {"facilities.read", "terminals.read"}}}}};
    } else {
        const auto& terminal = Pick(m_world.kiosks);
        event.target = model::AuditTarget{"terminal", terminal.id, terminal.name};
        event.details = {{"before", {{"version", 1 + n % 9}}},
                         {"after", {{"version", 2 + n % 9}, {"settings", {{"volume", n % 10}}}}}};
    }
}

model::AuditEvent EventMaker::Make() {
    model::AuditEvent event;
    event.sequence = m_sequence++;
    event.at = model::TimePoint(std::chrono::milliseconds(TimeOf(m_made++)));
    event.prevHash = m_prevHash;
    const std::string action = kActions[m_actions(m_random)].action;
    event.action = action;
    const std::string category = action.substr(0, action.find('.'));
    const std::string verb = action.substr(action.rfind('.') + 1);
    const int n = static_cast<int>(m_random() % 1000);
    if (action == "terminal.call") {
        const auto& kiosk = Pick(m_world.kiosks);
        const auto& agent = Pick(m_world.agents);
        const int seconds = 30 + n % 600;
        const auto started = event.at - std::chrono::seconds(seconds);
        event.actor = model::AuditActor{kiosk.id, std::nullopt, kiosk.name, std::nullopt};
        event.sourceIp = kiosk.extra;
        event.target = model::AuditTarget{"terminal", kiosk.id, kiosk.name};
        event.details = {{"kiosk", {{"id", kiosk.id}, {"name", kiosk.name}}},
                         {"agent", {{"id", agent.id}, {"name", agent.name}}},
                         {"started_at", model::FormatRfc3339Utc(started)},
                         {"ended_at", model::FormatRfc3339Utc(event.at)},
                         {"duration_seconds", seconds},
                         {"call_result", kCallResults[n % kCallResults.size()]}};
    } else if (action == "terminal.config.applied" || action == "terminal.config.failed") {
        const auto& kiosk = Pick(m_world.kiosks);
        event.actor = model::AuditActor{kiosk.id, std::nullopt, kiosk.name, std::nullopt};
        event.sourceIp = kiosk.extra;
        event.target = model::AuditTarget{"terminal", kiosk.id, kiosk.name};
        event.details = {{"version", 2 + n % 9}};
        if (verb == "failed") {
            event.result = model::AuditResult::Failed;
            event.details["error"] = "the printer did not answer";
        }
    } else if (category == "session") {
        Person(event);
        event.target = model::AuditTarget{"session", fmt::format("ses_bench{:06}", m_made % 997),
                                          *event.actor.loginId};
        if (verb == "login_failed") {
            event.result = model::AuditResult::Failed;
            event.target = model::AuditTarget{"account", event.actor.id, event.actor.loginId};
            event.details = {{"reason", "invalid_credentials"}};
            if (n % 10 == 0) { // a login ID that does not exist
                event.actor = model::AuditActor{std::nullopt, fmt::format("unknown{}", n),
                                                std::nullopt, std::nullopt};
                event.target = model::AuditTarget{"account", std::nullopt, event.actor.loginId};
            }
        }
    } else if (action == "account.lockout") {
        const auto& who = m_world.people[2 + m_random() % (m_world.people.size() - 2)];
        event.sourceIp = OfficeIp();
        event.target = model::AuditTarget{"account", who.id, who.loginId};
        event.details = {
            {"failed_logins", 5},
            {"locked_until", model::FormatRfc3339Utc(event.at + std::chrono::minutes(15))}};
    } else if (action == "request.denied") {
        Person(event);
        event.result = model::AuditResult::Denied;
        event.target =
            model::AuditTarget{"route", kDeniedRoutes[n % kDeniedRoutes.size()], std::nullopt};
        event.details = {{"code", "forbidden"}};
    } else if (action == "audit.export") {
        Person(event);
        event.target = model::AuditTarget{"audit_log", std::nullopt, "usage-history.csv"};
        event.details = {{"encoding", n % 2 ? "cp932" : "utf-8"}, {"filters", Json::object()}};
    } else {
        Change(event, category, verb);
    }
    return event;
}

/// A bounded queue of batches between the maker thread and the writer.
class BatchQueue {
public:
    /// False once the writer gave up.
    bool Push(std::vector<Row> batch) {
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
    std::vector<Row> Pop() {
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
    std::deque<std::vector<Row>> m_batches;
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
        Statement insert =
            Prepare(db.get(),
                    "INSERT INTO audit_events(tenant_id, sequence, at, actor_id, actor_login_id, "
                    "actor_display_name, actor_role, source_ip, action, category, target_type, "
                    "target_id, target_label, result, details_json, prev_hash, hash) VALUES "
                    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
        sqlite3_stmt* s = insert.get();
        Execute(db.get(), "BEGIN");
        std::int64_t inTransaction = 0;
        for (;;) {
            const auto batch = queue.Pop();
            if (batch.empty()) {
                break;
            }
            for (const auto& [event, category, detailsJson] : batch) {
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
