// resv-bench-heartbeat: how many terminal heartbeats per second resv-server sustains over
// persistent TLS connections, beside nginx serving a body of the same size over the same TLS.
// See bench/README.md.

#include "../common/TempDir.h"
#include "BenchOptions.h"
#include "LoadRunner.h"
#include "NginxBaseline.h"
#include "TlsProbe.h"

#include "resv/client/ApiClient.h"
#include "resv/model/Terminal.h"
#include "resv/server/Server.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace {

using namespace resv;
using namespace resv::tools;
using Clock = std::chrono::steady_clock;

constexpr const char* kHeartbeatPath = "/api/v1/terminal/heartbeat";
constexpr double kTargetPerSecond = 5000;
constexpr double kTargetP99Ms = 50;
constexpr int kTerminalsPerFacility = 500;

void Say(const std::string& line) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

std::string TerminalIp(int index) {
    return fmt::format("10.{}.{}.{}", 1 + index / 65536, (index / 256) % 256, index % 256);
}

/// Creates the terminals as the demo manager would, and returns their device tokens.
std::vector<std::string> CreateTerminals(client::ApiClient& manager, int count) {
    std::vector<std::string> tokens;
    tokens.reserve(static_cast<std::size_t>(count));
    model::JurisdictionPatch jurisdiction;
    jurisdiction.name = "ベンチマーク管轄";
    const auto jurisdictionId = manager.CreateJurisdiction(jurisdiction).id;
    std::string facilityId;
    for (int i = 0; i < count; ++i) {
        if (i % kTerminalsPerFacility == 0) {
            model::FacilityPatch facility;
            facility.name = fmt::format("ベンチマーク施設 {:02}", i / kTerminalsPerFacility + 1);
            facility.jurisdictionId = jurisdictionId;
            facilityId = manager.CreateFacility(facility).id;
        }
        model::TerminalPatch terminal;
        terminal.name = fmt::format("KIOSK {:05}", i + 1);
        terminal.kind = model::TerminalKind::Kiosk;
        terminal.facilityId = facilityId;
        terminal.ipAddress = TerminalIp(i);
        tokens.push_back(manager.CreateTerminal(terminal).deviceToken);
    }
    return tokens;
}

std::string Row(const std::string& name, const LoadResult& result) {
    return fmt::format("{:<34} {:>11.0f} {:>9.2f} ms {:>9.2f} ms {:>9.2f} ms {:>8}", name,
                       result.perSecond, result.p50Ms, result.p99Ms, result.maxMs, result.errors);
}

void PrintTable(const LoadResult& server, const std::optional<LoadResult>& nginx,
                const std::string& nginxNote, std::size_t bodySize) {
    Say("");
    Say(fmt::format("{:<34} {:>11} {:>12} {:>12} {:>12} {:>8}", "", "requests/s", "p50", "p99",
                    "max", "errors"));
    Say(Row("resv-server POST heartbeat", server));
    if (nginx) {
        Say(Row(fmt::format("nginx, static {}-byte body", bodySize), *nginx));
    } else {
        Say(fmt::format("{:<34} {}", "nginx baseline", nginxNote));
    }
    Say(fmt::format("{:<34} {:>11} {:>12} {:>12}", "target", "≥ 5,000", "",
                    fmt::format("≤ {:.0f} ms", kTargetP99Ms)));
    Say("");
    if (nginx && nginx->perSecond > 0) {
        Say(fmt::format("resv-server reaches {:.0f} % of nginx's rate on this machine.",
                        100 * server.perSecond / nginx->perSecond));
    }
    const bool rateMet = server.perSecond >= kTargetPerSecond;
    const bool latencyMet = server.p99Ms <= kTargetP99Ms;
    Say(fmt::format("Targets: {:.0f} heartbeats/s {} 5,000; p99 {:.2f} ms {} 50 ms.",
                    server.perSecond, rateMet ? "meets" : "MISSES", server.p99Ms,
                    latencyMet ? "meets" : "MISSES"));
    if (server.errors > 0 || !server.firstError.empty()) {
        Say(fmt::format("resv-server errors: {} (first: {})", server.errors, server.firstError));
    }
    if (nginx && (nginx->errors > 0 || !nginx->firstError.empty())) {
        Say(fmt::format("nginx errors: {} (first: {})", nginx->errors, nginx->firstError));
    }
}

int Run(const BenchOptions& options) {
    const resv::bench::TempDir dir("resv-bench-heartbeat");
    server::ServerConfig config{.dataDir = dir.Path() / "data", .port = 0};
    if (options.serverMaxConnections > 0) {
        config.maxConnections = options.serverMaxConnections;
    }
    Say(fmt::format("resv-bench-heartbeat: {} terminals, {} persistent TLS connections, {} s "
                    "warm-up + {} s measured per server, resv-server: at most {} connections, "
                    "keep-alive {} s; {} CPU cores shared by clients and servers",
                    options.terminals, options.connections, options.warmup.count(),
                    options.duration.count(), config.maxConnections,
                    config.keepAliveTimeout.count(), std::thread::hardware_concurrency()));

    // The server's start-up lines would break up the bench's own output.
    spdlog::set_level(spdlog::level::warn);
    const int keepAliveSeconds = static_cast<int>(config.keepAliveTimeout.count());
    server::Server server(std::move(config));
    server.Start();
    server.SeedDemo();
    client::ClientOptions clientOptions;
    clientOptions.baseUrl = fmt::format("https://127.0.0.1:{}", server.Port());
    clientOptions.caFile = server.CaFile().string();
    clientOptions.userAgent = "resv-bench-heartbeat";

    client::ApiClient manager(clientOptions);
    model::LoginRequest login;
    login.tenant = "demo";
    login.loginId = "manager";
    login.password = "Kanri-Demo#2026";
    manager.Login(login);
    const auto createStart = Clock::now();
    const auto tokens = CreateTerminals(manager, options.terminals);
    Say(fmt::format("created {} terminals through the API in {:.1f} s", tokens.size(),
                    std::chrono::duration<double>(Clock::now() - createStart).count()));
    manager.Logout();

    const nlohmann::json heartbeat =
        model::Heartbeat{"bench-" RESV_VERSION, TerminalIp(0), model::TerminalState::Idle};
    client::ApiClient probe(clientOptions);
    const auto sample = probe.SendRaw("POST", kHeartbeatPath, heartbeat.dump(), "application/json",
                                      {{"Authorization", "Bearer " + tokens.front()}});
    if (sample.status != 200) {
        throw std::runtime_error(
            fmt::format("a heartbeat answered {} instead of 200: {}", sample.status, sample.body));
    }
    Say(fmt::format("heartbeat reply: {} bytes ({}), {}", sample.body.size(), sample.contentType,
                    NegotiatedTls(server.Port(), server.CaFile())));

    LoadSpec spec;
    spec.client = clientOptions;
    spec.path = kHeartbeatPath;
    spec.body = heartbeat;
    spec.tokens = tokens;
    spec.connections = options.connections;
    spec.warmup = options.warmup;
    spec.duration = options.duration;
    Say("measuring resv-server ...");
    const LoadResult serverResult = RunLoad(spec);

    std::optional<LoadResult> nginxResult;
    std::string nginxNote;
    const auto nginxBinary = NginxBaseline::FindBinary();
    if (!options.nginx) {
        nginxNote = "skipped (--no-nginx)";
    } else if (!nginxBinary) {
        nginxNote = "not run: nginx is not installed (scripts/bootstrap installs nginx-light)";
    } else {
        const auto tlsDir = server.CaFile().parent_path();
        NginxBaseline nginx(
            *nginxBinary,
            {.workDir = dir.Path() / "nginx",
             .certificate = tlsDir / "server.crt",
             .privateKey = tlsDir / "server.key",
             .path = kHeartbeatPath,
             .body = sample.body,
             .contentType = sample.contentType.empty() ? "application/json" : sample.contentType,
             .workerProcesses = static_cast<int>(std::max(1U, std::thread::hardware_concurrency())),
             .keepAliveSeconds = keepAliveSeconds});
        Say(fmt::format("nginx ({}) on 127.0.0.1:{}, {}", nginxBinary->string(), nginx.Port(),
                        NegotiatedTls(nginx.Port(), server.CaFile())));
        spec.client.baseUrl = fmt::format("https://127.0.0.1:{}", nginx.Port());
        Say("measuring nginx ...");
        nginxResult = RunLoad(spec);
        nginx.Stop();
    }
    server.Stop();
    PrintTable(serverResult, nginxResult, nginxNote, sample.body.size());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const auto parsed = ParseBenchArguments(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.options) {
        std::fputs(parsed.message.c_str(), parsed.exitCode == 0 ? stdout : stderr);
        return parsed.exitCode;
    }
    try {
        return Run(*parsed.options);
    } catch (const client::ApiError& error) {
        std::fprintf(stderr, "resv-bench-heartbeat: %s: %s (%s)\n",
                     ToString(error.GetKind()).data(), error.what(), error.Detail().c_str());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "resv-bench-heartbeat: %s\n", error.what());
    }
    return 1;
}
