#include "resv/model/AuditEvent.h"

#include "resv/model/Json.h"

namespace resv::model {
namespace {

Json ActorJson(const AuditActor& actor) {
    return Json{{"id", actor.id},
                {"login_id", actor.loginId},
                {"display_name", actor.displayName},
                {"role", actor.role}};
}

AuditActor ParseActor(const Json& j) {
    RequireObject(j, "actor");
    AuditActor actor;
    actor.id = Optional<std::string>(j, "id");
    actor.loginId = Optional<std::string>(j, "login_id");
    actor.displayName = Optional<std::string>(j, "display_name");
    actor.role = Optional<std::string>(j, "role");
    return actor;
}

Json TargetJson(const std::optional<AuditTarget>& target) {
    if (!target) {
        return nullptr;
    }
    return Json{{"type", target->type}, {"id", target->id}, {"label", target->label}};
}

std::optional<AuditTarget> ParseTarget(const Json& j) {
    if (j.is_null()) {
        return std::nullopt;
    }
    AuditTarget target;
    target.type = Required<std::string>(j, "type");
    target.id = Optional<std::string>(j, "id");
    target.label = Optional<std::string>(j, "label");
    return target;
}

} // namespace

const char* ToString(AuditResult result) {
    switch (result) {
    case AuditResult::Denied:
        return "denied";
    case AuditResult::Failed:
        return "failed";
    case AuditResult::Success:
        break;
    }
    return "success";
}

std::optional<AuditResult> ParseAuditResult(std::string_view text) {
    for (const AuditResult result :
         {AuditResult::Success, AuditResult::Denied, AuditResult::Failed}) {
        if (text == ToString(result)) {
            return result;
        }
    }
    return std::nullopt;
}

Json WithoutHash(const AuditEvent& event) {
    return Json{{"sequence", event.sequence},
                {"at", FormatRfc3339Utc(event.at)},
                {"actor", ActorJson(event.actor)},
                {"source_ip", event.sourceIp},
                {"action", event.action},
                {"target", TargetJson(event.target)},
                {"result", ToString(event.result)},
                {"details", event.details.is_null() ? Json::object() : event.details},
                {"prev_hash", event.prevHash}};
}

void to_json(nlohmann::json& j, const AuditEvent& event) {
    j = WithoutHash(event);
    j["hash"] = event.hash;
}

void from_json(const nlohmann::json& j, AuditEvent& event) {
    RequireObject(j);
    AuditEvent parsed;
    parsed.sequence = Required<std::int64_t>(j, "sequence");
    parsed.at = RequiredTime(j, "at");
    parsed.actor = ParseActor(j.at("actor"));
    parsed.sourceIp = Optional<std::string>(j, "source_ip");
    parsed.action = Required<std::string>(j, "action");
    const auto target = j.find("target");
    if (target != j.end()) {
        try {
            parsed.target = ParseTarget(*target);
        } catch (const ValidationError& e) {
            throw e.Prefixed("target");
        }
    }
    const auto result = ParseAuditResult(Required<std::string>(j, "result"));
    if (!result) {
        throw ValidationError("result", "invalid_value", "result is not a known result");
    }
    parsed.result = *result;
    const auto details = j.find("details");
    parsed.details = details == j.end() || details->is_null() ? Json::object() : *details;
    parsed.prevHash = Required<std::string>(j, "prev_hash");
    parsed.hash = Required<std::string>(j, "hash");
    event = std::move(parsed);
}

void to_json(nlohmann::json& j, const AuditCount& count) {
    j = Json{{"count", count.count}, {"latest_sequence", count.latestSequence}};
}

void from_json(const nlohmann::json& j, AuditCount& count) {
    count.count = Required<std::int64_t>(j, "count");
    count.latestSequence = Required<std::int64_t>(j, "latest_sequence");
}

void to_json(nlohmann::json& j, const AuditVerification& verification) {
    j = Json{{"ok", verification.ok},
             {"checked", verification.checked},
             {"first_bad_sequence", verification.firstBadSequence},
             {"first_bad_reason", verification.firstBadReason},
             {"checkpoint", nullptr}};
    if (verification.checkpoint) {
        j["checkpoint"] = Json{{"sequence", verification.checkpoint->sequence},
                               {"at", FormatRfc3339Utc(verification.checkpoint->at)},
                               {"valid", verification.checkpoint->valid}};
    }
}

void from_json(const nlohmann::json& j, AuditVerification& verification) {
    AuditVerification parsed;
    parsed.ok = Required<bool>(j, "ok");
    parsed.checked = Required<std::int64_t>(j, "checked");
    parsed.firstBadSequence = Optional<std::int64_t>(j, "first_bad_sequence");
    parsed.firstBadReason = Optional<std::string>(j, "first_bad_reason");
    const auto checkpoint = j.find("checkpoint");
    if (checkpoint != j.end() && !checkpoint->is_null()) {
        AuditCheckpointStatus status;
        status.sequence = Required<std::int64_t>(*checkpoint, "sequence");
        status.at = RequiredTime(*checkpoint, "at");
        status.valid = Required<bool>(*checkpoint, "valid");
        parsed.checkpoint = status;
    }
    verification = std::move(parsed);
}

} // namespace resv::model
