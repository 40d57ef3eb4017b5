// resv-bench-audit-view: the Usage history screen over a million events. resv-server (seeded as
// resv-bench-audit seeds it) runs in a child process of this bench, so that the VmRSS read here is
// the console's alone: the screen, its page cache, wx and the client. See bench/README.md.
//   xvfb-run -a -s "-screen 0 1280x800x24" build/bench/resv-bench-audit-view

#include "../audit/SeededServer.h"
#include "ViewBench.h"

#include "../accounts/BenchSupport.h"

#include "resv/client/ApiError.h"

#include <fmt/format.h>

#include <wx/app.h>
#include <wx/init.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

using namespace resv;
using namespace resv::bench;

constexpr double kOpenTargetMs = 300;
constexpr double kLastRowTargetMs = 200;
constexpr double kRssTargetMb = 150;
constexpr const char* kReady = "resv-bench-audit-view: serving";

struct Options {
    std::int64_t events = 1000000;
    int days = 90;
    std::string dataDir;
    ViewBenchOptions view;
    bool serve = false; ///< the child: run the server until stdin closes
};

constexpr const char* kUsage =
    "usage: resv-bench-audit-view [--events N] [--days N] [--data-dir DIR] [--runs N]\n"
    "                             [--scroll-step N] [--no-scroll] [--scroll-part]\n"
    "  --events N       events seeded into the demo tenant (700000-5000000, default 1000000)\n"
    "  --days N         over how many days before now (1-3650, default 90)\n"
    "  --data-dir DIR   keep the seeded server data there, or reuse what resv-bench-audit\n"
    "                   seeded there with the same --events\n"
    "  --runs N         runs of each timed act (1-100, default 20)\n"
    "  --scroll-step N  rows per step when scrolling through the list (100-100000, default 5000)\n"
    "  --no-scroll      do not scroll through the list\n"
    "  --scroll-part    scroll 200 steps only, not through every row\n"
    "Needs a display: run it under xvfb-run -a.\n";

std::optional<Options> Parse(int argc, char** argv, int& exitCode) {
    Options options;
    const auto number = [&](int& i, long low, long high, auto& out) {
        if (i + 1 >= argc) {
            return false;
        }
        char* end = nullptr;
        const long value = std::strtol(argv[++i], &end, 10);
        if (*end != '\0' || value < low || value > high) {
            return false;
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(value);
        return true;
    };
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        bool ok = true;
        if (arg == "--events") {
            ok = number(i, 700000, 5000000, options.events);
        } else if (arg == "--days") {
            ok = number(i, 1, 3650, options.days);
        } else if (arg == "--data-dir" && i + 1 < argc) {
            options.dataDir = argv[++i];
        } else if (arg == "--runs") {
            ok = number(i, 1, 100, options.view.runs);
        } else if (arg == "--scroll-step") {
            ok = number(i, 100, 100000, options.view.scrollStep);
        } else if (arg == "--no-scroll") {
            options.view.scrollStep = 0;
        } else if (arg == "--scroll-part") {
            options.view.scrollAll = false;
        } else if (arg == "--serve") {
            options.serve = true;
        } else if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            exitCode = 0;
            return std::nullopt;
        } else {
            ok = false;
        }
        if (!ok) {
            std::fprintf(stderr, "resv-bench-audit-view: bad argument near '%s'\n%s", arg.c_str(),
                         kUsage);
            exitCode = 2;
            return std::nullopt;
        }
    }
    return options;
}

std::string LoadAverage() {
    std::ifstream file("/proc/loadavg");
    double one = 0, five = 0, fifteen = 0;
    file >> one >> five >> fifteen;
    return fmt::format("{:.2f} {:.2f} {:.2f}", one, five, fifteen);
}

/// The child: seeds if needed, serves, prints where, and stops when the parent closes stdin.
int Serve(const Options& options) {
    SeededServer server({.events = options.events,
                         .days = options.days,
                         .dataDir = options.dataDir,
                         .tempPrefix = "resv-bench-audit-view"});
    if (const auto& seeded = server.Seeded()) {
        std::fprintf(stderr, "seeded %lld events in %.1f s; the first checkpoint took %.1f s\n",
                     static_cast<long long>(seeded->events), seeded->seconds,
                     server.CheckpointSeconds());
    }
    std::printf("%s %d %s\n", kReady, server.Server().Port(), server.Server().CaFile().c_str());
    std::fflush(stdout);
    char byte = 0;
    while (::read(0, &byte, 1) > 0) {
    }
    return 0;
}

/// resv-server in a child process of this bench.
class ServerProcess {
public:
    explicit ServerProcess(const Options& options) {
        int toChild[2];
        int fromChild[2];
        if (::pipe2(toChild, O_CLOEXEC) != 0 || ::pipe2(fromChild, O_CLOEXEC) != 0) {
            throw std::runtime_error("no pipe");
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0);
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1);
        std::vector<std::string> args{"/proc/self/exe", "--serve",
                                      "--events",       std::to_string(options.events),
                                      "--days",         std::to_string(options.days)};
        if (!options.dataDir.empty()) {
            args.insert(args.end(), {"--data-dir", options.dataDir});
        }
        std::vector<char*> argv;
        for (auto& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        const int code = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(toChild[0]);
        ::close(fromChild[1]);
        m_input = toChild[1];
        if (code != 0) {
            ::close(fromChild[0]);
            throw std::runtime_error("cannot start the server process");
        }
        std::string line;
        char byte = 0;
        while (::read(fromChild[0], &byte, 1) == 1 && byte != '\n') {
            line += byte;
        }
        ::close(fromChild[0]);
        char caFile[4096] = {};
        if (!line.starts_with(kReady) ||
            std::sscanf(line.c_str() + std::strlen(kReady), " %d %4095s", &m_port, caFile) != 2) {
            throw std::runtime_error("the server process did not start: " + line);
        }
        m_caFile = caFile;
    }
    ~ServerProcess() {
        ::close(m_input); // the child stops its server and ends
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int Port() const { return m_port; }
    const std::string& CaFile() const { return m_caFile; }
    pid_t Pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
    int m_input = -1;
    int m_port = 0;
    std::string m_caFile;
};

long ServerRssKb(pid_t pid) {
    std::ifstream status(fmt::format("/proc/{}/status", pid));
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:")) {
            return std::strtol(line.c_str() + 6, nullptr, 10);
        }
    }
    return 0;
}

void Print(const ViewTimings& t, long serverRssKb) {
    const auto row = [](const std::string& name, const std::vector<double>& ms, double target) {
        const Summary s = Summarize(ms);
        Say(fmt::format("  {:<58} p50 {:7.1f} ms  p95 {:7.1f} ms  max {:7.1f} ms  {}", name, s.p50,
                        s.p95, s.max,
                        target <= 0       ? std::string()
                        : s.count == 0    ? std::string("NOT MET (no run painted)")
                        : s.p95 <= target ? fmt::format("≤ {:.0f} ms: met", target)
                                          : fmt::format("≤ {:.0f} ms: NOT MET", target)));
    };
    const auto calls = [](const std::vector<double>& apiMs, const std::vector<double>& count) {
        const Summary s = Summarize(apiMs);
        Say(fmt::format("  {:<58} p50 {:7.1f} ms  p95 {:7.1f} ms  ({:.0f} call(s) at p50)",
                        "  of which its API calls (worker thread)", s.p50, s.p95,
                        Summarize(count).p50));
    };
    Say("");
    Say(fmt::format("Usage history screen, {} runs of each act (p95 by nearest rank: the {}th "
                    "of {}):",
                    t.openMs.size(),
                    static_cast<int>(std::ceil(0.95 * static_cast<double>(t.openMs.size()))),
                    t.openMs.size()));
    row(fmt::format("open the screen (last 7 days, {} rows) -> first rows", t.weekRows), t.openMs,
        kOpenTargetMs);
    calls(t.openApiMs, t.openCalls);
    row(fmt::format("Custom dates, whole history ({} rows) -> first rows", t.historyRows),
        t.historyMs, 0);
    calls(t.historyApiMs, t.historyCalls);
    row("jump to the last row (EnsureVisible) -> its rows painted", t.lastRowMs, kLastRowTargetMs);
    calls(t.lastRowApiMs, t.lastRowCalls);
    row("jump to the middle row -> its rows painted", t.middleMs, 0);
    calls(t.middleApiMs, t.middleCalls);
    row("one page down from row 250,000 (keyset) -> painted", t.pageDownMs, 0);
    calls(t.pageDownApiMs, t.pageDownCalls);
    if (t.scrollSteps > 0) {
        row(fmt::format("scrolling: each step of the {} -> its rows painted", t.scrollSteps),
            t.scrollStepMs, 0);
        Say(fmt::format("  scrolled {} steps in {:.1f} s", t.scrollSteps, t.scrollSeconds));
    }
    const auto mb = [](long kb) { return static_cast<double>(kb) / 1024; };
    Say(fmt::format("  VmRSS of the console process: {:.0f} MB before the screen, {:.0f} MB with "
                    "the whole history open, peak {:.0f} MB while scrolling, {:.0f} MB after; "
                    "VmHWM {:.0f} MB",
                    mb(t.rssBeforeKb), mb(t.rssOpenKb), mb(t.rssPeakKb), mb(t.rssAfterKb),
                    mb(t.hwmKb)));
    if (t.scrollSteps > 0) {
        const double after = mb(std::max(t.rssAfterKb, t.rssPeakKb));
        Say(fmt::format("  RSS after scrolling through ≤ {:.0f} MB: {}", kRssTargetMb,
                        after <= kRssTargetMb ? "met" : "NOT MET"));
    }
    Say(fmt::format("  (resv-server's own process: VmRSS {:.0f} MB)", mb(serverRssKb)));
    if (t.timeouts > 0) {
        Say(fmt::format("  {} act(s) never painted their rows within 20 s", t.timeouts));
    }
}

int Run(const Options& options, char** argv) {
    Say(fmt::format("resv-bench-audit-view: {} events, {} CPU cores, load average {}",
                    options.events, std::thread::hardware_concurrency(), LoadAverage()));
    const ServerProcess server(options);
    wxApp::SetInstance(new wxApp);
    int wxArgc = 1;
    if (!wxEntryStart(wxArgc, argv) || !wxTheApp->CallOnInit()) {
        std::fprintf(stderr, "resv-bench-audit-view: no display: run it under xvfb-run -a\n");
        return 1;
    }
    int status = 0;
    try {
        client::ClientOptions clientOptions;
        clientOptions.baseUrl = fmt::format("https://127.0.0.1:{}", server.Port());
        clientOptions.caFile = server.CaFile();
        clientOptions.userAgent = "resv-bench-audit-view";
        auto client = std::make_shared<client::ApiClient>(clientOptions);
        model::LoginRequest login;
        login.tenant = SeededServer::kTenant;
        login.loginId = "manager";
        login.password = "Kanri-Demo#2026";
        client->Login(login);
        Say(fmt::format("server process {} on port {}; load average {}", server.Pid(),
                        server.Port(), LoadAverage()));
        const ViewTimings timings = MeasureView(client, clientOptions.baseUrl, options.view);
        Print(timings, ServerRssKb(server.Pid()));
        client->Logout();
        Say(fmt::format("load average at the end: {}", LoadAverage()));
    } catch (const client::ApiError& error) {
        std::fprintf(stderr, "resv-bench-audit-view: %s: %s (%s)\n",
                     ToString(error.GetKind()).data(), error.what(), error.Detail().c_str());
        status = 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "resv-bench-audit-view: %s\n", error.what());
        status = 1;
    }
    wxEntryCleanup();
    return status;
}

} // namespace

int main(int argc, char** argv) {
    int exitCode = 0;
    const auto options = Parse(argc, argv, exitCode);
    if (!options) {
        return exitCode;
    }
    std::signal(SIGPIPE, SIG_IGN);
    try {
        return options->serve ? Serve(*options) : Run(*options, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "resv-bench-audit-view: %s\n", error.what());
    }
    return 1;
}
