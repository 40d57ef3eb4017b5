#include "resv/model/Validation.h"

#include "resv/model/Json.h"

namespace resv::model {
namespace {

std::string Describe(const std::vector<FieldError>& errors) {
    std::string text;
    for (const auto& e : errors) {
        if (!text.empty()) {
            text += "; ";
        }
        text += e.field.empty() ? e.message : e.field + ": " + e.message;
    }
    return text.empty() ? "invalid input" : text;
}

} // namespace

ValidationError::ValidationError(std::vector<FieldError> errors)
    : std::runtime_error(Describe(errors))
    , m_errors(std::move(errors)) {}

ValidationError::ValidationError(std::string field, std::string code, std::string message)
    : ValidationError(
          std::vector<FieldError>{{std::move(field), std::move(code), std::move(message)}}) {}

ValidationError ValidationError::Prefixed(const std::string& prefix) const {
    std::vector<FieldError> errors = m_errors;
    for (auto& e : errors) {
        e.field = e.field.empty() ? prefix : prefix + "." + e.field;
    }
    return ValidationError(std::move(errors));
}

void RequireObject(const Json& j, const char* what) {
    if (!j.is_object()) {
        throw ValidationError(what, "invalid_type",
                              std::string(*what ? what : "the body") + " must be a JSON object");
    }
}

void RejectUnknownFields(const Json& j, std::initializer_list<const char*> known) {
    for (const auto& item : j.items()) {
        bool found = false;
        for (const char* k : known) {
            found = found || item.key() == k;
        }
        if (!found) {
            throw ValidationError(item.key(), "unknown_field",
                                  item.key() + " is not a field of this resource");
        }
    }
}

TimePoint RequiredTime(const Json& j, const char* field) {
    const auto text = Required<std::string>(j, field);
    const auto t = ParseRfc3339(text);
    if (!t) {
        throw ValidationError(field, "invalid_value",
                              std::string(field) + " must be an RFC 3339 time");
    }
    return *t;
}

std::optional<TimePoint> OptionalTime(const Json& j, const char* field) {
    const auto text = Optional<std::string>(j, field);
    if (!text) {
        return std::nullopt;
    }
    const auto t = ParseRfc3339(*text);
    if (!t) {
        throw ValidationError(field, "invalid_value",
                              std::string(field) + " must be an RFC 3339 time");
    }
    return t;
}

Json TimeToJson(const std::optional<TimePoint>& t) {
    return t ? Json(FormatRfc3339Utc(*t)) : Json(nullptr);
}

} // namespace resv::model
