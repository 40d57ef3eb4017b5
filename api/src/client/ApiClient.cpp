#include "resv/client/ApiClient.h"

#include "HttpSession.h"
#include "resv/model/Json.h"

#include <fmt/format.h>

namespace resv::client {
namespace {

constexpr const char* kJson = "application/json";

bool IsJsonType(const std::string& contentType) {
    return contentType.rfind("application/json", 0) == 0 ||
           contentType.rfind("application/problem+json", 0) == 0;
}

/// The problem details of an error answer; a synthetic one when the body is not a problem.
model::Problem ProblemFrom(const HttpResult& result) {
    if (IsJsonType(result.contentType)) {
        try {
            auto problem = model::Json::parse(result.body).get<model::Problem>();
            problem.status = result.status;
            return problem;
        } catch (const std::exception&) {
            // Falls through to the synthetic problem below.
        }
    }
    model::Problem problem;
    problem.status = result.status;
    problem.title = fmt::format("HTTP {}", result.status);
    problem.detail = "the answer carried no problem details";
    return problem;
}

template <typename T>
T Parse(const model::Json& json, const char* what) {
    try {
        return json.get<T>();
    } catch (const model::ValidationError& e) {
        throw ApiError(ApiError::Kind::Parse, fmt::format("{}: {}", what, e.what()));
    } catch (const std::exception& e) {
        throw ApiError(ApiError::Kind::Parse, fmt::format("{}: {}", what, e.what()));
    }
}

} // namespace

ApiClient::ApiClient(ClientOptions options)
    : m_options(std::move(options))
    , m_http(std::make_unique<HttpSession>(m_options)) {
    while (!m_options.baseUrl.empty() && m_options.baseUrl.back() == '/') {
        m_options.baseUrl.pop_back();
    }
}

ApiClient::~ApiClient() = default;

HttpResult ApiClient::SendRaw(const std::string& method, const std::string& path,
                              const std::string& body, const std::string& contentType) {
    return m_http->Perform(method, m_options.baseUrl + path, body, contentType, m_token);
}

model::Json ApiClient::Send(const std::string& method, const std::string& path) {
    return Exchange(method, path, std::string());
}

model::Json ApiClient::Send(const std::string& method, const std::string& path,
                            const model::Json& body) {
    return Exchange(method, path, body.dump());
}

model::Json ApiClient::Exchange(const std::string& method, const std::string& path,
                                const std::string& body) {
    const HttpResult result = SendRaw(method, path, body, kJson);
    if (result.status < 200 || result.status >= 300) {
        throw ApiError(ProblemFrom(result));
    }
    if (result.status == 204 || result.body.empty()) {
        return nullptr;
    }
    if (!IsJsonType(result.contentType)) {
        throw ApiError(ApiError::Kind::Parse,
                       fmt::format("{} {} answered {} instead of JSON", method, path,
                                   result.contentType.empty() ? "no type" : result.contentType));
    }
    try {
        return model::Json::parse(result.body);
    } catch (const model::Json::parse_error& e) {
        throw ApiError(ApiError::Kind::Parse, fmt::format("{} {}: {}", method, path, e.what()));
    }
}

model::Health ApiClient::GetHealth() {
    return Parse<model::Health>(Send("GET", "/api/v1/health"), "health");
}

model::LoginResponse ApiClient::Login(const model::LoginRequest& request) {
    auto response = Parse<model::LoginResponse>(
        Send("POST", "/api/v1/sessions", model::Json(request)), "login");
    m_token = response.token;
    return response;
}

model::Me ApiClient::GetMe() {
    return Parse<model::Me>(Send("GET", "/api/v1/me"), "me");
}

void ApiClient::Logout() {
    if (m_token.empty()) {
        return;
    }
    try {
        Send("DELETE", "/api/v1/sessions/current");
    } catch (const ApiError& e) {
        // A session that already ended is logged out all the same.
        const bool alreadyGone = e.GetKind() == ApiError::Kind::Http && e.Status() == 401;
        if (!alreadyGone) {
            throw;
        }
    }
    m_token.clear();
}

void ApiClient::SetToken(std::string token) {
    m_token = std::move(token);
}
bool ApiClient::HasToken() const {
    return !m_token.empty();
}
void ApiClient::Cancel() {
    m_http->Cancel();
}
void ApiClient::ResetCancel() {
    m_http->ResetCancel();
}

} // namespace resv::client
