#include "storage/AccountRepository.h"

#include "resv/model/Role.h"
#include "storage/RoleRepository.h"

#include <nlohmann/json.hpp>

#include <map>
#include <variant>

namespace resv::server::storage {

model::Tier TierOfRoles(const std::vector<std::string>& roles, const RoleTiers& custom) {
    model::Tier tier = model::Tier::Employee;
    for (const auto& name : roles) {
        std::optional<model::Tier> roleTier;
        if (const model::BuiltinRole* builtin = model::FindBuiltinRole(name)) {
            roleTier = builtin->tier;
        } else if (const auto it = custom.find(name); it != custom.end()) {
            roleTier = it->second;
        }
        if (roleTier && model::TierAtLeast(*roleTier, tier)) {
            tier = *roleTier;
        }
    }
    return tier;
}

model::Account ToModel(const AccountRecord& record, model::TimePoint now, const RoleTiers& custom) {
    model::Account account;
    account.id = record.id;
    account.loginId = record.loginId;
    account.displayName = record.displayName;
    account.email = record.email;
    account.roles = record.roles;
    account.scope = record.scope;
    account.tier = TierOfRoles(record.roles, custom);
    account.status = record.status;
    account.mustChangePassword = record.mustChangePassword;
    account.lastLoginAt = record.lastLoginAt;
    if (record.lockedUntil && *record.lockedUntil > now) {
        account.lockedUntil = record.lockedUntil;
        if (account.status == model::AccountStatus::Active) {
            account.status = model::AccountStatus::Locked;
        }
    }
    return account;
}

namespace {

constexpr const char* kAccountColumns =
    "SELECT id, tenant_id, login_id, display_name, email, password_hash, status, "
    "must_change_password, failed_logins, lockouts, locked_until, last_login_at, otp_expires_at, "
    "created_at, scope_all FROM accounts ";

} // namespace

std::optional<AccountRecord> AccountRepository::FindByLogin(const std::string& tenantId,
                                                            const std::string& loginId) {
    Statement query = m_connection.Prepare(std::string(kAccountColumns) +
                                           "WHERE tenant_id = ?1 AND login_id = ?2");
    query.BindAll(tenantId, loginId);
    return ReadOne(query);
}

std::optional<AccountRecord> AccountRepository::FindById(const std::string& id) {
    Statement query = m_connection.Prepare(std::string(kAccountColumns) + "WHERE id = ?1");
    query.Bind(1, id);
    return ReadOne(query);
}

std::optional<AccountRecord> AccountRepository::ReadOne(Statement& query) {
    if (!query.Step()) {
        return std::nullopt;
    }
    AccountRecord a = ReadRow(query);
    a.roles = RolesOf(a.id);
    if (!a.scope.all) {
        a.scope = ScopeRepository(m_connection).Load(a.id);
    }
    return a;
}

AccountRecord AccountRepository::ReadRow(const Statement& query) {
    AccountRecord a;
    a.id = query.Text(0);
    a.tenantId = query.Text(1);
    a.loginId = query.Text(2);
    a.displayName = query.Text(3);
    a.email = query.OptionalText(4);
    a.passwordHash = query.Text(5);
    // An unknown status in the database is treated as the safe one.
    a.status =
        model::AccountStatusFromString(query.Text(6)).value_or(model::AccountStatus::Disabled);
    a.mustChangePassword = query.Bool(7);
    a.failedLogins = static_cast<int>(query.Int(8));
    a.lockouts = static_cast<int>(query.Int(9));
    a.lockedUntil = query.OptionalTime(10);
    a.lastLoginAt = query.OptionalTime(11);
    a.otpExpiresAt = query.OptionalTime(12);
    a.createdAt = query.Time(13);
    a.scope.all = query.Bool(14);
    return a;
}

std::vector<std::string> AccountRepository::RolesOf(const std::string& accountId) {
    Statement query =
        m_connection.Prepare("SELECT role FROM account_roles WHERE account_id = ?1 ORDER BY role");
    query.Bind(1, accountId);
    std::vector<std::string> roles;
    while (query.Step()) {
        roles.push_back(query.Text(0));
    }
    return roles;
}

void AccountRepository::Insert(const AccountRecord& a) {
    m_connection
        .Prepare("INSERT INTO accounts(id, tenant_id, login_id, display_name, email, "
                 "password_hash, status, must_change_password, otp_expires_at, created_at, "
                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)")
        .BindAll(a.id, a.tenantId, a.loginId, a.displayName, a.email, a.passwordHash,
                 std::string(model::ToString(a.status)), a.mustChangePassword, a.otpExpiresAt,
                 a.createdAt)
        .Run();
    WriteRoles(a.id, a.roles);
    ScopeRepository(m_connection).Replace(a.id, a.scope);
}

void AccountRepository::WriteRoles(const std::string& accountId,
                                   const std::vector<std::string>& roles) {
    m_connection.Prepare("DELETE FROM account_roles WHERE account_id = ?1")
        .Bind(1, accountId)
        .Run();
    for (const auto& role : roles) {
        m_connection
            .Prepare("INSERT OR IGNORE INTO account_roles(account_id, role) VALUES (?1, ?2)")
            .BindAll(accountId, role)
            .Run();
    }
}

void AccountRepository::UpdateProfile(const AccountRecord& a, model::TimePoint now) {
    m_connection
        .Prepare("UPDATE accounts SET display_name = ?2, email = ?3, updated_at = ?4, "
                 "version = version + 1 WHERE id = ?1")
        .BindAll(a.id, a.displayName, a.email, now)
        .Run();
    WriteRoles(a.id, a.roles);
    ScopeRepository(m_connection).Replace(a.id, a.scope);
}

void AccountRepository::SetStatus(const std::string& id, model::AccountStatus status,
                                  model::TimePoint now) {
    m_connection
        .Prepare("UPDATE accounts SET status = ?2, updated_at = ?3, version = version + 1 "
                 "WHERE id = ?1")
        .BindAll(id, std::string(model::ToString(status)), now)
        .Run();
}

void AccountRepository::Unlock(const std::string& id, model::TimePoint now) {
    m_connection
        .Prepare("UPDATE accounts SET failed_logins = 0, lockouts = 0, locked_until = NULL, "
                 "updated_at = ?2, version = version + 1 WHERE id = ?1")
        .BindAll(id, now)
        .Run();
}

void AccountRepository::SetPassword(const std::string& id, const std::string& passwordHash,
                                    std::optional<model::TimePoint> otpExpiresAt,
                                    model::TimePoint now) {
    m_connection
        .Prepare("UPDATE accounts SET password_hash = ?2, must_change_password = ?3, "
                 "otp_expires_at = ?4, password_changed_at = ?5, updated_at = ?5, "
                 "version = version + 1 WHERE id = ?1")
        .BindAll(id, passwordHash, otpExpiresAt.has_value(), otpExpiresAt, now)
        .Run();
}

void AccountRepository::Delete(const std::string& id) {
    // The foreign keys cascade; said here too so that a connection without them leaves nothing.
    for (const char* sql : {"DELETE FROM sessions WHERE account_id = ?1",
                            "DELETE FROM account_scope WHERE account_id = ?1",
                            "DELETE FROM account_roles WHERE account_id = ?1",
                            "DELETE FROM operator_assignments WHERE account_id = ?1",
                            "DELETE FROM accounts WHERE id = ?1"}) {
        m_connection.Prepare(sql).Bind(1, id).Run();
    }
}

int AccountRepository::CountActiveHolders(const std::string& tenantId, const std::string& role) {
    Statement query = m_connection.Prepare(
        "SELECT COUNT(*) FROM account_roles r JOIN accounts a ON a.id = r.account_id "
        "WHERE a.tenant_id = ?1 AND r.role = ?2 AND a.status = 'active'");
    query.BindAll(tenantId, role);
    query.Step();
    return static_cast<int>(query.Int(0));
}

namespace {

using SqlValue = std::variant<std::string, std::int64_t>;

const char* SortColumn(AccountSortKey key) {
    switch (key) {
    case AccountSortKey::LoginId:
        return "login_id";
    case AccountSortKey::DisplayName:
        return "display_name";
    case AccountSortKey::LastLoginAt:
        return "last_login_at";
    case AccountSortKey::Status:
        return "status";
    }
    return "login_id";
}

/// `%text%` for LIKE with its wildcards escaped by backslash.
std::string LikePattern(const std::string& text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + "%";
}

} // namespace

std::vector<AccountRecord> AccountRepository::List(const AccountListQuery& q,
                                                   model::TimePoint now) {
    std::vector<SqlValue> values{q.tenantId};
    const auto param = [&values](SqlValue value) {
        values.push_back(std::move(value));
        return "?" + std::to_string(values.size());
    };
    std::string sql = std::string(kAccountColumns) + "WHERE tenant_id = ?1";
    if (!q.search.empty()) {
        const std::string like = param(LikePattern(q.search));
        sql += " AND (login_id LIKE " + like + " ESCAPE '\\' OR display_name LIKE " + like +
               " ESCAPE '\\')";
    }
    if (q.role) {
        sql += " AND EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = accounts.id AND "
               "r.role = " +
               param(*q.role) + ")";
    }
    if (q.status) {
        const std::int64_t nowMillis = ToMillis(now);
        switch (*q.status) {
        case model::AccountStatus::Active:
            sql += " AND status = 'active' AND (locked_until IS NULL OR locked_until <= " +
                   param(nowMillis) + ")";
            break;
        case model::AccountStatus::Locked:
            sql += " AND status = 'active' AND locked_until > " + param(nowMillis);
            break;
        case model::AccountStatus::Disabled:
            sql += " AND status = 'disabled'";
            break;
        }
    }
    const std::string column = SortColumn(q.sort);
    const char* const direction = q.descending ? "DESC" : "ASC";
    if (q.after) {
        const std::string id = param(q.after->id);
        const bool nullKey = !q.after->textKey && !q.after->intKey;
        // SQLite orders NULL first ascending and last descending.
        if (nullKey) {
            sql += q.descending ? " AND (" + column + " IS NULL AND id < " + id + ")"
                                : " AND ((" + column + " IS NULL AND id > " + id + ") OR " +
                                      column + " IS NOT NULL)";
        } else {
            const std::string key =
                q.after->textKey ? param(*q.after->textKey) : param(*q.after->intKey);
            sql += " AND ((" + column + ", id) " + (q.descending ? "<" : ">") + " (" + key + ", " +
                   id + ")" + (q.descending ? " OR " + column + " IS NULL)" : ")");
        }
    }
    sql += " ORDER BY " + column + " " + direction + ", id " + direction + " LIMIT " +
           param(static_cast<std::int64_t>(q.limit));

    Statement query = m_connection.Prepare(sql);
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::visit([&](const auto& v) { query.Bind(static_cast<int>(i + 1), v); }, values[i]);
    }
    std::vector<AccountRecord> accounts;
    while (query.Step()) {
        accounts.push_back(ReadRow(query));
    }
    LoadRolesAndScopes(accounts);
    return accounts;
}

void AccountRepository::LoadRolesAndScopes(std::vector<AccountRecord>& accounts) {
    if (accounts.empty()) {
        return;
    }
    std::map<std::string, AccountRecord*> byId;
    nlohmann::json ids = nlohmann::json::array();
    for (auto& account : accounts) {
        byId[account.id] = &account;
        ids.push_back(account.id);
    }
    const std::string idList = ids.dump();
    Statement roles = m_connection.Prepare(
        "SELECT account_id, role FROM account_roles "
        "WHERE account_id IN (SELECT value FROM json_each(?1)) ORDER BY account_id, role");
    roles.Bind(1, idList);
    while (roles.Step()) {
        byId.at(roles.Text(0))->roles.push_back(roles.Text(1));
    }
    Statement scopes = m_connection.Prepare(
        "SELECT account_id, kind, target_id FROM account_scope "
        "WHERE account_id IN (SELECT value FROM json_each(?1)) ORDER BY account_id, kind, "
        "target_id");
    scopes.Bind(1, idList);
    while (scopes.Step()) {
        model::Scope& scope = byId.at(scopes.Text(0))->scope;
        if (!scope.all) {
            (scopes.Text(1) == "jurisdiction" ? scope.jurisdictions : scope.facilities)
                .push_back(scopes.Text(2));
        }
    }
}

void AccountRepository::RecordLoginSuccess(const std::string& id, model::TimePoint now) {
    m_connection
        .Prepare("UPDATE accounts SET failed_logins = 0, lockouts = 0, locked_until = NULL, "
                 "last_login_at = ?2 WHERE id = ?1")
        .BindAll(id, now)
        .Run();
}

void AccountRepository::RecordLoginFailure(const std::string& id, int failedLogins, int lockouts,
                                           std::optional<model::TimePoint> lockedUntil) {
    m_connection
        .Prepare("UPDATE accounts SET failed_logins = ?2, lockouts = ?3, locked_until = ?4 "
                 "WHERE id = ?1")
        .BindAll(id, failedLogins, lockouts, lockedUntil)
        .Run();
}

bool AccountRepository::IsOperatorAssigned(const std::string& accountId,
                                           const std::string& tenantId) {
    Statement query = m_connection.Prepare(
        "SELECT 1 FROM operator_assignments WHERE account_id = ?1 AND tenant_id = ?2");
    query.BindAll(accountId, tenantId);
    return query.Step();
}

bool AccountRepository::AssignOperator(const std::string& accountId, const std::string& tenantId,
                                       model::TimePoint now) {
    m_connection
        .Prepare("INSERT OR IGNORE INTO operator_assignments(account_id, tenant_id, created_at) "
                 "VALUES (?1, ?2, ?3)")
        .BindAll(accountId, tenantId, now)
        .Run();
    return m_connection.Changes() > 0;
}

} // namespace resv::server::storage
