#include "terminals/DeviceService.h"

#include "auth/Tokens.h"
#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "storage/TerminalRepository.h"

namespace resv::server::terminals {
namespace {

namespace ec = model::error_code;
using storage::TerminalRepository;

[[noreturn]] void ThrowUnauthenticated() {
    throw http::HttpError(401, ec::kUnauthenticated, "A valid device token is required.");
}

audit::Actor ActorOf(const storage::TerminalRecord& terminal) {
    return audit::Actor{terminal.id, std::nullopt, terminal.name, std::nullopt};
}

storage::TerminalRecord RequireSelf(TerminalRepository& repo,
                                    const storage::DeviceIdentity& device) {
    auto self = repo.Find(device.tenantId, device.terminalId);
    if (!self) {
        ThrowUnauthenticated(); // deleted while its token was in use
    }
    return std::move(*self);
}

} // namespace

storage::DeviceIdentity DeviceService::Authenticate(const std::string& authorization) {
    constexpr std::string_view kScheme = "bearer ";
    if (authorization.size() <= kScheme.size() ||
        http::ToLowerAscii(authorization.substr(0, kScheme.size())) != kScheme) {
        ThrowUnauthenticated();
    }
    std::string token = authorization.substr(kScheme.size());
    token.erase(0, token.find_first_not_of(' '));
    if (token.empty()) {
        ThrowUnauthenticated();
    }
    auto identity = m_registry.Identify(m_context.database, auth::HashToken(token));
    if (!identity) {
        ThrowUnauthenticated();
    }
    return *identity;
}

model::HeartbeatReply DeviceService::Heartbeat(const storage::DeviceIdentity& device,
                                               const model::Heartbeat& heartbeat) {
    m_registry.RecordPresence(device.terminalId, {m_context.clock->Now(), heartbeat.appVersion,
                                                  heartbeat.ipAddress, heartbeat.state});
    return {device.desiredConfigVersion};
}

model::TerminalConfig DeviceService::Config(const storage::DeviceIdentity& device) {
    auto db = m_context.database.Acquire();
    TerminalRepository repo(*db);
    const auto self = RequireSelf(repo, device);
    const auto version = repo.FindConfigVersion(self.id, self.desiredConfigVersion);
    model::TerminalSettings settings = version ? version->settings : model::TerminalSettings{};
    return {self.desiredConfigVersion,
            model::EffectiveSettings(std::move(settings), m_context.clock->Now())};
}

void DeviceService::Acknowledge(const storage::DeviceIdentity& device, const model::ConfigAck& ack,
                                const std::string& sourceIp) {
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    TerminalRepository repo(*db);
    const auto self = RequireSelf(repo, device);
    if (ack.version > self.desiredConfigVersion) {
        facilities::ThrowInvalidField("version", "version is newer than any this terminal has");
    }
    const bool applied = ack.result == model::ApplyResult::Applied;
    if (applied) {
        repo.RecordApplied(self.id, ack.version);
    } else {
        repo.RecordFailed(self.id, ack.version, ack.reason.value_or("no reason given"));
    }
    model::Json details{{"version", ack.version}};
    if (ack.reason) {
        details["reason"] = *ack.reason;
    }
    m_context.audit.Append(*db,
                           {device.tenantId, ActorOf(self), sourceIp,
                            applied ? "terminal.config.applied" : "terminal.config.failed",
                            audit::Target{"terminal", self.id, self.name},
                            applied ? audit::AuditResult::Success : audit::AuditResult::Failed},
                           details);
    transaction.Commit();
}

void DeviceService::RecordCall(const storage::DeviceIdentity& device, const model::CallReport& call,
                               const std::string& sourceIp) {
    if (device.kind != model::TerminalKind::Kiosk) {
        facilities::ThrowInvalidField("kind", "only a KIOSK terminal reports calls");
    }
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    TerminalRepository repo(*db);
    const auto kiosk = RequireSelf(repo, device);
    const auto agent = repo.Find(device.tenantId, call.agentTerminalId);
    if (!agent || agent->kind != model::TerminalKind::AgentPc) {
        facilities::ThrowInvalidField("agent_terminal_id",
                                      "agent_terminal_id names no agent PC of this tenant");
    }
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(call.endedAt - call.startedAt).count();
    const model::Json details{
        {"kiosk", {{"id", kiosk.id}, {"name", kiosk.name}, {"facility_id", kiosk.facilityId}}},
        {"agent", {{"id", agent->id}, {"name", agent->name}, {"facility_id", agent->facilityId}}},
        {"started_at", model::FormatRfc3339Utc(call.startedAt)},
        {"ended_at", model::FormatRfc3339Utc(call.endedAt)},
        {"duration_seconds", seconds},
        {"call_result", std::string(model::ToString(call.result))}};
    m_context.audit.Append(
        *db,
        {device.tenantId, ActorOf(kiosk), sourceIp, "terminal.call",
         audit::Target{"terminal", kiosk.id, kiosk.name}, audit::AuditResult::Success},
        details);
    transaction.Commit();
}

void DeviceService::Flush() {
    m_registry.Flush(m_context.database);
}

} // namespace resv::server::terminals
