#pragma once
// What a session reaches (its scope, issue 4): with a scope of "all", and for an operator acting
// in a tenant, everything; otherwise the facilities its scope names, every facility of the
// jurisdictions its scope names, and the terminals of those facilities. Anything else answers
// 404 and is left out of lists.
//
// Jurisdictions: one the scope names is reached like a facility (read, change, delete, bulk
// configuration). The parent of a reached facility is only *shown*: it is listed and can be read
// (the console's tree hangs facilities under it), with counts of what the session reaches in it,
// but changing, deleting or configuring it as a whole answers 404.

#include "auth/Permissions.h"
#include "resv/model/Facility.h"
#include "storage/RoleRepository.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace resv::server::roles {

class Reach {
public:
    /// One query for a limited scope, none otherwise. The scope is the one the session's
    /// account was loaded with at authentication.
    static Reach Of(storage::Connection& connection, const auth::Caller& caller);

    bool All() const { return m_all; }
    bool ReachesFacility(const std::string& facilityId) const;
    /// The scope names it: it may be changed, deleted and configured as a whole.
    bool NamesJurisdiction(const std::string& jurisdictionId) const;
    bool NamesFacility(const std::string& facilityId) const;
    /// Named, or the parent of a reached facility: listed and readable.
    bool ShowsJurisdiction(const std::string& jurisdictionId) const;

    /// Sorted ids (a limited scope only).
    std::vector<std::string> ShownJurisdictions() const;
    std::vector<std::string> ReachedFacilities() const;
    std::vector<std::string> NamedJurisdictions() const {
        return {m_namedJurisdictions.begin(), m_namedJurisdictions.end()};
    }

    /// Counts as the session sees them: only the facilities and terminals it reaches.
    void Restrict(model::Jurisdiction& jurisdiction) const;

private:
    bool m_all = true;
    std::set<std::string> m_namedJurisdictions;
    std::set<std::string> m_namedFacilities;
    std::set<std::string> m_shownJurisdictions;
    std::map<std::string, storage::ReachedFacilityRecord> m_facilities;
};

/// Throws 404 not_found ("There is no such facility.") unless `reach` reaches it.
void RequireReachedFacility(const Reach& reach, const std::string& facilityId);

} // namespace resv::server::roles
