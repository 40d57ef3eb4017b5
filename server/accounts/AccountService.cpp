#include "accounts/AccountService.h"

#include "accounts/AccountRules.h"
#include "auth/Tokens.h"
#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "resv/model/Role.h"
#include "storage/AccountRepository.h"
#include "storage/Ids.h"
#include "storage/RoleRepository.h"
#include "storage/SessionRepository.h"

#include <fmt/format.h>

#include <algorithm>

namespace resv::server::accounts {
namespace {

namespace ec = model::error_code;
namespace perm = model::permission;
using storage::AccountRecord;
using storage::AccountRepository;
using storage::SessionRepository;

bool Holds(const std::vector<std::string>& roles, std::string_view role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::vector<std::string> Distinct(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

} // namespace

AccountService::AccountService(facilities::ServiceContext context, auth::PasswordHasher& hasher,
                               const auth::PasswordPolicy& policy, std::chrono::minutes idleTimeout)
    : m_context(std::move(context))
    , m_hasher(hasher)
    , m_policy(policy)
    , m_idleTimeout(idleTimeout) {}

model::Account AccountService::Answer(storage::Connection& connection,
                                      const AccountRecord& record) const {
    return storage::ToModel(record, m_context.clock->Now(),
                            storage::RoleRepository(connection).CustomTiers(record.tenantId));
}

nlohmann::json AccountService::AuditView(storage::Connection& connection,
                                         const AccountRecord& record) const {
    model::Json view = model::Json(Answer(connection, record));
    view.erase("last_login_at"); // not a change anyone made
    return view;
}

AccountRecord AccountService::Require(storage::Connection& connection, const auth::Caller& caller,
                                      const std::string& id) {
    auto account = AccountRepository(connection).FindById(id);
    if (!account || account->tenantId != caller.TenantId()) {
        facilities::ThrowNotFound("account");
    }
    return std::move(*account);
}

void AccountService::RequireNotLastManager(storage::Connection& connection,
                                           const auth::Caller& caller, const AccountRecord& target,
                                           const char* what) {
    if (target.id == caller.principal.account.id) {
        throw http::HttpError(409, ec::kLastManager,
                              fmt::format("You cannot {} your own account.", what));
    }
    const std::string manager(model::role::kCustomerManager);
    if (target.status == model::AccountStatus::Active && Holds(target.roles, manager) &&
        AccountRepository(connection).CountActiveHolders(caller.TenantId(), manager) <= 1) {
        throw http::HttpError(
            409, ec::kLastManager,
            fmt::format("You cannot {} the last active customer manager of the tenant.", what));
    }
}

model::Page<model::Account> AccountService::List(const auth::Caller& caller,
                                                 const AccountListParams& params) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsRead);
    const storage::AccountListQuery query = ToListQuery(params, caller.TenantId());
    auto db = m_context.database.Acquire();
    std::vector<AccountRecord> rows = AccountRepository(*db).List(query, m_context.clock->Now());
    model::Page<model::Account> page;
    if (static_cast<int>(rows.size()) > params.limit) {
        rows.resize(params.limit);
        page.nextCursor = CursorAfter(query, rows.back());
    }
    page.items.reserve(rows.size());
    const auto tiers = storage::RoleRepository(*db).CustomTiers(caller.TenantId());
    const model::TimePoint now = m_context.clock->Now();
    for (const auto& row : rows) {
        page.items.push_back(storage::ToModel(row, now, tiers));
    }
    return page;
}

model::Account AccountService::Get(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsRead);
    auto db = m_context.database.Acquire();
    return Answer(*db, Require(*db, caller, id));
}

std::vector<model::FieldError> AccountService::Validate(storage::Connection& connection,
                                                        const auth::Caller& caller,
                                                        const model::AccountInput& input) {
    auto errors = CheckNewAccount(connection, caller.TenantId(),
                                  CallerTier(connection, caller.principal), input);
    if (IsLoginIdTaken(connection, caller.TenantId(), input.loginId)) {
        errors.insert(errors.begin(),
                      {"login_id", "taken", "Another account already has this login ID."});
    }
    return errors;
}

PreparedAccount AccountService::Prepare(const auth::Caller& caller,
                                        const model::AccountInput& input) {
    const model::TimePoint now = m_context.clock->Now();
    PreparedAccount prepared;
    prepared.oneTimePassword = auth::NewOneTimePassword();
    AccountRecord& record = prepared.record;
    record.id = storage::NewId(storage::id_prefix::kAccount);
    record.tenantId = caller.TenantId();
    record.loginId = input.loginId;
    record.displayName = input.displayName;
    record.email = input.email;
    record.passwordHash = m_hasher.Hash(prepared.oneTimePassword);
    record.status = model::AccountStatus::Active;
    record.mustChangePassword = true;
    record.otpExpiresAt = now + kOneTimePasswordLifetime;
    record.roles = Distinct(input.roles);
    record.scope = input.scope;
    record.createdAt = now;
    return prepared;
}

void AccountService::Insert(storage::Connection& connection, const auth::Caller& caller,
                            const PreparedAccount& account) {
    AccountRepository(connection).Insert(account.record);
    facilities::Audit(m_context, connection, caller, "account.create", account.record.id,
                      {{"before", nullptr}, {"after", AuditView(connection, account.record)}});
}

model::AccountCreated AccountService::Create(const auth::Caller& caller,
                                             const model::AccountInput& input) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsWrite);
    {
        // Checked before the costly hash, and again below inside the write transaction.
        auto db = m_context.database.Acquire();
        auto errors = Validate(*db, caller, input);
        if (!errors.empty() && errors.front().code == "taken") {
            facilities::ThrowConflict("Another account already has the login ID " + input.loginId +
                                      ".");
        }
        ThrowIfAny(std::move(errors));
    }
    const PreparedAccount prepared = Prepare(caller, input);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    auto errors = Validate(*db, caller, input);
    if (!errors.empty() && errors.front().code == "taken") {
        facilities::ThrowConflict("Another account already has the login ID " + input.loginId +
                                  ".");
    }
    ThrowIfAny(std::move(errors));
    Insert(*db, caller, prepared);
    transaction.Commit();
    return {Answer(*db, prepared.record), prepared.oneTimePassword};
}

model::Account AccountService::Update(const auth::Caller& caller, const std::string& id,
                                      const model::AccountPatch& patch) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    const AccountRecord before = Require(*db, caller, id);
    if (patch.Empty()) {
        return Answer(*db, before);
    }
    AccountRecord after = before;
    std::vector<model::FieldError> errors;
    if (patch.roles) {
        after.roles = Distinct(*patch.roles);
        errors =
            CheckRoles(*db, caller.TenantId(), CallerTier(*db, caller.principal), *patch.roles);
    }
    if (patch.scope) {
        after.scope = *patch.scope;
        auto scopeErrors = CheckScope(*db, caller.TenantId(), *patch.scope);
        errors.insert(errors.end(), scopeErrors.begin(), scopeErrors.end());
    }
    ThrowIfAny(std::move(errors));
    const std::string manager(model::role::kCustomerManager);
    if (Holds(before.roles, manager) && !Holds(after.roles, manager)) {
        RequireNotLastManager(*db, caller, before, "demote");
    }
    if (patch.displayName) {
        after.displayName = *patch.displayName;
    }
    if (patch.email) {
        after.email = *patch.email;
    }
    AccountRepository(*db).UpdateProfile(after, m_context.clock->Now());
    facilities::Audit(m_context, *db, caller, "account.update", id,
                      {{"before", AuditView(*db, before)}, {"after", AuditView(*db, after)}});
    transaction.Commit();
    return Answer(*db, *AccountRepository(*db).FindById(id));
}

void AccountService::Delete(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    const AccountRecord before = Require(*db, caller, id);
    RequireNotLastManager(*db, caller, before, "delete");
    const int sessions = storage::SessionRepository(*db).RevokeAllOf(id, m_context.clock->Now());
    AccountRepository(*db).Delete(id);
    facilities::Audit(
        m_context, *db, caller, "account.delete", id,
        {{"before", AuditView(*db, before)}, {"after", nullptr}, {"sessions_revoked", sessions}});
    transaction.Commit();
}

template <typename Change>
model::Account AccountService::Modify(const auth::Caller& caller, const std::string& id,
                                      const char* action, Change change) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    const AccountRecord before = Require(*db, caller, id);
    nlohmann::json details = nlohmann::json::object();
    change(*db, before, details);
    const AccountRecord after = *AccountRepository(*db).FindById(id);
    details["before"] = AuditView(*db, before);
    details["after"] = AuditView(*db, after);
    facilities::Audit(m_context, *db, caller, action, id, details);
    transaction.Commit();
    return Answer(*db, after);
}

model::Account AccountService::Disable(const auth::Caller& caller, const std::string& id) {
    return Modify(
        caller, id, "account.disable",
        [&](storage::Connection& db, const AccountRecord& before, nlohmann::json& details) {
            RequireNotLastManager(db, caller, before, "disable");
            const model::TimePoint now = m_context.clock->Now();
            AccountRepository(db).SetStatus(id, model::AccountStatus::Disabled, now);
            details["sessions_revoked"] = storage::SessionRepository(db).RevokeAllOf(id, now);
        });
}

model::Account AccountService::Enable(const auth::Caller& caller, const std::string& id) {
    return Modify(caller, id, "account.enable",
                  [&](storage::Connection& db, const AccountRecord&, nlohmann::json&) {
                      AccountRepository(db).SetStatus(id, model::AccountStatus::Active,
                                                      m_context.clock->Now());
                  });
}

model::Account AccountService::Unlock(const auth::Caller& caller, const std::string& id) {
    return Modify(caller, id, "account.unlock",
                  [&](storage::Connection& db, const AccountRecord&, nlohmann::json&) {
                      AccountRepository(db).Unlock(id, m_context.clock->Now());
                  });
}

model::AccountCreated AccountService::ResetPassword(const auth::Caller& caller,
                                                    const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsWrite);
    {
        auto db = m_context.database.Acquire();
        Require(*db, caller, id); // 404 before the costly hash
    }
    const std::string oneTimePassword = auth::NewOneTimePassword();
    const std::string hash = m_hasher.Hash(oneTimePassword);
    const model::Account account =
        Modify(caller, id, "account.reset_password",
               [&](storage::Connection& db, const AccountRecord&, nlohmann::json& details) {
                   const model::TimePoint now = m_context.clock->Now();
                   AccountRepository accounts(db);
                   accounts.SetPassword(id, hash, now + kOneTimePasswordLifetime, now);
                   // Whoever forgot the password has likely locked the account too.
                   accounts.Unlock(id, now);
                   details["sessions_revoked"] = SessionRepository(db).RevokeAllOf(id, now);
               });
    return {account, oneTimePassword};
}

} // namespace resv::server::accounts
