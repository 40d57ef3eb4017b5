// resv-server: parses the command line and runs the library; everything else is in the library.

#include "cli/CommandLine.h"
#include "resv/model/Time.h"
#include "resv/server/Admin.h"
#include "resv/server/Server.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <sys/stat.h>

namespace {

using namespace resv::server;

void SetUpLogging() {
    auto logger = spdlog::stderr_color_mt("resv-server");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
    spdlog::set_default_logger(logger);
}

/// Blocks SIGINT and SIGTERM in this thread and every thread started after it, so that only
/// WaitForStopSignal receives them.
sigset_t BlockStopSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

int Serve(const cli::CommandLine& line) {
    const sigset_t signals = BlockStopSignals();
    ServerConfig config;
    config.dataDir = line.dataDir;
    config.host = line.host;
    config.port = line.port;
    config.tlsCert = line.tlsCert;
    config.tlsKey = line.tlsKey;
    if (line.maxConnections) {
        config.maxConnections = *line.maxConnections;
    }
    if (line.keepAliveSeconds) {
        config.keepAliveTimeout = std::chrono::seconds(*line.keepAliveSeconds);
    }
    config.smtpUrl = line.smtpUrl;
    config.mailFrom = line.mailFrom;
    config.smtpRequireTls = line.smtpRequireTls;
    config.smtpCaFile = line.smtpCaFile;
    config.smtpUser = line.smtpUser;
    config.smtpPassword = cli::SmtpPassword(line, std::getenv(cli::kSmtpPasswordVariable));
    Server server(std::move(config));
    if (line.demo) {
        std::cout << server.SeedDemo() << std::flush;
    }
    server.Start();
    if (!server.CaFile().empty()) {
        std::cout << "clients trust " << server.CaFile().string() << "\n";
    }
    std::cout << "listening on " << cli::ServerUrl(line.host, server.Port()) << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("stopping on signal {}", received);
    server.Stop();
    return 0;
}

int RunSubcommand(const cli::CommandLine& line) {
    Admin admin(line.dataDir);
    const auto& args = line.arguments;
    switch (line.action) {
    case cli::Action::CreateTenant:
        admin.CreateTenant(args[0], args[1]);
        std::cout << "created tenant " << args[0] << "\n";
        break;
    case cli::Action::CreateAccount: {
        const std::string password = admin.CreateAccount(args[0], args[1], args[2]);
        std::cout << "created account " << args[1] << " in tenant " << args[0] << " (" << args[2]
                  << ")\none-time password: " << password
                  << "\n(shown only now; it must be changed at first login and expires in 7 "
                     "days)\n";
        break;
    }
    case cli::Action::VerifyAudit: {
        const Admin::AuditCheck check = admin.VerifyAudit(args[0]);
        std::cout << check.report;
        return check.intact ? 0 : 1;
    }
    case cli::Action::RunRetention: {
        std::optional<resv::model::TimePoint> asOf;
        if (line.asOf) {
            asOf = resv::model::ParseRfc3339(*line.asOf);
            if (!asOf) {
                std::cerr << "resv-server: --as-of wants an RFC 3339 time, such as "
                             "2026-12-01T00:00:00Z, not '"
                          << *line.asOf << "'\n";
                return 2;
            }
        }
        std::cout << admin.RunRetention(asOf);
        break;
    }
    case cli::Action::AssignOperator:
        admin.AssignOperator(args[0], args[1]);
        std::cout << "operator " << args[0] << " may act in tenant " << args[1] << "\n";
        break;
    default:
        break;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    ::umask(077); // whatever the server creates is its owner's alone
    SetUpLogging();
    cli::CommandLine line;
    try {
        line = cli::ParseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
        (void)cli::SmtpPassword(line, std::getenv(cli::kSmtpPasswordVariable)); // set, if needed
    } catch (const cli::UsageError& error) {
        std::cerr << "resv-server: " << error.what() << "\nTry 'resv-server --help'.\n";
        return 2;
    }
    try {
        if (line.action == cli::Action::Help) {
            std::cout << cli::HelpText();
            return 0;
        }
        return line.action == cli::Action::Serve ? Serve(line) : RunSubcommand(line);
    } catch (const std::exception& error) {
        std::cerr << "resv-server: " << error.what() << "\n";
        return 1;
    }
}
