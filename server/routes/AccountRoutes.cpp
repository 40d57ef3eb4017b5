// /api/v1/accounts (A.9.2: register, name, change, disable, delete, sessions, CSV import and
// export) and PUT /api/v1/me/password.

#include "accounts/AccountCsv.h"
#include "accounts/AccountService.h"
#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Page.h"
#include "routes/RouteSupport.h"

namespace resv::server::routes {
namespace {

using auth::Caller;
using http::Request;
using http::Response;

std::optional<std::string> QueryValue(const Request& request, const char* name) {
    const auto it = request.query.find(name);
    return it == request.query.end() ? std::nullopt : std::optional<std::string>(it->second);
}

accounts::AccountListParams ListParams(const Request& request) {
    const facilities::PageRequest page = ParsePage(request, "");
    accounts::AccountListParams params;
    params.q = QueryValue(request, "q").value_or("");
    params.role = QueryValue(request, "role");
    params.status = QueryValue(request, "status");
    params.sort = QueryValue(request, "sort").value_or("");
    if (!page.after.empty()) {
        params.cursor = page.after;
    }
    params.limit = page.limit;
    return params;
}

/// `dry_run=true|false`; a dry run when absent, so that nothing is written by mistake.
bool DryRun(const Request& request) {
    const auto value = QueryValue(request, "dry_run").value_or("true");
    if (value != "true" && value != "false") {
        facilities::ThrowInvalidField("dry_run", "dry_run is true or false.");
    }
    return value == "true";
}

/// Registered before /api/v1/accounts/{id}, which would otherwise take "export.csv" for an id.
void AddAccountCsv(http::Router& router, auth::AuthService& auth, accounts::AccountCsv& csv) {
    router.Add("GET", "/api/v1/accounts/export.csv",
               WithCaller(auth, [&csv](const Caller& caller, const Request&) {
                   Response response;
                   response.body = csv.Export(caller);
                   response.contentType = "text/csv; charset=utf-8";
                   response.SetHeader("Content-Disposition",
                                      "attachment; filename=\"accounts.csv\"");
                   return response;
               }));
    router.Add("POST", "/api/v1/accounts/import",
               WithCaller(auth,
                          [&csv](const Caller& caller, const Request& request) {
                              const bool dryRun = DryRun(request);
                              const model::ImportResult result =
                                  csv.Import(caller, request.body, dryRun);
                              return Response::Json(dryRun ? 200 : 201, model::Json(result));
                          }),
               http::RouteOptions::Body("text/csv"));
}

void AddAccountCollection(http::Router& router, auth::AuthService& auth,
                          accounts::AccountService& accounts) {
    router.Add("GET", "/api/v1/accounts",
               WithCaller(auth, [&accounts](const Caller& caller, const Request& request) {
                   return Response::Json(200,
                                         model::Json(accounts.List(caller, ListParams(request))));
               }));
    router.Add(
        "POST", "/api/v1/accounts",
        WithCaller(auth,
                   [&accounts](const Caller& caller, const Request& request) {
                       const auto input = http::ParseJsonBody(request).get<model::AccountInput>();
                       return Response::Json(201, model::Json(accounts.Create(caller, input)));
                   }),
        http::RouteOptions::JsonBody());
    router.Add("GET", "/api/v1/accounts/{id}",
               WithCaller(auth, [&accounts](const Caller& caller, const Request& request) {
                   return Response::Json(200, model::Json(accounts.Get(caller, PathId(request))));
               }));
    router.Add(
        "PATCH", "/api/v1/accounts/{id}",
        WithCaller(auth,
                   [&accounts](const Caller& caller, const Request& request) {
                       const auto patch = http::ParseJsonBody(request).get<model::AccountPatch>();
                       return Response::Json(
                           200, model::Json(accounts.Update(caller, PathId(request), patch)));
                   }),
        http::RouteOptions::JsonBody());
    router.Add("DELETE", "/api/v1/accounts/{id}",
               WithCaller(auth, [&accounts](const Caller& caller, const Request& request) {
                   accounts.Delete(caller, PathId(request));
                   return Response::NoContent();
               }));
}

void AddAccountActions(http::Router& router, auth::AuthService& auth,
                       accounts::AccountService& accounts) {
    using Action = model::Account (accounts::AccountService::*)(const Caller&, const std::string&);
    const std::pair<const char*, Action> actions[] = {
        {"/api/v1/accounts/{id}/disable", &accounts::AccountService::Disable},
        {"/api/v1/accounts/{id}/enable", &accounts::AccountService::Enable},
        {"/api/v1/accounts/{id}/unlock", &accounts::AccountService::Unlock},
    };
    for (const auto& [path, action] : actions) {
        router.Add("POST", path,
                   WithCaller(auth, [&accounts, action = action](const Caller& caller,
                                                                 const Request& request) {
                       return Response::Json(
                           200, model::Json((accounts.*action)(caller, PathId(request))));
                   }));
    }
    router.Add("POST", "/api/v1/accounts/{id}/reset-password",
               WithCaller(auth, [&accounts](const Caller& caller, const Request& request) {
                   return Response::Json(
                       200, model::Json(accounts.ResetPassword(caller, PathId(request))));
               }));
}

void AddAccountSessions(http::Router& router, auth::AuthService& auth,
                        accounts::AccountService& accounts) {
    router.Add("GET", "/api/v1/accounts/{id}/sessions",
               WithCaller(auth, [&accounts](const Caller& caller, const Request& request) {
                   const auto sessions = accounts.ListSessions(caller, PathId(request));
                   return Response::Json(200, model::Json{{"items", sessions}});
               }));
    router.Add("DELETE", "/api/v1/accounts/{id}/sessions",
               WithCaller(auth, [&accounts](const Caller& caller, const Request& request) {
                   accounts.RevokeSessions(caller, PathId(request));
                   return Response::NoContent();
               }));
    router.Add("DELETE", "/api/v1/accounts/{id}/sessions/{session_id}",
               WithCaller(auth, [&accounts](const Caller& caller, const Request& request) {
                   accounts.RevokeSession(caller, PathId(request),
                                          request.pathParams.at("session_id"));
                   return Response::NoContent();
               }));
    router.Add("PUT", "/api/v1/me/password",
               WithCaller(
                   auth,
                   [&accounts](const Caller& caller, const Request& request) {
                       const auto change =
                           http::ParseJsonBody(request).get<model::PasswordChange>();
                       accounts.ChangeOwnPassword(caller, change);
                       return Response::NoContent();
                   },
                   PendingPasswordChange::Allow),
               http::RouteOptions::JsonBody());
}

} // namespace

void AddAccountRoutes(http::Router& router, const ResourceServices& services) {
    AddAccountCsv(router, services.auth, services.accountCsv);
    AddAccountCollection(router, services.auth, services.accounts);
    AddAccountActions(router, services.auth, services.accounts);
    AddAccountSessions(router, services.auth, services.accounts);
}

} // namespace resv::server::routes
