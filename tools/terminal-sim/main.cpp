// resv-terminal-sim: simulated KIOSK terminals and agent PCs for the demo and for load.

#include "SimOptions.h"
#include "Simulator.h"
#include "TokenFile.h"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <pthread.h>

namespace {

using namespace resv::tools;

void Print(const std::string& line) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

[[noreturn]] void Fail(const std::string& message) {
    std::fprintf(stderr, "resv-terminal-sim: %s\n", message.c_str());
    std::exit(1);
}

/// SIGINT and SIGTERM are blocked in every thread and taken by one thread with sigwait, so
/// stopping is ordinary code rather than a signal handler.
class StopOnSignal {
public:
    explicit StopOnSignal(Simulator& simulator)
        : m_simulator(simulator) {
        sigemptyset(&m_signals);
        sigaddset(&m_signals, SIGINT);
        sigaddset(&m_signals, SIGTERM);
        sigaddset(&m_signals, SIGUSR1);
        pthread_sigmask(SIG_BLOCK, &m_signals, nullptr);
        m_thread = std::thread([this] { Wait(); });
    }
    ~StopOnSignal() {
        // SIGUSR1 only ends the waiting thread.
        pthread_kill(m_thread.native_handle(), SIGUSR1);
        m_thread.join();
    }
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

private:
    void Wait() {
        int signal = 0;
        while (sigwait(&m_signals, &signal) == 0) {
            if (signal == SIGUSR1) {
                return;
            }
            Print(fmt::format("{} received: stopping", signal == SIGINT ? "SIGINT" : "SIGTERM"));
            m_simulator.Stop();
        }
    }

    Simulator& m_simulator;
    sigset_t m_signals{};
    std::thread m_thread;
};

} // namespace

int main(int argc, char** argv) {
    const auto parsed = ParseSimArguments(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.options) {
        std::fputs(parsed.message.c_str(), parsed.exitCode == 0 ? stdout : stderr);
        return parsed.exitCode;
    }
    const SimOptions& options = *parsed.options;

    SimulatorConfig config;
    try {
        config.terminals = ReadTokenFile(options.tokensFile);
    } catch (const TokenFileError& error) {
        Fail(error.what());
    }
    if (options.count) {
        if (static_cast<std::size_t>(*options.count) > config.terminals.size()) {
            Print(fmt::format("the tokens file lists {} terminals; simulating all of them",
                              config.terminals.size()));
        } else {
            config.terminals.resize(static_cast<std::size_t>(*options.count));
        }
    }
    config.client.baseUrl = options.serverUrl;
    config.client.caFile = options.caFile;
    config.client.userAgent = "resv-terminal-sim/" RESV_VERSION;
    config.client.connectTimeout = std::chrono::seconds(5);
    config.client.totalTimeout = std::chrono::seconds(15);
    config.interval = options.interval;
    config.once = options.once;

    if (const auto problem = CheckServer(config.client)) {
        Fail(*problem);
    }

    std::size_t kiosks = 0;
    for (const auto& terminal : config.terminals) {
        kiosks += terminal.kind == resv::model::TerminalKind::Kiosk ? 1 : 0;
    }
    Print(fmt::format("simulating {} terminals ({} KIOSK, {} agent PC) against {}{}",
                      config.terminals.size(), kiosks, config.terminals.size() - kiosks,
                      options.serverUrl,
                      options.once ? ", one heartbeat each"
                                   : fmt::format(", a heartbeat every {:.1f} s",
                                                 options.interval.count() / 1000.0)));
    try {
        Simulator simulator(std::move(config), Print);
        RunOutcome outcome = RunOutcome::Failed;
        {
            const StopOnSignal stopOnSignal(simulator);
            outcome = simulator.Run();
        }
        const auto counters = simulator.Counters();
        Print(Simulator::FormatStatus(counters, 0));
        switch (outcome) {
        case RunOutcome::Finished:
        case RunOutcome::Stopped:
            return 0;
        case RunOutcome::Failed:
            return 1;
        }
    } catch (const std::exception& error) {
        Fail(error.what());
    }
    return 1;
}
