#pragma once
// The server's own request and response: routes never see the HTTP library's types, so the
// transport can change in one place (server/http/HttpServer.cpp).

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace resv::server::http {

struct Request {
    std::string method;                            ///< upper case, as sent
    std::string path;                              ///< decoded, without the query string
    std::map<std::string, std::string> pathParams; ///< `{name}` segments of the route's path
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers; ///< names in lower case
    std::string body;
    std::string remoteIp;
    std::string routeTemplate; ///< of the route that matched ("/api/v1/accounts/{id}")

    /// The header's value, or empty; `name` in any case.
    std::string Header(std::string_view name) const;
    /// The media type of the body without parameters, in lower case ("application/json").
    std::string MediaType() const;
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string contentType;
    /// Set for a body written as it is made (a large export), sent chunked instead of `body`.
    /// It gets a `write` that returns false once the client has gone, and returns false itself
    /// to cut the answer off.
    std::function<bool(const std::function<bool(std::string_view)>& write)> stream;

    static Response Json(int status, const nlohmann::json& body);
    static Response NoContent();

    void SetHeader(std::string name, std::string value);
    std::optional<std::string> FindHeader(std::string_view name) const;
};

/// Lower-cases ASCII letters.
std::string ToLowerAscii(std::string_view text);

} // namespace resv::server::http
