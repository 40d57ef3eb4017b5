// /api/v1/status: 監視 (CLD.12.4.5) — the components' status with 90 JST days of uptime, the
// terminals online per facility, and an operator's hand-set component status.

#include "http/Problem.h"
#include "monitoring/StatusService.h"
#include "resv/model/Json.h"
#include "routes/RouteSupport.h"

namespace resv::server::routes {

void AddStatusRoutes(http::Router& router, const ResourceServices& services) {
    using auth::Caller;
    using http::Request;
    using http::Response;
    auth::AuthService& auth = services.auth;
    monitoring::StatusService& status = services.status;
    router.Add("GET", "/api/v1/status",
               WithCaller(auth, [&status](const Caller& caller, const Request&) {
                   return Response::Json(200, model::Json(status.Status(caller)));
               }));
    router.Add("GET", "/api/v1/status/terminals",
               WithCaller(auth, [&status](const Caller& caller, const Request&) {
                   return Response::Json(200, model::Json(status.Terminals(caller)));
               }));
    router.Add("PUT", "/api/v1/status/components/{id}",
               WithCaller(auth,
                          [&status](const Caller& caller, const Request& request) {
                              // Who may comes first: a customer learns nothing from a 400 or a 404.
                              status.RequireOperator(caller);
                              const auto input =
                                  http::ParseJsonBody(request).get<model::ComponentOverride>();
                              return Response::Json(200, model::Json(status.SetOverride(
                                                             caller, PathId(request), input)));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("DELETE", "/api/v1/status/components/{id}",
               WithCaller(auth, [&status](const Caller& caller, const Request& request) {
                   return Response::Json(
                       200, model::Json(status.ClearOverride(caller, PathId(request))));
               }));
}

} // namespace resv::server::routes
