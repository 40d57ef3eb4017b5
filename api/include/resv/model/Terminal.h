#pragma once
// 端末: KIOSK terminals and agents' PCs, what the server knows of their state, and what a terminal
// itself sends with its device token.

#include "resv/model/Time.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace resv::model {

enum class TerminalKind { Kiosk, AgentPc };
std::string_view ToString(TerminalKind kind);
std::optional<TerminalKind> TerminalKindFromString(std::string_view text);
void to_json(nlohmann::json& j, TerminalKind kind);
void from_json(const nlohmann::json& j, TerminalKind& kind);

/// What a terminal reports of itself in a heartbeat.
enum class TerminalState { Idle, InCall, Maintenance, Error };
std::string_view ToString(TerminalState state);
std::optional<TerminalState> TerminalStateFromString(std::string_view text);
void to_json(nlohmann::json& j, TerminalState state);
void from_json(const nlohmann::json& j, TerminalState& state);

/// A terminal counts as online when it was seen within this long.
inline constexpr std::chrono::seconds kOnlineWindow{90};

/// Whether the configuration a terminal runs is the one it should.
enum class ConfigState { Applied, Pending, Failed };
std::string_view ToString(ConfigState state);
void to_json(nlohmann::json& j, ConfigState state);
void from_json(const nlohmann::json& j, ConfigState& state);

struct Terminal {
    std::string id;
    std::string facilityId;
    std::string name;
    TerminalKind kind = TerminalKind::Kiosk;
    std::string ipAddress; ///< as registered by the customer
    std::string model;
    std::string serial;
    // Reported by the terminal:
    std::optional<std::string> appVersion;
    std::optional<std::string> reportedIp;
    std::optional<TerminalState> state;
    std::optional<TimePoint> lastSeenAt;
    // Computed by the server:
    bool online = false;
    bool ipMismatch = false; ///< reported_ip differs from ip_address
    int desiredConfigVersion = 0;
    int appliedConfigVersion = 0;
    ConfigState configState = ConfigState::Applied;
    std::optional<std::string> configError; ///< the terminal's reason for a failed apply

    bool operator==(const Terminal&) const = default;
};

void to_json(nlohmann::json& j, const Terminal& value);
void from_json(const nlohmann::json& j, Terminal& value);

/// POST needs name, kind, facility_id and ip_address; PATCH names what it changes.
struct TerminalPatch {
    std::optional<std::string> name;
    std::optional<TerminalKind> kind;
    std::optional<std::string> facilityId;
    std::optional<std::string> ipAddress; ///< IPv4 or IPv6
    std::optional<std::string> model;
    std::optional<std::string> serial;

    bool operator==(const TerminalPatch&) const = default;
};

void to_json(nlohmann::json& j, const TerminalPatch& value);
void from_json(const nlohmann::json& j, TerminalPatch& value);
void RequireForCreate(const TerminalPatch& patch);

/// 201 of POST /terminals and the answer of rotate-token: the token is shown this once.
struct TerminalWithToken {
    Terminal terminal;
    std::string deviceToken;

    bool operator==(const TerminalWithToken&) const = default;
};

void to_json(nlohmann::json& j, const TerminalWithToken& value);
void from_json(const nlohmann::json& j, TerminalWithToken& value);

/// True for a textual IPv4 ("192.0.2.10") or IPv6 ("2001:db8::1") address.
bool IsValidIpAddress(std::string_view text);
/// The same address in one canonical text form ("2001:0db8::0001" → "2001:db8::1").
std::string CanonicalIpAddress(std::string_view text);

// ---- What terminals send (device token as bearer) ----

struct Heartbeat {
    std::string appVersion;
    std::string ipAddress;
    TerminalState state = TerminalState::Idle;

    bool operator==(const Heartbeat&) const = default;
};

void to_json(nlohmann::json& j, const Heartbeat& value);
void from_json(const nlohmann::json& j, Heartbeat& value);

struct HeartbeatReply {
    int desiredConfigVersion = 0;

    bool operator==(const HeartbeatReply&) const = default;
};

void to_json(nlohmann::json& j, const HeartbeatReply& value);
void from_json(const nlohmann::json& j, HeartbeatReply& value);

enum class ApplyResult { Applied, Failed };

struct ConfigAck {
    int version = 0;
    ApplyResult result = ApplyResult::Applied;
    std::optional<std::string> reason;

    bool operator==(const ConfigAck&) const = default;
};

void to_json(nlohmann::json& j, const ConfigAck& value);
void from_json(const nlohmann::json& j, ConfigAck& value);

enum class CallResult { Completed, Abandoned, Failed };
std::string_view ToString(CallResult result);

struct CallReport {
    std::string agentTerminalId;
    TimePoint startedAt;
    TimePoint endedAt; ///< not before startedAt
    CallResult result = CallResult::Completed;

    bool operator==(const CallReport&) const = default;
};

void to_json(nlohmann::json& j, const CallReport& value);
void from_json(const nlohmann::json& j, CallReport& value);

} // namespace resv::model
