// /api/v1/incidents, /api/v1/notices (A.16.1.1, A.12.1.2, A.12.6.1), /api/v1/tenant/contacts and
// the operator's /api/v1/tenants.

#include "http/Problem.h"
#include "notices/ContactService.h"
#include "notices/IncidentService.h"
#include "notices/NoticeService.h"
#include "resv/model/Json.h"
#include "routes/RouteSupport.h"
#include "storage/Ids.h"

namespace resv::server::routes {
namespace {

using auth::Caller;
using http::Request;
using http::Response;

void AddIncidents(http::Router& router, auth::AuthService& auth,
                  notices::IncidentService& incidents) {
    router.Add("GET", "/api/v1/incidents",
               WithCaller(auth, [&incidents](const Caller& caller, const Request& request) {
                   const auto page = ParsePage(request, storage::id_prefix::kIncident);
                   return Response::Json(200, model::Json(incidents.List(caller, page)));
               }));
    router.Add(
        "POST", "/api/v1/incidents",
        WithCaller(auth,
                   [&incidents](const Caller& caller, const Request& request) {
                       const auto input = http::ParseJsonBody(request).get<model::IncidentInput>();
                       return Response::Json(201, model::Json(incidents.Create(caller, input)));
                   }),
        http::RouteOptions::JsonBody());
    router.Add("GET", "/api/v1/incidents/{id}",
               WithCaller(auth, [&incidents](const Caller& caller, const Request& request) {
                   return Response::Json(200, model::Json(incidents.Get(caller, PathId(request))));
               }));
    router.Add(
        "PATCH", "/api/v1/incidents/{id}",
        WithCaller(auth,
                   [&incidents](const Caller& caller, const Request& request) {
                       const auto patch = http::ParseJsonBody(request).get<model::IncidentPatch>();
                       return Response::Json(
                           200, model::Json(incidents.Update(caller, PathId(request), patch)));
                   }),
        http::RouteOptions::JsonBody());
    router.Add("POST", "/api/v1/incidents/{id}/ack",
               WithCaller(auth, [&incidents](const Caller& caller, const Request& request) {
                   return Response::Json(
                       200, model::Json(incidents.Acknowledge(caller, PathId(request))));
               }));
}

void AddNotices(http::Router& router, auth::AuthService& auth, notices::NoticeService& notices) {
    router.Add("GET", "/api/v1/notices",
               WithCaller(auth, [&notices](const Caller& caller, const Request& request) {
                   const auto page = ParsePage(request, storage::id_prefix::kNotice);
                   return Response::Json(200, model::Json(notices.List(caller, page)));
               }));
    router.Add(
        "POST", "/api/v1/notices",
        WithCaller(auth,
                   [&notices](const Caller& caller, const Request& request) {
                       const auto input = http::ParseJsonBody(request).get<model::NoticeInput>();
                       return Response::Json(201, model::Json(notices.Create(caller, input)));
                   }),
        http::RouteOptions::JsonBody());
    router.Add("GET", "/api/v1/notices/{id}",
               WithCaller(auth, [&notices](const Caller& caller, const Request& request) {
                   return Response::Json(200, model::Json(notices.Get(caller, PathId(request))));
               }));
    router.Add("PATCH", "/api/v1/notices/{id}",
               WithCaller(auth,
                          [&notices](const Caller& caller, const Request& request) {
                              const auto patch =
                                  http::ParseJsonBody(request).get<model::NoticePatch>();
                              return Response::Json(
                                  200, model::Json(notices.Update(caller, PathId(request), patch)));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("POST", "/api/v1/notices/{id}/ack",
               WithCaller(auth, [&notices](const Caller& caller, const Request& request) {
                   return Response::Json(200,
                                         model::Json(notices.Acknowledge(caller, PathId(request))));
               }));
}

void AddContacts(http::Router& router, auth::AuthService& auth, notices::ContactService& contacts) {
    router.Add("GET", "/api/v1/tenant/contacts",
               WithCaller(auth, [&contacts](const Caller& caller, const Request&) {
                   return Response::Json(200, model::Json(contacts.Get(caller)));
               }));
    router.Add("PUT", "/api/v1/tenant/contacts",
               WithCaller(auth,
                          [&contacts](const Caller& caller, const Request& request) {
                              const auto input =
                                  http::ParseJsonBody(request).get<model::TenantContacts>();
                              return Response::Json(200, model::Json(contacts.Put(caller, input)));
                          }),
               http::RouteOptions::JsonBody());
    router.Add("GET", "/api/v1/tenants",
               WithCaller(auth, [&contacts](const Caller& caller, const Request& request) {
                   // Sorted by code; the cursor is the last code shown.
                   const auto page = ParsePage(request, "");
                   model::Json items = model::Json::array();
                   model::Json next = nullptr;
                   for (const auto& tenant : contacts.ListTenants(caller)) {
                       if (tenant.code <= page.after) {
                           continue;
                       }
                       if (static_cast<int>(items.size()) == page.limit) {
                           next = items.back().at("code");
                           break;
                       }
                       items.push_back({{"code", tenant.code}, {"name", tenant.name}});
                   }
                   return Response::Json(200, model::Json{{"items", items}, {"next_cursor", next}});
               }));
}

} // namespace

void AddNoticeRoutes(http::Router& router, const ResourceServices& services) {
    AddIncidents(router, services.auth, services.incidents);
    AddNotices(router, services.auth, services.notices);
    AddContacts(router, services.auth, services.contacts);
}

} // namespace resv::server::routes
