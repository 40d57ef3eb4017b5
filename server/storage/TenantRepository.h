#pragma once

#include "storage/Sqlite.h"

#include <optional>
#include <string>

namespace resv::server::storage {

struct TenantRecord {
    std::string id;
    std::string code;
    std::string name;
    std::string dataRegion = "jp";
    std::string contractStatus = "active"; ///< active → ended → purged
    std::optional<model::TimePoint> endedAt;
    model::TimePoint createdAt;
};

/// The code of the provider's own tenant, where operators live.
inline constexpr const char* kProviderTenantCode = "provider";

class TenantRepository {
public:
    explicit TenantRepository(Connection& connection)
        : m_connection(connection) {}

    std::optional<TenantRecord> FindByCode(const std::string& code);
    std::optional<TenantRecord> FindById(const std::string& id);
    /// Throws StorageError (IsConstraint) when the code is taken.
    void Insert(const TenantRecord& tenant);

private:
    Connection& m_connection;
};

} // namespace resv::server::storage
