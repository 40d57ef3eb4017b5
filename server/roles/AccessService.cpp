#include "roles/AccessService.h"

#include "resv/model/Role.h"
#include "storage/AccountRepository.h"
#include "storage/FacilityRepository.h"
#include "storage/RoleRepository.h"
#include "storage/TenantRepository.h"

namespace resv::server::roles {

model::EffectiveAccess AccessService::EffectiveAccess(const auth::Caller& caller,
                                                      const std::string& accountId) {
    auth::RequirePermission(caller, m_context.database, model::permission::kAccountsRead);
    auto db = m_context.database.Acquire();
    const auto account = storage::AccountRepository(*db).FindById(accountId);
    if (!account || account->tenantId != caller.TenantId()) {
        facilities::ThrowNotFound("account");
    }
    // Accounts of a customer tenant: the provider's own never show here (its id is not ours).
    const auth::EffectivePermissions permissions = auth::PermissionsOfRoles(
        *db, account->tenantId,
        caller.principal.EffectiveTenant().code == storage::kProviderTenantCode, account->roles);
    const model::Account shown =
        storage::ToModel(*account, m_context.clock->Now(),
                         storage::RoleRepository(*db).CustomTiers(account->tenantId));

    model::EffectiveAccess access;
    access.accountId = account->id;
    access.loginId = account->loginId;
    access.tier = permissions.Tier();
    access.status = shown.status;
    access.permissions = permissions.Grants();
    access.scope = account->scope;
    storage::FacilityRepository facilities(*db);
    for (const auto& id : account->scope.jurisdictions) {
        if (const auto jurisdiction = facilities.FindJurisdiction(account->tenantId, id)) {
            access.jurisdictions.push_back({jurisdiction->id, jurisdiction->name});
        }
    }
    for (auto& record : storage::ScopeRepository(*db).ReachedFacilities(
             account->tenantId, account->id, account->scope.all)) {
        access.facilities.push_back(std::move(record.facility));
    }
    return access;
}

} // namespace resv::server::roles
