#include "http/Problem.h"

#include "resv/model/Json.h"
#include "resv/model/Problem.h"

#include <fmt/format.h>

#include <map>

namespace resv::server::http {
namespace {

namespace ec = model::error_code;

std::string TitleFor(std::string_view code, int status) {
    static const std::map<std::string_view, std::string_view> kTitles{
        {ec::kInvalidJson, "Malformed JSON"},
        {ec::kInvalidField, "Invalid field"},
        {ec::kUnauthenticated, "Unauthenticated"},
        {ec::kSessionExpired, "Session expired"},
        {ec::kInvalidCredentials, "Invalid credentials"},
        {ec::kForbidden, "Forbidden"},
        {ec::kPasswordChangeRequired, "Password change required"},
        {ec::kNotFound, "Not found"},
        {ec::kMethodNotAllowed, "Method not allowed"},
        {ec::kConflict, "Conflict"},
        {ec::kPayloadTooLarge, "Payload too large"},
        {ec::kUnsupportedMediaType, "Unsupported media type"},
        {ec::kTooManyRequests, "Too many requests"},
        {ec::kInternal, "Internal server error"},
        {"bad_request", "Bad request"},
        {"uri_too_long", "URI too long"},
    };
    const auto it = kTitles.find(code);
    if (it != kTitles.end()) {
        return std::string(it->second);
    }
    return status >= 500 ? "Internal server error" : "Bad request";
}

} // namespace

HttpError::HttpError(int status, std::string code, std::string detail,
                     std::vector<model::FieldError> errors)
    : std::runtime_error(code + ": " + detail)
    , m_status(status)
    , m_code(std::move(code))
    , m_detail(std::move(detail))
    , m_errors(std::move(errors)) {}

Response ProblemResponse(int status, std::string_view code, std::string detail,
                         const std::vector<model::FieldError>& errors) {
    model::Problem problem;
    problem.title = TitleFor(code, status);
    problem.status = status;
    problem.detail = std::move(detail);
    problem.code = std::string(code);
    problem.errors = errors;
    Response response = Response::Json(status, model::Json(problem));
    response.contentType = kProblemContentType;
    return response;
}

Response ProblemResponse(const HttpError& error) {
    return ProblemResponse(error.Status(), error.Code(), error.Detail(), error.Errors());
}

Response ProblemResponse(const model::ValidationError& error) {
    std::string detail =
        error.Errors().empty() ? "a field is not valid" : error.Errors()[0].message;
    return ProblemResponse(400, ec::kInvalidField, std::move(detail), error.Errors());
}

nlohmann::json ParseJsonBody(const Request& request) {
    try {
        return nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::parse_error& error) {
        throw HttpError(
            400, ec::kInvalidJson,
            fmt::format("The request body is not valid JSON (at byte {}).", error.byte));
    }
}

std::string_view CodeForStatus(int status) {
    switch (status) {
    case 404:
        return ec::kNotFound;
    case 405:
        return ec::kMethodNotAllowed;
    case 413:
        return ec::kPayloadTooLarge;
    case 414:
        return "uri_too_long";
    case 415:
        return ec::kUnsupportedMediaType;
    default:
        return status >= 500 ? ec::kInternal : "bad_request";
    }
}

} // namespace resv::server::http
