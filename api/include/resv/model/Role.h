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

} // namespace resv::model
