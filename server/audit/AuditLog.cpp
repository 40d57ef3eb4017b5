#include "audit/AuditLog.h"

#include "resv/model/Json.h"
#include "util/Crypto.h"

namespace resv::server::audit {
namespace {

nlohmann::json ActorJson(const Actor& actor) {
    return nlohmann::json{{"id", actor.id},
                          {"login_id", actor.loginId},
                          {"display_name", actor.displayName},
                          {"role", actor.role}};
}

} // namespace

nlohmann::json EventWithoutHash(std::int64_t sequence, model::TimePoint at, const Actor& actor,
                                const AuditEntry& entry, const nlohmann::json& details,
                                const std::string& prevHash) {
    return nlohmann::json{{"sequence", sequence},
                          {"at", model::FormatRfc3339Utc(at)},
                          {"actor", ActorJson(actor)},
                          {"source_ip", entry.sourceIp},
                          {"action", entry.action},
                          {"target", entry.target},
                          {"result", entry.result},
                          {"details", details.is_null() ? nlohmann::json::object() : details},
                          {"prev_hash", prevHash}};
}

std::string ChainHash(const std::string& prevHash, const nlohmann::json& eventWithoutHash) {
    // nlohmann::json keeps object keys sorted, so dump() is the canonical form.
    return util::Sha256Hex(prevHash + "\n" + eventWithoutHash.dump());
}

std::int64_t AuditLog::Append(storage::Connection& connection, const AuditEntry& entry,
                              const nlohmann::json& details,
                              std::optional<model::TimePoint> when) const {
    std::int64_t sequence = 1;
    std::string prevHash = kGenesisHash;
    storage::Statement last =
        connection.Prepare("SELECT sequence, hash FROM audit_events WHERE tenant_id = ?1 "
                           "ORDER BY sequence DESC LIMIT 1");
    last.Bind(1, entry.tenantId);
    if (last.Step()) {
        sequence = last.Int(0) + 1;
        prevHash = last.Text(1);
    }
    const model::TimePoint at = when.value_or(m_clock->Now());
    const nlohmann::json event =
        EventWithoutHash(sequence, at, entry.actor, entry, details, prevHash);
    const std::string hash = ChainHash(prevHash, event);
    connection
        .Prepare("INSERT INTO audit_events(tenant_id, sequence, at, actor_json, source_ip, action, "
                 "target, result, details_json, prev_hash, hash) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .BindAll(entry.tenantId, sequence, at, event.at("actor").dump(), entry.sourceIp,
                 entry.action, entry.target, entry.result, event.at("details").dump(), prevHash,
                 hash)
        .Run();
    return sequence;
}

} // namespace resv::server::audit
