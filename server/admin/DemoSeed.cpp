#include "admin/DemoSeed.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <vector>

namespace resv::server::admin {
namespace {

struct DemoTenant {
    const char* code;
    const char* name;
};

struct DemoAccount {
    const char* tenant;
    const char* login;
    const char* password;
    const char* role;
    const char* displayName;
    const char* email;
};

const std::vector<DemoTenant> kTenants{
    {"demo", "デモホテルグループ"},
    {"other", "別テナント株式会社"},
    {"provider", "RESV 運用"},
};

const std::vector<DemoAccount> kAccounts{
    {"demo", "manager", "Kanri-Demo#2026", "customermanager", "山田 花子", "yamada@example.jp"},
    {"demo", "viewer", "Etsuran-Demo#2026", "customermanager_viewer", "佐藤 健", "sato@example.jp"},
    {"demo", "staff01", "Juugyouin-Demo#2026", "customeremployee", "鈴木 一郎", nullptr},
    {"other", "manager", "Other-Kanri#2026", "customermanager", "高橋 美咲",
     "takahashi@example.com"},
    {"provider", "support", "Hoshu-Desk#2026", "operator", "保守デスク", nullptr},
};

constexpr const char* kOperatorAssignedTo = "demo";

} // namespace

std::string SeedDemo(AdminService& admin) {
    for (const auto& tenant : kTenants) {
        if (!admin.TenantExists(tenant.code)) {
            admin.CreateTenant(tenant.code, tenant.name);
        }
    }
    for (const auto& account : kAccounts) {
        if (!admin.AccountExists(account.tenant, account.login)) {
            NewAccount request{account.tenant, account.login, account.displayName,
                               std::nullopt,   account.role,  std::string(account.password)};
            if (account.email) {
                request.email = account.email;
            }
            admin.CreateAccount(request);
        }
    }
    admin.AssignOperator("support", kOperatorAssignedTo);
    spdlog::info("demo tenants and accounts are in place");

    std::string text = "Demo logins (tenant / login ID / password / role):\n";
    for (const auto& account : kAccounts) {
        text += fmt::format("  {:<9} {:<8} {:<20} {}{}\n", account.tenant, account.login,
                            account.password, account.role,
                            std::string_view(account.role) == "operator"
                                ? fmt::format(" (may act in {})", kOperatorAssignedTo)
                                : std::string());
    }
    return text;
}

} // namespace resv::server::admin
