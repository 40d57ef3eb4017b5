#pragma once
// What the resource routes share: the services, the caller of a request, paging parameters.

#include "auth/AuthService.h"
#include "auth/Permissions.h"
#include "facilities/FacilityService.h"
#include "http/Router.h"
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
};

/// A handler for a session's request: authenticates it, then calls `handle(caller, request)`.
template <typename Handle>
http::Handler WithCaller(auth::AuthService& auth, Handle handle) {
    return [&auth, handle](const http::Request& request) {
        const auth::Principal principal = auth.Authenticate(request.Header("authorization"));
        const auth::Caller caller{principal, request.remoteIp};
        return handle(caller, request);
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

} // namespace resv::server::routes
