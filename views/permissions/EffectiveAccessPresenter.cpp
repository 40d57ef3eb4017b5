#include "views/permissions/EffectiveAccessPresenter.h"

#include "views/common/ApiErrors.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace resv::views {

ReachVia ReachViaFrom(const std::string& via) {
    if (via == "all") {
        return ReachVia::All;
    }
    if (via == "jurisdiction") {
        return ReachVia::Jurisdiction;
    }
    if (via == "facility") {
        return ReachVia::Facility;
    }
    return ReachVia::Other;
}

AccessView MakeAccessView(const model::EffectiveAccess& access) {
    AccessView view;
    view.loginId = access.loginId;
    view.tier = access.tier;
    view.status = access.status;
    view.allScope = access.scope.all;
    for (const model::PermissionGrant& grant : access.permissions) {
        view.permissions.push_back({grant.permission, grant.roles});
    }
    if (!view.allScope) {
        for (const model::NamedRef& jurisdiction : access.jurisdictions) {
            view.scopeJurisdictions.push_back(jurisdiction.name);
        }
        for (const model::ReachedFacility& facility : access.facilities) {
            if (ReachViaFrom(facility.via) == ReachVia::Facility) {
                view.scopeFacilities.push_back(facility.name);
            }
        }
        std::sort(view.scopeJurisdictions.begin(), view.scopeJurisdictions.end());
        std::sort(view.scopeFacilities.begin(), view.scopeFacilities.end());
    }
    for (const model::ReachedFacility& facility : access.facilities) {
        view.facilities.push_back(
            {facility.name, facility.jurisdictionName, ReachViaFrom(facility.via)});
    }
    std::stable_sort(view.facilities.begin(), view.facilities.end(),
                     [](const AccessView::FacilityRow& a, const AccessView::FacilityRow& b) {
                         return std::tie(a.jurisdiction, a.facility) <
                                std::tie(b.jurisdiction, b.facility);
                     });
    return view;
}

EffectiveAccessPresenter::EffectiveAccessPresenter(std::shared_ptr<client::IAccountsApi> api,
                                                   ITaskRunner& runner, IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_searchScope(runner, ui)
    , m_accessScope(runner, ui) {}

void EffectiveAccessPresenter::Search(const std::string& text) {
    m_searchScope.DropPending(); // only the answer to what is typed now counts
    m_searching = true;
    client::AccountQuery query;
    query.q = text;
    query.limit = kSearchLimit;
    m_searchScope.Run([api = m_api, query] { return api->ListAccounts(query); },
                      [this](TaskResult<model::Page<model::Account>> result) {
                          m_searching = false;
                          if (!result.Ok()) {
                              return Failed(ToApiError(result.Error()));
                          }
                          m_accounts = std::move(result.Value().items);
                          m_more = result.Value().nextCursor.has_value();
                          if (m_callbacks.accountsChanged) {
                              m_callbacks.accountsChanged();
                          }
                      });
}

void EffectiveAccessPresenter::Choose(const std::string& accountId) {
    if (accountId == m_chosen && (m_access || m_loadingAccess)) {
        return;
    }
    Load(accountId);
}

void EffectiveAccessPresenter::Reload() {
    if (!m_chosen.empty()) {
        Load(m_chosen);
    }
}

void EffectiveAccessPresenter::Load(const std::string& accountId) {
    m_accessScope.DropPending();
    m_chosen = accountId;
    m_access.reset();
    m_loadingAccess = !accountId.empty();
    if (m_callbacks.accessChanged) {
        m_callbacks.accessChanged();
    }
    if (accountId.empty()) {
        return;
    }
    m_accessScope.Run([api = m_api, accountId] { return api->GetEffectiveAccess(accountId); },
                      [this](TaskResult<model::EffectiveAccess> result) {
                          m_loadingAccess = false;
                          if (!result.Ok()) {
                              if (m_callbacks.accessChanged) {
                                  m_callbacks.accessChanged();
                              }
                              return Failed(ToApiError(result.Error()));
                          }
                          m_access = MakeAccessView(result.Value());
                          if (m_callbacks.accessChanged) {
                              m_callbacks.accessChanged();
                          }
                      });
}

void EffectiveAccessPresenter::Failed(const client::ApiError& error) {
    if (m_callbacks.failed) {
        m_callbacks.failed(error);
    }
}

} // namespace resv::views
