#pragma once
// One simulated terminal: its own HTTPS connection and device token, the configuration version it
// runs, and (for a KIOSK) the call it is in. Only one thread at a time calls Step().

#include "TokenFile.h"

#include "resv/client/ApiClient.h"
#include "resv/model/Terminal.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace resv::tools {

using SteadyTime = std::chrono::steady_clock::time_point;

/// The agent PCs a KIOSK may call. An agent in a completed call is busy until it ends; any
/// thread may ask.
class AgentPool {
public:
    explicit AgentPool(const std::vector<TerminalEntry>& terminals);

    bool Empty() const { return m_agents.empty(); }
    std::size_t Size() const { return m_agents.size(); }
    /// A random free agent, now busy until `until`; nothing when every agent is busy.
    std::optional<std::size_t> Reserve(std::mt19937& random, SteadyTime until);
    void Release(std::size_t agent);
    const std::string& TerminalId(std::size_t agent) const { return m_agents[agent].id; }
    /// Whether the agent PC with this terminal id is in a call at `now`.
    bool IsBusy(const std::string& terminalId, SteadyTime now) const;

private:
    struct Agent {
        std::string id;
        std::unique_ptr<std::atomic<SteadyTime::rep>> busyUntil;
    };
    std::vector<Agent> m_agents;
};

/// How a KIOSK places calls.
struct CallBehaviour {
    double chancePerHeartbeat = 0.04; ///< of an idle KIOSK starting a call at a heartbeat
    std::chrono::seconds minCompleted{20};
    std::chrono::seconds maxCompleted{180};
};

/// What one step did, for the counters and the messages.
struct StepReport {
    bool heartbeatSent = false;
    std::optional<int> appliedVersion; ///< a configuration fetched and acknowledged
    std::optional<model::CallResult> callReported;
    bool callStarted = false;
    bool callEnded = false;        ///< reported, or dropped after the server refused the report
    bool stopped = false;          ///< the terminal gave up for good (see message)
    bool networkError = false;     ///< the server could not be reached; it tries again later
    bool certificateError = false; ///< the server's certificate is not trusted: nothing will work
    std::string message;           ///< what went wrong, without any secret
};

class SimulatedTerminal {
public:
    SimulatedTerminal(TerminalEntry entry, const client::ClientOptions& options);

    const TerminalEntry& Entry() const { return m_entry; }
    bool IsStopped() const { return m_stopped; }
    bool InCall() const { return m_callEnd.has_value(); }
    int RunningVersion() const { return m_runningVersion; }

    /// Ends a call that is over, perhaps starts one (when `calls` is given), heartbeats, and
    /// fetches and acknowledges a newer configuration. Never throws.
    StepReport Step(SteadyTime now, AgentPool& agents, const CallBehaviour* calls,
                    std::mt19937& random);

    /// When the current call ends, if the terminal is in one.
    std::optional<SteadyTime> CallEnd() const { return m_callEnd; }

    /// Aborts a request in flight; any thread.
    void Cancel() { m_client.Cancel(); }

    enum class Exchange { Heartbeat, Configuration, CallReport };

private:
    void FinishCall(SteadyTime now, AgentPool& agents, StepReport& report);
    void MaybeStartCall(SteadyTime now, AgentPool& agents, const CallBehaviour& calls,
                        std::mt19937& random, StepReport& report);
    model::TerminalState CurrentState(SteadyTime now, const AgentPool& agents) const;
    void ApplyConfig(int desiredVersion, StepReport& report);
    void Fail(const client::ApiError& error, Exchange exchange, StepReport& report);

    TerminalEntry m_entry;
    client::ApiClient m_client;
    int m_runningVersion = 0;
    bool m_stopped = false;
    // The call a KIOSK is in.
    std::optional<SteadyTime> m_callEnd;
    model::TimePoint m_callStartedAt;
    model::CallResult m_callResult = model::CallResult::Completed;
    std::string m_callAgentId;
    std::optional<std::size_t> m_callAgent; ///< the agent this call keeps busy (completed calls)
};

/// The app version simulated terminals report.
inline constexpr const char* kSimAppVersion = "sim-" RESV_VERSION;

} // namespace resv::tools
