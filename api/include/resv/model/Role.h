#pragma once
// Built-in roles and the permission catalogue. A role has a tier; the whitepaper's rule that
// usage history and monitoring are for "customermanager 以上" is a rule about tiers.

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resv::model {

enum class Tier { Provider, Manager, Employee };

std::string_view ToString(Tier tier);
/// Rejects anything but "provider", "manager", "employee".
std::optional<Tier> TierFromString(std::string_view text);
void to_json(nlohmann::json& j, Tier tier);
void from_json(const nlohmann::json& j, Tier& tier);

/// Lower is more powerful: provider < manager < employee.
inline bool TierAtLeast(Tier actual, Tier required) {
    return static_cast<int>(actual) <= static_cast<int>(required);
}

namespace role {
inline constexpr std::string_view kOperator = "operator";
inline constexpr std::string_view kCustomerManager = "customermanager";
inline constexpr std::string_view kCustomerManagerViewer = "customermanager_viewer";
inline constexpr std::string_view kCustomerEmployee = "customeremployee";
} // namespace role

namespace permission {
inline constexpr std::string_view kAccountsRead = "accounts.read";
inline constexpr std::string_view kAccountsWrite = "accounts.write";
inline constexpr std::string_view kRolesRead = "roles.read";
inline constexpr std::string_view kRolesWrite = "roles.write";
inline constexpr std::string_view kFacilitiesRead = "facilities.read";
inline constexpr std::string_view kFacilitiesWrite = "facilities.write";
inline constexpr std::string_view kTerminalsRead = "terminals.read";
inline constexpr std::string_view kTerminalsWrite = "terminals.write";
inline constexpr std::string_view kTerminalsConfigure = "terminals.configure";
inline constexpr std::string_view kUsageRead = "usage.read";
inline constexpr std::string_view kUsageExport = "usage.export";
inline constexpr std::string_view kMonitoringRead = "monitoring.read";
inline constexpr std::string_view kNoticesRead = "notices.read";
inline constexpr std::string_view kNoticesAck = "notices.ack";
inline constexpr std::string_view kTenantContactsWrite = "tenant.contacts.write";
// Provider-only: publishing incidents and notices from the provider's own tenant.
inline constexpr std::string_view kIncidentsPublish = "incidents.publish";
inline constexpr std::string_view kNoticesPublish = "notices.publish";
} // namespace permission

/// The permissions a customer tenant's roles may be made of (issue 4's catalogue).
const std::vector<std::string_view>& CustomerPermissionCatalogue();

struct BuiltinRole {
    std::string_view name;
    Tier tier;
    std::vector<std::string_view> permissions;
};

const std::vector<BuiltinRole>& BuiltinRoles();
const BuiltinRole* FindBuiltinRole(std::string_view name);

/// Permissions only manager tier and above may hold ("customermanager 以上").
bool IsManagerTierOnlyPermission(std::string_view permission);

/// A role as GET /api/v1/roles shows it: the built-in ones (id = name, builtin = true) and the
/// tenant's custom ones.
struct Role {
    std::string id;
    std::string name;
    Tier tier = Tier::Employee;
    std::vector<std::string> permissions;
    bool builtin = false;

    bool operator==(const Role&) const = default;
};

void to_json(nlohmann::json& j, const Role& role);
void from_json(const nlohmann::json& j, Role& role);

inline constexpr std::size_t kMaxRoleNameLength = 64; ///< characters

/// POST /api/v1/roles needs all three; PATCH names what it changes. Parsing checks the shape:
/// a trimmed name of 1–64 characters that is not a built-in role's, a tier of manager or
/// employee, catalogue permissions (ValidationError "permissions[1]", code "unknown_permission").
/// A manager-tier-only permission in an employee role is the server's check, because a PATCH
/// may change either side (400 permission_not_allowed_for_tier).
struct RoleInput {
    std::optional<std::string> name;
    std::optional<Tier> tier;
    std::optional<std::vector<std::string>> permissions;

    bool operator==(const RoleInput&) const = default;
};

void to_json(nlohmann::json& j, const RoleInput& input);
void from_json(const nlohmann::json& j, RoleInput& input);

/// Throws ValidationError(name/tier/permissions, "required") for what a creation lacks.
void RequireForCreate(const RoleInput& input);

/// One entry of GET /api/v1/permissions.
struct PermissionInfo {
    std::string name;
    bool managerTierOnly = false;

    bool operator==(const PermissionInfo&) const = default;
};

void to_json(nlohmann::json& j, const PermissionInfo& info);
void from_json(const nlohmann::json& j, PermissionInfo& info);

/// The catalogue as the API lists it.
std::vector<PermissionInfo> PermissionCatalogue();

} // namespace resv::model
