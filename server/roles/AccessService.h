#pragma once
// GET /api/v1/accounts/{id}/effective-access: what an account of the caller's tenant can do, on
// what, and through which role and scope (accounts.read).

#include "facilities/ServiceSupport.h"
#include "resv/model/Access.h"

#include <string>

namespace resv::server::roles {

class AccessService {
public:
    explicit AccessService(facilities::ServiceContext context)
        : m_context(std::move(context)) {}

    /// 404 for an id that is not an account of the caller's tenant.
    model::EffectiveAccess EffectiveAccess(const auth::Caller& caller,
                                           const std::string& accountId);

private:
    facilities::ServiceContext m_context;
};

} // namespace resv::server::roles
