#pragma once
// The home screen: who is logged in, in which tenant, and until when. No wx here.

#include "views/common/Session.h"

#include "resv/model/Role.h"
#include "resv/model/Session.h"

#include <optional>
#include <string>
#include <vector>

namespace resv::views {

/// What HomeView shows, already in display form except for words it translates (roles, region).
struct HomeModel {
    std::string displayName;
    std::string loginId;
    std::vector<std::string> roles; ///< role names as the API gives them; the view translates
    model::Tier tier = model::Tier::Employee;
    std::string tenantName;
    std::string tenantCode;
    std::string dataRegion;
    std::optional<model::TenantRef> actingAs;
    std::string sessionEndsJst; ///< "2026-11-25 17:10 JST": the absolute end
    std::string idleEndsJst;    ///< when it ends if left unused
    bool mustChangePassword = false;
};

HomeModel BuildHomeModel(const model::Me& me);

class HomePresenter {
public:
    explicit HomePresenter(const ISession& session)
        : m_session(session) {}

    /// The current state of the session (the shell refreshes the view when /me changes).
    HomeModel Model() const { return BuildHomeModel(m_session.Me()); }

private:
    const ISession& m_session;
};

} // namespace resv::views
