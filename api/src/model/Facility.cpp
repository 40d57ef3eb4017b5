#include "resv/model/Facility.h"

#include "resv/model/Json.h"

#include <fmt/format.h>

namespace resv::model {
namespace {

std::string Trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

/// A free text field: valid UTF-8, no control characters but newlines in notes, at most `max`.
std::optional<std::string> Text(const Json& j, const char* field, std::size_t max,
                                bool allowNewlines = false) {
    auto value = Optional<std::string>(j, field);
    if (!value) {
        if (j.contains(field)) {
            throw ValidationError(field, "invalid_type", std::string(field) + " must be a string");
        }
        return std::nullopt;
    }
    if (!IsValidUtf8(*value)) {
        throw ValidationError(field, "invalid_value", std::string(field) + " is not valid UTF-8");
    }
    for (const char c : *value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && !(allowNewlines && (c == '\n' || c == '\r' || c == '\t'))) || u == 0x7F) {
            throw ValidationError(field, "invalid_value",
                                  std::string(field) + " contains a control character");
        }
    }
    *value = allowNewlines ? *value : Trim(*value);
    if (CountCharacters(*value) > max) {
        throw ValidationError(field, "too_long",
                              fmt::format("{} is longer than {} characters", field, max));
    }
    return value;
}

std::optional<std::string> Name(const Json& j) {
    auto name = Text(j, "name", kMaxNameLength);
    if (name && name->empty()) {
        throw ValidationError("name", "required", "name must not be empty");
    }
    return name;
}

std::optional<std::string> Id(const Json& j, const char* field) {
    auto id = Optional<std::string>(j, field);
    if (!id && j.contains(field)) {
        throw ValidationError(field, "required", std::string(field) + " must not be null");
    }
    if (id && id->empty()) {
        throw ValidationError(field, "required", std::string(field) + " must not be empty");
    }
    return id;
}

} // namespace

std::size_t CountCharacters(std::string_view utf8) {
    std::size_t count = 0;
    for (const char c : utf8) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

bool IsValidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        unsigned int codePoint = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            codePoint = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            codePoint = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            codePoint = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) {
                return false;
            }
            codePoint = (codePoint << 6) | (cc & 0x3F);
        }
        static constexpr unsigned int kMinimum[] = {0, 0x80, 0x800, 0x10000};
        if (codePoint < kMinimum[extra] || codePoint > 0x10FFFF ||
            (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

void to_json(nlohmann::json& j, const Jurisdiction& v) {
    j = Json{{"id", v.id},
             {"name", v.name},
             {"facility_count", v.facilityCount},
             {"terminal_count", v.terminalCount}};
}

void from_json(const nlohmann::json& j, Jurisdiction& v) {
    Jurisdiction parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.name = Required<std::string>(j, "name");
    parsed.facilityCount = Optional<int>(j, "facility_count").value_or(0);
    parsed.terminalCount = Optional<int>(j, "terminal_count").value_or(0);
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const JurisdictionPatch& v) {
    j = Json::object();
    if (v.name) {
        j["name"] = *v.name;
    }
}

void from_json(const nlohmann::json& j, JurisdictionPatch& v) {
    RequireObject(j);
    RejectUnknownFields(j, {"name"});
    JurisdictionPatch parsed;
    parsed.name = Name(j);
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const Facility& v) {
    j = Json{{"id", v.id},
             {"jurisdiction_id", v.jurisdictionId},
             {"name", v.name},
             {"address", v.address},
             {"phone", v.phone},
             {"notes", v.notes},
             {"terminal_count", v.terminalCount}};
}

void from_json(const nlohmann::json& j, Facility& v) {
    Facility parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.jurisdictionId = Required<std::string>(j, "jurisdiction_id");
    parsed.name = Required<std::string>(j, "name");
    parsed.address = Optional<std::string>(j, "address").value_or("");
    parsed.phone = Optional<std::string>(j, "phone").value_or("");
    parsed.notes = Optional<std::string>(j, "notes").value_or("");
    parsed.terminalCount = Optional<int>(j, "terminal_count").value_or(0);
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const FacilityPatch& v) {
    j = Json::object();
    if (v.name) {
        j["name"] = *v.name;
    }
    if (v.jurisdictionId) {
        j["jurisdiction_id"] = *v.jurisdictionId;
    }
    if (v.address) {
        j["address"] = *v.address;
    }
    if (v.phone) {
        j["phone"] = *v.phone;
    }
    if (v.notes) {
        j["notes"] = *v.notes;
    }
}

void from_json(const nlohmann::json& j, FacilityPatch& v) {
    RequireObject(j);
    RejectUnknownFields(j, {"name", "jurisdiction_id", "address", "phone", "notes"});
    FacilityPatch parsed;
    parsed.name = Name(j);
    parsed.jurisdictionId = Id(j, "jurisdiction_id");
    parsed.address = Text(j, "address", kMaxAddressLength);
    parsed.phone = Text(j, "phone", kMaxPhoneLength);
    if (parsed.phone && parsed.phone->find_first_not_of("0123456789+-() ") != std::string::npos) {
        throw ValidationError("phone", "invalid_value",
                              "phone may hold only digits, spaces and + - ( )");
    }
    parsed.notes = Text(j, "notes", kMaxNotesLength, true);
    v = std::move(parsed);
}

void RequireForCreate(const JurisdictionPatch& patch) {
    if (!patch.name) {
        throw ValidationError("name", "required", "name is required");
    }
}

void RequireForCreate(const FacilityPatch& patch) {
    std::vector<FieldError> errors;
    if (!patch.name) {
        errors.push_back({"name", "required", "name is required"});
    }
    if (!patch.jurisdictionId) {
        errors.push_back({"jurisdiction_id", "required", "jurisdiction_id is required"});
    }
    if (!errors.empty()) {
        throw ValidationError(std::move(errors));
    }
}

} // namespace resv::model
