#include "http/Router.h"

#include "http/Problem.h"
#include "resv/model/Problem.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <set>
#include <stdexcept>

namespace resv::server::http {
namespace {

namespace ec = model::error_code;

/// `/api/v1/things/{id}` → `^/api/v1/things/([^/]+)$` and ["id"].
std::pair<std::string, std::vector<std::string>> CompileTemplate(const std::string& path) {
    static const std::regex kParam(R"(\{([A-Za-z_][A-Za-z0-9_]*)\})");
    static const std::regex kSpecial(R"([.^$|()\[\]*+?\\])");
    std::string pattern = "^";
    std::vector<std::string> names;
    auto last = path.cbegin();
    for (std::sregex_iterator it(path.begin(), path.end(), kParam), end; it != end; ++it) {
        pattern += std::regex_replace(std::string(last, path.cbegin() + it->position()), kSpecial,
                                      R"(\$&)");
        pattern += "([^/]+)";
        names.push_back((*it)[1]);
        last = path.cbegin() + it->position() + it->length();
    }
    pattern += std::regex_replace(std::string(last, path.cend()), kSpecial, R"(\$&)");
    pattern += "$";
    return {pattern, names};
}

bool MethodMatches(const std::string& routeMethod, const std::string& requestMethod) {
    return routeMethod == requestMethod || (routeMethod == "GET" && requestMethod == "HEAD");
}

} // namespace

void Router::Add(std::string method, std::string pathTemplate, Handler handler,
                 RouteOptions options) {
    auto [pattern, names] = CompileTemplate(pathTemplate);
    m_routes.push_back(Route{std::move(method), std::move(pathTemplate), std::regex(pattern),
                             std::move(names), std::move(handler), options});
}

std::vector<RouteInfo> Router::Routes() const {
    std::vector<RouteInfo> routes;
    for (const auto& route : m_routes) {
        routes.push_back({route.method, route.pathTemplate});
    }
    return routes;
}

Response Router::Dispatch(Request request) const {
    if (!m_observer) {
        return Find(request);
    }
    const auto start = std::chrono::steady_clock::now();
    Response response = Find(request);
    m_observer(request, response.status,
               std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::steady_clock::now() - start));
    return response;
}

Response Router::Find(Request& request) const {
    std::set<std::string> allowed;
    for (const auto& route : m_routes) {
        std::smatch match;
        if (!std::regex_match(request.path, match, route.pattern)) {
            continue;
        }
        if (MethodMatches(route.method, request.method)) {
            return Invoke(route, request, match);
        }
        allowed.insert(route.method);
    }
    if (allowed.empty()) {
        return ProblemResponse(404, ec::kNotFound, "There is nothing at this path.");
    }
    Response response = ProblemResponse(405, ec::kMethodNotAllowed,
                                        fmt::format("{} is not allowed here.", request.method));
    response.SetHeader("Allow", fmt::format("{}", fmt::join(allowed, ", ")));
    return response;
}

Response Router::Invoke(const Route& route, Request& request, const std::smatch& match) const {
    request.routeTemplate = route.pathTemplate;
    for (std::size_t i = 0; i < route.paramNames.size(); ++i) {
        request.pathParams[route.paramNames[i]] = match[i + 1].str();
    }
    if (route.options.jsonBody && request.MediaType() != "application/json") {
        return ProblemResponse(415, ec::kUnsupportedMediaType,
                               "Send the request body as application/json.");
    }
    if (!route.options.bodyMediaType.empty() &&
        request.MediaType() != route.options.bodyMediaType) {
        return ProblemResponse(
            415, ec::kUnsupportedMediaType,
            fmt::format("Send the request body as {}.", route.options.bodyMediaType));
    }
    try {
        return route.handler(request);
    } catch (const HttpError& error) {
        return ProblemResponse(error);
    } catch (const model::ValidationError& error) {
        return ProblemResponse(error);
    } catch (const std::exception& error) {
        spdlog::error("{} {} failed: {}", request.method, route.pathTemplate, error.what());
    } catch (...) {
        spdlog::error("{} {} failed with an unknown exception", request.method, route.pathTemplate);
    }
    return ProblemResponse(500, ec::kInternal, "The server could not complete the request.");
}

} // namespace resv::server::http
