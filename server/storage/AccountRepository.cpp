#include "storage/AccountRepository.h"

#include "resv/model/Role.h"

namespace resv::server::storage {

model::Tier TierOfRoles(const std::vector<std::string>& roles) {
    model::Tier tier = model::Tier::Employee;
    for (const auto& name : roles) {
        const model::BuiltinRole* role = model::FindBuiltinRole(name);
        if (role && model::TierAtLeast(role->tier, tier)) {
            tier = role->tier;
        }
    }
    return tier;
}

model::Account ToModel(const AccountRecord& record, model::TimePoint now) {
    model::Account account;
    account.id = record.id;
    account.loginId = record.loginId;
    account.displayName = record.displayName;
    account.email = record.email;
    account.roles = record.roles;
    account.tier = TierOfRoles(record.roles);
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
    "created_at FROM accounts ";

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
    a.roles = RolesOf(a.id);
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
    for (const auto& role : a.roles) {
        m_connection.Prepare("INSERT INTO account_roles(account_id, role) VALUES (?1, ?2)")
            .BindAll(a.id, role)
            .Run();
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
