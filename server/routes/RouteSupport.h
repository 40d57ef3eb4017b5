#pragma once
// What the resource routes share: the services, the caller of a request, paging parameters.

#include "accounts/AccountCsv.h"
#include "accounts/AccountService.h"
#include "audit/AuditService.h"
#include "auth/AuthService.h"
#include "auth/Permissions.h"
#include "facilities/FacilityService.h"
#include "http/Router.h"
#include "monitoring/StatusService.h"
#include "notices/ContactService.h"
#include "notices/IncidentService.h"
#include "notices/NoticeService.h"
#include "roles/AccessService.h"
#include "roles/RoleService.h"
#include "terminals/ConfigService.h"
#include "terminals/DeviceService.h"
#include "terminals/TerminalService.h"

#include <optional>
#include <string>
#include <string_view>

namespace resv::server::routes {

struct ResourceServices {
    auth::AuthService& auth;
    facilities::FacilityService& facilities;
    terminals::TerminalService& terminals;
    terminals::ConfigService& config;
    terminals::DeviceService& devices;
    accounts::AccountService& accounts;
    accounts::AccountCsv& accountCsv;
    roles::RoleService& roles;
    roles::AccessService& access;
    audit::AuditService& audit;
    monitoring::StatusService& status;
    notices::IncidentService& incidents;
    notices::NoticeService& notices;
    notices::ContactService& contacts;
};

/// Whether a session that still has to change its one-time password may use the route. Only
/// GET /me, PUT /me/password and DELETE /sessions/current allow it (issue 4).
enum class PendingPasswordChange { Refuse, Allow };

/// A handler for a session's request: authenticates it, refuses a session whose password must
/// be changed first (403 password_change_required) unless `pending` allows it, then calls
/// `handle(caller, request)`.
template <typename Handle>
http::Handler WithCaller(auth::AuthService& auth, Handle handle,
                         PendingPasswordChange pending = PendingPasswordChange::Refuse) {
    return [&auth, handle, pending](const http::Request& request) {
        const auth::Principal principal = auth.Authenticate(request.Header("authorization"));
        if (pending == PendingPasswordChange::Refuse) {
            try {
                auth::RequireNoPendingPasswordChange(principal);
            } catch (const http::HttpError& error) {
                auth.RecordDenied(principal, request.remoteIp,
                                  request.method + " " + request.routeTemplate, error.Code());
                throw;
            }
        }
        const auth::Caller caller{principal, request.remoteIp};
        try {
            return handle(caller, request);
        } catch (const http::HttpError& error) {
            if (error.Status() == 403) {
                auth.RecordDenied(principal, request.remoteIp,
                                  request.method + " " + request.routeTemplate, error.Code());
            }
            throw;
        }
    };
}

/// `limit` (1–500, default 100) and `cursor`. A cursor that does not start with `idPrefix` is
/// 400 invalid_cursor; an empty prefix takes any cursor.
facilities::PageRequest ParsePage(const http::Request& request, std::string_view idPrefix);

/// `If-Match: 3` or `If-Match: "3"`; nothing when absent; 400 invalid_field when malformed.
std::optional<int> ParseIfMatch(const http::Request& request);

/// The `{id}` path parameter.
const std::string& PathId(const http::Request& request);

void AddFacilityRoutes(http::Router& router, const ResourceServices& services);
void AddTerminalRoutes(http::Router& router, const ResourceServices& services);
void AddConfigRoutes(http::Router& router, const ResourceServices& services);
void AddDeviceRoutes(http::Router& router, const ResourceServices& services);
void AddAccountRoutes(http::Router& router, const ResourceServices& services);
void AddRoleRoutes(http::Router& router, const ResourceServices& services);
void AddAuditRoutes(http::Router& router, const ResourceServices& services);
void AddStatusRoutes(http::Router& router, const ResourceServices& services);
void AddNoticeRoutes(http::Router& router, const ResourceServices& services);

} // namespace resv::server::routes
