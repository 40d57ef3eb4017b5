#include "admin/AdminService.h"

#include "auth/Tokens.h"
#include "resv/model/Json.h"
#include "resv/model/Role.h"
#include "storage/AccountRepository.h"
#include "storage/Ids.h"

#include <regex>

namespace resv::server::admin {
namespace {

const audit::Actor kSystemActor{std::nullopt, std::nullopt, "resv-server", std::nullopt};

void CheckTenantCode(const std::string& code) {
    static const std::regex kCode("[a-z0-9][a-z0-9_-]{0,31}");
    if (!std::regex_match(code, kCode)) {
        throw AdminError("tenant code '" + code +
                         "' must be 1-32 of a-z, 0-9, '-' and '_', starting with a letter or "
                         "digit");
    }
}

void CheckLoginId(const std::string& loginId) {
    static const std::regex kLogin("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    if (!std::regex_match(loginId, kLogin)) {
        throw AdminError("login ID '" + loginId +
                         "' must be 1-64 of letters, digits, '.', '_', '@' and '-'");
    }
}

void CheckName(const std::string& name, const char* what) {
    if (name.empty() || name.size() > 200) {
        throw AdminError(std::string(what) + " must be 1-200 bytes long");
    }
}

/// operator ⇔ tenant provider: no customer account can hold it, and the provider holds nothing
/// else.
void CheckRoleFitsTenant(const std::string& role, const std::string& tenantCode) {
    if (!model::FindBuiltinRole(role)) {
        throw AdminError("unknown role '" + role +
                         "' (operator, customermanager, customermanager_viewer, "
                         "customeremployee)");
    }
    const bool isOperator = role == model::role::kOperator;
    const bool isProvider = tenantCode == storage::kProviderTenantCode;
    if (isOperator != isProvider) {
        throw AdminError(isOperator ? "operator accounts exist only in tenant provider"
                                    : "tenant provider holds only operator accounts");
    }
}

} // namespace

AdminService::AdminService(storage::Database& database, auth::PasswordHasher& hasher,
                           const audit::AuditLog& audit, std::shared_ptr<const Clock> clock)
    : m_database(database)
    , m_hasher(hasher)
    , m_audit(audit)
    , m_clock(std::move(clock)) {}

storage::TenantRecord AdminService::RequireTenant(storage::Connection& connection,
                                                  const std::string& code) {
    auto tenant = storage::TenantRepository(connection).FindByCode(code);
    if (!tenant) {
        throw AdminError("there is no tenant '" + code + "'");
    }
    return *tenant;
}

bool AdminService::TenantExists(const std::string& code) {
    auto db = m_database.Acquire();
    return storage::TenantRepository(*db).FindByCode(code).has_value();
}

bool AdminService::AccountExists(const std::string& tenantCode, const std::string& loginId) {
    auto db = m_database.Acquire();
    const auto tenant = storage::TenantRepository(*db).FindByCode(tenantCode);
    return tenant && storage::AccountRepository(*db).FindByLogin(tenant->id, loginId);
}

storage::TenantRecord AdminService::CreateTenant(const std::string& code, const std::string& name) {
    CheckTenantCode(code);
    CheckName(name, "the tenant name");
    storage::TenantRecord tenant;
    tenant.id = storage::NewId(storage::id_prefix::kTenant);
    tenant.code = code;
    tenant.name = name;
    tenant.createdAt = m_clock->Now();
    auto db = m_database.Acquire();
    storage::Transaction transaction(*db);
    if (storage::TenantRepository(*db).FindByCode(code)) {
        throw AdminError("tenant '" + code + "' exists already");
    }
    storage::TenantRepository(*db).Insert(tenant);
    m_audit.Append(*db, {tenant.id, kSystemActor, std::nullopt, "tenant.create",
                         audit::Target{"tenant", tenant.id, code}},
                   {{"code", code}, {"name", name}});
    transaction.Commit();
    return tenant;
}

std::string AdminService::CreateAccount(const NewAccount& request) {
    CheckLoginId(request.loginId);
    CheckName(request.displayName, "the display name");
    CheckRoleFitsTenant(request.role, request.tenantCode);
    const std::string password = request.password.value_or(auth::NewOneTimePassword());
    storage::AccountRecord account;
    account.id = storage::NewId(storage::id_prefix::kAccount);
    account.loginId = request.loginId;
    account.displayName = request.displayName;
    account.email = request.email;
    account.passwordHash = m_hasher.Hash(password); // before the write lock: it takes a while
    account.mustChangePassword = !request.password.has_value();
    account.roles = {request.role};
    account.createdAt = m_clock->Now();
    if (account.mustChangePassword) {
        account.otpExpiresAt = account.createdAt + kOneTimePasswordLifetime;
    }
    auto db = m_database.Acquire();
    storage::Transaction transaction(*db);
    account.tenantId = RequireTenant(*db, request.tenantCode).id;
    storage::AccountRepository accounts(*db);
    if (accounts.FindByLogin(account.tenantId, account.loginId)) {
        throw AdminError("tenant '" + request.tenantCode + "' has an account '" + request.loginId +
                         "' already");
    }
    accounts.Insert(account);
    m_audit.Append(*db,
                   {account.tenantId, kSystemActor, std::nullopt, "account.create",
                    audit::Target{"account", account.id, account.loginId}},
                   {{"login_id", account.loginId},
                    {"display_name", account.displayName},
                    {"roles", account.roles}});
    transaction.Commit();
    return password;
}

bool AdminService::AssignOperator(const std::string& loginId, const std::string& tenantCode) {
    if (tenantCode == storage::kProviderTenantCode) {
        throw AdminError("operators are assigned to customer tenants, not to provider");
    }
    auto db = m_database.Acquire();
    storage::Transaction transaction(*db);
    const auto provider = RequireTenant(*db, storage::kProviderTenantCode);
    const auto customer = RequireTenant(*db, tenantCode);
    storage::AccountRepository accounts(*db);
    const auto account = accounts.FindByLogin(provider.id, loginId);
    const bool isOperator = account && std::find(account->roles.begin(), account->roles.end(),
                                                 model::role::kOperator) != account->roles.end();
    if (!isOperator) {
        throw AdminError("tenant provider has no operator '" + loginId + "'");
    }
    if (!accounts.AssignOperator(account->id, customer.id, m_clock->Now())) {
        return false;
    }
    m_audit.Append(*db, {customer.id, kSystemActor, std::nullopt, "operator.assign",
                    audit::Target{"account", account->id, account->loginId}},
                   {{"login_id", account->loginId}, {"display_name", account->displayName}});
    transaction.Commit();
    return true;
}

} // namespace resv::server::admin
