#include "SimulatedTerminal.h"

#include "resv/model/TerminalConfig.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace resv::tools {
namespace {

using model::CallResult;
using Kind = client::ApiError::Kind;

constexpr const char* kHeartbeatPath = "/api/v1/terminal/heartbeat";
constexpr const char* kConfigPath = "/api/v1/terminal/config";
constexpr const char* kConfigAckPath = "/api/v1/terminal/config/ack";
constexpr const char* kCallsPath = "/api/v1/terminal/calls";

// Of the calls a KIOSK starts, in percent: the rest complete.
constexpr int kAbandonedPercent = 13;
constexpr int kFailedPercent = 7;

std::chrono::seconds RandomSeconds(std::mt19937& random, std::chrono::seconds min,
                                   std::chrono::seconds max) {
    std::uniform_int_distribution<long long> pick(min.count(), max.count());
    return std::chrono::seconds(pick(random));
}

const char* ExchangeName(SimulatedTerminal::Exchange exchange) {
    switch (exchange) {
    case SimulatedTerminal::Exchange::Heartbeat:
        return "heartbeat";
    case SimulatedTerminal::Exchange::Configuration:
        return "configuration fetch or acknowledgement";
    case SimulatedTerminal::Exchange::CallReport:
        return "call report";
    }
    return "request";
}

std::string HttpSummary(const client::ApiError& error) {
    const auto& problem = error.Problem();
    std::string text = fmt::format("{} {}", problem.status, problem.code);
    if (!problem.detail.empty()) {
        text += ": " + problem.detail;
    } else if (!problem.title.empty()) {
        text += ": " + problem.title;
    }
    return text;
}

} // namespace

AgentPool::AgentPool(const std::vector<TerminalEntry>& terminals) {
    for (const auto& terminal : terminals) {
        if (terminal.kind == model::TerminalKind::AgentPc) {
            m_agents.push_back({terminal.id, std::make_unique<std::atomic<SteadyTime::rep>>(
                                                 SteadyTime::min().time_since_epoch().count())});
        }
    }
}

std::optional<std::size_t> AgentPool::Reserve(std::mt19937& random, SteadyTime until) {
    if (m_agents.empty()) {
        return std::nullopt;
    }
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    const std::size_t first =
        std::uniform_int_distribution<std::size_t>(0, m_agents.size() - 1)(random);
    for (std::size_t i = 0; i < m_agents.size(); ++i) {
        auto& agent = m_agents[(first + i) % m_agents.size()];
        auto busyUntil = agent.busyUntil->load();
        // Another KIOSK may take the same agent at the same moment: only one exchange wins.
        if (busyUntil <= now &&
            agent.busyUntil->compare_exchange_strong(busyUntil, until.time_since_epoch().count())) {
            return (first + i) % m_agents.size();
        }
    }
    return std::nullopt;
}

void AgentPool::Release(std::size_t agent) {
    m_agents[agent].busyUntil->store(SteadyTime::min().time_since_epoch().count());
}

bool AgentPool::IsBusy(const std::string& terminalId, SteadyTime now) const {
    for (const auto& agent : m_agents) {
        if (agent.id == terminalId) {
            return agent.busyUntil->load() > now.time_since_epoch().count();
        }
    }
    return false;
}

SimulatedTerminal::SimulatedTerminal(TerminalEntry entry, const client::ClientOptions& options)
    : m_entry(std::move(entry))
    , m_client(options) {
    m_client.SetToken(m_entry.deviceToken);
}

StepReport SimulatedTerminal::Step(SteadyTime now, AgentPool& agents, const CallBehaviour* calls,
                                   std::mt19937& random) {
    StepReport report;
    if (m_stopped) {
        return report;
    }
    if (m_callEnd && now >= *m_callEnd) {
        FinishCall(now, agents, report);
        if (m_stopped) {
            return report;
        }
    } else if (calls && !m_callEnd && m_entry.kind == model::TerminalKind::Kiosk) {
        MaybeStartCall(now, agents, *calls, random, report);
    }

    model::HeartbeatReply reply;
    try {
        const model::Heartbeat heartbeat{kSimAppVersion, m_entry.ipAddress,
                                         CurrentState(now, agents)};
        reply = m_client.Send("POST", kHeartbeatPath, nlohmann::json(heartbeat))
                    .get<model::HeartbeatReply>();
        report.heartbeatSent = true;
    } catch (const client::ApiError& error) {
        Fail(error, Exchange::Heartbeat, report);
        return report;
    } catch (const std::exception& error) {
        report.message = fmt::format("terminal {}: the heartbeat answer was not understood: {}",
                                     m_entry.id, error.what());
        return report;
    }
    if (reply.desiredConfigVersion > m_runningVersion) {
        ApplyConfig(reply.desiredConfigVersion, report);
    }
    return report;
}

model::TerminalState SimulatedTerminal::CurrentState(SteadyTime now,
                                                     const AgentPool& agents) const {
    if (m_entry.kind == model::TerminalKind::Kiosk) {
        return m_callEnd ? model::TerminalState::InCall : model::TerminalState::Idle;
    }
    return agents.IsBusy(m_entry.id, now) ? model::TerminalState::InCall
                                          : model::TerminalState::Idle;
}

void SimulatedTerminal::MaybeStartCall(SteadyTime now, AgentPool& agents,
                                       const CallBehaviour& calls, std::mt19937& random,
                                       StepReport& report) {
    if (agents.Empty() ||
        std::uniform_real_distribution<double>(0, 1)(random) >= calls.chancePerHeartbeat) {
        return;
    }
    const int roll = std::uniform_int_distribution<int>(0, 99)(random);
    std::chrono::seconds length{};
    if (roll < kFailedPercent) {
        m_callResult = CallResult::Failed;
        length = RandomSeconds(random, std::chrono::seconds(1), std::chrono::seconds(5));
    } else if (roll < kFailedPercent + kAbandonedPercent) {
        m_callResult = CallResult::Abandoned;
        length = RandomSeconds(random, std::chrono::seconds(5), std::chrono::seconds(30));
    } else {
        m_callResult = CallResult::Completed;
        length = RandomSeconds(random, calls.minCompleted, calls.maxCompleted);
    }
    const auto agent = agents.Reserve(random, now + length);
    if (!agent) {
        // Every agent is busy: the guest gives up waiting for one of them.
        m_callResult = CallResult::Abandoned;
        length = RandomSeconds(random, std::chrono::seconds(5), std::chrono::seconds(30));
        m_callAgentId = agents.TerminalId(
            std::uniform_int_distribution<std::size_t>(0, agents.Size() - 1)(random));
    } else {
        m_callAgentId = agents.TerminalId(*agent);
        if (m_callResult == CallResult::Completed) {
            m_callAgent = agent;
        } else {
            // Nobody answered, or the connection failed: the agent never became busy.
            agents.Release(*agent);
        }
    }
    m_callStartedAt = model::Now();
    m_callEnd = now + length;
    report.callStarted = true;
}

void SimulatedTerminal::FinishCall(SteadyTime now, AgentPool& agents, StepReport& report) {
    model::CallReport call;
    call.agentTerminalId = m_callAgentId;
    call.startedAt = m_callStartedAt;
    call.endedAt = std::max(model::Now(), m_callStartedAt);
    call.result = m_callResult;
    try {
        m_client.Send("POST", kCallsPath, nlohmann::json(call));
        report.callReported = m_callResult;
    } catch (const client::ApiError& error) {
        Fail(error, Exchange::CallReport, report);
        if (error.GetKind() == Kind::Network || error.GetKind() == Kind::Tls) {
            return; // reported again at the next step
        }
    }
    if (m_callAgent) {
        agents.Release(*m_callAgent);
        m_callAgent.reset();
    }
    m_callEnd.reset();
    report.callEnded = true;
}

void SimulatedTerminal::ApplyConfig(int desiredVersion, StepReport& report) {
    model::TerminalConfig config;
    model::ConfigAck ack;
    try {
        const auto answer = m_client.Send("GET", kConfigPath);
        try {
            config = answer.get<model::TerminalConfig>();
            ack.version = config.version;
        } catch (const model::ValidationError& error) {
            // A terminal that cannot run what it was sent says so, and keeps what it runs.
            ack.version = answer.value("version", desiredVersion);
            ack.result = model::ApplyResult::Failed;
            ack.reason = fmt::format("the settings were not valid: {}", error.what());
        }
        m_client.Send("POST", kConfigAckPath, nlohmann::json(ack));
    } catch (const client::ApiError& error) {
        Fail(error, Exchange::Configuration, report);
        return;
    } catch (const std::exception& error) {
        report.message = fmt::format("terminal {}: the configuration was not understood: {}",
                                     m_entry.id, error.what());
        return;
    }
    if (ack.result == model::ApplyResult::Applied) {
        m_runningVersion = ack.version;
        report.appliedVersion = ack.version;
    } else {
        // Not asked again for this version: the server knows it failed.
        m_runningVersion = ack.version;
        report.message = fmt::format("terminal {}: configuration {} could not be applied: {}",
                                     m_entry.id, ack.version, *ack.reason);
    }
}

void SimulatedTerminal::Fail(const client::ApiError& error, Exchange exchange, StepReport& report) {
    const char* what = ExchangeName(exchange);
    switch (error.GetKind()) {
    case Kind::Http:
        if (error.Status() == 401) {
            m_stopped = true;
            report.stopped = true;
            report.message = fmt::format(
                "terminal {} (tokens file line {}): the server no longer accepts its device token "
                "({}) — it was revoked, rotated or the terminal deleted; this terminal stops",
                m_entry.id, m_entry.line, HttpSummary(error));
        } else if (error.Status() == 403 ||
                   (error.Status() == 404 && exchange == Exchange::Heartbeat)) {
            m_stopped = true;
            report.stopped = true;
            report.message =
                fmt::format("terminal {}: the server refused its {} ({}); this terminal stops",
                            m_entry.id, what, HttpSummary(error));
        } else {
            report.message = fmt::format("terminal {}: the server refused its {} ({})", m_entry.id,
                                         what, HttpSummary(error));
        }
        return;
    case Kind::Certificate:
        m_stopped = true;
        report.stopped = true;
        report.certificateError = true;
        report.message = fmt::format("the server's certificate is not trusted with the given "
                                     "--ca-file: {}",
                                     error.Detail());
        return;
    case Kind::Network:
    case Kind::Tls:
        report.networkError = true;
        report.message = fmt::format("cannot reach the server: {}", error.Detail());
        return;
    case Kind::Parse:
        report.message = fmt::format("terminal {}: the server's answer to its {} was not "
                                     "understood: {}",
                                     m_entry.id, what, error.Detail());
        return;
    case Kind::Cancelled:
        return;
    }
}

} // namespace resv::tools
