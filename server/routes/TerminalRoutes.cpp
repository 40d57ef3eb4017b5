// /api/v1/terminals and the remote configuration of terminals, facilities and jurisdictions.

#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Page.h"
#include "routes/RouteSupport.h"
#include "storage/Ids.h"

namespace resv::server::routes {
namespace {

using auth::Caller;
using http::Request;
using http::Response;

/// A settings patch is an object; what is in it, ApplySettingsPatch checks.
model::Json SettingsPatch(const Request& request) {
    model::Json patch = http::ParseJsonBody(request);
    model::RequireObject(patch, "settings");
    return patch;
}

} // namespace

void AddTerminalRoutes(http::Router& router, const ResourceServices& services) {
    auto& auth = services.auth;
    auto& terminals = services.terminals;
    router.Add("GET", "/api/v1/terminals",
               WithCaller(auth, [&terminals](const Caller& caller, const Request& request) {
                   const auto page = ParsePage(request, storage::id_prefix::kTerminal);
                   return Response::Json(200, model::Json(terminals.List(caller, page)));
               }));
    router.Add(
        "POST", "/api/v1/terminals",
        WithCaller(auth,
                   [&terminals](const Caller& caller, const Request& request) {
                       const auto input = http::ParseJsonBody(request).get<model::TerminalPatch>();
                       return Response::Json(201, model::Json(terminals.Create(caller, input)));
                   }),
        http::RouteOptions::JsonBody());
    router.Add("GET", "/api/v1/terminals/{id}",
               WithCaller(auth, [&terminals](const Caller& caller, const Request& request) {
                   return Response::Json(200, model::Json(terminals.Get(caller, PathId(request))));
               }));
    router.Add(
        "PATCH", "/api/v1/terminals/{id}",
        WithCaller(auth,
                   [&terminals](const Caller& caller, const Request& request) {
                       const auto patch = http::ParseJsonBody(request).get<model::TerminalPatch>();
                       return Response::Json(
                           200, model::Json(terminals.Update(caller, PathId(request), patch)));
                   }),
        http::RouteOptions::JsonBody());
    router.Add("DELETE", "/api/v1/terminals/{id}",
               WithCaller(auth, [&terminals](const Caller& caller, const Request& request) {
                   terminals.Delete(caller, PathId(request));
                   return Response::NoContent();
               }));
    router.Add("POST", "/api/v1/terminals/{id}/rotate-token",
               WithCaller(auth, [&terminals](const Caller& caller, const Request& request) {
                   return Response::Json(
                       200, model::Json(terminals.RotateToken(caller, PathId(request))));
               }));
}

void AddConfigRoutes(http::Router& router, const ResourceServices& services) {
    auto& auth = services.auth;
    auto& config = services.config;
    router.Add("GET", "/api/v1/terminals/{id}/config",
               WithCaller(auth, [&config](const Caller& caller, const Request& request) {
                   return Response::Json(200, model::Json(config.Get(caller, PathId(request))));
               }));
    router.Add("PUT", "/api/v1/terminals/{id}/config",
               WithCaller(auth,
                          [&config](const Caller& caller, const Request& request) {
                              const auto ifMatch = ParseIfMatch(request);
                              const auto written = config.Put(caller, PathId(request),
                                                              SettingsPatch(request), ifMatch);
                              return Response::Json(200, model::Json(written));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("GET", "/api/v1/terminals/{id}/config/history",
               WithCaller(auth, [&config](const Caller& caller, const Request& request) {
                   const auto page = ParsePage(request, "");
                   return Response::Json(
                       200, model::Json(config.History(caller, PathId(request), page)));
               }));
    router.Add("POST", "/api/v1/terminals/{id}/config/rollback",
               WithCaller(auth,
                          [&config](const Caller& caller, const Request& request) {
                              const model::Json body = http::ParseJsonBody(request);
                              model::RejectUnknownFields(body, {"version"});
                              const int version = model::Required<int>(body, "version");
                              return Response::Json(200, model::Json(config.Rollback(
                                                             caller, PathId(request), version)));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("PUT", "/api/v1/facilities/{id}/config",
               WithCaller(auth,
                          [&config](const Caller& caller, const Request& request) {
                              return Response::Json(
                                  200, model::Json(config.PutFacility(caller, PathId(request),
                                                                      SettingsPatch(request))));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("PUT", "/api/v1/jurisdictions/{id}/config",
               WithCaller(auth,
                          [&config](const Caller& caller, const Request& request) {
                              return Response::Json(
                                  200, model::Json(config.PutJurisdiction(caller, PathId(request),
                                                                          SettingsPatch(request))));
                          }),
               http::RouteOptions::JsonBody());
}

} // namespace resv::server::routes
