#pragma once
// Remote configuration of a terminal (CLD.12.1.5): a typed set of settings with a version that
// grows by one with every change. A change names only the top-level settings it sets.

#include "resv/model/Time.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace resv::model {

inline constexpr int kMaxVolume = 100;
inline constexpr std::size_t kMaxIdleMessageLength = 200; ///< characters
/// A remote-support window may be opened at most this far ahead.
inline constexpr std::chrono::hours kMaxRemoteSupportWindow{24};

/// The top-level setting names, in display order.
inline constexpr const char* kSettingVolume = "volume";
inline constexpr const char* kSettingDisplayLanguage = "display_language";
inline constexpr const char* kSettingIdleMessage = "idle_message";
inline constexpr const char* kSettingBusinessHours = "business_hours";
inline constexpr const char* kSettingRemoteSupport = "remote_support";
const std::vector<std::string>& SettingNames();

/// The KIOSK's own screen language: "ja", "en", "zh" or "ko".
bool IsDisplayLanguage(std::string_view code);

/// Days are "mon".."sun"; times "HH:MM", close may be "24:00"; open before close.
struct BusinessHours {
    std::vector<std::string> days{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    std::string open = "00:00";
    std::string close = "24:00";

    bool operator==(const BusinessHours&) const = default;
};

struct RemoteSupport {
    bool enabled = false;
    std::optional<TimePoint> until; ///< required when enabled; at most 24 h ahead when set

    bool operator==(const RemoteSupport&) const = default;
};

struct TerminalSettings {
    int volume = 50;
    std::string displayLanguage = "ja";
    std::string idleMessage;
    BusinessHours businessHours;
    RemoteSupport remoteSupport;

    bool operator==(const TerminalSettings&) const = default;
};

void to_json(nlohmann::json& j, const BusinessHours& value);
void from_json(const nlohmann::json& j, BusinessHours& value);
void to_json(nlohmann::json& j, const RemoteSupport& value);
void from_json(const nlohmann::json& j, RemoteSupport& value);
void to_json(nlohmann::json& j, const TerminalSettings& value);
/// Reads and validates a whole settings object (all five settings required).
void from_json(const nlohmann::json& j, TerminalSettings& value);

/// `current` with the settings that `patch` names replaced. `patch` must be an object of known
/// setting names; each named setting is validated whole (a remote_support window may not end in
/// the past nor more than 24 h after `now`). Throws ValidationError naming the field, e.g.
/// "volume" or "remote_support.until"; an empty patch is "settings"/"required".
TerminalSettings ApplySettingsPatch(const TerminalSettings& current, const nlohmann::json& patch,
                                    TimePoint now);

/// The top-level settings whose values differ, in display order.
std::vector<std::string> ChangedSettings(const TerminalSettings& before,
                                         const TerminalSettings& after);

/// The settings as a terminal must run them at `now`: a remote-support window that has ended is
/// off (it ends by itself at `until`).
TerminalSettings EffectiveSettings(TerminalSettings settings, TimePoint now);

/// GET/PUT /terminals/{id}/config and GET /terminal/config answer this.
struct TerminalConfig {
    int version = 1;
    TerminalSettings settings;

    bool operator==(const TerminalConfig&) const = default;
};

void to_json(nlohmann::json& j, const TerminalConfig& value);
void from_json(const nlohmann::json& j, TerminalConfig& value);

/// One entry of GET /terminals/{id}/config/history, newest first.
struct ConfigHistoryEntry {
    int version = 1;
    TerminalSettings settings;
    std::vector<std::string> changed; ///< top-level settings this version changed
    TimePoint at;
    std::string actorLoginId; ///< empty for the initial defaults
    std::string actorDisplayName;
    std::string origin; ///< "terminal", "facility", "jurisdiction", "rollback" or "initial"
    std::optional<int> rolledBackTo;

    bool operator==(const ConfigHistoryEntry&) const = default;
};

void to_json(nlohmann::json& j, const ConfigHistoryEntry& value);
void from_json(const nlohmann::json& j, ConfigHistoryEntry& value);

/// PUT /facilities/{id}/config and /jurisdictions/{id}/config answer this.
struct BulkConfigResult {
    struct Item {
        std::string terminalId;
        int version = 0;

        bool operator==(const Item&) const = default;
    };
    std::vector<Item> updated;

    bool operator==(const BulkConfigResult&) const = default;
};

void to_json(nlohmann::json& j, const BulkConfigResult& value);
void from_json(const nlohmann::json& j, BulkConfigResult& value);

} // namespace resv::model
