#include "resv/model/Role.h"

#include "resv/model/Json.h"

#include "resv/model/Facility.h"

#include <fmt/format.h>

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

void to_json(nlohmann::json& j, const Role& v) {
    j = Json{{"id", v.id},
             {"name", v.name},
             {"tier", v.tier},
             {"permissions", v.permissions},
             {"builtin", v.builtin}};
}

void from_json(const nlohmann::json& j, Role& v) {
    Role parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.name = Required<std::string>(j, "name");
    parsed.tier = Required<Tier>(j, "tier");
    parsed.permissions = Required<std::vector<std::string>>(j, "permissions");
    parsed.builtin = Optional<bool>(j, "builtin").value_or(false);
    v = std::move(parsed);
}

namespace {

std::string RoleNameOf(const Json& j) {
    auto name = Required<std::string>(j, "name");
    const auto first = name.find_first_not_of(" \t");
    name = first == std::string::npos
               ? std::string()
               : name.substr(first, name.find_last_not_of(" \t") - first + 1);
    if (name.empty()) {
        throw ValidationError("name", "required", "name must not be empty");
    }
    if (!IsValidUtf8(name) || std::any_of(name.begin(), name.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
        })) {
        throw ValidationError("name", "invalid_value",
                              "name must be UTF-8 text without control characters");
    }
    if (CountCharacters(name) > kMaxRoleNameLength) {
        throw ValidationError("name", "too_long",
                              fmt::format("name is longer than {} characters", kMaxRoleNameLength));
    }
    if (FindBuiltinRole(name)) {
        throw ValidationError("name", "reserved", "name is the name of a built-in role");
    }
    return name;
}

std::vector<std::string> PermissionsOf(const Json& j) {
    auto permissions = Required<std::vector<std::string>>(j, "permissions");
    const auto& catalogue = CustomerPermissionCatalogue();
    for (std::size_t i = 0; i < permissions.size(); ++i) {
        if (std::find(catalogue.begin(), catalogue.end(), permissions[i]) == catalogue.end()) {
            throw ValidationError(fmt::format("permissions[{}]", i), "unknown_permission",
                                  "not a permission of the catalogue: " + permissions[i]);
        }
    }
    std::sort(permissions.begin(), permissions.end());
    permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
    return permissions;
}

} // namespace

void to_json(nlohmann::json& j, const RoleInput& v) {
    j = Json::object();
    if (v.name) {
        j["name"] = *v.name;
    }
    if (v.tier) {
        j["tier"] = *v.tier;
    }
    if (v.permissions) {
        j["permissions"] = *v.permissions;
    }
}

void from_json(const nlohmann::json& j, RoleInput& v) {
    RequireObject(j);
    RejectUnknownFields(j, {"name", "tier", "permissions"});
    RoleInput parsed;
    if (j.contains("name")) {
        parsed.name = RoleNameOf(j);
    }
    if (j.contains("tier")) {
        parsed.tier = Required<Tier>(j, "tier");
        if (*parsed.tier == Tier::Provider) {
            throw ValidationError("tier", "invalid_value", "tier must be manager or employee");
        }
    }
    if (j.contains("permissions")) {
        parsed.permissions = PermissionsOf(j);
    }
    v = std::move(parsed);
}

void RequireForCreate(const RoleInput& input) {
    if (!input.name) {
        throw ValidationError("name", "required", "name is required");
    }
    if (!input.tier) {
        throw ValidationError("tier", "required", "tier is required");
    }
    if (!input.permissions) {
        throw ValidationError("permissions", "required", "permissions is required");
    }
}

void to_json(nlohmann::json& j, const PermissionInfo& v) {
    j = Json{{"name", v.name}, {"manager_tier_only", v.managerTierOnly}};
}

void from_json(const nlohmann::json& j, PermissionInfo& v) {
    PermissionInfo parsed;
    parsed.name = Required<std::string>(j, "name");
    parsed.managerTierOnly = Optional<bool>(j, "manager_tier_only").value_or(false);
    v = std::move(parsed);
}

std::vector<PermissionInfo> PermissionCatalogue() {
    std::vector<PermissionInfo> catalogue;
    for (const auto permission : CustomerPermissionCatalogue()) {
        catalogue.push_back({std::string(permission), IsManagerTierOnlyPermission(permission)});
    }
    return catalogue;
}

} // namespace resv::model
