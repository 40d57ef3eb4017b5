#pragma once

#include "storage/Sqlite.h"

#include <optional>
#include <string>

namespace resv::server::storage {

struct SessionRecord {
    std::string id;
    std::string tokenHash; ///< SHA-256 hex of the token; the token itself is never stored
    std::string accountId;
    std::string tenantId;                        ///< the account's own tenant
    std::optional<std::string> actingAsTenantId; ///< an operator working in a customer tenant
    model::TimePoint createdAt;
    model::TimePoint lastUsedAt;
    model::TimePoint expiresAt; ///< the absolute end
    std::optional<std::string> sourceIp;
    std::optional<model::TimePoint> revokedAt;
};

class SessionRepository {
public:
    explicit SessionRepository(Connection& connection)
        : m_connection(connection) {}

    void Insert(const SessionRecord& session);
    std::optional<SessionRecord> FindByTokenHash(const std::string& tokenHash);
    void Touch(const std::string& id, model::TimePoint now);
    void Revoke(const std::string& id, model::TimePoint now);

private:
    Connection& m_connection;
};

} // namespace resv::server::storage
