#include "auth/Permissions.h"

#include "http/Problem.h"
#include "resv/model/Problem.h"
#include "resv/model/Role.h"

#include <algorithm>

namespace resv::server::auth {

void RequirePermission(const Principal& principal, std::string_view permission) {
    namespace ec = model::error_code;
    if (principal.tenant.code == storage::kProviderTenantCode && !principal.actingAs) {
        throw http::HttpError(403, ec::kForbidden,
                              "Log in acting in a customer tenant to see its resources.");
    }
    for (const auto& roleName : principal.account.roles) {
        const model::BuiltinRole* role = model::FindBuiltinRole(roleName);
        if (role && std::find(role->permissions.begin(), role->permissions.end(), permission) !=
                        role->permissions.end()) {
            return;
        }
    }
    throw http::HttpError(403, ec::kForbidden,
                          "Your role does not allow this (" + std::string(permission) + ").");
}

} // namespace resv::server::auth
