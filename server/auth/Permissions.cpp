#include "auth/Permissions.h"

#include "http/Problem.h"
#include "resv/model/Problem.h"
#include "resv/model/Role.h"
#include "storage/RoleRepository.h"

#include <algorithm>

namespace resv::server::auth {
namespace {

namespace ec = model::error_code;

bool InCatalogue(std::string_view permission) {
    const auto& catalogue = model::CustomerPermissionCatalogue();
    return std::find(catalogue.begin(), catalogue.end(), permission) != catalogue.end();
}

bool IsProviderSessionOutsideTenants(const Principal& principal) {
    return principal.tenant.code == storage::kProviderTenantCode && !principal.actingAs;
}

/// What a provider session outside customer tenants may do: publish incidents and notices and
/// read what it publishes and the service's status (no tenant's resources).
bool IsProviderWidePermission(std::string_view permission) {
    using namespace model::permission;
    return permission == kIncidentsPublish || permission == kNoticesPublish ||
           permission == kMonitoringRead || permission == kNoticesRead;
}

EffectivePermissions ProviderWidePermissions(const Principal& principal) {
    EffectivePermissions result;
    for (const auto& name : principal.account.roles) {
        const model::BuiltinRole* role = model::FindBuiltinRole(name);
        if (!role || role->tier != model::Tier::Provider) {
            continue;
        }
        result.RaiseTier(role->tier);
        for (const auto permission : role->permissions) {
            if (IsProviderWidePermission(permission)) {
                result.Grant(permission, std::string(role->name));
            }
        }
    }
    return result;
}

/// The built-in part; returns the names that are not built in.
std::vector<std::string> AddBuiltinRoles(EffectivePermissions& result, bool providerTenant,
                                         const std::vector<std::string>& roles) {
    std::vector<std::string> custom;
    for (const auto& name : roles) {
        const model::BuiltinRole* role = model::FindBuiltinRole(name);
        if (!role) {
            custom.push_back(name);
            continue;
        }
        // The provider tier exists only in the provider's tenant, and nothing else does.
        if ((role->tier == model::Tier::Provider) != providerTenant) {
            continue;
        }
        result.RaiseTier(role->tier);
        for (const auto permission : role->permissions) {
            result.Grant(permission, std::string(role->name));
        }
    }
    return custom;
}

void AddCustomRoles(EffectivePermissions& result, const std::vector<storage::RoleRecord>& roles) {
    for (const auto& role : roles) {
        result.RaiseTier(role.tier);
        for (const auto& permission : role.permissions) {
            if (!InCatalogue(permission)) {
                continue;
            }
            if (role.tier == model::Tier::Employee &&
                model::IsManagerTierOnlyPermission(permission)) {
                continue; // "customermanager 以上", even if the database says otherwise
            }
            result.Grant(permission, role.name);
        }
    }
}

EffectivePermissions Compute(storage::Connection* connection, const std::string& tenantId,
                             bool providerTenant, const std::vector<std::string>& roles) {
    EffectivePermissions result;
    const std::vector<std::string> custom = AddBuiltinRoles(result, providerTenant, roles);
    if (!custom.empty() && !providerTenant && connection) {
        AddCustomRoles(result, storage::RoleRepository(*connection).FindByNames(tenantId, custom));
    }
    return result;
}

bool AllBuiltin(const std::vector<std::string>& roles) {
    return std::all_of(roles.begin(), roles.end(),
                       [](const std::string& name) { return model::FindBuiltinRole(name); });
}

bool IsProviderTenant(const Principal& principal) {
    return principal.tenant.code == storage::kProviderTenantCode;
}

} // namespace

std::vector<std::string> EffectivePermissions::Names() const {
    std::vector<std::string> names;
    for (const auto& [permission, roles] : m_grants) {
        names.push_back(permission);
    }
    return names;
}

std::vector<model::PermissionGrant> EffectivePermissions::Grants() const {
    std::vector<model::PermissionGrant> grants;
    for (const auto permission : model::CustomerPermissionCatalogue()) {
        if (const auto it = m_grants.find(permission); it != m_grants.end()) {
            grants.push_back({it->first, it->second});
        }
    }
    for (const auto& [permission, roles] : m_grants) {
        if (!InCatalogue(permission)) {
            grants.push_back({permission, roles});
        }
    }
    return grants;
}

void EffectivePermissions::Grant(std::string_view permission, const std::string& role) {
    auto& roles = m_grants[std::string(permission)];
    const auto at = std::lower_bound(roles.begin(), roles.end(), role);
    if (at == roles.end() || *at != role) {
        roles.insert(at, role);
    }
}

void EffectivePermissions::RaiseTier(model::Tier tier) {
    if (model::TierAtLeast(tier, m_tier)) {
        m_tier = tier;
    }
}

EffectivePermissions PermissionsOfRoles(storage::Connection& connection,
                                        const std::string& tenantId, bool providerTenant,
                                        const std::vector<std::string>& roles) {
    return Compute(&connection, tenantId, providerTenant, roles);
}

EffectivePermissions PermissionsOfSession(storage::Connection& connection,
                                          const Principal& principal) {
    if (IsProviderSessionOutsideTenants(principal)) {
        return ProviderWidePermissions(principal);
    }
    return Compute(&connection, principal.account.tenantId, IsProviderTenant(principal),
                   principal.account.roles);
}

const EffectivePermissions& Caller::Permissions(storage::Database& database) const {
    if (!m_permissions) {
        if (IsProviderSessionOutsideTenants(principal)) {
            m_permissions =
                std::make_shared<const EffectivePermissions>(ProviderWidePermissions(principal));
        } else if (AllBuiltin(principal.account.roles)) {
            m_permissions = std::make_shared<const EffectivePermissions>(
                Compute(nullptr, principal.account.tenantId, IsProviderTenant(principal),
                        principal.account.roles));
        } else {
            auto db = database.Acquire();
            m_permissions =
                std::make_shared<const EffectivePermissions>(PermissionsOfSession(*db, principal));
        }
    }
    return *m_permissions;
}

void RequirePermission(const Caller& caller, storage::Database& database,
                       std::string_view permission) {
    if (IsProviderSessionOutsideTenants(caller.principal) &&
        !IsProviderWidePermission(permission)) {
        throw http::HttpError(403, ec::kForbidden,
                              "Log in acting in a customer tenant to see its resources.");
    }
    if (!caller.Permissions(database).Has(permission)) {
        throw http::HttpError(403, ec::kForbidden,
                              "Your role does not allow this (" + std::string(permission) + ").");
    }
}

void RequirePermission(const Principal& principal, std::string_view permission) {
    if (IsProviderSessionOutsideTenants(principal)) {
        if (!IsProviderWidePermission(permission) ||
            !ProviderWidePermissions(principal).Has(permission)) {
            throw http::HttpError(403, ec::kForbidden,
                                  "Log in acting in a customer tenant to see its resources.");
        }
        return;
    }
    const EffectivePermissions builtin = Compute(
        nullptr, principal.account.tenantId, IsProviderTenant(principal), principal.account.roles);
    if (!builtin.Has(permission)) {
        throw http::HttpError(403, ec::kForbidden,
                              "Your role does not allow this (" + std::string(permission) + ").");
    }
}

} // namespace resv::server::auth
