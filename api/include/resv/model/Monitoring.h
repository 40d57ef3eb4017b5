#pragma once
// 監視 (CLD.12.4.5): the service's operating and failure status as GET /api/v1/status and
// /api/v1/status/terminals return it. Manager tier and up read it; an operator may set a
// component's status by hand (maintenance, or what the probes cannot see).

#include "resv/model/Time.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resv::model {

/// Best first; the order is also the severity order (a worse status has a higher value), except
/// that Maintenance is planned and ranks between Degraded and PartialOutage.
enum class ComponentState { Operational, Degraded, Maintenance, PartialOutage, MajorOutage };

/// "operational", "degraded", "maintenance", "partial_outage", "major_outage".
std::string_view ToString(ComponentState state);
std::optional<ComponentState> ParseComponentState(std::string_view text);
void to_json(nlohmann::json& j, ComponentState state);
void from_json(const nlohmann::json& j, ComponentState& state);

/// The components, in the order GET /status lists them.
namespace component {
inline constexpr std::string_view kApi = "api";
inline constexpr std::string_view kDatabase = "database";
inline constexpr std::string_view kTerminalGateway = "terminal_gateway";
inline constexpr std::string_view kNotifications = "notifications";
} // namespace component

/// All component ids, in the order above.
const std::vector<std::string_view>& ComponentIds();

/// One JST day of a component's uptime. `percent` is null when nothing was measured that day
/// (before the server first ran, or while it was stopped).
struct UptimeDay {
    std::string date;              ///< JST calendar date, "2026-11-26"
    std::optional<double> percent; ///< 0–100

    bool operator==(const UptimeDay&) const = default;
};

/// One latency measurement of a component's probe.
struct LatencySample {
    TimePoint at{};
    double milliseconds = 0;

    bool operator==(const LatencySample&) const = default;
};

struct ComponentStatus {
    std::string id;   ///< one of component::k*
    std::string name; ///< English; the console shows its own translated name for known ids
    ComponentState status = ComponentState::Operational;
    TimePoint updatedAt{}; ///< when the status last changed
    /// Why: the probe's finding ("database answered in 850 ms") or the operator's note.
    std::string message;
    bool setByOperator = false;
    std::vector<UptimeDay> uptime;      ///< the last 90 JST days, oldest first, today last
    std::vector<LatencySample> latency; ///< recent probe latencies, oldest first (may be empty)

    bool operator==(const ComponentStatus&) const = default;
};

/// GET /api/v1/status: {components: [...], checked_at}.
struct ServiceStatus {
    std::vector<ComponentStatus> components;
    TimePoint checkedAt{};

    bool operator==(const ServiceStatus&) const = default;
};

void to_json(nlohmann::json& j, const UptimeDay& day);
void from_json(const nlohmann::json& j, UptimeDay& day);
void to_json(nlohmann::json& j, const LatencySample& sample);
void from_json(const nlohmann::json& j, LatencySample& sample);
void to_json(nlohmann::json& j, const ComponentStatus& status);
void from_json(const nlohmann::json& j, ComponentStatus& status);
void to_json(nlohmann::json& j, const ServiceStatus& status);
void from_json(const nlohmann::json& j, ServiceStatus& status);

/// Terminals of one facility by presence: online = a heartbeat within the last 90 s.
struct FacilityTerminals {
    std::string facilityId;
    std::string facilityName;
    int online = 0;
    int offline = 0;

    bool operator==(const FacilityTerminals&) const = default;
};

/// GET /api/v1/status/terminals: the facilities in the caller's scope (by name), and the totals.
struct TerminalPresence {
    std::vector<FacilityTerminals> items;
    int online = 0;
    int offline = 0;
    TimePoint checkedAt{};

    bool operator==(const TerminalPresence&) const = default;
};

void to_json(nlohmann::json& j, const FacilityTerminals& facility);
void from_json(const nlohmann::json& j, FacilityTerminals& facility);
void to_json(nlohmann::json& j, const TerminalPresence& presence);
void from_json(const nlohmann::json& j, TerminalPresence& presence);

/// PUT /api/v1/status/components/{id} (operator): {status, message}. DELETE of the same path
/// gives the component back to its probes.
struct ComponentOverride {
    ComponentState status = ComponentState::Maintenance;
    std::string message; ///< required, 1–500 characters

    bool operator==(const ComponentOverride&) const = default;
};

void to_json(nlohmann::json& j, const ComponentOverride& input);
/// Validates: status known, message 1–500 characters (ValidationError naming the field).
void from_json(const nlohmann::json& j, ComponentOverride& input);

} // namespace resv::model
