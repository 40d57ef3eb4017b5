#pragma once
// 権限: the permission catalogue and the tenant's custom roles (roles.read / roles.write), with
// the rules of issue 4 and an audit event for every change.

#include "facilities/ServiceSupport.h"
#include "resv/model/Page.h"
#include "resv/model/Role.h"

#include <string>
#include <vector>

namespace resv::server::roles {

/// A role body as parsed, and its `permissions` in the order they were sent, so that an error
/// can name permissions[i] of what the client wrote.
struct RoleRequest {
    model::RoleInput input;
    std::vector<std::string> permissionsAsSent;
};

class RoleService {
public:
    explicit RoleService(facilities::ServiceContext context)
        : m_context(std::move(context)) {}

    model::Page<model::PermissionInfo> Permissions(const auth::Caller& caller);
    /// Built-ins first (operator only to a provider session), then custom roles by name.
    model::Page<model::Role> List(const auth::Caller& caller);
    /// 400 permission_not_allowed_for_tier, 403 forbidden for a permission or tier above the
    /// caller's own, 409 conflict for a taken name.
    model::Role Create(const auth::Caller& caller, const RoleRequest& request);
    /// Changes what the request names. 409 conflict for a built-in role or a taken name.
    model::Role Update(const auth::Caller& caller, const std::string& id,
                       const RoleRequest& request);
    /// 409 conflict for a built-in role, 409 not_empty while accounts hold it.
    void Delete(const auth::Caller& caller, const std::string& id);

private:
    facilities::ServiceContext m_context;
};

} // namespace resv::server::roles
