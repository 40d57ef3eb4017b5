#pragma once
// 顧客管理者 / 顧客従業員 (A.9.2.1–A.9.2.4): registering, naming, changing, disabling and deleting
// accounts, their sessions and passwords. accounts.read for reads, accounts.write for changes;
// every change is an audit event with before and after. Rules:
// - the last active customermanager of a tenant cannot be deleted, disabled or demoted, and
//   nobody can delete, disable or demote their own account (both 409 last_manager);
// - roles must exist in the tenant and not be above the caller's tier (operator never);
// - a created or reset account gets a one-time password that expires after 7 days and must be
//   changed; disable, delete and reset-password end the account's sessions at once.

#include "accounts/AccountList.h"
#include "auth/PasswordHasher.h"
#include "auth/PasswordPolicy.h"
#include "facilities/ServiceSupport.h"
#include "resv/model/Account.h"
#include "resv/model/Page.h"

#include <chrono>
#include <string>
#include <vector>

namespace resv::server::accounts {

inline constexpr std::chrono::hours kOneTimePasswordLifetime{7 * 24};

/// A new account ready to insert: checked, with its one-time password already hashed (the
/// costly part, done outside any transaction).
struct PreparedAccount {
    storage::AccountRecord record;
    std::string oneTimePassword;
};

class AccountService {
public:
    AccountService(facilities::ServiceContext context, auth::PasswordHasher& hasher,
                   const auth::PasswordPolicy& policy, std::chrono::minutes idleTimeout);

    model::Page<model::Account> List(const auth::Caller& caller, const AccountListParams& params);
    model::Account Get(const auth::Caller& caller, const std::string& id);
    model::AccountCreated Create(const auth::Caller& caller, const model::AccountInput& input);
    model::Account Update(const auth::Caller& caller, const std::string& id,
                          const model::AccountPatch& patch);
    void Delete(const auth::Caller& caller, const std::string& id);

    model::Account Disable(const auth::Caller& caller, const std::string& id);
    model::Account Enable(const auth::Caller& caller, const std::string& id);
    model::Account Unlock(const auth::Caller& caller, const std::string& id);
    model::AccountCreated ResetPassword(const auth::Caller& caller, const std::string& id);

    std::vector<model::SessionInfo> ListSessions(const auth::Caller& caller, const std::string& id);
    void RevokeSessions(const auth::Caller& caller, const std::string& id);
    void RevokeSession(const auth::Caller& caller, const std::string& id,
                       const std::string& sessionId);

    /// PUT /api/v1/me/password: 400 invalid_field (current_password) when the current password
    /// is wrong, 400 weak_password (new_password) against the policy; ends the other sessions.
    void ChangeOwnPassword(const auth::Caller& caller, const model::PasswordChange& change);

    // The steps of Create, for the CSV import to run over many rows in one transaction.

    /// Roles and scope within the tenant, and whether the login ID is free (409 conflict is
    /// the API's answer; here it is a field error "login_id"/"taken").
    std::vector<model::FieldError> Validate(storage::Connection& connection,
                                            const auth::Caller& caller,
                                            const model::AccountInput& input);
    /// A record with a fresh id and a hashed one-time password (no storage touched).
    PreparedAccount Prepare(const auth::Caller& caller, const model::AccountInput& input);
    /// Inserts and audits (account.create) inside the caller's transaction.
    void Insert(storage::Connection& connection, const auth::Caller& caller,
                const PreparedAccount& account);

private:
    /// The tenant's account, or 404 (another tenant's id is not found either).
    storage::AccountRecord Require(storage::Connection& connection, const auth::Caller& caller,
                                   const std::string& id);
    /// 409 last_manager when `target` is the caller or the tenant's last active manager.
    void RequireNotLastManager(storage::Connection& connection, const auth::Caller& caller,
                               const storage::AccountRecord& target, const char* what);
    /// The account as the API shows it, its tier counting the tenant's custom roles.
    model::Account Answer(storage::Connection& connection,
                          const storage::AccountRecord& record) const;
    nlohmann::json AuditView(storage::Connection& connection,
                             const storage::AccountRecord& record) const;
    /// Applies `change` to the account in one transaction with an audit event `action`.
    template <typename Change>
    model::Account Modify(const auth::Caller& caller, const std::string& id, const char* action,
                          Change change);

    facilities::ServiceContext m_context;
    auth::PasswordHasher& m_hasher;
    const auth::PasswordPolicy& m_policy;
    std::chrono::minutes m_idleTimeout;
};

} // namespace resv::server::accounts
