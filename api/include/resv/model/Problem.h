#pragma once
// RFC 7807 problem details: every error the API answers.

#include "resv/model/Validation.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace resv::model {

/// The error codes of DESIGN.md; the console maps each to a translated message.
namespace error_code {
inline constexpr const char* kInvalidJson = "invalid_json";
inline constexpr const char* kInvalidField = "invalid_field";
inline constexpr const char* kWeakPassword = "weak_password";
inline constexpr const char* kPermissionNotAllowedForTier = "permission_not_allowed_for_tier";
inline constexpr const char* kInvalidCursor = "invalid_cursor";
inline constexpr const char* kBadRequest = "bad_request";
inline constexpr const char* kUnauthenticated = "unauthenticated";
inline constexpr const char* kSessionExpired = "session_expired";
inline constexpr const char* kInvalidCredentials = "invalid_credentials";
inline constexpr const char* kForbidden = "forbidden";
inline constexpr const char* kPasswordChangeRequired = "password_change_required";
inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kMethodNotAllowed = "method_not_allowed";
inline constexpr const char* kConflict = "conflict";
inline constexpr const char* kLastManager = "last_manager";
inline constexpr const char* kNotEmpty = "not_empty";
inline constexpr const char* kStaleVersion = "stale_version";
inline constexpr const char* kPayloadTooLarge = "payload_too_large";
inline constexpr const char* kUriTooLong = "uri_too_long";
inline constexpr const char* kUnsupportedMediaType = "unsupported_media_type";
inline constexpr const char* kTooManyRequests = "too_many_requests";
inline constexpr const char* kInternal = "internal_error";
} // namespace error_code

struct Problem {
    std::string type = "about:blank";
    std::string title;
    int status = 0;
    std::string detail;
    std::string code;
    std::vector<FieldError> errors;

    bool operator==(const Problem&) const = default;
};

void to_json(nlohmann::json& j, const FieldError& error);
void from_json(const nlohmann::json& j, FieldError& error);
void to_json(nlohmann::json& j, const Problem& problem);
void from_json(const nlohmann::json& j, Problem& problem);

} // namespace resv::model
