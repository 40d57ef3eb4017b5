// resv-terminal-sim's library against an in-process resv-server: terminals come online and apply
// a pending configuration, a revoked token stops its terminal with a message that names no secret,
// and the tokens file of --demo runs as it is.

#include "Simulator.h"
#include "TokenFile.h"

#include "resv/client/ApiClient.h"
#include "resv/server/Server.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <random>

namespace {

using namespace resv;
using tools::RunOutcome;
using tools::TerminalEntry;

class TempDir {
public:
    TempDir() {
        std::random_device random;
        m_path = std::filesystem::temp_directory_path() /
                 fmt::format("resv-terminal-sim-test-{:08x}{:08x}", random(), random());
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& Path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

/// A server with the demo accounts and a facility holding two KIOSKs and one agent PC, and the
/// entries a tokens file would list for them.
struct Fixture {
    TempDir dir;
    server::Server server{{.dataDir = dir.Path() / "data", .port = 0}};
    client::ClientOptions options;
    std::unique_ptr<client::ApiClient> manager;
    std::vector<TerminalEntry> terminals;

    Fixture() {
        server.Start();
        server.SeedDemo();
        options.baseUrl = fmt::format("https://127.0.0.1:{}", server.Port());
        options.caFile = server.CaFile().string();
        manager = std::make_unique<client::ApiClient>(options);
        model::LoginRequest login;
        login.tenant = "demo";
        login.loginId = "manager";
        login.password = "Kanri-Demo#2026";
        manager->Login(login);
        model::JurisdictionPatch jurisdiction;
        jurisdiction.name = "シミュレータ管轄";
        model::FacilityPatch facility;
        facility.name = "シミュレータホテル";
        facility.jurisdictionId = manager->CreateJurisdiction(jurisdiction).id;
        const auto facilityId = manager->CreateFacility(facility).id;
        const std::vector<std::pair<std::string, model::TerminalKind>> wanted{
            {"ロビー KIOSK", model::TerminalKind::Kiosk},
            {"別館 KIOSK", model::TerminalKind::Kiosk},
            {"フロント PC", model::TerminalKind::AgentPc}};
        int host = 10;
        for (const auto& [name, kind] : wanted) {
            const std::string ip = fmt::format("192.0.2.{}", host++);
            model::TerminalPatch terminal;
            terminal.name = name;
            terminal.kind = kind;
            terminal.facilityId = facilityId;
            terminal.ipAddress = ip;
            const auto created = manager->CreateTerminal(terminal);
            terminals.push_back({created.terminal.id, created.deviceToken, kind, ip, 0});
        }
    }

    tools::SimulatorConfig OnceConfig() const {
        tools::SimulatorConfig config;
        config.client = options;
        config.terminals = terminals;
        config.once = true;
        config.seed = 1;
        return config;
    }
};

} // namespace

TEST_CASE("Simulated terminals come online and apply a pending configuration", "[terminal_sim]") {
    Fixture fixture;
    const auto pushed = fixture.manager->PutTerminalConfig(fixture.terminals[0].id,
                                                           nlohmann::json{{"volume", 80}}, {});
    REQUIRE(pushed.version >= 2);

    std::vector<std::string> messages;
    tools::Simulator simulator(fixture.OnceConfig(),
                               [&](const std::string& text) { messages.push_back(text); });
    REQUIRE(simulator.Run() == RunOutcome::Finished);

    const auto counters = simulator.Counters();
    CHECK(counters.heartbeats == 3);
    CHECK(counters.errors == 0);
    // A terminal that starts fetches the configuration it should run.
    CHECK(counters.configsApplied == 3);
    CHECK(simulator.RunningVersions()[0] == pushed.version);
    CHECK(std::find(messages.begin(), messages.end(),
                    fmt::format("terminal {} applied configuration {}", fixture.terminals[0].id,
                                pushed.version)) != messages.end());
    for (const auto& entry : fixture.terminals) {
        const auto terminal = fixture.manager->GetTerminal(entry.id);
        INFO(entry.id);
        CHECK(terminal.online);
        CHECK(terminal.appVersion == std::string(tools::kSimAppVersion));
        CHECK(terminal.state == model::TerminalState::Idle);
        CHECK_FALSE(terminal.ipMismatch);
        CHECK(terminal.appliedConfigVersion == terminal.desiredConfigVersion);
        CHECK(terminal.configState == model::ConfigState::Applied);
    }
}

TEST_CASE("A revoked device token stops its terminal and the message names no token",
          "[terminal_sim]") {
    Fixture fixture;
    const std::string oldToken = fixture.terminals[1].deviceToken;
    const auto rotated = fixture.manager->RotateTerminalToken(fixture.terminals[1].id);
    REQUIRE(rotated.deviceToken != oldToken);

    std::vector<std::string> messages;
    tools::Simulator simulator(fixture.OnceConfig(),
                               [&](const std::string& text) { messages.push_back(text); });
    CHECK(simulator.Run() == RunOutcome::Failed);
    CHECK(simulator.Counters().stopped == 1);
    CHECK(simulator.Counters().heartbeats == 2);
    // The others started by fetching their configuration; one message says why one stopped.
    std::vector<std::string> problems;
    for (const auto& message : messages) {
        CHECK_THAT(message, !Catch::Contains(oldToken) && !Catch::Contains(rotated.deviceToken));
        if (message.find(" applied configuration ") == std::string::npos) {
            problems.push_back(message);
        }
    }
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains(fixture.terminals[1].id) &&
                                Catch::Contains("no longer accepts its device token") &&
                                Catch::Contains("this terminal stops"));
    CHECK_FALSE(fixture.manager->GetTerminal(fixture.terminals[1].id).online);
}

TEST_CASE("The tokens file the demo writes runs as it is", "[terminal_sim]") {
    Fixture fixture;
    // What scripts/demo hands to resv-terminal-sim.
    const auto entries =
        tools::ReadTokenFile(fixture.dir.Path() / "data" / "demo-terminal-tokens.tsv");
    REQUIRE(entries.size() >= 40);
    const auto agents = std::count_if(entries.begin(), entries.end(), [](const auto& entry) {
        return entry.kind == model::TerminalKind::AgentPc;
    });
    CHECK(agents > 0);
    CHECK(agents < static_cast<long>(entries.size()));

    auto config = fixture.OnceConfig();
    config.terminals = entries;
    std::vector<std::string> messages;
    tools::Simulator simulator(config, [&](const std::string& text) { messages.push_back(text); });
    REQUIRE(simulator.Run() == RunOutcome::Finished);
    CHECK(simulator.Counters().heartbeats == static_cast<long long>(entries.size()));
    CHECK(simulator.Counters().errors == 0);
    int online = 0;
    for (const auto& terminal : fixture.manager->ListTerminals()) {
        online += terminal.online ? 1 : 0;
    }
    // The three terminals the fixture made itself were not in the file.
    CHECK(online == static_cast<int>(entries.size()));
}
