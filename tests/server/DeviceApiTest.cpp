// The terminal API: device tokens reach only /api/v1/terminal/* and nothing else accepts them;
// status by the injected clock; heartbeats write no SQLite; KIOSK calls become usage events.

#include "support/SqliteFile.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;
using namespace std::chrono_literals;

namespace {

model::Json Call(const std::string& agentId, const std::string& result = "completed") {
    return {{"agent_terminal_id", agentId},
            {"started_at", model::FormatRfc3339Utc(TestEpoch() - 10min)},
            {"ended_at", model::FormatRfc3339Utc(TestEpoch() - 6min)},
            {"result", result}};
}

} // namespace

TEST_CASE("A device token reaches only the terminal API, and the terminal API only device tokens") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "T");
    auto kiosk = Device(server, site.kiosk.deviceToken);

    CHECK(Heartbeat(*kiosk) == 1);
    const std::vector<std::string> sessionPaths{
        "/api/v1/me", "/api/v1/terminals", "/api/v1/jurisdictions",
        "/api/v1/terminals/" + site.kiosk.terminal.id + "/config"};
    for (const auto& path : sessionPaths) {
        INFO(path);
        const auto error = ApiErrorOf([&] { kiosk->Send("GET", path); });
        CHECK(error.Status() == 401);
        CHECK(error.Code() == "unauthenticated");
    }
    CHECK(ApiErrorOf([&] { kiosk->Send("DELETE", "/api/v1/sessions/current"); }).Status() == 401);

    // A session token is no device token.
    CHECK(ApiErrorOf([&] { manager->Send("GET", "/api/v1/terminal/config"); }).Code() ==
          "unauthenticated");
    CHECK(ApiErrorOf([&] { Heartbeat(*manager); }).Status() == 401);
    CHECK(ApiErrorOf([&] {
              manager->Send("POST", "/api/v1/terminal/calls", Call(site.agent.terminal.id));
          }).Status() == 401);
    CHECK(ApiErrorOf([&] {
              manager->Send("POST", "/api/v1/terminal/config/ack",
                            {{"version", 1}, {"result", "applied"}});
          }).Status() == 401);
}

TEST_CASE("Rotating a token revokes the old one, and deleting a terminal revokes its token") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "K");
    auto old = Device(server, site.kiosk.deviceToken);
    CHECK(Heartbeat(*old) == 1); // the token is now in the server's cache

    const auto rotated = manager->RotateTerminalToken(site.kiosk.terminal.id);
    CHECK(rotated.deviceToken != site.kiosk.deviceToken);
    CHECK(ApiErrorOf([&] { Heartbeat(*old); }).Code() == "unauthenticated");
    auto fresh = Device(server, rotated.deviceToken);
    CHECK(Heartbeat(*fresh) == 1);

    auto agent = Device(server, site.agent.deviceToken);
    CHECK(Heartbeat(*agent) == 1);
    manager->DeleteTerminal(site.agent.terminal.id);
    CHECK(ApiErrorOf([&] { Heartbeat(*agent); }).Code() == "unauthenticated");
}

TEST_CASE("Online within 90 seconds of the last heartbeat, by the clock, with the reported IP and "
          "state") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "O");
    auto kiosk = Device(server, site.kiosk.deviceToken);
    const auto& id = site.kiosk.terminal.id;

    CHECK_FALSE(manager->GetTerminal(id).online);
    Heartbeat(*kiosk, "198.51.100.7", "in_call");
    auto terminal = manager->GetTerminal(id);
    CHECK(terminal.online);
    CHECK(terminal.lastSeenAt == TestEpoch());
    CHECK(terminal.appVersion == "3.2.1");
    CHECK(terminal.reportedIp == "198.51.100.7");
    CHECK(terminal.ipMismatch);
    CHECK(terminal.state == model::TerminalState::InCall);

    server.Clock().Advance(90s);
    CHECK(manager->GetTerminal(id).online);
    server.Clock().Advance(1ms);
    CHECK_FALSE(manager->GetTerminal(id).online);

    Heartbeat(*kiosk, "192.0.2.10");
    terminal = manager->GetTerminal(id);
    CHECK(terminal.online);
    CHECK_FALSE(terminal.ipMismatch);
}

TEST_CASE(
    "A heartbeat writes no SQLite, its presence is written in a batch at the latest on stop") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "P");
    auto kiosk = Device(server, site.kiosk.deviceToken);
    const auto db = server.DataDir() / "resv.db";
    const auto lastSeen = [&] {
        return QueryRows(db, "SELECT last_seen_at FROM terminals WHERE id = ?1",
                         {site.kiosk.terminal.id})
            .at(0)
            .at("last_seen_at");
    };
    Heartbeat(*kiosk);
    CHECK(lastSeen().is_null());
    CHECK(manager->GetTerminal(site.kiosk.terminal.id).lastSeenAt == TestEpoch());
    server.Server().Stop();
    CHECK(lastSeen() == model::Json(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        TestEpoch().time_since_epoch())
                                        .count()));
}

TEST_CASE("A KIOSK's call becomes a terminal.call event in its tenant, and bad calls are 400") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "C");
    const Site second = MakeSite(*manager, "C2");
    auto kiosk = Device(server, site.kiosk.deviceToken);

    kiosk->Send("POST", "/api/v1/terminal/calls", Call(second.agent.terminal.id, "abandoned"));
    const auto events =
        QueryRows(server.DataDir() / "resv.db",
                  "SELECT e.target_id AS target, e.details_json, "
                  "json_object('id', e.actor_id, 'login_id', e.actor_login_id, 'display_name', "
                  "e.actor_display_name, 'role', e.actor_role) AS actor_json FROM audit_events e "
                  "JOIN tenants t "
                  "ON t.id = e.tenant_id WHERE t.code = 'demo' AND e.action = 'terminal.call'");
    REQUIRE(events.size() >= 1);
    const auto& event = events.back();
    CHECK(event.at("target") == site.kiosk.terminal.id);
    const auto details = model::Json::parse(event.at("details_json").get<std::string>());
    CHECK(details.at("agent").at("id") == second.agent.terminal.id);
    CHECK(details.at("call_result") == "abandoned");
    CHECK(details.at("duration_seconds") == 240);
    CHECK(model::Json::parse(event.at("actor_json").get<std::string>()).at("display_name") ==
          "KIOSK C");

    const auto fieldOf = [&](client::ApiClient& device, const model::Json& call) {
        const auto error = ApiErrorOf([&] { device.Send("POST", "/api/v1/terminal/calls", call); });
        CHECK(error.Status() == 400);
        return error.Problem().errors.empty() ? std::string() : error.Problem().errors[0].field;
    };
    CHECK(fieldOf(*kiosk, Call(second.kiosk.terminal.id)) == "agent_terminal_id");
    CHECK(fieldOf(*kiosk, Call("trm_nosuchterminal")) == "agent_terminal_id");
    auto other = LoggedIn(server, kOtherManager);
    const Site foreign = MakeSite(*other, "F");
    CHECK(fieldOf(*kiosk, Call(foreign.agent.terminal.id)) == "agent_terminal_id");
    auto agent = Device(server, site.agent.deviceToken);
    CHECK(fieldOf(*agent, Call(second.agent.terminal.id)) == "kind");
    auto backwards = Call(second.agent.terminal.id);
    backwards["ended_at"] = model::FormatRfc3339Utc(TestEpoch() - 20min);
    CHECK(fieldOf(*kiosk, backwards) == "ended_at");
}
