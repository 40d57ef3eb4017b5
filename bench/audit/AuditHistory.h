#pragma once
// The synthetic usage history the audit benches seed: who acts (the tenant's accounts, staff
// long gone, the demo's KIOSK terminals), what they do (a hotel chain's mix of actions, results
// and targets), when (spread over the days asked, busier in JST office hours, increasing), and
// each event chained to the one before with the server's own audit::ChainHash.

#include "resv/model/AuditEvent.h"

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace resv::bench {

struct Named {
    std::string id;
    std::string name;
    std::string ip;             ///< a terminal's
    std::string facilityId;     ///< a terminal's facility, a facility itself
    std::string jurisdictionId; ///< where a terminal's or facility's place is, a jurisdiction
};

/// What the events are about: the tenant's people, terminals, facilities and jurisdictions.
struct AuditWorld {
    std::vector<model::AuditActor> people; ///< people[0] is the common actor, people[1] the rare
    std::vector<double> peopleWeights;
    std::vector<Named> kiosks;
    std::vector<Named> agents;
    std::vector<Named> facilities;
    std::vector<Named> jurisdictions;
};

/// Puts `common` (kCommonActor's account) first, the rare actor second, then `others` and a few
/// hundred front-desk staff who have no account any more, and weighs them: the common actor a
/// third of what people do, the rare one a few dozen events, the rest falling off with rank.
void AddPeople(AuditWorld& world, const model::AuditActor& common,
               const std::vector<model::AuditActor>& others);

/// An event as the INSERT binds it, made on the maker thread so that the writer only binds.
struct SeedRow {
    model::AuditEvent event;
    std::string category;
    std::string detailsJson;
    /// Where a facility's or terminal's event happened (what AuditLog::Append records for
    /// scoped readers, when the schema has these columns).
    std::optional<std::string> placeFacilityId;
    std::optional<std::string> placeJurisdictionId;
};

/// Makes `count` events in order from `firstSequence`, chained from `prevHash`, between `fromMs`
/// and `toMs` (UTC milliseconds). The same world and count give the same events.
class EventMaker {
public:
    EventMaker(AuditWorld world, std::int64_t count, std::int64_t fromMs, std::int64_t toMs,
               std::int64_t firstSequence, std::string prevHash);

    /// The next `rows` events, or fewer at the end.
    std::vector<SeedRow> Next(std::size_t rows);

private:
    double Unit() { return std::uniform_real_distribution<double>(0, 1)(m_random); }
    template <typename T>
    const T& Pick(const std::vector<T>& items) {
        return items[m_random() % items.size()];
    }
    std::int64_t TimeOf(std::int64_t index);
    std::string OfficeIp();
    model::AuditEvent Make();
    void Person(model::AuditEvent& event);
    void Change(model::AuditEvent& event, const std::string& category, const std::string& verb);
    void Place(SeedRow& row) const;

    AuditWorld m_world;
    std::int64_t m_count;
    std::int64_t m_from;
    std::int64_t m_made = 0;
    std::int64_t m_sequence;
    std::string m_prevHash;
    std::mt19937_64 m_random;
    std::discrete_distribution<std::size_t> m_people;
    std::discrete_distribution<std::size_t> m_actions;
    std::vector<double> m_cumulative;
    std::map<std::string, const Named*> m_places; ///< terminals, facilities, jurisdictions by id
};

} // namespace resv::bench
