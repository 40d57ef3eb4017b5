#include "AccountSeeder.h"

#include "BenchSupport.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <initializer_list>
#include <memory>
#include <optional>
#include <random>
#include <unordered_map>
#include <utility>
#include <vector>

namespace resv::bench {
namespace {

struct Name {
    const char* kanji;
    const char* romaji;
};

// The 40 most common family names, and given names of several generations.
constexpr std::array<Name, 40> kFamilyNames{{
    {"佐藤", "sato"},       {"鈴木", "suzuki"},    {"高橋", "takahashi"}, {"田中", "tanaka"},
    {"伊藤", "ito"},        {"渡辺", "watanabe"},  {"山本", "yamamoto"},  {"中村", "nakamura"},
    {"小林", "kobayashi"},  {"加藤", "kato"},      {"吉田", "yoshida"},   {"山田", "yamada"},
    {"佐々木", "sasaki"},   {"山口", "yamaguchi"}, {"松本", "matsumoto"}, {"井上", "inoue"},
    {"木村", "kimura"},     {"林", "hayashi"},     {"斎藤", "saito"},     {"清水", "shimizu"},
    {"山崎", "yamazaki"},   {"森", "mori"},        {"池田", "ikeda"},     {"橋本", "hashimoto"},
    {"阿部", "abe"},        {"石川", "ishikawa"},  {"山下", "yamashita"}, {"中島", "nakajima"},
    {"石井", "ishii"},      {"小川", "ogawa"},     {"前田", "maeda"},     {"岡田", "okada"},
    {"長谷川", "hasegawa"}, {"藤田", "fujita"},    {"後藤", "goto"},      {"近藤", "kondo"},
    {"村上", "murakami"},   {"遠藤", "endo"},      {"青木", "aoki"},      {"坂本", "sakamoto"},
}};
constexpr std::array<Name, 40> kGivenNames{{
    {"翔太", "shota"},   {"大輔", "daisuke"},  {"健太", "kenta"},   {"拓也", "takuya"},
    {"直樹", "naoki"},   {"陽翔", "haruto"},   {"蓮", "ren"},       {"悠真", "yuma"},
    {"湊", "minato"},    {"大翔", "hiroto"},   {"一郎", "ichiro"},  {"誠", "makoto"},
    {"亮", "ryo"},       {"隆", "takashi"},    {"浩", "hiroshi"},   {"修", "osamu"},
    {"健一", "kenichi"}, {"和也", "kazuya"},   {"達也", "tatsuya"}, {"雄太", "yuta"},
    {"花子", "hanako"},  {"美咲", "misaki"},   {"陽菜", "hina"},    {"結衣", "yui"},
    {"葵", "aoi"},       {"さくら", "sakura"}, {"愛", "ai"},        {"真由美", "mayumi"},
    {"恵子", "keiko"},   {"由美子", "yumiko"}, {"裕子", "yuko"},    {"明美", "akemi"},
    {"直美", "naomi"},   {"千尋", "chihiro"},  {"彩", "aya"},       {"舞", "mai"},
    {"美穂", "miho"},    {"香織", "kaori"},    {"奈々", "nana"},    {"理恵", "rie"},
}};

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

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

Statement Prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        Fail(db, sql);
    }
    return Statement(statement);
}

void Execute(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        Fail(db, sql);
    }
}

void BindText(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
}
void BindOptionalInt(sqlite3_stmt* statement, int index, std::optional<std::int64_t> value) {
    if (value) {
        sqlite3_bind_int64(statement, index, *value);
    } else {
        sqlite3_bind_null(statement, index);
    }
}

void Step(sqlite3* db, sqlite3_stmt* statement, const char* what) {
    if (sqlite3_step(statement) != SQLITE_DONE) {
        Fail(db, what);
    }
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
}

/// The first column of every row of `sql` with `parameters` bound to ?1, ?2...
std::vector<std::string> Column(sqlite3* db, const char* sql,
                                std::initializer_list<std::string> parameters) {
    Statement query = Prepare(db, sql);
    int index = 0;
    for (const auto& parameter : parameters) {
        BindText(query.get(), ++index, parameter);
    }
    std::vector<std::string> values;
    while (sqlite3_step(query.get()) == SQLITE_ROW) {
        values.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0)));
    }
    return values;
}

/// "acc_" and 26 base32 characters, as storage::NewId makes them (random, so unordered).
std::string NewAccountId(std::mt19937_64& random) {
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    std::string id = "acc_";
    for (int i = 0; i < 26; ++i) {
        id += kAlphabet[random() % 32];
    }
    return id;
}

struct Scope {
    std::vector<std::pair<const char*, std::string>> entries; ///< kind, target id
};

} // namespace

SeedResult SeedAccounts(const SeedSpec& spec) {
    const auto start = Clock::now();
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(spec.database.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        Db failed(raw);
        Fail(raw, "cannot open " + spec.database.string());
    }
    Db db(raw);
    sqlite3_busy_timeout(db.get(), 10000);

    SeedResult result;
    const auto tenants =
        Column(db.get(), "SELECT id FROM tenants WHERE code = ?1", {spec.tenantCode});
    if (tenants.empty()) {
        throw std::runtime_error("seeding: no tenant " + spec.tenantCode);
    }
    result.tenantId = tenants.front();
    const auto hashes = Column(
        db.get(), "SELECT password_hash FROM accounts WHERE tenant_id = ?1 AND login_id = ?2",
        {result.tenantId, spec.hashFromLogin});
    if (hashes.empty()) {
        throw std::runtime_error("seeding: no account " + spec.hashFromLogin +
                                 " to take a hash from");
    }
    const std::string& passwordHash = hashes.front();
    const auto jurisdictions =
        Column(db.get(), "SELECT id FROM jurisdictions WHERE tenant_id = ?1 ORDER BY name",
               {result.tenantId});
    const auto facilities =
        Column(db.get(), "SELECT id FROM facilities WHERE tenant_id = ?1 ORDER BY name",
               {result.tenantId});

    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    std::mt19937_64 random(20261126);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto chance = [&](double p) { return unit(random) < p; };
    const auto pick = [&](const auto& items) -> const auto& {
        return items[random() % items.size()];
    };

    Execute(db.get(), "BEGIN IMMEDIATE");
    Statement account = Prepare(
        db.get(),
        "INSERT INTO accounts(id, tenant_id, login_id, display_name, email, password_hash, status, "
        "must_change_password, failed_logins, lockouts, locked_until, last_login_at, "
        "otp_expires_at, password_changed_at, scope_all, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)");
    Statement role =
        Prepare(db.get(), "INSERT INTO account_roles(account_id, role) VALUES (?1, ?2)");
    Statement scope = Prepare(db.get(), "INSERT INTO account_scope(account_id, kind, target_id) "
                                        "VALUES (?1, ?2, ?3)");
    std::unordered_map<std::string, int> loginsTaken;
    for (int i = 0; i < spec.accounts; ++i) {
        const Name& family = pick(kFamilyNames);
        const Name& given = pick(kGivenNames);
        std::string login = fmt::format("{}.{}", given.romaji, family.romaji);
        if (const int n = ++loginsTaken[login]; n > 1) {
            login += std::to_string(n);
        }
        const std::string id = NewAccountId(random);
        const double r = unit(random);
        std::vector<std::string> roles{r < 0.02   ? "customermanager"
                                       : r < 0.10 ? "customermanager_viewer"
                                                  : "customeremployee"};
        if (roles.front() == "customeremployee" && !spec.customRole.empty() && chance(0.2)) {
            roles.push_back(spec.customRole);
        }
        Scope limited;
        if (roles.front() == "customeremployee" && chance(0.35)) {
            if (chance(0.6) && !jurisdictions.empty()) {
                limited.entries.emplace_back("jurisdiction", pick(jurisdictions));
            } else {
                for (int f = 1 + static_cast<int>(random() % 3); f > 0 && !facilities.empty();
                     --f) {
                    const std::string& target = pick(facilities);
                    bool seen = false;
                    for (const auto& entry : limited.entries) {
                        seen = seen || entry.second == target;
                    }
                    if (!seen) {
                        limited.entries.emplace_back("facility", target);
                    }
                }
            }
        }
        const double s = unit(random);
        const bool disabled = s < 0.06;
        const bool locked = !disabled && s < 0.09;
        const bool oneTimePassword = !disabled && chance(0.03);
        const std::int64_t created =
            now - (90 + static_cast<std::int64_t>(random() % 630)) * kDayMs;
        std::optional<std::int64_t> lastLogin;
        if (!oneTimePassword && chance(0.88)) {
            lastLogin = now - static_cast<std::int64_t>(unit(random) * 90 * kDayMs);
        }

        sqlite3_stmt* a = account.get();
        BindText(a, 1, id);
        BindText(a, 2, result.tenantId);
        BindText(a, 3, login);
        BindText(a, 4, fmt::format("{} {}", family.kanji, given.kanji));
        if (chance(0.8)) {
            BindText(a, 5, login + "@demo-hotels.example.jp");
        }
        BindText(a, 6, passwordHash);
        BindText(a, 7, disabled ? "disabled" : "active");
        sqlite3_bind_int(a, 8, oneTimePassword ? 1 : 0);
        sqlite3_bind_int(a, 9, locked ? 10 : 0);
        sqlite3_bind_int(a, 10, locked ? 1 : 0);
        // Locked for a day: the lock outlasts the run.
        BindOptionalInt(a, 11, locked ? std::optional<std::int64_t>(now + kDayMs) : std::nullopt);
        BindOptionalInt(a, 12, lastLogin);
        BindOptionalInt(
            a, 13, oneTimePassword ? std::optional<std::int64_t>(now + 7 * kDayMs) : std::nullopt);
        sqlite3_bind_int64(a, 14, created);
        sqlite3_bind_int(a, 15, limited.entries.empty() ? 1 : 0);
        sqlite3_bind_int64(a, 16, created);
        Step(db.get(), a, "insert account");
        for (const auto& name : roles) {
            BindText(role.get(), 1, id);
            BindText(role.get(), 2, name);
            Step(db.get(), role.get(), "insert role");
            ++result.roleRows;
        }
        for (const auto& [kind, target] : limited.entries) {
            BindText(scope.get(), 1, id);
            BindText(scope.get(), 2, kind);
            BindText(scope.get(), 3, target);
            Step(db.get(), scope.get(), "insert scope");
            ++result.scopeRows;
        }
        ++result.accounts;
    }
    Execute(db.get(), "COMMIT");
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

} // namespace resv::bench
