#pragma once
// What a session may do: the permissions of its built-in roles and of its tenant's custom roles
// (issue 4), computed in one place for RequirePermission, GET /me and effective-access.

#include "auth/AuthService.h"
#include "resv/model/Access.h"
#include "storage/Database.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server::auth {

/// Permissions an account holds, each with the names of the roles that give it.
class EffectivePermissions {
public:
    bool Has(std::string_view permission) const { return m_grants.count(permission) > 0; }
    /// The most powerful tier among the roles that count (employee when there is none).
    model::Tier Tier() const { return m_tier; }
    /// Permission names, sorted.
    std::vector<std::string> Names() const;
    /// In the catalogue's order, each with its roles (sorted); then any provider-only ones.
    std::vector<model::PermissionGrant> Grants() const;

    void Grant(std::string_view permission, const std::string& role);
    void RaiseTier(model::Tier tier);

private:
    std::map<std::string, std::vector<std::string>, std::less<>> m_grants;
    model::Tier m_tier = model::Tier::Employee;
};

/// The permissions of `roles` (names, as account_roles holds them) for an account of tenant
/// `tenantId`. Built-in roles come from code; any other name is looked up among the tenant's
/// custom roles (one query, and none when every name is built in). Defence in depth against an
/// edited database: `operator` counts only in the provider's tenant, custom roles only in a
/// customer tenant, only catalogue permissions count, and an employee-tier custom role never
/// gives a manager-tier-only permission (usage.read, usage.export, monitoring.read).
EffectivePermissions PermissionsOfRoles(storage::Connection& connection,
                                        const std::string& tenantId, bool providerTenant,
                                        const std::vector<std::string>& roles);

/// What the session may do in its effective tenant. A provider session that does not act in a
/// customer tenant has no tenant resources at all: it may only publish incidents and notices
/// and read them and the service's status (incidents.publish, notices.publish, monitoring.read,
/// notices.read of its operator role); an operator acting in a customer
/// tenant keeps its built-in operator permissions.
EffectivePermissions PermissionsOfSession(storage::Connection& connection,
                                          const Principal& principal);

/// The session and where its request came from: who every audit event names. Caches the
/// session's permissions for the request, so a handler that checks several asks storage once.
class Caller {
public:
    Caller(const Principal& principal, std::string sourceIp)
        : principal(principal)
        , sourceIp(std::move(sourceIp)) {}

    const Principal& principal;
    std::string sourceIp;

    const std::string& TenantId() const { return principal.EffectiveTenant().id; }
    /// Computed on first use (acquiring a connection only when a custom role needs one).
    const EffectivePermissions& Permissions(storage::Database& database) const;

private:
    mutable std::shared_ptr<const EffectivePermissions> m_permissions;
};

/// Throws http::HttpError 403 forbidden unless the session's roles, built-in or custom, grant
/// `permission` in its effective tenant. Call it before taking a connection of `database`.
void RequirePermission(const Caller& caller, storage::Database& database,
                       std::string_view permission);

/// Built-in roles only, for a caller without storage at hand. Prefer the overload above: this
/// one refuses what a custom role grants.
void RequirePermission(const Principal& principal, std::string_view permission);

} // namespace resv::server::auth
