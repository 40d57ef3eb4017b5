#pragma once

#include "resv/model/Account.h"
#include "storage/RoleRepository.h"
#include "storage/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace resv::server::storage {

struct AccountRecord {
    std::string id;
    std::string tenantId;
    std::string loginId;
    std::string displayName;
    std::optional<std::string> email;
    std::string passwordHash;
    model::AccountStatus status = model::AccountStatus::Active;
    bool mustChangePassword = false;
    int failedLogins = 0; ///< consecutive failures since the last success
    int lockouts = 0;     ///< lockouts since the last success (each one twice as long)
    std::optional<model::TimePoint> lockedUntil;
    std::optional<model::TimePoint> lastLoginAt;
    std::optional<model::TimePoint> otpExpiresAt; ///< a one-time password stops working then
    std::vector<std::string> roles;
    model::TimePoint createdAt;
    model::Scope scope; ///< all, or the listed jurisdictions and facilities (account_scope)
};

/// The account as the API shows it (no hash), with the tier of its most powerful role; `custom`
/// holds the tiers of its tenant's custom roles (RoleRepository::CustomTiers).
model::Account ToModel(const AccountRecord& record, model::TimePoint now, const RoleTiers& custom);

/// The most powerful tier among role names, built-in or in `custom` (employee when there is
/// none). A name that is neither (a role deleted under an edited database) counts for nothing.
model::Tier TierOfRoles(const std::vector<std::string>& roles, const RoleTiers& custom);

/// How the accounts list is sorted; every one is served by an index of migration 3 (or the
/// UNIQUE(tenant_id, login_id) one), with the id as the tie-breaker.
enum class AccountSortKey { LoginId, DisplayName, LastLoginAt, Status };

/// One page of GET /api/v1/accounts, already validated.
struct AccountListQuery {
    std::string tenantId;
    std::string search; ///< substring of login ID or display name, ASCII case-insensitive
    std::optional<std::string> role;
    std::optional<model::AccountStatus> status; ///< Locked means locked_until > now
    AccountSortKey sort = AccountSortKey::LoginId;
    bool descending = false;
    /// Keyset position: the sort key of the last row seen (SQLite value, null for a null
    /// last_login_at) and its id.
    struct After {
        std::optional<std::string> textKey;
        std::optional<std::int64_t> intKey;
        std::string id;
    };
    std::optional<After> after;
    int limit = 100; ///< rows to read (the caller asks for one more than it shows)
};

class AccountRepository {
public:
    explicit AccountRepository(Connection& connection)
        : m_connection(connection) {}

    std::optional<AccountRecord> FindByLogin(const std::string& tenantId,
                                             const std::string& loginId);
    std::optional<AccountRecord> FindById(const std::string& id);
    /// Inserts the account and its roles. Throws StorageError (IsConstraint) for a taken login.
    void Insert(const AccountRecord& account);

    std::vector<AccountRecord> List(const AccountListQuery& query, model::TimePoint now);

    /// Writes display name, email, roles and scope of `account` (status and secrets untouched).
    void UpdateProfile(const AccountRecord& account, model::TimePoint now);
    void SetStatus(const std::string& id, model::AccountStatus status, model::TimePoint now);
    /// Clears the lockout and the count of failures.
    void Unlock(const std::string& id, model::TimePoint now);
    /// A new password hash; `otpExpiresAt` set means it is a one-time password that must be
    /// changed, absent means the account chose it.
    void SetPassword(const std::string& id, const std::string& passwordHash,
                     std::optional<model::TimePoint> otpExpiresAt, model::TimePoint now);
    /// The account, its roles, scope, sessions and operator assignments.
    void Delete(const std::string& id);
    /// Accounts of the tenant that hold `role` and whose status is active.
    int CountActiveHolders(const std::string& tenantId, const std::string& role);

    void RecordLoginSuccess(const std::string& id, model::TimePoint now);
    void RecordLoginFailure(const std::string& id, int failedLogins, int lockouts,
                            std::optional<model::TimePoint> lockedUntil);

    bool IsOperatorAssigned(const std::string& accountId, const std::string& tenantId);
    /// Returns false if the assignment existed already.
    bool AssignOperator(const std::string& accountId, const std::string& tenantId,
                        model::TimePoint now);

private:
    std::optional<AccountRecord> ReadOne(Statement& query);
    AccountRecord ReadRow(const Statement& query);
    /// One query each for the roles and the scopes of a page of accounts.
    void LoadRolesAndScopes(std::vector<AccountRecord>& accounts);
    std::vector<std::string> RolesOf(const std::string& accountId);
    void WriteRoles(const std::string& accountId, const std::vector<std::string>& roles);

    Connection& m_connection;
};

} // namespace resv::server::storage
