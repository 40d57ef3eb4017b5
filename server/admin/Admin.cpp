#include "resv/server/Admin.h"

#include "admin/AdminService.h"
#include "admin/DemoSeed.h"
#include "util/Files.h"

namespace resv::server {

struct Admin::Parts {
    std::shared_ptr<const Clock> clock;
    storage::Database database;
    auth::PasswordHasher hasher;
    audit::AuditLog audit;
    admin::AdminService service;

    Parts(const std::filesystem::path& dataDir, std::shared_ptr<const Clock> c)
        : clock(c ? std::move(c) : std::make_shared<SystemClock>())
        , database((util::EnsurePrivateDirectory(dataDir), dataDir / "resv.db"), 1)
        , audit(clock)
        , service(database, hasher, audit, clock) {}
};

Admin::Admin(const std::filesystem::path& dataDir, std::shared_ptr<const Clock> clock)
    : m_parts(std::make_unique<Parts>(dataDir, std::move(clock))) {}

Admin::~Admin() = default;

void Admin::CreateTenant(const std::string& code, const std::string& name) {
    m_parts->service.CreateTenant(code, name);
}

std::string Admin::CreateAccount(const std::string& tenantCode, const std::string& loginId,
                                 const std::string& role) {
    return m_parts->service.CreateAccount(
        admin::NewAccount{tenantCode, loginId, loginId, std::nullopt, role, std::nullopt});
}

void Admin::AssignOperator(const std::string& loginId, const std::string& tenantCode) {
    m_parts->service.AssignOperator(loginId, tenantCode);
}

std::string Admin::SeedDemo() {
    return admin::SeedDemo(m_parts->service);
}

} // namespace resv::server
