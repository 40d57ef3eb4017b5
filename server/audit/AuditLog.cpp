#include "audit/AuditLog.h"

#include "resv/model/Json.h"
#include "util/Crypto.h"

namespace resv::server::audit {

std::string ChainHash(const model::AuditEvent& event) {
    // nlohmann::json keeps object keys sorted, so dump() is the canonical form.
    return util::Sha256Hex(event.prevHash + "\n" + model::WithoutHash(event).dump());
}

std::string CategoryOf(const std::string& action) {
    return action.substr(0, action.find('.'));
}

std::int64_t AuditLog::Append(storage::Connection& connection, const AuditEntry& entry,
                              const nlohmann::json& details,
                              std::optional<model::TimePoint> when) const {
    model::AuditEvent event;
    event.sequence = 1;
    event.prevHash = kGenesisHash;
    storage::Statement last =
        connection.Prepare("SELECT sequence, hash FROM audit_events WHERE tenant_id = ?1 "
                           "ORDER BY sequence DESC LIMIT 1");
    last.Bind(1, entry.tenantId);
    if (last.Step()) {
        event.sequence = last.Int(0) + 1;
        event.prevHash = last.Text(1);
    }
    event.at = when.value_or(m_clock->Now());
    event.actor = entry.actor;
    event.sourceIp = entry.sourceIp;
    event.action = entry.action;
    event.target = entry.target;
    event.result = entry.result;
    event.details = details.is_null() ? model::Json::object() : details;
    event.hash = ChainHash(event);
    const Target target = entry.target.value_or(Target{});
    connection
        .Prepare("INSERT INTO audit_events(tenant_id, sequence, at, actor_id, actor_login_id, "
                 "actor_display_name, actor_role, source_ip, action, category, target_type, "
                 "target_id, target_label, result, details_json, prev_hash, hash) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                 "?17)")
        .BindAll(entry.tenantId, event.sequence, event.at, event.actor.id, event.actor.loginId,
                 event.actor.displayName, event.actor.role, event.sourceIp, event.action,
                 CategoryOf(event.action),
                 entry.target ? std::optional<std::string>(target.type) : std::nullopt, target.id,
                 target.label, model::ToString(event.result), event.details.dump(), event.prevHash,
                 event.hash)
        .Run();
    return event.sequence;
}

std::int64_t AuditLog::AppendNow(storage::Connection& connection, const AuditEntry& entry,
                                 const nlohmann::json& details) const {
    storage::Transaction transaction(connection);
    const std::int64_t sequence = Append(connection, entry, details);
    transaction.Commit();
    return sequence;
}

} // namespace resv::server::audit
