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

namespace {

constexpr const char* kSessionColumns =
    "SELECT id, token_hash, account_id, tenant_id, acting_as_tenant_id, created_at, "
    "last_used_at, expires_at, source_ip, revoked_at FROM sessions ";

} // namespace

SessionRecord SessionRepository::ReadRow(const Statement& query) {
    return SessionRecord{query.Text(0),         query.Text(1),        query.Text(2), query.Text(3),
                         query.OptionalText(4), query.Time(5),        query.Time(6), query.Time(7),
                         query.OptionalText(8), query.OptionalTime(9)};
}

std::optional<SessionRecord> SessionRepository::FindByTokenHash(const std::string& tokenHash) {
    Statement query = m_connection.Prepare(std::string(kSessionColumns) + "WHERE token_hash = ?1");
    query.Bind(1, tokenHash);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadRow(query);
}

std::optional<SessionRecord> SessionRepository::FindById(const std::string& id) {
    Statement query = m_connection.Prepare(std::string(kSessionColumns) + "WHERE id = ?1");
    query.Bind(1, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadRow(query);
}

std::vector<SessionRecord> SessionRepository::ListActive(const std::string& accountId,
                                                         model::TimePoint now,
                                                         model::TimePoint idleCutoff) {
    Statement query = m_connection.Prepare(
        std::string(kSessionColumns) +
        "WHERE account_id = ?1 AND revoked_at IS NULL AND expires_at > ?2 AND last_used_at > ?3 "
        "ORDER BY created_at DESC, id");
    query.BindAll(accountId, now, idleCutoff);
    std::vector<SessionRecord> sessions;
    while (query.Step()) {
        sessions.push_back(ReadRow(query));
    }
    return sessions;
}

int SessionRepository::RevokeAllOf(const std::string& accountId, model::TimePoint now,
                                   const std::optional<std::string>& keep) {
    m_connection
        .Prepare("UPDATE sessions SET revoked_at = ?2 WHERE account_id = ?1 AND revoked_at IS NULL "
                 "AND id IS NOT ?3")
        .BindAll(accountId, now, keep)
        .Run();
    return m_connection.Changes();
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
