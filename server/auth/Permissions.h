#pragma once
// Permissions from the built-in roles (model/Role.h) for tenant resources.

#include "auth/AuthService.h"

#include <string>
#include <string_view>

namespace resv::server::auth {

/// Throws http::HttpError 403 forbidden unless one of the account's roles grants `permission` in
/// the session's tenant. A provider session that does not act in a customer tenant has no tenant
/// resources at all.
void RequirePermission(const Principal& principal, std::string_view permission);

/// The session and where its request came from: who every audit event names.
struct Caller {
    const Principal& principal;
    std::string sourceIp;

    const std::string& TenantId() const { return principal.EffectiveTenant().id; }
};

} // namespace resv::server::auth
