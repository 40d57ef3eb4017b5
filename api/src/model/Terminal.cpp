#include "resv/model/Terminal.h"

#include "resv/model/Facility.h"
#include "resv/model/Json.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <array>

namespace resv::model {
namespace {

/// Strict mapping of an enum to its wire names: an unknown string is an error, never a default.
template <typename Enum, std::size_t N>
struct EnumNames {
    std::array<std::pair<Enum, std::string_view>, N> names;

    std::string_view Name(Enum value) const {
        for (const auto& [e, name] : names) {
            if (e == value) {
                return name;
            }
        }
        return names.front().second;
    }
    std::optional<Enum> Parse(std::string_view text) const {
        for (const auto& [e, name] : names) {
            if (name == text) {
                return e;
            }
        }
        return std::nullopt;
    }
    Enum FromJson(const Json& j) const {
        const auto parsed = j.is_string() ? Parse(j.get<std::string>()) : std::nullopt;
        if (!parsed) {
            std::string allowed;
            for (const auto& [e, name] : names) {
                allowed += (allowed.empty() ? "" : ", ") + std::string(name);
            }
            throw ValidationError("", "invalid_value", "must be one of " + allowed);
        }
        return *parsed;
    }
};

constexpr EnumNames<TerminalKind, 2> kKinds{
    {{{TerminalKind::Kiosk, "kiosk"}, {TerminalKind::AgentPc, "agent_pc"}}}};
constexpr EnumNames<TerminalState, 4> kStates{{{{TerminalState::Idle, "idle"},
                                                {TerminalState::InCall, "in_call"},
                                                {TerminalState::Maintenance, "maintenance"},
                                                {TerminalState::Error, "error"}}}};
constexpr EnumNames<ConfigState, 3> kConfigStates{{{{ConfigState::Applied, "applied"},
                                                    {ConfigState::Pending, "pending"},
                                                    {ConfigState::Failed, "failed"}}}};
constexpr EnumNames<ApplyResult, 2> kApplyResults{
    {{{ApplyResult::Applied, "applied"}, {ApplyResult::Failed, "failed"}}}};
constexpr EnumNames<CallResult, 3> kCallResults{{{{CallResult::Completed, "completed"},
                                                  {CallResult::Abandoned, "abandoned"},
                                                  {CallResult::Failed, "failed"}}}};

std::optional<std::string> ShortText(const Json& j, const char* field, std::size_t max) {
    auto value = Optional<std::string>(j, field);
    if (!value && j.contains(field)) {
        throw ValidationError(field, "invalid_type", std::string(field) + " must be a string");
    }
    if (value && (!IsValidUtf8(*value) || CountCharacters(*value) > max)) {
        throw ValidationError(
            field, "too_long",
            fmt::format("{} must be valid text of at most {} characters", field, max));
    }
    return value;
}

std::string IpField(const Json& j, const char* field) {
    const auto text = Required<std::string>(j, field);
    if (!IsValidIpAddress(text)) {
        throw ValidationError(field, "invalid_value",
                              std::string(field) + " must be an IPv4 or IPv6 address");
    }
    return CanonicalIpAddress(text);
}

} // namespace

std::string_view ToString(TerminalKind kind) {
    return kKinds.Name(kind);
}
std::optional<TerminalKind> TerminalKindFromString(std::string_view t) {
    return kKinds.Parse(t);
}
void to_json(nlohmann::json& j, TerminalKind kind) {
    j = std::string(ToString(kind));
}
void from_json(const nlohmann::json& j, TerminalKind& kind) {
    kind = kKinds.FromJson(j);
}

std::string_view ToString(TerminalState state) {
    return kStates.Name(state);
}
std::optional<TerminalState> TerminalStateFromString(std::string_view t) {
    return kStates.Parse(t);
}
void to_json(nlohmann::json& j, TerminalState state) {
    j = std::string(ToString(state));
}
void from_json(const nlohmann::json& j, TerminalState& state) {
    state = kStates.FromJson(j);
}

std::string_view ToString(ConfigState state) {
    return kConfigStates.Name(state);
}
void to_json(nlohmann::json& j, ConfigState state) {
    j = std::string(ToString(state));
}
void from_json(const nlohmann::json& j, ConfigState& state) {
    state = kConfigStates.FromJson(j);
}

std::string_view ToString(CallResult result) {
    return kCallResults.Name(result);
}

bool IsValidIpAddress(std::string_view text) {
    if (text.empty() || text.size() > 45) {
        return false;
    }
    const std::string copy(text);
    unsigned char buffer[16];
    return inet_pton(AF_INET, copy.c_str(), buffer) == 1 ||
           inet_pton(AF_INET6, copy.c_str(), buffer) == 1;
}

std::string CanonicalIpAddress(std::string_view text) {
    const std::string copy(text);
    unsigned char buffer[16];
    char out[INET6_ADDRSTRLEN] = {};
    if (inet_pton(AF_INET, copy.c_str(), buffer) == 1) {
        return inet_ntop(AF_INET, buffer, out, sizeof out) ? out : copy;
    }
    if (inet_pton(AF_INET6, copy.c_str(), buffer) == 1) {
        return inet_ntop(AF_INET6, buffer, out, sizeof out) ? out : copy;
    }
    return copy;
}

void to_json(nlohmann::json& j, const Terminal& v) {
    j = Json{{"id", v.id},
             {"facility_id", v.facilityId},
             {"name", v.name},
             {"kind", v.kind},
             {"ip_address", v.ipAddress},
             {"model", v.model},
             {"serial", v.serial},
             {"app_version", v.appVersion},
             {"reported_ip", v.reportedIp},
             {"state", v.state ? Json(*v.state) : Json(nullptr)},
             {"last_seen_at", TimeToJson(v.lastSeenAt)},
             {"online", v.online},
             {"ip_mismatch", v.ipMismatch},
             {"desired_config_version", v.desiredConfigVersion},
             {"applied_config_version", v.appliedConfigVersion},
             {"config_state", v.configState},
             {"config_error", v.configError}};
}

void from_json(const nlohmann::json& j, Terminal& v) {
    Terminal parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.facilityId = Required<std::string>(j, "facility_id");
    parsed.name = Required<std::string>(j, "name");
    parsed.kind = Required<TerminalKind>(j, "kind");
    parsed.ipAddress = Required<std::string>(j, "ip_address");
    parsed.model = Optional<std::string>(j, "model").value_or("");
    parsed.serial = Optional<std::string>(j, "serial").value_or("");
    parsed.appVersion = Optional<std::string>(j, "app_version");
    parsed.reportedIp = Optional<std::string>(j, "reported_ip");
    parsed.state = Optional<TerminalState>(j, "state");
    parsed.lastSeenAt = OptionalTime(j, "last_seen_at");
    parsed.online = Optional<bool>(j, "online").value_or(false);
    parsed.ipMismatch = Optional<bool>(j, "ip_mismatch").value_or(false);
    parsed.desiredConfigVersion = Optional<int>(j, "desired_config_version").value_or(0);
    parsed.appliedConfigVersion = Optional<int>(j, "applied_config_version").value_or(0);
    parsed.configState = Optional<ConfigState>(j, "config_state").value_or(ConfigState::Applied);
    parsed.configError = Optional<std::string>(j, "config_error");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const TerminalPatch& v) {
    j = Json::object();
    if (v.name) {
        j["name"] = *v.name;
    }
    if (v.kind) {
        j["kind"] = *v.kind;
    }
    if (v.facilityId) {
        j["facility_id"] = *v.facilityId;
    }
    if (v.ipAddress) {
        j["ip_address"] = *v.ipAddress;
    }
    if (v.model) {
        j["model"] = *v.model;
    }
    if (v.serial) {
        j["serial"] = *v.serial;
    }
}

void from_json(const nlohmann::json& j, TerminalPatch& v) {
    RequireObject(j);
    RejectUnknownFields(j, {"name", "kind", "facility_id", "ip_address", "model", "serial"});
    TerminalPatch parsed;
    parsed.name = ShortText(j, "name", kMaxNameLength);
    if (parsed.name && parsed.name->find_first_not_of(" \t") == std::string::npos) {
        throw ValidationError("name", "required", "name must not be empty");
    }
    if (j.contains("kind")) {
        parsed.kind = Required<TerminalKind>(j, "kind");
    }
    if (j.contains("facility_id")) {
        parsed.facilityId = Required<std::string>(j, "facility_id");
        if (parsed.facilityId->empty()) {
            throw ValidationError("facility_id", "required", "facility_id must not be empty");
        }
    }
    if (j.contains("ip_address")) {
        parsed.ipAddress = IpField(j, "ip_address");
    }
    parsed.model = ShortText(j, "model", kMaxNameLength);
    parsed.serial = ShortText(j, "serial", kMaxNameLength);
    v = std::move(parsed);
}

void RequireForCreate(const TerminalPatch& patch) {
    std::vector<FieldError> errors;
    if (!patch.name) {
        errors.push_back({"name", "required", "name is required"});
    }
    if (!patch.kind) {
        errors.push_back({"kind", "required", "kind is required"});
    }
    if (!patch.facilityId) {
        errors.push_back({"facility_id", "required", "facility_id is required"});
    }
    if (!patch.ipAddress) {
        errors.push_back({"ip_address", "required", "ip_address is required"});
    }
    if (!errors.empty()) {
        throw ValidationError(std::move(errors));
    }
}

void to_json(nlohmann::json& j, const TerminalWithToken& v) {
    j = Json{{"terminal", v.terminal}, {"device_token", v.deviceToken}};
}

void from_json(const nlohmann::json& j, TerminalWithToken& v) {
    TerminalWithToken parsed;
    parsed.terminal = Required<Terminal>(j, "terminal");
    parsed.deviceToken = Required<std::string>(j, "device_token");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const Heartbeat& v) {
    j = Json{{"app_version", v.appVersion}, {"ip_address", v.ipAddress}, {"state", v.state}};
}

void from_json(const nlohmann::json& j, Heartbeat& v) {
    Heartbeat parsed;
    parsed.appVersion = ShortText(j, "app_version", 50).value_or("");
    if (parsed.appVersion.empty()) {
        throw ValidationError("app_version", "required", "app_version is required");
    }
    parsed.ipAddress = IpField(j, "ip_address");
    parsed.state = Required<TerminalState>(j, "state");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const HeartbeatReply& v) {
    j = Json{{"desired_config_version", v.desiredConfigVersion}};
}

void from_json(const nlohmann::json& j, HeartbeatReply& v) {
    v.desiredConfigVersion = Required<int>(j, "desired_config_version");
}

void to_json(nlohmann::json& j, const ConfigAck& v) {
    j = Json{{"version", v.version}, {"result", kApplyResults.Name(v.result)}};
    if (v.reason) {
        j["reason"] = *v.reason;
    }
}

void from_json(const nlohmann::json& j, ConfigAck& v) {
    ConfigAck parsed;
    parsed.version = Required<int>(j, "version");
    if (parsed.version < 1) {
        throw ValidationError("version", "invalid_value", "version must be 1 or more");
    }
    try {
        parsed.result = kApplyResults.FromJson(Required<Json>(j, "result"));
    } catch (const ValidationError& e) {
        throw e.Prefixed("result");
    }
    parsed.reason = ShortText(j, "reason", 500);
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const CallReport& v) {
    j = Json{{"agent_terminal_id", v.agentTerminalId},
             {"started_at", FormatRfc3339Utc(v.startedAt)},
             {"ended_at", FormatRfc3339Utc(v.endedAt)},
             {"result", kCallResults.Name(v.result)}};
}

void from_json(const nlohmann::json& j, CallReport& v) {
    CallReport parsed;
    parsed.agentTerminalId = Required<std::string>(j, "agent_terminal_id");
    parsed.startedAt = RequiredTime(j, "started_at");
    parsed.endedAt = RequiredTime(j, "ended_at");
    if (parsed.endedAt < parsed.startedAt) {
        throw ValidationError("ended_at", "invalid_value", "ended_at is before started_at");
    }
    try {
        parsed.result = kCallResults.FromJson(Required<Json>(j, "result"));
    } catch (const ValidationError& e) {
        throw e.Prefixed("result");
    }
    v = std::move(parsed);
}

} // namespace resv::model
