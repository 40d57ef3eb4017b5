#include "storage/FacilityRepository.h"

#include "resv/model/Json.h"

namespace resv::server::storage {
namespace {

constexpr const char* kJurisdictionColumns =
    "j.id, j.name, "
    "(SELECT COUNT(*) FROM facilities f WHERE f.jurisdiction_id = j.id), "
    "(SELECT COUNT(*) FROM terminals t JOIN facilities f ON t.facility_id = f.id "
    " WHERE f.jurisdiction_id = j.id) ";

constexpr const char* kFacilityColumns =
    "f.id, f.jurisdiction_id, f.name, f.address, f.phone, f.notes, "
    "(SELECT COUNT(*) FROM terminals t WHERE t.facility_id = f.id) ";

model::Jurisdiction ReadJurisdiction(const Statement& row) {
    return model::Jurisdiction{row.Text(0), row.Text(1), static_cast<int>(row.Int(2)),
                               static_cast<int>(row.Int(3))};
}

model::Facility ReadFacility(const Statement& row) {
    return model::Facility{row.Text(0),
                           row.Text(1),
                           row.Text(2),
                           row.Text(3),
                           row.Text(4),
                           row.Text(5),
                           static_cast<int>(row.Int(6))};
}

FacilityRecord ReadFacilityRecord(const Statement& row) {
    return FacilityRecord{row.Text(0), row.Text(1), row.Text(2), row.Text(3),
                          row.Text(4), row.Text(5), row.Text(6)};
}

} // namespace

std::vector<model::Jurisdiction> FacilityRepository::ListJurisdictions(const std::string& tenantId,
                                                                       const std::string& afterId,
                                                                       int limit) {
    Statement query = m_connection.Prepare(std::string("SELECT ") + kJurisdictionColumns +
                                           "FROM jurisdictions j WHERE j.tenant_id = ?1 "
                                           "AND j.id > ?2 ORDER BY j.id LIMIT ?3");
    query.BindAll(tenantId, afterId, limit);
    std::vector<model::Jurisdiction> items;
    while (query.Step()) {
        items.push_back(ReadJurisdiction(query));
    }
    return items;
}

std::optional<model::Jurisdiction> FacilityRepository::GetJurisdiction(const std::string& tenantId,
                                                                       const std::string& id) {
    Statement query = m_connection.Prepare(std::string("SELECT ") + kJurisdictionColumns +
                                           "FROM jurisdictions j WHERE j.tenant_id = ?1 "
                                           "AND j.id = ?2");
    query.BindAll(tenantId, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadJurisdiction(query);
}

std::optional<JurisdictionRecord> FacilityRepository::FindJurisdiction(const std::string& tenantId,
                                                                       const std::string& id) {
    Statement query = m_connection.Prepare(
        "SELECT id, tenant_id, name FROM jurisdictions WHERE tenant_id = ?1 AND id = ?2");
    query.BindAll(tenantId, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return JurisdictionRecord{query.Text(0), query.Text(1), query.Text(2)};
}

std::optional<JurisdictionRecord>
FacilityRepository::FindJurisdictionByName(const std::string& tenantId, const std::string& name) {
    Statement query = m_connection.Prepare(
        "SELECT id, tenant_id, name FROM jurisdictions WHERE tenant_id = ?1 AND name = ?2");
    query.BindAll(tenantId, name);
    if (!query.Step()) {
        return std::nullopt;
    }
    return JurisdictionRecord{query.Text(0), query.Text(1), query.Text(2)};
}

void FacilityRepository::InsertJurisdiction(const JurisdictionRecord& r, model::TimePoint now) {
    m_connection
        .Prepare("INSERT INTO jurisdictions(id, tenant_id, name, created_at, updated_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?4)")
        .BindAll(r.id, r.tenantId, r.name, now)
        .Run();
}

void FacilityRepository::UpdateJurisdiction(const JurisdictionRecord& r, model::TimePoint now) {
    m_connection
        .Prepare("UPDATE jurisdictions SET name = ?3, updated_at = ?4 "
                 "WHERE tenant_id = ?1 AND id = ?2")
        .BindAll(r.tenantId, r.id, r.name, now)
        .Run();
}

void FacilityRepository::DeleteJurisdiction(const std::string& tenantId, const std::string& id) {
    m_connection.Prepare("DELETE FROM jurisdictions WHERE tenant_id = ?1 AND id = ?2")
        .BindAll(tenantId, id)
        .Run();
}

int FacilityRepository::CountFacilitiesIn(const std::string& tenantId,
                                          const std::string& jurisdictionId) {
    Statement query = m_connection.Prepare(
        "SELECT COUNT(*) FROM facilities WHERE tenant_id = ?1 AND jurisdiction_id = ?2");
    query.BindAll(tenantId, jurisdictionId);
    query.Step();
    return static_cast<int>(query.Int(0));
}

std::vector<model::Facility> FacilityRepository::ListFacilities(const std::string& tenantId,
                                                                const std::string& afterId,
                                                                int limit) {
    Statement query = m_connection.Prepare(std::string("SELECT ") + kFacilityColumns +
                                           "FROM facilities f WHERE f.tenant_id = ?1 "
                                           "AND f.id > ?2 ORDER BY f.id LIMIT ?3");
    query.BindAll(tenantId, afterId, limit);
    std::vector<model::Facility> items;
    while (query.Step()) {
        items.push_back(ReadFacility(query));
    }
    return items;
}

std::optional<model::Facility> FacilityRepository::GetFacility(const std::string& tenantId,
                                                               const std::string& id) {
    Statement query = m_connection.Prepare(std::string("SELECT ") + kFacilityColumns +
                                           "FROM facilities f WHERE f.tenant_id = ?1 "
                                           "AND f.id = ?2");
    query.BindAll(tenantId, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadFacility(query);
}

std::optional<FacilityRecord> FacilityRepository::FindFacility(const std::string& tenantId,
                                                               const std::string& id) {
    Statement query = m_connection.Prepare(
        "SELECT id, tenant_id, jurisdiction_id, name, address, phone, notes FROM facilities "
        "WHERE tenant_id = ?1 AND id = ?2");
    query.BindAll(tenantId, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadFacilityRecord(query);
}

std::optional<FacilityRecord>
FacilityRepository::FindFacilityByName(const std::string& tenantId,
                                       const std::string& jurisdictionId, const std::string& name) {
    Statement query = m_connection.Prepare(
        "SELECT id, tenant_id, jurisdiction_id, name, address, phone, notes FROM facilities "
        "WHERE tenant_id = ?1 AND jurisdiction_id = ?2 AND name = ?3");
    query.BindAll(tenantId, jurisdictionId, name);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadFacilityRecord(query);
}

void FacilityRepository::InsertFacility(const FacilityRecord& r, model::TimePoint now) {
    m_connection
        .Prepare("INSERT INTO facilities(id, tenant_id, jurisdiction_id, name, address, phone, "
                 "notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)")
        .BindAll(r.id, r.tenantId, r.jurisdictionId, r.name, r.address, r.phone, r.notes, now)
        .Run();
}

void FacilityRepository::UpdateFacility(const FacilityRecord& r, model::TimePoint now) {
    m_connection
        .Prepare("UPDATE facilities SET jurisdiction_id = ?3, name = ?4, address = ?5, "
                 "phone = ?6, notes = ?7, updated_at = ?8 WHERE tenant_id = ?1 AND id = ?2")
        .BindAll(r.tenantId, r.id, r.jurisdictionId, r.name, r.address, r.phone, r.notes, now)
        .Run();
}

void FacilityRepository::DeleteFacility(const std::string& tenantId, const std::string& id) {
    m_connection.Prepare("DELETE FROM facilities WHERE tenant_id = ?1 AND id = ?2")
        .BindAll(tenantId, id)
        .Run();
}

int FacilityRepository::CountTerminalsIn(const std::string& tenantId,
                                         const std::string& facilityId) {
    Statement query = m_connection.Prepare(
        "SELECT COUNT(*) FROM terminals WHERE tenant_id = ?1 AND facility_id = ?2");
    query.BindAll(tenantId, facilityId);
    query.Step();
    return static_cast<int>(query.Int(0));
}

nlohmann::json ToJson(const FacilityRecord& r) {
    return model::Json{{"id", r.id},       {"jurisdiction_id", r.jurisdictionId},
                       {"name", r.name},   {"address", r.address},
                       {"phone", r.phone}, {"notes", r.notes}};
}

nlohmann::json ToJson(const JurisdictionRecord& r) {
    return model::Json{{"id", r.id}, {"name", r.name}};
}

} // namespace resv::server::storage
