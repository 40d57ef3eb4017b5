#include "resv/server/Admin.h"

#include "admin/AdminService.h"
#include "admin/DemoSeed.h"
#include "audit/AccessLog.h"
#include "audit/AuditSeal.h"
#include "audit/Retention.h"
#include "storage/TenantRepository.h"
#include "util/Files.h"

#include <fmt/format.h>

namespace resv::server {

struct Admin::Parts {
    std::filesystem::path dataDir;
    std::shared_ptr<const Clock> clock;
    storage::Database database;
    auth::PasswordHasher hasher;
    audit::AuditLog audit;
    admin::AdminService service;

    Parts(const std::filesystem::path& dataDir, std::shared_ptr<const Clock> c)
        : dataDir(dataDir)
        , clock(c ? std::move(c) : std::make_shared<SystemClock>())
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

Admin::AuditCheck Admin::VerifyAudit(const std::string& tenantCode) {
    auto db = m_parts->database.Acquire();
    const auto tenant = storage::TenantRepository(*db).FindByCode(tenantCode);
    if (!tenant) {
        throw AdminError("there is no tenant " + tenantCode);
    }
    const std::string publicKey = audit::ReadAuditPublicKey(m_parts->dataDir / "keys");
    const model::AuditVerification result =
        audit::VerifyAuditChain(*db, tenant->id, tenant->code, publicKey);
    std::string report =
        fmt::format("tenant {}: {} event(s) checked\n", tenantCode, result.checked);
    if (result.checkpoint) {
        report +=
            fmt::format("latest checkpoint: event {} signed at {} ({})\n",
                        result.checkpoint->sequence, model::FormatRfc3339Utc(result.checkpoint->at),
                        result.checkpoint->valid ? "valid" : "NOT VALID");
    } else {
        report += "no checkpoint signed yet: only the chain itself was checked\n";
    }
    if (result.ok) {
        report += "intact\n";
    } else {
        report += fmt::format("NOT INTACT: event {} is {}\n", *result.firstBadSequence,
                              *result.firstBadReason == "missing"   ? "missing"
                              : *result.firstBadReason == "altered" ? "altered"
                                                                    : "not what was signed "
                                                                      "(the chain was recomputed)");
    }
    return {result.ok, report};
}

std::string
Admin::RunRetention(std::optional<std::chrono::sys_time<std::chrono::milliseconds>> asOf) {
    const auto when = asOf.value_or(m_parts->clock->Now());
    audit::AccessLog accessLog(m_parts->dataDir / "access-log.db");
    const auto signer = audit::AuditSigner::LoadOrCreate(m_parts->dataDir / "keys");
    return audit::RunRetention(m_parts->database, accessLog, signer, when).Describe(when);
}

} // namespace resv::server
