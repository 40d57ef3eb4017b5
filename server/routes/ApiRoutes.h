#pragma once
// The API's routes. Thin: parse, call a service, answer; rules live in the services.

#include "auth/AuthService.h"
#include "http/Router.h"
#include "resv/server/Clock.h"
#include "routes/RouteSupport.h"

#include <memory>

namespace resv::server::routes {

struct ApiServices {
    auth::AuthService& auth;
    std::shared_ptr<const Clock> clock;
    ResourceServices resources;
};

void AddApiRoutes(http::Router& router, const ApiServices& services);

} // namespace resv::server::routes
