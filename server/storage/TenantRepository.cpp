#include "storage/TenantRepository.h"

namespace resv::server::storage {
namespace {

constexpr const char* kTenantColumns =
    "SELECT id, code, name, data_region, contract_status, ended_at, created_at FROM tenants ";

std::optional<TenantRecord> ReadOne(Statement& query) {
    if (!query.Step()) {
        return std::nullopt;
    }
    return TenantRecord{query.Text(0), query.Text(1),         query.Text(2), query.Text(3),
                        query.Text(4), query.OptionalTime(5), query.Time(6)};
}

} // namespace

std::optional<TenantRecord> TenantRepository::FindByCode(const std::string& code) {
    Statement query = m_connection.Prepare(std::string(kTenantColumns) + "WHERE code = ?1");
    query.Bind(1, code);
    return ReadOne(query);
}

std::optional<TenantRecord> TenantRepository::FindById(const std::string& id) {
    Statement query = m_connection.Prepare(std::string(kTenantColumns) + "WHERE id = ?1");
    query.Bind(1, id);
    return ReadOne(query);
}

void TenantRepository::Insert(const TenantRecord& tenant) {
    m_connection
        .Prepare("INSERT INTO tenants(id, code, name, data_region, contract_status, ended_at, "
                 "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .BindAll(tenant.id, tenant.code, tenant.name, tenant.dataRegion, tenant.contractStatus,
                 tenant.endedAt, tenant.createdAt)
        .Run();
}

} // namespace resv::server::storage
