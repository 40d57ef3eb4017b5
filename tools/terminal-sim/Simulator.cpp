#include "Simulator.h"

#include "resv/client/ApiClient.h"
#include "resv/model/Time.h"

#include <fmt/format.h>

#include <algorithm>

namespace resv::tools {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxWorkers = 4;
constexpr std::size_t kTerminalsPerWorker = 10;

/// 12345 → "12,345".
std::string Grouped(long long value) {
    const std::string digits = std::to_string(value < 0 ? -value : value);
    std::string text = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            text += ',';
        }
        text += digits[i];
    }
    return text;
}

} // namespace

Simulator::Simulator(SimulatorConfig config, Sink say)
    : m_config(std::move(config))
    , m_say(std::move(say)) {
    m_agents = std::make_unique<AgentPool>(m_config.terminals);
    m_terminals.reserve(m_config.terminals.size());
    for (const auto& entry : m_config.terminals) {
        m_terminals.push_back(std::make_unique<SimulatedTerminal>(entry, m_config.client));
    }
}

Simulator::~Simulator() = default;

void Simulator::Say(const std::string& text) {
    const std::lock_guard lock(m_sayMutex);
    m_say(text);
}

RunOutcome Simulator::Run() {
    if (m_terminals.empty()) {
        return m_config.once ? RunOutcome::Finished : RunOutcome::Stopped;
    }
    const unsigned seed = m_config.seed.value_or(std::random_device{}());
    std::mt19937 random(seed);
    const auto start = Clock::now();
    {
        const std::lock_guard lock(m_mutex);
        m_remaining = m_terminals.size();
        // Spread the first heartbeats over one interval, as terminals switched on at random.
        std::uniform_int_distribution<long long> spread(0, m_config.interval.count());
        for (std::size_t i = 0; i < m_terminals.size(); ++i) {
            const auto offset = m_config.once ? std::chrono::milliseconds(0)
                                              : std::chrono::milliseconds(spread(random));
            m_schedule.push({start + offset, i});
        }
    }
    int workers = m_config.workers;
    if (workers <= 0) {
        workers = static_cast<int>(
            std::clamp<std::size_t>(m_terminals.size() / kTerminalsPerWorker, 1, kMaxWorkers));
    }
    std::vector<std::thread> threads;
    for (int i = 0; i < workers; ++i) {
        threads.emplace_back([this, seed, i] { Worker(seed + static_cast<unsigned>(i) + 1); });
    }

    long long heartbeatsAtLastStatus = 0;
    auto nextStatus = start + m_config.statusEvery;
    {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            if (m_wake.wait_until(lock, nextStatus) == std::cv_status::timeout && !m_stopping) {
                lock.unlock();
                const auto counters = Counters();
                Say(FormatStatus(counters, heartbeatsAtLastStatus));
                heartbeatsAtLastStatus = counters.heartbeats;
                nextStatus += m_config.statusEvery;
                lock.lock();
            }
        }
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const std::lock_guard lock(m_mutex);
    if (m_failed) {
        return RunOutcome::Failed;
    }
    return m_config.once && m_remaining == 0 ? RunOutcome::Finished : RunOutcome::Stopped;
}

void Simulator::Stop() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& terminal : m_terminals) {
        terminal->Cancel();
    }
}

void Simulator::Worker(unsigned seed) {
    std::mt19937 random(seed);
    const CallBehaviour* calls = m_config.once ? nullptr : &m_config.calls;
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (m_schedule.empty()) {
            m_wake.wait(lock);
            continue;
        }
        const Due due = m_schedule.top();
        if (due.at > Clock::now()) {
            m_wake.wait_until(lock, due.at);
            continue;
        }
        m_schedule.pop();
        lock.unlock();

        SimulatedTerminal& terminal = *m_terminals[due.terminal];
        const auto now = Clock::now();
        const StepReport report = terminal.Step(now, *m_agents, calls, random);
        Account(terminal, report);

        lock.lock();
        if (report.stopped) {
            ++m_stoppedCount;
        }
        if (report.certificateError) {
            m_failed = true;
            m_stopping = true;
        } else if (m_config.once) {
            if (!report.heartbeatSent || !report.message.empty()) {
                m_failed = true;
            }
            if (--m_remaining == 0) {
                m_stopping = true;
            }
        } else if (m_stoppedCount == m_terminals.size()) {
            Say("every simulated terminal has stopped");
            m_failed = true;
            m_stopping = true;
        } else if (!terminal.IsStopped()) {
            m_schedule.push({NextStep(terminal, now, random), due.terminal});
        }
        m_wake.notify_all();
    }
}

Clock::time_point Simulator::NextStep(const SimulatedTerminal& terminal, Clock::time_point now,
                                      std::mt19937& random) const {
    const auto interval = m_config.interval.count();
    std::uniform_int_distribution<long long> jitter(interval * 8 / 10, interval * 12 / 10);
    auto next = now + std::chrono::milliseconds(jitter(random));
    if (const auto callEnd = terminal.CallEnd(); callEnd && *callEnd < next) {
        next = std::max(*callEnd, now);
    }
    return next;
}

void Simulator::Account(const SimulatedTerminal& terminal, const StepReport& report) {
    if (report.heartbeatSent) {
        ++m_heartbeats;
        if (m_serverDown.exchange(false)) {
            Say("the server answers again");
        }
    }
    if (report.callStarted) {
        ++m_inCall;
    }
    if (report.callEnded) {
        --m_inCall;
    }
    if (report.callReported) {
        switch (*report.callReported) {
        case model::CallResult::Completed:
            ++m_callsCompleted;
            break;
        case model::CallResult::Abandoned:
            ++m_callsAbandoned;
            break;
        case model::CallResult::Failed:
            ++m_callsFailed;
            break;
        }
    }
    if (report.appliedVersion) {
        ++m_configsApplied;
        Say(fmt::format("terminal {} applied configuration {}", terminal.Entry().id,
                        *report.appliedVersion));
    }
    if (report.message.empty()) {
        return;
    }
    ++m_errors;
    if (report.networkError) {
        // Said once for all terminals until the server answers again.
        if (!m_serverDown.exchange(true)) {
            Say(report.message + (m_config.once ? "" : " (the terminals keep trying)"));
        }
        return;
    }
    Say(report.message);
}

SimCounters Simulator::Counters() const {
    SimCounters counters;
    counters.terminals = m_terminals.size();
    {
        const std::lock_guard lock(m_mutex);
        counters.stopped = m_stoppedCount;
    }
    counters.inCall = static_cast<std::size_t>(std::max(0LL, m_inCall.load()));
    counters.heartbeats = m_heartbeats;
    counters.configsApplied = m_configsApplied;
    counters.callsCompleted = m_callsCompleted;
    counters.callsAbandoned = m_callsAbandoned;
    counters.callsFailed = m_callsFailed;
    counters.errors = m_errors;
    return counters;
}

std::vector<int> Simulator::RunningVersions() const {
    std::vector<int> versions;
    for (const auto& terminal : m_terminals) {
        versions.push_back(terminal->RunningVersion());
    }
    return versions;
}

std::string Simulator::FormatStatus(const SimCounters& now, long long heartbeatsBefore) {
    return fmt::format("{}  {} terminals ({} running, {} in a call)  heartbeats {} (+{})  "
                       "configurations applied {}  calls {} completed, {} abandoned, {} failed  "
                       "errors {}",
                       model::FormatJstTime(model::Now()), now.terminals,
                       now.terminals - now.stopped, now.inCall, Grouped(now.heartbeats),
                       Grouped(now.heartbeats - heartbeatsBefore), now.configsApplied,
                       now.callsCompleted, now.callsAbandoned, now.callsFailed, now.errors);
}

std::optional<std::string> CheckServer(const client::ClientOptions& options) {
    try {
        client::ApiClient client(options);
        const auto health = client.GetHealth();
        if (health.status != "ok") {
            return fmt::format("the server at {} is not healthy (status \"{}\")", options.baseUrl,
                               health.status);
        }
        return std::nullopt;
    } catch (const client::ApiError& error) {
        switch (error.GetKind()) {
        case client::ApiError::Kind::Certificate:
            return fmt::format("the certificate of {} is not trusted with --ca-file {}: {}",
                               options.baseUrl, options.caFile.value_or("(none)"), error.Detail());
        case client::ApiError::Kind::Http:
            return fmt::format("{} answered its health check with {} {}", options.baseUrl,
                               error.Status(), error.Code());
        default:
            return fmt::format("cannot reach the server at {}: {}", options.baseUrl,
                               error.Detail());
        }
    } catch (const std::exception& error) {
        return fmt::format("cannot use the server address {}: {}", options.baseUrl, error.what());
    }
}

} // namespace resv::tools
