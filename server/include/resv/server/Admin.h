#pragma once
// What `resv-server create-tenant | create-account | assign-operator` do, as a library: the
// provider's administration of tenants, outside any HTTP session. Each change is an audit event
// in the tenant it concerns, with the actor "resv-server".

#include "resv/server/Clock.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace resv::server {

/// A refused administrative change (bad code, taken login, unknown tenant...), said plainly.
class AdminError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Admin {
public:
    /// Opens (and migrates) DIR/resv.db; DIR is created 0700 if missing.
    explicit Admin(const std::filesystem::path& dataDir, std::shared_ptr<const Clock> clock = {});
    ~Admin();
    Admin(const Admin&) = delete;
    Admin& operator=(const Admin&) = delete;

    /// `code`: 1–32 of a-z, 0-9, '-' and '_', starting with a letter or digit.
    void CreateTenant(const std::string& code, const std::string& name);

    /// Creates an account with a built-in role and returns its one-time password (shown once;
    /// it must be changed at first login and expires after 7 days). `operator` accounts exist
    /// only in tenant `provider`, which holds nothing else.
    std::string CreateAccount(const std::string& tenantCode, const std::string& loginId,
                              const std::string& role);

    /// Lets the operator `loginId` of tenant `provider` act in `tenantCode`. Idempotent.
    void AssignOperator(const std::string& loginId, const std::string& tenantCode);

    /// The demo tenants and accounts (idempotent); returns the text that lists the logins.
    std::string SeedDemo();

    struct AuditCheck {
        bool intact = false;
        std::string report; ///< what an auditor reads: events checked, checkpoint, first break
    };
    /// Checks the tenant's usage history offline with DIR/keys/audit-signing.pub.
    AuditCheck VerifyAudit(const std::string& tenantCode);

    /// The daily retention jobs as of `asOf` (default: the clock's now); returns what they did.
    std::string RunRetention(std::optional<std::chrono::sys_time<std::chrono::milliseconds>> asOf);

private:
    struct Parts;
    std::unique_ptr<Parts> m_parts;
};

} // namespace resv::server
