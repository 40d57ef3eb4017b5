// /api/v1/permissions, /api/v1/roles and /api/v1/accounts/{id}/effective-access.

#include "http/Problem.h"
#include "resv/model/Access.h"
#include "resv/model/Json.h"
#include "resv/model/Page.h"
#include "routes/RouteSupport.h"

namespace resv::server::routes {
namespace {

using auth::Caller;
using http::Request;
using http::Response;

/// The body as a RoleInput, and its permissions in the order sent (the model sorts them).
roles::RoleRequest ParseRoleRequest(const Request& request) {
    const model::Json body = http::ParseJsonBody(request);
    roles::RoleRequest parsed{body.get<model::RoleInput>(), {}};
    if (const auto it = body.find("permissions"); it != body.end()) {
        parsed.permissionsAsSent = it->get<std::vector<std::string>>();
    }
    return parsed;
}

} // namespace

void AddRoleRoutes(http::Router& router, const ResourceServices& services) {
    auto& auth = services.auth;
    auto& roles = services.roles;
    auto& access = services.access;
    router.Add("GET", "/api/v1/permissions",
               WithCaller(auth, [&roles](const Caller& caller, const Request&) {
                   return Response::Json(200, model::Json(roles.Permissions(caller)));
               }));
    router.Add("GET", "/api/v1/roles",
               WithCaller(auth, [&roles](const Caller& caller, const Request&) {
                   return Response::Json(200, model::Json(roles.List(caller)));
               }));
    router.Add("POST", "/api/v1/roles",
               WithCaller(auth,
                          [&roles](const Caller& caller, const Request& request) {
                              return Response::Json(201, model::Json(roles.Create(
                                                             caller, ParseRoleRequest(request))));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("PATCH", "/api/v1/roles/{id}",
               WithCaller(auth,
                          [&roles](const Caller& caller, const Request& request) {
                              return Response::Json(
                                  200, model::Json(roles.Update(caller, PathId(request),
                                                                ParseRoleRequest(request))));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("DELETE", "/api/v1/roles/{id}",
               WithCaller(auth, [&roles](const Caller& caller, const Request& request) {
                   roles.Delete(caller, PathId(request));
                   return Response::NoContent();
               }));
    router.Add("GET", "/api/v1/accounts/{id}/effective-access",
               WithCaller(auth, [&access](const Caller& caller, const Request& request) {
                   return Response::Json(
                       200, model::Json(access.EffectiveAccess(caller, PathId(request))));
               }));
}

} // namespace resv::server::routes
