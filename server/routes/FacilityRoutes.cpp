// /api/v1/jurisdictions and /api/v1/facilities.

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

void AddJurisdictions(http::Router& router, const ResourceServices& services) {
    auto& auth = services.auth;
    auto& facilities = services.facilities;
    router.Add("GET", "/api/v1/jurisdictions",
               WithCaller(auth, [&facilities](const Caller& caller, const Request& request) {
                   const auto page = ParsePage(request, storage::id_prefix::kJurisdiction);
                   return Response::Json(200,
                                         model::Json(facilities.ListJurisdictions(caller, page)));
               }));
    router.Add("POST", "/api/v1/jurisdictions",
               WithCaller(auth,
                          [&facilities](const Caller& caller, const Request& request) {
                              const auto input =
                                  http::ParseJsonBody(request).get<model::JurisdictionPatch>();
                              return Response::Json(
                                  201, model::Json(facilities.CreateJurisdiction(caller, input)));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("GET", "/api/v1/jurisdictions/{id}",
               WithCaller(auth, [&facilities](const Caller& caller, const Request& request) {
                   return Response::Json(
                       200, model::Json(facilities.GetJurisdiction(caller, PathId(request))));
               }));
    router.Add("PATCH", "/api/v1/jurisdictions/{id}",
               WithCaller(auth,
                          [&facilities](const Caller& caller, const Request& request) {
                              const auto patch =
                                  http::ParseJsonBody(request).get<model::JurisdictionPatch>();
                              return Response::Json(200, model::Json(facilities.UpdateJurisdiction(
                                                             caller, PathId(request), patch)));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("DELETE", "/api/v1/jurisdictions/{id}",
               WithCaller(auth, [&facilities](const Caller& caller, const Request& request) {
                   facilities.DeleteJurisdiction(caller, PathId(request));
                   return Response::NoContent();
               }));
}

void AddFacilities(http::Router& router, const ResourceServices& services) {
    auto& auth = services.auth;
    auto& facilities = services.facilities;
    router.Add("GET", "/api/v1/facilities",
               WithCaller(auth, [&facilities](const Caller& caller, const Request& request) {
                   const auto page = ParsePage(request, storage::id_prefix::kFacility);
                   return Response::Json(200, model::Json(facilities.ListFacilities(caller, page)));
               }));
    router.Add("POST", "/api/v1/facilities",
               WithCaller(auth,
                          [&facilities](const Caller& caller, const Request& request) {
                              const auto input =
                                  http::ParseJsonBody(request).get<model::FacilityPatch>();
                              return Response::Json(
                                  201, model::Json(facilities.CreateFacility(caller, input)));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("GET", "/api/v1/facilities/{id}",
               WithCaller(auth, [&facilities](const Caller& caller, const Request& request) {
                   return Response::Json(
                       200, model::Json(facilities.GetFacility(caller, PathId(request))));
               }));
    router.Add("PATCH", "/api/v1/facilities/{id}",
               WithCaller(auth,
                          [&facilities](const Caller& caller, const Request& request) {
                              const auto patch =
                                  http::ParseJsonBody(request).get<model::FacilityPatch>();
                              return Response::Json(200, model::Json(facilities.UpdateFacility(
                                                             caller, PathId(request), patch)));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("DELETE", "/api/v1/facilities/{id}",
               WithCaller(auth, [&facilities](const Caller& caller, const Request& request) {
                   facilities.DeleteFacility(caller, PathId(request));
                   return Response::NoContent();
               }));
}

} // namespace

void AddFacilityRoutes(http::Router& router, const ResourceServices& services) {
    AddJurisdictions(router, services);
    AddFacilities(router, services);
}

} // namespace resv::server::routes
