#include "notices/ContactService.h"

#include "http/Problem.h"
#include "resv/model/Problem.h"
#include "resv/model/Role.h"

#include <nlohmann/json.hpp>

namespace resv::server::notices {
namespace {

namespace perm = model::permission;
namespace ec = model::error_code;

void RequireCustomerTenant(const auth::Caller& caller) {
    if (IsProviderWide(caller)) {
        throw http::HttpError(403, ec::kForbidden,
                              "Log in acting in a customer tenant to see its contacts.");
    }
}

} // namespace

model::TenantContacts ContactService::Get(const auth::Caller& caller) {
    RequireCustomerTenant(caller);
    const auto& permissions = caller.Permissions(m_context.base.database);
    if (!permissions.Has(perm::kMonitoringRead) && !permissions.Has(perm::kTenantContactsWrite)) {
        throw http::HttpError(403, ec::kForbidden,
                              "Your role does not allow this (monitoring.read or "
                              "tenant.contacts.write).");
    }
    auto db = m_context.base.database.Acquire();
    return {ContactsOf(*db, caller.TenantId())};
}

model::TenantContacts ContactService::Put(const auth::Caller& caller,
                                          const model::TenantContacts& contacts) {
    RequireCustomerTenant(caller);
    auth::RequirePermission(caller, m_context.base.database, perm::kTenantContactsWrite);
    auto db = m_context.base.database.Acquire();
    storage::Transaction transaction(*db);
    const model::TenantContacts before{ContactsOf(*db, caller.TenantId())};
    ReplaceContacts(*db, caller.TenantId(), contacts.emails);
    const auto& tenant = caller.principal.EffectiveTenant();
    facilities::Audit(m_context.base, *db, caller, "tenant.contacts_update",
                      audit::Target{"tenant", tenant.id, tenant.code},
                      {{"before", before}, {"after", contacts}});
    transaction.Commit();
    return {ContactsOf(*db, caller.TenantId())};
}

std::vector<CustomerTenant> ContactService::ListTenants(const auth::Caller& caller) {
    if (!IsProviderWide(caller)) {
        throw http::HttpError(403, ec::kForbidden,
                              "Only the provider's operators outside customer tenants list the "
                              "customer tenants.");
    }
    const auto& permissions = caller.Permissions(m_context.base.database);
    if (!permissions.Has(perm::kIncidentsPublish) && !permissions.Has(perm::kNoticesPublish)) {
        throw http::HttpError(403, ec::kForbidden,
                              "Your role does not allow this (incidents.publish).");
    }
    auto db = m_context.base.database.Acquire();
    return CustomerTenants(*db);
}

} // namespace resv::server::notices
