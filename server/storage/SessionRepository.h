#pragma once

#include "storage/Sqlite.h"

#include <optional>
#include <string>
#include <vector>

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

    /// The account's sessions still usable at `now`: not revoked, before their absolute end,
    /// and used after `idleCutoff` (now − idle timeout). Newest first.
    std::vector<SessionRecord> ListActive(const std::string& accountId, model::TimePoint now,
                                          model::TimePoint idleCutoff);
    std::optional<SessionRecord> FindById(const std::string& id);
    /// Revokes every open session of the account but `keep`; returns how many it revoked.
    int RevokeAllOf(const std::string& accountId, model::TimePoint now,
                    const std::optional<std::string>& keep = std::nullopt);

private:
    static SessionRecord ReadRow(const Statement& query);

    Connection& m_connection;
};

} // namespace resv::server::storage
