#pragma once
// Full nlohmann/json for .cpp files that map types; headers use <nlohmann/json_fwd.hpp>.
// Field readers that turn a missing or ill-typed field into a ValidationError naming it.

#include "resv/model/Time.h"
#include "resv/model/Validation.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>

// nlohmann 3.11.2 has no std::optional support: null or absent ⇔ nullopt.
namespace nlohmann {
template <typename T>
struct adl_serializer<std::optional<T>> {
    static void to_json(json& j, const std::optional<T>& value) {
        if (value) {
            j = *value;
        } else {
            j = nullptr;
        }
    }
    static void from_json(const json& j, std::optional<T>& value) {
        if (j.is_null()) {
            value.reset();
        } else {
            value = j.get<T>();
        }
    }
};
} // namespace nlohmann

namespace resv::model {

using Json = nlohmann::json;

/// Throws ValidationError("", "invalid_type") unless `j` is an object.
void RequireObject(const Json& j, const char* what = "");

/// Throws ValidationError(key, "unknown_field") for a key not in `known`: a misspelt field of a
/// change must not be ignored in silence.
void RejectUnknownFields(const Json& j, std::initializer_list<const char*> known);

namespace detail {
template <typename T>
T Convert(const Json& value, const char* field) {
    if constexpr (std::is_same_v<T, std::string>) {
        if (!value.is_string()) {
            throw ValidationError(field, "invalid_type", std::string(field) + " must be a string");
        }
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!value.is_boolean()) {
            throw ValidationError(field, "invalid_type", std::string(field) + " must be a boolean");
        }
    } else if constexpr (std::is_integral_v<T>) {
        if (!value.is_number_integer()) {
            throw ValidationError(field, "invalid_type",
                                  std::string(field) + " must be an integer");
        }
    }
    try {
        return value.get<T>();
    } catch (const ValidationError& e) {
        throw e.Prefixed(field);
    } catch (const nlohmann::json::exception&) {
        throw ValidationError(field, "invalid_type", std::string(field) + " has the wrong type");
    }
}
} // namespace detail

/// The field must be present and not null.
template <typename T>
T Required(const Json& j, const char* field) {
    RequireObject(j);
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) {
        throw ValidationError(field, "required", std::string(field) + " is required");
    }
    return detail::Convert<T>(*it, field);
}

/// Absent or null gives nullopt; anything else must have the right type.
template <typename T>
std::optional<T> Optional(const Json& j, const char* field) {
    RequireObject(j);
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) {
        return std::nullopt;
    }
    return detail::Convert<T>(*it, field);
}

/// A required RFC 3339 time.
TimePoint RequiredTime(const Json& j, const char* field);
std::optional<TimePoint> OptionalTime(const Json& j, const char* field);

/// null for nullopt, the RFC 3339 string otherwise.
Json TimeToJson(const std::optional<TimePoint>& t);

} // namespace resv::model
