#include "storage/SessionRepository.h"

namespace resv::server::storage {

void SessionRepository::Insert(const SessionRecord& s) {
    m_connection
        .Prepare("INSERT INTO sessions(id, token_hash, account_id, tenant_id, acting_as_tenant_id, "
                 "created_at, last_used_at, expires_at, source_ip, revoked_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        .BindAll(s.id, s.tokenHash, s.accountId, s.tenantId, s.actingAsTenantId, s.createdAt,
                 s.lastUsedAt, s.expiresAt, s.sourceIp, s.revokedAt)
        .Run();
}

std::optional<SessionRecord> SessionRepository::FindByTokenHash(const std::string& tokenHash) {
    Statement query = m_connection.Prepare(
        "SELECT id, token_hash, account_id, tenant_id, acting_as_tenant_id, created_at, "
        "last_used_at, expires_at, source_ip, revoked_at FROM sessions WHERE token_hash = ?1");
    query.Bind(1, tokenHash);
    if (!query.Step()) {
        return std::nullopt;
    }
    return SessionRecord{query.Text(0),         query.Text(1),        query.Text(2), query.Text(3),
                         query.OptionalText(4), query.Time(5),        query.Time(6), query.Time(7),
                         query.OptionalText(8), query.OptionalTime(9)};
}

void SessionRepository::Touch(const std::string& id, model::TimePoint now) {
    m_connection.Prepare("UPDATE sessions SET last_used_at = ?2 WHERE id = ?1")
        .BindAll(id, now)
        .Run();
}

void SessionRepository::Revoke(const std::string& id, model::TimePoint now) {
    m_connection.Prepare("UPDATE sessions SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")
        .BindAll(id, now)
        .Run();
}

} // namespace resv::server::storage
