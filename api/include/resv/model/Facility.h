#pragma once
// 管轄 (jurisdictions: groups of facilities) and 施設 (facilities), as the API shows them and as
// they are created and changed. Creation requires what the resource needs; a patch changes only
// the fields it names.

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace resv::model {

inline constexpr std::size_t kMaxNameLength = 100;    ///< characters (code points)
inline constexpr std::size_t kMaxAddressLength = 200; ///< characters
inline constexpr std::size_t kMaxPhoneLength = 30;
inline constexpr std::size_t kMaxNotesLength = 2000;

struct Jurisdiction {
    std::string id;
    std::string name;
    int facilityCount = 0;
    int terminalCount = 0;

    bool operator==(const Jurisdiction&) const = default;
};

void to_json(nlohmann::json& j, const Jurisdiction& value);
void from_json(const nlohmann::json& j, Jurisdiction& value);

/// POST needs `name`; PATCH names what it changes.
struct JurisdictionPatch {
    std::optional<std::string> name;

    bool operator==(const JurisdictionPatch&) const = default;
};

void to_json(nlohmann::json& j, const JurisdictionPatch& value);
/// Validates every named field (trimmed name 1–100 characters); throws ValidationError.
void from_json(const nlohmann::json& j, JurisdictionPatch& value);

struct Facility {
    std::string id;
    std::string jurisdictionId;
    std::string name;
    std::string address;
    std::string phone;
    std::string notes;
    int terminalCount = 0;

    bool operator==(const Facility&) const = default;
};

void to_json(nlohmann::json& j, const Facility& value);
void from_json(const nlohmann::json& j, Facility& value);

/// POST needs `name` and `jurisdiction_id`; PATCH names what it changes (moving a facility is a
/// patch of `jurisdiction_id`).
struct FacilityPatch {
    std::optional<std::string> name;
    std::optional<std::string> jurisdictionId;
    std::optional<std::string> address;
    std::optional<std::string> phone; ///< digits, spaces, + - ( ) only
    std::optional<std::string> notes;

    bool operator==(const FacilityPatch&) const = default;
};

void to_json(nlohmann::json& j, const FacilityPatch& value);
void from_json(const nlohmann::json& j, FacilityPatch& value);

/// Throws ValidationError("name"/"jurisdiction_id", "required") for what a creation lacks.
void RequireForCreate(const JurisdictionPatch& patch);
void RequireForCreate(const FacilityPatch& patch);

/// Number of Unicode code points in valid UTF-8 (what a user counts as characters).
std::size_t CountCharacters(std::string_view utf8);
bool IsValidUtf8(std::string_view text);

} // namespace resv::model
