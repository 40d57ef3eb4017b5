#include "resv/model/TerminalConfig.h"

#include "resv/model/Facility.h"
#include "resv/model/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace resv::model {
namespace {

constexpr std::array<std::string_view, 7> kDays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::string_view, 4> kLanguages{"ja", "en", "zh", "ko"};

/// Minutes since midnight of "HH:MM" (00:00–24:00), or nothing.
std::optional<int> Minutes(const std::string& text) {
    if (text.size() != 5 || text[2] != ':' || !std::isdigit(static_cast<unsigned char>(text[0])) ||
        !std::isdigit(static_cast<unsigned char>(text[1])) ||
        !std::isdigit(static_cast<unsigned char>(text[3])) ||
        !std::isdigit(static_cast<unsigned char>(text[4]))) {
        return std::nullopt;
    }
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
        return std::nullopt;
    }
    return hours * 60 + minutes;
}

int ReadVolume(const Json& patch) {
    const int volume = Required<int>(patch, kSettingVolume);
    if (volume < 0 || volume > kMaxVolume) {
        throw ValidationError(kSettingVolume, "out_of_range", "volume must be from 0 to 100");
    }
    return volume;
}

std::string ReadLanguage(const Json& patch) {
    auto language = Required<std::string>(patch, kSettingDisplayLanguage);
    if (!IsDisplayLanguage(language)) {
        throw ValidationError(kSettingDisplayLanguage, "invalid_value",
                              "display_language must be ja, en, zh or ko");
    }
    return language;
}

std::string ReadIdleMessage(const Json& patch) {
    auto message = Required<std::string>(patch, kSettingIdleMessage);
    if (!IsValidUtf8(message)) {
        throw ValidationError(kSettingIdleMessage, "invalid_value",
                              "idle_message is not valid UTF-8");
    }
    if (CountCharacters(message) > kMaxIdleMessageLength) {
        throw ValidationError(kSettingIdleMessage, "too_long",
                              "idle_message is longer than 200 characters");
    }
    return message;
}

void CheckBusinessHours(const BusinessHours& hours) {
    if (hours.days.empty()) {
        throw ValidationError("days", "required", "at least one day is required");
    }
    for (const auto& day : hours.days) {
        if (std::find(kDays.begin(), kDays.end(), day) == kDays.end()) {
            throw ValidationError("days", "invalid_value",
                                  "days are mon, tue, wed, thu, fri, sat, sun");
        }
        if (std::count(hours.days.begin(), hours.days.end(), day) > 1) {
            throw ValidationError("days", "invalid_value", "a day is named twice");
        }
    }
    const auto open = Minutes(hours.open);
    if (!open || *open == 24 * 60) {
        throw ValidationError("open", "invalid_value", "open must be a time from 00:00 to 23:59");
    }
    const auto close = Minutes(hours.close);
    if (!close) {
        throw ValidationError("close", "invalid_value", "close must be a time from 00:01 to 24:00");
    }
    if (*close <= *open) {
        throw ValidationError("close", "invalid_value", "close must be after open");
    }
}

void CheckRemoteSupport(const RemoteSupport& support, TimePoint now) {
    if (support.enabled && !support.until) {
        throw ValidationError("until", "required", "an open remote-support window needs until");
    }
    if (support.enabled && *support.until <= now) {
        throw ValidationError("until", "invalid_value", "until must be in the future");
    }
    if (support.enabled && *support.until > now + kMaxRemoteSupportWindow) {
        throw ValidationError("until", "out_of_range", "until must be at most 24 hours ahead");
    }
}

} // namespace

const std::vector<std::string>& SettingNames() {
    static const std::vector<std::string> names{kSettingVolume, kSettingDisplayLanguage,
                                                kSettingIdleMessage, kSettingBusinessHours,
                                                kSettingRemoteSupport};
    return names;
}

bool IsDisplayLanguage(std::string_view code) {
    return std::find(kLanguages.begin(), kLanguages.end(), code) != kLanguages.end();
}

void to_json(nlohmann::json& j, const BusinessHours& v) {
    j = Json{{"days", v.days}, {"open", v.open}, {"close", v.close}};
}

void from_json(const nlohmann::json& j, BusinessHours& v) {
    RequireObject(j);
    RejectUnknownFields(j, {"days", "open", "close"});
    BusinessHours parsed;
    parsed.days = Required<std::vector<std::string>>(j, "days");
    parsed.open = Required<std::string>(j, "open");
    parsed.close = Required<std::string>(j, "close");
    CheckBusinessHours(parsed);
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const RemoteSupport& v) {
    j = Json{{"enabled", v.enabled}, {"until", TimeToJson(v.until)}};
}

void from_json(const nlohmann::json& j, RemoteSupport& v) {
    RequireObject(j);
    RejectUnknownFields(j, {"enabled", "until"});
    RemoteSupport parsed;
    parsed.enabled = Required<bool>(j, "enabled");
    parsed.until = OptionalTime(j, "until");
    if (!parsed.enabled) {
        parsed.until.reset();
    }
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const TerminalSettings& v) {
    j = Json{{kSettingVolume, v.volume},
             {kSettingDisplayLanguage, v.displayLanguage},
             {kSettingIdleMessage, v.idleMessage},
             {kSettingBusinessHours, v.businessHours},
             {kSettingRemoteSupport, v.remoteSupport}};
}

void from_json(const nlohmann::json& j, TerminalSettings& v) {
    RequireObject(j);
    TerminalSettings parsed;
    parsed.volume = ReadVolume(j);
    parsed.displayLanguage = ReadLanguage(j);
    parsed.idleMessage = ReadIdleMessage(j);
    parsed.businessHours = Required<BusinessHours>(j, kSettingBusinessHours);
    parsed.remoteSupport = Required<RemoteSupport>(j, kSettingRemoteSupport);
    v = std::move(parsed);
}

TerminalSettings ApplySettingsPatch(const TerminalSettings& current, const nlohmann::json& patch,
                                    TimePoint now) {
    RequireObject(patch, "settings");
    if (patch.empty()) {
        throw ValidationError("settings", "required", "name at least one setting to change");
    }
    RejectUnknownFields(patch, {kSettingVolume, kSettingDisplayLanguage, kSettingIdleMessage,
                                kSettingBusinessHours, kSettingRemoteSupport});
    TerminalSettings next = current;
    if (patch.contains(kSettingVolume)) {
        next.volume = ReadVolume(patch);
    }
    if (patch.contains(kSettingDisplayLanguage)) {
        next.displayLanguage = ReadLanguage(patch);
    }
    if (patch.contains(kSettingIdleMessage)) {
        next.idleMessage = ReadIdleMessage(patch);
    }
    if (patch.contains(kSettingBusinessHours)) {
        next.businessHours = Required<BusinessHours>(patch, kSettingBusinessHours);
    }
    if (patch.contains(kSettingRemoteSupport)) {
        next.remoteSupport = Required<RemoteSupport>(patch, kSettingRemoteSupport);
        try {
            CheckRemoteSupport(next.remoteSupport, now);
        } catch (const ValidationError& e) {
            throw e.Prefixed(kSettingRemoteSupport);
        }
    }
    return next;
}

std::vector<std::string> ChangedSettings(const TerminalSettings& before,
                                         const TerminalSettings& after) {
    const Json a = before;
    const Json b = after;
    std::vector<std::string> changed;
    for (const auto& name : SettingNames()) {
        if (a.at(name) != b.at(name)) {
            changed.push_back(name);
        }
    }
    return changed;
}

TerminalSettings EffectiveSettings(TerminalSettings settings, TimePoint now) {
    if (settings.remoteSupport.enabled && settings.remoteSupport.until &&
        *settings.remoteSupport.until <= now) {
        settings.remoteSupport = RemoteSupport{};
    }
    return settings;
}

void to_json(nlohmann::json& j, const TerminalConfig& v) {
    j = Json{{"version", v.version}, {"settings", v.settings}};
}

void from_json(const nlohmann::json& j, TerminalConfig& v) {
    TerminalConfig parsed;
    parsed.version = Required<int>(j, "version");
    parsed.settings = Required<TerminalSettings>(j, "settings");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const ConfigHistoryEntry& v) {
    j = Json{{"version", v.version},
             {"settings", v.settings},
             {"changed", v.changed},
             {"at", FormatRfc3339Utc(v.at)},
             {"actor", {{"login_id", v.actorLoginId}, {"display_name", v.actorDisplayName}}},
             {"origin", v.origin},
             {"rolled_back_to", v.rolledBackTo}};
}

void from_json(const nlohmann::json& j, ConfigHistoryEntry& v) {
    ConfigHistoryEntry parsed;
    parsed.version = Required<int>(j, "version");
    parsed.settings = Required<TerminalSettings>(j, "settings");
    parsed.changed = Required<std::vector<std::string>>(j, "changed");
    parsed.at = RequiredTime(j, "at");
    const auto actor = Required<Json>(j, "actor");
    parsed.actorLoginId = Optional<std::string>(actor, "login_id").value_or("");
    parsed.actorDisplayName = Optional<std::string>(actor, "display_name").value_or("");
    parsed.origin = Required<std::string>(j, "origin");
    parsed.rolledBackTo = Optional<int>(j, "rolled_back_to");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const BulkConfigResult& v) {
    Json items = Json::array();
    for (const auto& item : v.updated) {
        items.push_back({{"terminal_id", item.terminalId}, {"version", item.version}});
    }
    j = Json{{"updated", items}};
}

void from_json(const nlohmann::json& j, BulkConfigResult& v) {
    BulkConfigResult parsed;
    for (const auto& item : Required<Json>(j, "updated")) {
        parsed.updated.push_back(
            {Required<std::string>(item, "terminal_id"), Required<int>(item, "version")});
    }
    v = std::move(parsed);
}

} // namespace resv::model
