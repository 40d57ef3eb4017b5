#include "roles/Reach.h"

#include "facilities/ServiceSupport.h"

namespace resv::server::roles {

Reach Reach::Of(storage::Connection& connection, const auth::Caller& caller) {
    Reach reach;
    const auth::Principal& principal = caller.principal;
    if (principal.actingAs || principal.account.scope.all) {
        return reach;
    }
    reach.m_all = false;
    const model::Scope& scope = principal.account.scope;
    reach.m_namedJurisdictions = {scope.jurisdictions.begin(), scope.jurisdictions.end()};
    reach.m_namedFacilities = {scope.facilities.begin(), scope.facilities.end()};
    reach.m_shownJurisdictions = reach.m_namedJurisdictions;
    for (auto& record : storage::ScopeRepository(connection)
                            .ReachedFacilities(caller.TenantId(), principal.account.id, false)) {
        reach.m_shownJurisdictions.insert(record.facility.jurisdictionId);
        const std::string id = record.facility.id;
        reach.m_facilities.emplace(id, std::move(record));
    }
    return reach;
}

bool Reach::ReachesFacility(const std::string& facilityId) const {
    return m_all || m_facilities.count(facilityId) > 0;
}

bool Reach::NamesJurisdiction(const std::string& jurisdictionId) const {
    return m_all || m_namedJurisdictions.count(jurisdictionId) > 0;
}

bool Reach::NamesFacility(const std::string& facilityId) const {
    return m_all || m_namedFacilities.count(facilityId) > 0;
}

bool Reach::ShowsJurisdiction(const std::string& jurisdictionId) const {
    return m_all || m_shownJurisdictions.count(jurisdictionId) > 0;
}

std::vector<std::string> Reach::ShownJurisdictions() const {
    return {m_shownJurisdictions.begin(), m_shownJurisdictions.end()};
}

std::vector<std::string> Reach::ReachedFacilities() const {
    std::vector<std::string> ids;
    for (const auto& [id, record] : m_facilities) {
        ids.push_back(id);
    }
    return ids;
}

void Reach::Restrict(model::Jurisdiction& jurisdiction) const {
    if (m_all) {
        return;
    }
    jurisdiction.facilityCount = 0;
    jurisdiction.terminalCount = 0;
    for (const auto& [id, record] : m_facilities) {
        if (record.facility.jurisdictionId == jurisdiction.id) {
            ++jurisdiction.facilityCount;
            jurisdiction.terminalCount += record.terminalCount;
        }
    }
}

void RequireReachedFacility(const Reach& reach, const std::string& facilityId) {
    if (!reach.ReachesFacility(facilityId)) {
        facilities::ThrowNotFound("facility");
    }
}

} // namespace resv::server::roles
