#pragma once
// Tenants, accounts and operator assignments made by the provider (CLI and demo seed).

#include "audit/AuditLog.h"
#include "auth/PasswordHasher.h"
#include "resv/server/Admin.h"
#include "storage/Database.h"
#include "storage/TenantRepository.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace resv::server::admin {

inline constexpr std::chrono::hours kOneTimePasswordLifetime{7 * 24};

struct NewAccount {
    std::string tenantCode;
    std::string loginId;
    std::string displayName;
    std::optional<std::string> email;
    std::string role;
    /// Given: used as is and not to be changed (demo). Absent: a one-time password is made.
    std::optional<std::string> password;
};

class AdminService {
public:
    AdminService(storage::Database& database, auth::PasswordHasher& hasher,
                 const audit::AuditLog& audit, std::shared_ptr<const Clock> clock);

    /// Throws AdminError for a bad or taken code or an empty name.
    storage::TenantRecord CreateTenant(const std::string& code, const std::string& name);
    /// Returns the password the account logs in with. Throws AdminError.
    std::string CreateAccount(const NewAccount& account);
    /// Returns false when the assignment existed already. Throws AdminError.
    bool AssignOperator(const std::string& loginId, const std::string& tenantCode);

    bool TenantExists(const std::string& code);
    bool AccountExists(const std::string& tenantCode, const std::string& loginId);

private:
    storage::TenantRecord RequireTenant(storage::Connection& connection, const std::string& code);

    storage::Database& m_database;
    auth::PasswordHasher& m_hasher;
    const audit::AuditLog& m_audit;
    std::shared_ptr<const Clock> m_clock;
};

} // namespace resv::server::admin
