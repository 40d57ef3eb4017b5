#include "routes/ApiRoutes.h"

#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Session.h"

namespace resv::server::routes {
namespace {

void AddHealth(http::Router& router, const ApiServices& services) {
    router.Add("GET", "/api/v1/health", [clock = services.clock](const http::Request&) {
        const model::Health health{"ok", RESV_VERSION, clock->Now()};
        return http::Response::Json(200, model::Json(health));
    });
}

void AddSessions(http::Router& router, const ApiServices& services) {
    auth::AuthService& auth = services.auth;
    router.Add(
        "POST", "/api/v1/sessions",
        [&auth](const http::Request& request) {
            const auto login = http::ParseJsonBody(request).get<model::LoginRequest>();
            try {
                const model::LoginResponse response = auth.Login(login, request.remoteIp);
                return http::Response::Json(201, model::Json(response));
            } catch (const auth::LoginThrottled& throttled) {
                http::Response response = http::ProblemResponse(throttled);
                response.SetHeader("Retry-After", std::to_string(throttled.RetryAfter().count()));
                return response;
            }
        },
        http::RouteOptions::JsonBody());
    router.Add("DELETE", "/api/v1/sessions/current", [&auth](const http::Request& request) {
        const auth::Principal principal = auth.Authenticate(request.Header("authorization"));
        auth.Logout(principal, request.remoteIp);
        return http::Response::NoContent();
    });
    // /me and logout stay open to a session that must still change its one-time password.
    router.Add("GET", "/api/v1/me", [&auth](const http::Request& request) {
        const auth::Principal principal = auth.Authenticate(request.Header("authorization"));
        return http::Response::Json(200, model::Json(auth.Describe(principal)));
    });
}

} // namespace

void AddApiRoutes(http::Router& router, const ApiServices& services) {
    AddHealth(router, services);
    AddSessions(router, services);
    AddFacilityRoutes(router, services.resources);
    AddTerminalRoutes(router, services.resources);
    AddConfigRoutes(router, services.resources);
    AddDeviceRoutes(router, services.resources);
    AddAccountRoutes(router, services.resources);
    AddRoleRoutes(router, services.resources);
    AddAuditRoutes(router, services.resources);
    AddStatusRoutes(router, services.resources);
    AddNoticeRoutes(router, services.resources);
}

} // namespace resv::server::routes
