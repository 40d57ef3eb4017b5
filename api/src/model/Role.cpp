#include "resv/model/Role.h"

#include "resv/model/Json.h"

#include <algorithm>

namespace resv::model {

std::string_view ToString(Tier tier) {
    switch (tier) {
    case Tier::Provider:
        return "provider";
    case Tier::Manager:
        return "manager";
    case Tier::Employee:
        return "employee";
    }
    return "employee";
}

std::optional<Tier> TierFromString(std::string_view text) {
    for (const Tier t : {Tier::Provider, Tier::Manager, Tier::Employee}) {
        if (ToString(t) == text) {
            return t;
        }
    }
    return std::nullopt;
}

void to_json(nlohmann::json& j, Tier tier) {
    j = std::string(ToString(tier));
}

void from_json(const nlohmann::json& j, Tier& tier) {
    const auto parsed = j.is_string() ? TierFromString(j.get<std::string>()) : std::nullopt;
    if (!parsed) {
        throw ValidationError("", "invalid_value", "tier must be provider, manager or employee");
    }
    tier = *parsed;
}

const std::vector<std::string_view>& CustomerPermissionCatalogue() {
    using namespace permission;
    static const std::vector<std::string_view> catalogue{
        kAccountsRead,       kAccountsWrite,   kRolesRead,          kRolesWrite,
        kFacilitiesRead,     kFacilitiesWrite, kTerminalsRead,      kTerminalsWrite,
        kTerminalsConfigure, kUsageRead,       kUsageExport,        kMonitoringRead,
        kNoticesRead,        kNoticesAck,      kTenantContactsWrite};
    return catalogue;
}

const std::vector<BuiltinRole>& BuiltinRoles() {
    using namespace permission;
    static const std::vector<BuiltinRole> roles{
        // Acting in a customer tenant, an operator registers accounts and configures terminals.
        {role::kOperator,
         Tier::Provider,
         {kAccountsRead, kAccountsWrite, kRolesRead, kFacilitiesRead, kTerminalsRead,
          kTerminalsConfigure, kUsageRead, kMonitoringRead, kNoticesRead, kIncidentsPublish,
          kNoticesPublish}},
        {role::kCustomerManager, Tier::Manager, CustomerPermissionCatalogue()},
        {role::kCustomerManagerViewer,
         Tier::Manager,
         {kAccountsRead, kRolesRead, kFacilitiesRead, kTerminalsRead, kUsageRead, kMonitoringRead,
          kNoticesRead}},
        {role::kCustomerEmployee, Tier::Employee, {kFacilitiesRead, kTerminalsRead, kNoticesRead}},
    };
    return roles;
}

const BuiltinRole* FindBuiltinRole(std::string_view name) {
    const auto& roles = BuiltinRoles();
    const auto it = std::find_if(roles.begin(), roles.end(),
                                 [&](const BuiltinRole& r) { return r.name == name; });
    return it == roles.end() ? nullptr : &*it;
}

bool IsManagerTierOnlyPermission(std::string_view permission) {
    return permission == permission::kUsageRead || permission == permission::kUsageExport ||
           permission == permission::kMonitoringRead;
}

} // namespace resv::model
