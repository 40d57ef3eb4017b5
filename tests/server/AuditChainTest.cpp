// Every login, failed login and logout is an audit event in the tenant's hash chain, which anyone
// can recompute from the rows as DESIGN.md "The audit chain" defines it.

#include "support/SqliteFile.h"
#include "support/TestServer.h"

#include "resv/model/Time.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;
using nlohmann::json;

namespace {

const std::string kGenesis(64, '0');

std::vector<json> EventsOf(const TestServer& server, const std::string& tenantCode) {
    return QueryRows(server.DataDir() / "resv.db",
                     "SELECT e.* FROM audit_events e JOIN tenants t ON t.id = e.tenant_id "
                     "WHERE t.code = ?1 ORDER BY e.sequence",
                     {tenantCode});
}

/// The event as the API returns it, without `hash`, rebuilt from its row.
json ActorOf(const json& row) {
    return json{{"id", row.at("actor_id")},
                {"login_id", row.at("actor_login_id")},
                {"display_name", row.at("actor_display_name")},
                {"role", row.at("actor_role")}};
}

json Canonical(const json& row) {
    const auto at = model::TimePoint{std::chrono::milliseconds{row.at("at").get<long long>()}};
    const json target = row.at("target_type").is_null() ? json(nullptr)
                                                        : json{{"type", row.at("target_type")},
                                                               {"id", row.at("target_id")},
                                                               {"label", row.at("target_label")}};
    return json{{"sequence", row.at("sequence")},
                {"at", model::FormatRfc3339Utc(at)},
                {"actor", ActorOf(row)},
                {"source_ip", row.at("source_ip")},
                {"action", row.at("action")},
                {"target", target},
                {"result", row.at("result")},
                {"details", json::parse(row.at("details_json").get<std::string>())},
                {"prev_hash", row.at("prev_hash")}};
}

/// Recomputes the chain; returns the index of the first event that does not fit, or -1.
int FirstBrokenLink(const std::vector<json>& events) {
    std::string previous = kGenesis;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const json& row = events[i];
        const bool dense = row.at("sequence") == static_cast<long long>(i + 1);
        const bool linked = row.at("prev_hash") == previous;
        const std::string hash = Sha256HexOpenSsl(previous + "\n" + Canonical(row).dump());
        if (!dense || !linked || row.at("hash") != hash) {
            return static_cast<int>(i);
        }
        previous = hash;
    }
    return -1;
}

std::vector<json> WithAction(const std::vector<json>& events, const std::string& action) {
    std::vector<json> matching;
    for (const auto& row : events) {
        if (row.at("action") == action) {
            matching.push_back(row);
        }
    }
    return matching;
}

} // namespace

TEST_CASE("Login, failed login and logout are audit events in a valid chain") {
    TestServer server;
    auto client = server.Client();
    const auto login = client->Login(RequestFor(kManager));
    server.Clock().Advance(std::chrono::minutes(1));
    client->Logout();
    model::LoginRequest unknown = RequestFor(kManager);
    unknown.loginId = "intruder";
    CHECK_THROWS(client->Login(unknown));
    model::LoginRequest wrong = RequestFor(kViewer);
    wrong.password = "guess";
    CHECK_THROWS(client->Login(wrong));

    const auto events = EventsOf(server, "demo");
    CHECK(FirstBrokenLink(events) == -1);

    const auto logins = WithAction(events, "session.login");
    REQUIRE(logins.size() == 1);
    const json actor = ActorOf(logins[0]);
    CHECK(actor == json{{"id", login.account.id},
                        {"login_id", "manager"},
                        {"display_name", "山田 花子"},
                        {"role", "customermanager"}});
    CHECK(logins[0].at("result") == "success");
    CHECK(logins[0].at("source_ip") == "127.0.0.1");
    CHECK(logins[0].at("at") == TestEpoch().time_since_epoch().count());

    const auto logouts = WithAction(events, "session.logout");
    REQUIRE(logouts.size() == 1);
    CHECK(logouts[0].at("target_id") == logins[0].at("target_id")); // the same session
    CHECK(logins[0].at("target_type") == "session");
    CHECK(logins[0].at("target_label") == "manager");

    const auto failures = WithAction(events, "session.login_failed");
    REQUIRE(failures.size() == 2);
    const json unknownActor = ActorOf(failures[0]);
    CHECK(unknownActor.at("id").is_null());
    CHECK(unknownActor.at("login_id") == "intruder");
    CHECK(failures[0].at("result") == "failed");
    CHECK(failures[0].at("target_id").is_null());
    CHECK(failures[0].at("target_label") == "intruder");
    CHECK(ActorOf(failures[1]).at("login_id") == "viewer");

    // Nothing secret in any event.
    for (const auto& row : events) {
        const std::string text = row.dump();
        CHECK(text.find(kManager.password) == std::string::npos);
        CHECK(text.find("guess") == std::string::npos);
    }
}

TEST_CASE("Changing a recorded event breaks the chain at that event") {
    TestServer server;
    auto client = server.Client();
    client->Login(RequestFor(kManager));
    client->Logout();
    auto events = EventsOf(server, "demo");
    REQUIRE(FirstBrokenLink(events) == -1);
    REQUIRE(events.size() >= 3);

    Execute(server.DataDir() / "resv.db", "DROP TRIGGER audit_events_no_update", {});
    Execute(server.DataDir() / "resv.db",
            "UPDATE audit_events SET source_ip = '10.0.0.1' WHERE hash = ?1",
            {events[1].at("hash").get<std::string>()});
    CHECK(FirstBrokenLink(EventsOf(server, "demo")) == 1);
}

TEST_CASE("An operator's login in a customer tenant is in that tenant's history too") {
    TestServer server;
    model::LoginRequest actInDemo = RequestFor(kSupport);
    actInDemo.actAsTenant = "demo";
    auto client = server.Client();
    client->Login(actInDemo);
    client->Logout();

    for (const char* tenant : {"demo", "provider"}) {
        INFO(tenant);
        const auto events = EventsOf(server, tenant);
        CHECK(FirstBrokenLink(events) == -1);
        const auto logins = WithAction(events, "session.login");
        REQUIRE(logins.size() == 1);
        CHECK(json::parse(logins[0].at("details_json").get<std::string>()) ==
              json{{"acting_as", "demo"}});
        CHECK(ActorOf(logins[0]).at("role") == "operator");
        CHECK(WithAction(events, "session.logout").size() == 1);
    }
    // The other customer sees nothing of it.
    CHECK(WithAction(EventsOf(server, "other"), "session.login").empty());
}
