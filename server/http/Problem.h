#pragma once
// Every error the server answers is an RFC 7807 problem made here (application/problem+json).

#include "http/Message.h"
#include "resv/model/Validation.h"

#include <nlohmann/json_fwd.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server::http {

/// Thrown by routes and services; the router turns it into a problem response.
class HttpError : public std::runtime_error {
public:
    HttpError(int status, std::string code, std::string detail,
              std::vector<model::FieldError> errors = {});

    int Status() const { return m_status; }
    const std::string& Code() const { return m_code; }
    const std::string& Detail() const { return m_detail; }
    const std::vector<model::FieldError>& Errors() const { return m_errors; }

private:
    int m_status;
    std::string m_code;
    std::string m_detail;
    std::vector<model::FieldError> m_errors;
};

Response ProblemResponse(int status, std::string_view code, std::string detail,
                         const std::vector<model::FieldError>& errors = {});

Response ProblemResponse(const HttpError& error);

/// 400 invalid_field with one entry per field.
Response ProblemResponse(const model::ValidationError& error);

/// The code for a status the HTTP library produced on its own (malformed request, body too large).
std::string_view CodeForStatus(int status);

/// The body parsed as JSON; throws HttpError 400 invalid_json (never echoing the body back).
nlohmann::json ParseJsonBody(const Request& request);

inline constexpr const char* kProblemContentType = "application/problem+json";

} // namespace resv::server::http
