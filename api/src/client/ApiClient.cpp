#include "resv/client/ApiClient.h"

#include "HttpSession.h"
#include "Parsing.h"
#include "resv/model/Json.h"

#include <fmt/format.h>

#include <cctype>

namespace resv::client {
namespace {

constexpr const char* kJson = "application/json";

bool IsJsonType(const std::string& contentType) {
    return contentType.rfind("application/json", 0) == 0 ||
           contentType.rfind("application/problem+json", 0) == 0;
}

} // namespace

model::Problem detail::ProblemFrom(const HttpResult& result) {
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

ApiClient::ApiClient(ClientOptions options)
    : m_options(std::move(options))
    , m_http(std::make_unique<HttpSession>(m_options)) {
    while (!m_options.baseUrl.empty() && m_options.baseUrl.back() == '/') {
        m_options.baseUrl.pop_back();
    }
}

ApiClient::~ApiClient() = default;

HttpResult ApiClient::SendRaw(const std::string& method, const std::string& path,
                              const std::string& body, const std::string& contentType,
                              const std::map<std::string, std::string>& headers) {
    return m_http->Perform(method, m_options.baseUrl + path, body, contentType, m_token, headers);
}

model::Json ApiClient::Send(const std::string& method, const std::string& path) {
    return Exchange(method, path, std::string(), {}, kJson);
}

model::Json ApiClient::Send(const std::string& method, const std::string& path,
                            const model::Json& body) {
    return Exchange(method, path, body.dump(), {}, kJson);
}

model::Json ApiClient::Send(const std::string& method, const std::string& path,
                            const model::Json& body,
                            const std::map<std::string, std::string>& headers) {
    return Exchange(method, path, body.dump(), headers, kJson);
}

std::vector<model::Json> ApiClient::ListAll(const std::string& path) {
    std::vector<model::Json> items;
    const char separator = path.find('?') == std::string::npos ? '?' : '&';
    std::optional<std::string> cursor;
    do {
        std::string url = path + separator + "limit=500";
        if (cursor) {
            url += "&cursor=" + detail::PercentEncode(*cursor);
        }
        const model::Json page = Send("GET", url);
        if (!page.is_object() || !page.contains("items") || !page.at("items").is_array()) {
            throw ApiError(ApiError::Kind::Parse, "GET " + path + " answered no items list");
        }
        for (const auto& item : page.at("items")) {
            items.push_back(item);
        }
        const auto next = page.find("next_cursor");
        cursor.reset();
        if (next != page.end() && next->is_string()) {
            cursor = next->get<std::string>();
        }
    } while (cursor);
    return items;
}

model::Json ApiClient::Exchange(const std::string& method, const std::string& path,
                                const std::string& body,
                                const std::map<std::string, std::string>& headers,
                                const std::string& contentType) {
    const HttpResult result = SendRaw(method, path, body, contentType, headers);
    if (result.status < 200 || result.status >= 300) {
        throw ApiError(detail::ProblemFrom(result));
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

std::string ApiClient::Download(const std::string& path) {
    HttpResult result = SendRaw("GET", path, std::string(), kJson);
    if (result.status < 200 || result.status >= 300) {
        throw ApiError(detail::ProblemFrom(result));
    }
    return std::move(result.body);
}

model::Json ApiClient::Upload(const std::string& method, const std::string& path,
                              const std::string& body, const std::string& contentType) {
    return Exchange(method, path, body, {}, contentType);
}

model::Health ApiClient::GetHealth() {
    return detail::Parse<model::Health>(Send("GET", "/api/v1/health"), "health");
}

model::LoginResponse ApiClient::Login(const model::LoginRequest& request) {
    auto response = detail::Parse<model::LoginResponse>(
        Send("POST", "/api/v1/sessions", model::Json(request)), "login");
    m_token = response.token;
    return response;
}

model::Me ApiClient::GetMe() {
    return detail::Parse<model::Me>(Send("GET", "/api/v1/me"), "me");
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
