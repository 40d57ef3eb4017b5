#pragma once

#include "resv/model/Account.h"
#include "storage/Sqlite.h"

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
};

/// The account as the API shows it (no hash), with the tier of its most powerful role.
model::Account ToModel(const AccountRecord& record, model::TimePoint now);

/// The most powerful tier among built-in role names (employee when there is none).
model::Tier TierOfRoles(const std::vector<std::string>& roles);

class AccountRepository {
public:
    explicit AccountRepository(Connection& connection)
        : m_connection(connection) {}

    std::optional<AccountRecord> FindByLogin(const std::string& tenantId,
                                             const std::string& loginId);
    std::optional<AccountRecord> FindById(const std::string& id);
    /// Inserts the account and its roles. Throws StorageError (IsConstraint) for a taken login.
    void Insert(const AccountRecord& account);

    void RecordLoginSuccess(const std::string& id, model::TimePoint now);
    void RecordLoginFailure(const std::string& id, int failedLogins, int lockouts,
                            std::optional<model::TimePoint> lockedUntil);

    bool IsOperatorAssigned(const std::string& accountId, const std::string& tenantId);
    /// Returns false if the assignment existed already.
    bool AssignOperator(const std::string& accountId, const std::string& tenantId,
                        model::TimePoint now);

private:
    std::optional<AccountRecord> ReadOne(Statement& query);
    std::vector<std::string> RolesOf(const std::string& accountId);

    Connection& m_connection;
};

} // namespace resv::server::storage
