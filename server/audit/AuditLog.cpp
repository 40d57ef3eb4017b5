#include "audit/AuditLog.h"

#include "resv/model/Json.h"
#include "util/Crypto.h"

namespace resv::server::audit {

std::string ChainHash(const model::AuditEvent& event) {
    // nlohmann::json keeps object keys sorted, so dump() is the canonical form.
    return util::Sha256Hex(event.prevHash + "\n" + model::WithoutHash(event).dump());
}

std::optional<std::string> FromChangedObject(const nlohmann::json& details,
                                             std::initializer_list<const char*> keys) {
    for (const char* side : {"after", "before"}) {
        const auto object = details.find(side);
        if (object == details.end() || !object->is_object()) {
            continue;
        }
        for (const char* key : keys) {
            const auto value = object->find(key);
            if (value != object->end() && value->is_string()) {
                return value->get<std::string>();
            }
        }
    }
    return std::nullopt;
}

std::string CategoryOf(const std::string& action) {
    return action.substr(0, action.find('.'));
}

namespace {

struct Place {
    std::optional<std::string> facilityId;
    std::optional<std::string> jurisdictionId;
};

std::optional<std::string> Lookup(storage::Connection& connection, const char* sql,
                                  const std::string& id) {
    storage::Statement query = connection.Prepare(sql);
    query.Bind(1, id);
    return query.Step() ? query.OptionalText(0) : std::nullopt;
}

/// The facility and jurisdiction of the facility or terminal an event is about: from storage
/// while it exists, from the event's own before/after once it was deleted.
Place PlaceOf(storage::Connection& connection, const std::optional<Target>& target,
              const nlohmann::json& details) {
    Place place;
    if (!target || !target->id) {
        return place;
    }
    if (target->type == "terminal") {
        place.facilityId =
            Lookup(connection, "SELECT facility_id FROM terminals WHERE id = ?1", *target->id);
        if (!place.facilityId) {
            place.facilityId = FromChangedObject(details, {"facility_id"});
        }
    } else if (target->type == "facility") {
        place.facilityId = target->id;
    } else if (target->type == "jurisdiction") {
        place.jurisdictionId = target->id;
        return place;
    } else {
        return place;
    }
    if (place.facilityId) {
        place.jurisdictionId = Lookup(
            connection, "SELECT jurisdiction_id FROM facilities WHERE id = ?1", *place.facilityId);
    }
    if (!place.jurisdictionId && target->type == "facility") {
        place.jurisdictionId = FromChangedObject(details, {"jurisdiction_id"});
    }
    return place;
}

} // namespace

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
    const Place place = PlaceOf(connection, entry.target, event.details);
    connection
        .Prepare("INSERT INTO audit_events(tenant_id, sequence, at, actor_id, actor_login_id, "
                 "actor_display_name, actor_role, source_ip, action, category, target_type, "
                 "target_id, target_label, result, details_json, prev_hash, hash, "
                 "place_facility_id, place_jurisdiction_id) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                 "?17, ?18, ?19)")
        .BindAll(entry.tenantId, event.sequence, event.at, event.actor.id, event.actor.loginId,
                 event.actor.displayName, event.actor.role, event.sourceIp, event.action,
                 CategoryOf(event.action),
                 entry.target ? std::optional<std::string>(target.type) : std::nullopt, target.id,
                 target.label, model::ToString(event.result), event.details.dump(), event.prevHash,
                 event.hash, place.facilityId, place.jurisdictionId)
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
