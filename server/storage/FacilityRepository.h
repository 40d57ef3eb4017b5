#pragma once
// 管轄 and 施設: every query takes the tenant, so another tenant's id finds nothing.

#include "resv/model/Facility.h"
#include "storage/Sqlite.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace resv::server::storage {

struct JurisdictionRecord {
    std::string id;
    std::string tenantId;
    std::string name;
};

struct FacilityRecord {
    std::string id;
    std::string tenantId;
    std::string jurisdictionId;
    std::string name;
    std::string address;
    std::string phone;
    std::string notes;
};

class FacilityRepository {
public:
    explicit FacilityRepository(Connection& connection)
        : m_connection(connection) {}

    /// Ordered by id, after `afterId` (keyset paging), at most `limit`; with counts.
    std::vector<model::Jurisdiction> ListJurisdictions(const std::string& tenantId,
                                                       const std::string& afterId, int limit);
    std::optional<model::Jurisdiction> GetJurisdiction(const std::string& tenantId,
                                                       const std::string& id);
    std::optional<JurisdictionRecord> FindJurisdiction(const std::string& tenantId,
                                                       const std::string& id);
    std::optional<JurisdictionRecord> FindJurisdictionByName(const std::string& tenantId,
                                                             const std::string& name);
    /// Throw StorageError (IsConstraint) for a name taken in the tenant.
    void InsertJurisdiction(const JurisdictionRecord& record, model::TimePoint now);
    void UpdateJurisdiction(const JurisdictionRecord& record, model::TimePoint now);
    void DeleteJurisdiction(const std::string& tenantId, const std::string& id);
    int CountFacilitiesIn(const std::string& tenantId, const std::string& jurisdictionId);

    std::vector<model::Facility> ListFacilities(const std::string& tenantId,
                                                const std::string& afterId, int limit);
    std::optional<model::Facility> GetFacility(const std::string& tenantId, const std::string& id);
    std::optional<FacilityRecord> FindFacility(const std::string& tenantId, const std::string& id);
    std::optional<FacilityRecord> FindFacilityByName(const std::string& tenantId,
                                                     const std::string& jurisdictionId,
                                                     const std::string& name);
    /// Throw StorageError (IsConstraint) for a name taken in the jurisdiction.
    void InsertFacility(const FacilityRecord& record, model::TimePoint now);
    void UpdateFacility(const FacilityRecord& record, model::TimePoint now);
    void DeleteFacility(const std::string& tenantId, const std::string& id);
    int CountTerminalsIn(const std::string& tenantId, const std::string& facilityId);

private:
    Connection& m_connection;
};

nlohmann::json ToJson(const FacilityRecord& record);
nlohmann::json ToJson(const JurisdictionRecord& record);

} // namespace resv::server::storage
