#pragma once
// (method, path template) → handler. Path templates are OpenAPI-style (`/api/v1/things/{id}`), so
// the route table can be compared with api/openapi.yaml as it is.

#include "http/Message.h"

#include <chrono>
#include <functional>
#include <regex>
#include <string>
#include <vector>

namespace resv::server::http {

using Handler = std::function<Response(const Request&)>;

struct RouteOptions {
    /// The route takes a JSON body: anything not sent as application/json gets 415.
    bool jsonBody = false;
    /// The route takes a body of this media type only ("text/csv"): anything else gets 415.
    std::string bodyMediaType = {};

    // Named, rather than designated initializers, which GCC 12 warns leave the others out.
    static RouteOptions JsonBody() { return {true, {}}; }
    static RouteOptions Body(std::string mediaType) { return {false, std::move(mediaType)}; }
};

struct RouteInfo {
    std::string method;
    std::string path;

    bool operator==(const RouteInfo&) const = default;
    auto operator<=>(const RouteInfo&) const = default;
};

class Router {
public:
    /// Sees every dispatched request once answered: its route template is set when one matched.
    using Observer =
        std::function<void(const Request& request, int status, std::chrono::microseconds latency)>;

    void Add(std::string method, std::string pathTemplate, Handler handler,
             RouteOptions options = {});

    /// Never throws: unknown paths get 404, known paths with another method 405 with `Allow`,
    /// a handler's HttpError or ValidationError its problem, anything else 500 (logged).
    Response Dispatch(Request request) const;

    std::vector<RouteInfo> Routes() const;

    /// Set before serving (the access log).
    void SetObserver(Observer observer) { m_observer = std::move(observer); }

private:
    struct Route {
        std::string method;
        std::string pathTemplate;
        std::regex pattern;
        std::vector<std::string> paramNames;
        Handler handler;
        RouteOptions options;
    };

    Response Invoke(const Route& route, Request& request, const std::smatch& match) const;
    Response Find(Request& request) const;

    std::vector<Route> m_routes;
    Observer m_observer;
};

} // namespace resv::server::http
