#include "resv/model/Monitoring.h"

#include "resv/model/Facility.h"
#include "resv/model/Json.h"

#include <array>

namespace resv::model {
namespace {

constexpr std::size_t kMaxOverrideMessage = 500;

constexpr std::array kStates{ComponentState::Operational, ComponentState::Degraded,
                             ComponentState::Maintenance, ComponentState::PartialOutage,
                             ComponentState::MajorOutage};

} // namespace

std::string_view ToString(ComponentState state) {
    switch (state) {
    case ComponentState::Operational:
        return "operational";
    case ComponentState::Degraded:
        return "degraded";
    case ComponentState::Maintenance:
        return "maintenance";
    case ComponentState::PartialOutage:
        return "partial_outage";
    case ComponentState::MajorOutage:
        return "major_outage";
    }
    return "operational";
}

std::optional<ComponentState> ParseComponentState(std::string_view text) {
    for (const ComponentState state : kStates) {
        if (ToString(state) == text) {
            return state;
        }
    }
    return std::nullopt;
}

void to_json(nlohmann::json& j, ComponentState state) {
    j = std::string(ToString(state));
}

void from_json(const nlohmann::json& j, ComponentState& state) {
    const auto parsed = j.is_string() ? ParseComponentState(j.get<std::string>()) : std::nullopt;
    if (!parsed) {
        throw ValidationError("", "invalid_value",
                              "status must be operational, degraded, maintenance, partial_outage "
                              "or major_outage");
    }
    state = *parsed;
}

const std::vector<std::string_view>& ComponentIds() {
    static const std::vector<std::string_view> ids{component::kApi, component::kDatabase,
                                                   component::kTerminalGateway,
                                                   component::kNotifications};
    return ids;
}

void to_json(nlohmann::json& j, const UptimeDay& day) {
    j = Json{{"date", day.date}, {"percent", day.percent}};
}

void from_json(const nlohmann::json& j, UptimeDay& day) {
    day.date = Required<std::string>(j, "date");
    day.percent = Optional<double>(j, "percent");
}

void to_json(nlohmann::json& j, const LatencySample& sample) {
    j = Json{{"at", FormatRfc3339Utc(sample.at)}, {"ms", sample.milliseconds}};
}

void from_json(const nlohmann::json& j, LatencySample& sample) {
    sample.at = RequiredTime(j, "at");
    sample.milliseconds = Required<double>(j, "ms");
}

void to_json(nlohmann::json& j, const ComponentStatus& status) {
    j = Json{{"id", status.id},           {"name", status.name},
             {"status", status.status},   {"updated_at", FormatRfc3339Utc(status.updatedAt)},
             {"message", status.message}, {"set_by_operator", status.setByOperator},
             {"uptime", status.uptime},   {"latency", status.latency}};
}

void from_json(const nlohmann::json& j, ComponentStatus& status) {
    ComponentStatus parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.name = Required<std::string>(j, "name");
    parsed.status = Required<ComponentState>(j, "status");
    parsed.updatedAt = RequiredTime(j, "updated_at");
    parsed.message = Optional<std::string>(j, "message").value_or("");
    parsed.setByOperator = Optional<bool>(j, "set_by_operator").value_or(false);
    parsed.uptime =
        Optional<std::vector<UptimeDay>>(j, "uptime").value_or(std::vector<UptimeDay>{});
    parsed.latency =
        Optional<std::vector<LatencySample>>(j, "latency").value_or(std::vector<LatencySample>{});
    status = std::move(parsed);
}

void to_json(nlohmann::json& j, const ServiceStatus& status) {
    j = Json{{"components", status.components}, {"checked_at", FormatRfc3339Utc(status.checkedAt)}};
}

void from_json(const nlohmann::json& j, ServiceStatus& status) {
    ServiceStatus parsed;
    parsed.components = Required<std::vector<ComponentStatus>>(j, "components");
    parsed.checkedAt = RequiredTime(j, "checked_at");
    status = std::move(parsed);
}

void to_json(nlohmann::json& j, const FacilityTerminals& facility) {
    j = Json{{"facility_id", facility.facilityId},
             {"facility_name", facility.facilityName},
             {"online", facility.online},
             {"offline", facility.offline}};
}

void from_json(const nlohmann::json& j, FacilityTerminals& facility) {
    facility.facilityId = Required<std::string>(j, "facility_id");
    facility.facilityName = Required<std::string>(j, "facility_name");
    facility.online = Required<int>(j, "online");
    facility.offline = Required<int>(j, "offline");
}

void to_json(nlohmann::json& j, const TerminalPresence& presence) {
    j = Json{{"items", presence.items},
             {"online", presence.online},
             {"offline", presence.offline},
             {"checked_at", FormatRfc3339Utc(presence.checkedAt)}};
}

void from_json(const nlohmann::json& j, TerminalPresence& presence) {
    TerminalPresence parsed;
    parsed.items = Required<std::vector<FacilityTerminals>>(j, "items");
    parsed.online = Required<int>(j, "online");
    parsed.offline = Required<int>(j, "offline");
    parsed.checkedAt = RequiredTime(j, "checked_at");
    presence = std::move(parsed);
}

void to_json(nlohmann::json& j, const ComponentOverride& input) {
    j = Json{{"status", input.status}, {"message", input.message}};
}

void from_json(const nlohmann::json& j, ComponentOverride& input) {
    RequireObject(j);
    RejectUnknownFields(j, {"status", "message"});
    ComponentOverride parsed;
    parsed.status = Required<ComponentState>(j, "status");
    parsed.message = Required<std::string>(j, "message");
    if (parsed.message.empty() || !IsValidUtf8(parsed.message) ||
        CountCharacters(parsed.message) > kMaxOverrideMessage) {
        throw ValidationError("message", parsed.message.empty() ? "required" : "too_long",
                              "message must be 1 to 500 characters");
    }
    input = std::move(parsed);
}

} // namespace resv::model
