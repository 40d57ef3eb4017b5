// Remote configuration: versions, If-Match, rollback, bulk changes, and the way a terminal learns
// of, fetches and acknowledges its configuration.

#include "support/SqliteFile.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"
#include "resv/model/TerminalConfig.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;
using namespace std::chrono_literals;

TEST_CASE("Version flow: change, heartbeat sees it, terminal fetches and acknowledges, applied") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "V");
    const auto& id = site.kiosk.terminal.id;
    auto kiosk = Device(server, site.kiosk.deviceToken);

    CHECK(Heartbeat(*kiosk) == 1);
    kiosk->Send("POST", "/api/v1/terminal/config/ack", {{"version", 1}, {"result", "applied"}});
    CHECK(manager->GetTerminal(id).configState == model::ConfigState::Applied);

    const auto written =
        manager->PutTerminalConfig(id, {{"volume", 70}, {"display_language", "en"}}, 1);
    CHECK(written.version == 2);
    CHECK(written.settings.volume == 70);
    auto terminal = manager->GetTerminal(id);
    CHECK(terminal.desiredConfigVersion == 2);
    CHECK(terminal.appliedConfigVersion == 1);
    CHECK(terminal.configState == model::ConfigState::Pending);

    CHECK(Heartbeat(*kiosk) == 2);
    const auto fetched = kiosk->Send("GET", "/api/v1/terminal/config").get<model::TerminalConfig>();
    CHECK(fetched.version == 2);
    CHECK(fetched.settings.volume == 70);
    CHECK(fetched.settings.displayLanguage == "en");
    kiosk->Send("POST", "/api/v1/terminal/config/ack", {{"version", 2}, {"result", "applied"}});
    terminal = manager->GetTerminal(id);
    CHECK(terminal.appliedConfigVersion == 2);
    CHECK(terminal.configState == model::ConfigState::Applied);

    manager->PutTerminalConfig(id, {{"idle_message", "ようこそ"}}, 2);
    kiosk->Send("POST", "/api/v1/terminal/config/ack",
                {{"version", 3}, {"result", "failed"}, {"reason", "display busy"}});
    terminal = manager->GetTerminal(id);
    CHECK(terminal.configState == model::ConfigState::Failed);
    CHECK(terminal.configError == "display busy");
    CHECK(terminal.appliedConfigVersion == 2);
    // A version the terminal was never given is refused.
    CHECK(ApiErrorOf([&] {
              kiosk->Send("POST", "/api/v1/terminal/config/ack",
                          {{"version", 9}, {"result", "applied"}});
          }).Code() == "invalid_field");
}

TEST_CASE("A stale If-Match is 409 stale_version and changes nothing") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "S");
    const auto& id = site.kiosk.terminal.id;
    manager->PutTerminalConfig(id, {{"volume", 10}}, 1);

    const auto error = ApiErrorOf([&] { manager->PutTerminalConfig(id, {{"volume", 99}}, 1); });
    CHECK(error.Status() == 409);
    CHECK(error.Code() == "stale_version");
    const auto config = manager->GetTerminalConfig(id);
    CHECK(config.version == 2);
    CHECK(config.settings.volume == 10);
    CHECK(manager->GetTerminalConfigHistory(id).size() == 2);

    // The quoted form of the header is the same version.
    const auto quoted = manager->Send("PUT", "/api/v1/terminals/" + id + "/config",
                                      {{"volume", 20}}, {{"If-Match", "\"2\""}});
    CHECK(quoted.at("version") == 3);
    CHECK(ApiErrorOf([&] {
              manager->Send("PUT", "/api/v1/terminals/" + id + "/config", {{"volume", 20}},
                            {{"If-Match", "three"}});
          }).Code() == "invalid_field");
}

TEST_CASE("Bad settings are 400 invalid_field naming the setting, and change nothing") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "B");
    const auto& id = site.kiosk.terminal.id;
    const auto fieldOf = [&](const model::Json& patch) {
        const auto error = ApiErrorOf([&] { manager->PutTerminalConfig(id, patch, std::nullopt); });
        CHECK(error.Code() == "invalid_field");
        return error.Problem().errors.empty() ? std::string() : error.Problem().errors[0].field;
    };
    CHECK(fieldOf({{"volume", 101}}) == "volume");
    CHECK(fieldOf({{"display_language", "fr"}}) == "display_language");
    const auto tooLate = model::FormatRfc3339Utc(TestEpoch() + 25h);
    CHECK(fieldOf({{"remote_support", {{"enabled", true}, {"until", tooLate}}}}) ==
          "remote_support.until");
    CHECK(manager->GetTerminalConfig(id).version == 1);
}

TEST_CASE("Rollback makes a new version equal to the old settings") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "R");
    const auto& id = site.kiosk.terminal.id;
    const auto original = manager->GetTerminalConfig(id);
    manager->PutTerminalConfig(id, {{"volume", 5}}, 1);
    manager->PutTerminalConfig(id, {{"idle_message", "準備中"}}, 2);

    const auto rolled = manager->RollbackTerminalConfig(id, 1);
    CHECK(rolled.version == 4);
    CHECK(rolled.settings == original.settings);
    CHECK(manager->GetTerminal(id).desiredConfigVersion == 4);

    const auto history = manager->GetTerminalConfigHistory(id);
    REQUIRE(history.size() == 4);
    CHECK(history[0].version == 4);
    CHECK(history[0].origin == "rollback");
    CHECK(history[0].rolledBackTo == 1);
    CHECK(history[0].actorLoginId == "manager");
    CHECK(history[1].changed == std::vector<std::string>{"idle_message"});
    CHECK(history[3].origin == "initial");
    CHECK(ApiErrorOf([&] { manager->RollbackTerminalConfig(id, 42); }).Code() == "invalid_field");

    const auto events = QueryRows(server.DataDir() / "resv.db",
                                  "SELECT details_json FROM audit_events WHERE action = ?1 "
                                  "AND target_id = ?2",
                                  {"terminal.config.rollback", id});
    REQUIRE(events.size() == 1);
    const auto details = model::Json::parse(events[0].at("details_json").get<std::string>());
    CHECK(details.at("before").at("settings").at("idle_message") == "準備中");
    CHECK(details.at("after").at("version") == 4);
}

TEST_CASE("A facility or jurisdiction change reaches every terminal below it and only those") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site a = MakeSite(*manager, "A");
    const Site b = MakeSite(*manager, "B");
    model::FacilityPatch second;
    second.name = "ホテル A2";
    second.jurisdictionId = a.jurisdiction.id;
    const auto a2 = manager->CreateFacility(second);
    const auto a2Kiosk = manager->CreateTerminal(
        NewTerminal(a2.id, "KIOSK A2", model::TerminalKind::Kiosk, "192.0.2.50"));

    const auto facilityResult = manager->PutFacilityConfig(a.facility.id, {{"volume", 11}});
    CHECK(facilityResult.updated.size() == 2);
    CHECK(manager->GetTerminalConfig(a.kiosk.terminal.id).settings.volume == 11);
    CHECK(manager->GetTerminalConfig(a.agent.terminal.id).settings.volume == 11);
    CHECK(manager->GetTerminalConfig(a2Kiosk.terminal.id).settings.volume == 50);
    CHECK(manager->GetTerminalConfig(b.kiosk.terminal.id).settings.volume == 50);

    const auto jurisdictionResult =
        manager->PutJurisdictionConfig(a.jurisdiction.id, {{"display_language", "ko"}});
    CHECK(jurisdictionResult.updated.size() == 3);
    for (const auto* id : {&a.kiosk.terminal.id, &a.agent.terminal.id, &a2Kiosk.terminal.id}) {
        const auto config = manager->GetTerminalConfig(*id);
        CHECK(config.settings.displayLanguage == "ko");
        CHECK(manager->GetTerminal(*id).desiredConfigVersion == config.version);
    }
    CHECK(manager->GetTerminalConfig(a.kiosk.terminal.id).version == 3);
    CHECK(manager->GetTerminalConfig(b.agent.terminal.id).settings.displayLanguage == "ja");
    CHECK(manager->GetTerminalConfigHistory(a2Kiosk.terminal.id)[0].origin == "jurisdiction");
    // A bad setting changes none of them.
    CHECK(ApiErrorOf([&] {
              manager->PutJurisdictionConfig(a.jurisdiction.id, {{"volume", -1}});
          }).Code() == "invalid_field");
    CHECK(manager->GetTerminalConfig(a.kiosk.terminal.id).version == 3);
}

TEST_CASE("A remote-support window ends by itself at until, by the clock") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "W");
    auto kiosk = Device(server, site.kiosk.deviceToken);
    const auto until = TestEpoch() + 2h;
    manager->PutTerminalConfig(
        site.kiosk.terminal.id,
        {{"remote_support", {{"enabled", true}, {"until", model::FormatRfc3339Utc(until)}}}},
        std::nullopt);

    server.Clock().Set(until - 1s);
    auto config = kiosk->Send("GET", "/api/v1/terminal/config").get<model::TerminalConfig>();
    CHECK(config.settings.remoteSupport.enabled);
    server.Clock().Set(until);
    config = kiosk->Send("GET", "/api/v1/terminal/config").get<model::TerminalConfig>();
    CHECK_FALSE(config.settings.remoteSupport.enabled);
    // The setting as made stays in the record; only what the terminal runs has ended.
    manager = LoggedIn(server, kManager); // the first session timed out meanwhile
    CHECK(manager->GetTerminalConfig(site.kiosk.terminal.id).settings.remoteSupport.enabled);
}
