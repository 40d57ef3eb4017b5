#pragma once
// The tenant's designated contacts (A.12.1.2, A.12.6.1: notices go to "ご指定いただいた連絡先"),
// and the customer tenants a provider operator may address.

#include "notices/NoticeSupport.h"
#include "resv/model/Notices.h"

#include <vector>

namespace resv::server::notices {

class ContactService {
public:
    explicit ContactService(NoticeContext context)
        : m_context(std::move(context)) {}

    /// monitoring.read or tenant.contacts.write, in a customer tenant.
    model::TenantContacts Get(const auth::Caller& caller);
    /// tenant.contacts.write; replaces the list (audited tenant.contacts_update).
    model::TenantContacts Put(const auth::Caller& caller, const model::TenantContacts& contacts);

    /// GET /api/v1/tenants: a provider session outside tenants that may publish.
    std::vector<CustomerTenant> ListTenants(const auth::Caller& caller);

private:
    NoticeContext m_context;
};

} // namespace resv::server::notices
