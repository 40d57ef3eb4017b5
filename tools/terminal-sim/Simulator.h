#pragma once
// Runs many simulated terminals on a few worker threads: a schedule of who heartbeats next, each
// terminal on its own connection, counters for the status line.

#include "SimulatedTerminal.h"
#include "TokenFile.h"

#include "resv/client/ClientOptions.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <thread>
#include <vector>

namespace resv::tools {

struct SimulatorConfig {
    client::ClientOptions client;
    std::vector<TerminalEntry> terminals;
    std::chrono::milliseconds interval{10'000}; ///< between heartbeats, ±20 % jitter
    bool once = false;                          ///< one step each (no calls), then Run returns
    CallBehaviour calls;
    std::chrono::milliseconds statusEvery{30'000};
    int workers = 0; ///< 0: one per ten terminals, 1 to 4
    std::optional<unsigned> seed;
};

struct SimCounters {
    std::size_t terminals = 0;
    std::size_t stopped = 0;
    std::size_t inCall = 0;
    long long heartbeats = 0;
    long long configsApplied = 0;
    long long callsCompleted = 0;
    long long callsAbandoned = 0;
    long long callsFailed = 0;
    long long errors = 0;
};

enum class RunOutcome {
    Stopped,  ///< Stop() was called
    Finished, ///< --once: every terminal heartbeated and applied what was pending
    Failed,   ///< --once with a failure, an untrusted certificate, or every terminal stopped
};

class Simulator {
public:
    using Sink = std::function<void(const std::string&)>;

    /// `say` receives every message and status line (from any thread, one at a time).
    Simulator(SimulatorConfig config, Sink say);
    ~Simulator();
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    /// Blocks until Stop(), or with `once` until each terminal had its turn.
    RunOutcome Run();
    /// Any thread, also before Run(); aborts requests in flight.
    void Stop();

    SimCounters Counters() const;
    /// The configuration version each terminal runs, in the order of the tokens file; read it
    /// after Run() returned.
    std::vector<int> RunningVersions() const;

    static std::string FormatStatus(const SimCounters& now, long long heartbeatsBefore);

private:
    struct Due {
        std::chrono::steady_clock::time_point at;
        std::size_t terminal;
        bool operator>(const Due& other) const { return at > other.at; }
    };

    void Worker(unsigned seed);
    void Account(const SimulatedTerminal& terminal, const StepReport& report);
    std::chrono::steady_clock::time_point NextStep(const SimulatedTerminal& terminal,
                                                   std::chrono::steady_clock::time_point now,
                                                   std::mt19937& random) const;
    void Say(const std::string& text);

    SimulatorConfig m_config;
    Sink m_say;
    std::mutex m_sayMutex;
    std::vector<std::unique_ptr<SimulatedTerminal>> m_terminals;
    std::unique_ptr<AgentPool> m_agents;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_schedule;
    bool m_stopping = false;
    bool m_failed = false;
    std::size_t m_remaining = 0; ///< once: steps still to run
    std::size_t m_stoppedCount = 0;

    std::atomic<long long> m_heartbeats{0};
    std::atomic<long long> m_configsApplied{0};
    std::atomic<long long> m_callsCompleted{0};
    std::atomic<long long> m_callsAbandoned{0};
    std::atomic<long long> m_callsFailed{0};
    std::atomic<long long> m_errors{0};
    std::atomic<long long> m_inCall{0};
    std::atomic<bool> m_serverDown{false};
};

/// Asks the server's health endpoint once; returns what is wrong, in words, or nothing.
std::optional<std::string> CheckServer(const client::ClientOptions& options);

} // namespace resv::tools
