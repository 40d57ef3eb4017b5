// 監視 (CLD.12.4.5) over HTTPS: GET /api/v1/status and /status/terminals for manager tier and up
// (employees 403), a provider operator's hand-set status (audited in the provider's tenant), the
// terminals online per facility within the caller's scope, and the terminal gateway's probe
// telling terminals that stop together from terminals switched off for the night.

#include "support/SqliteFile.h"
#include "support/StoredAccounts.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace resv;
using namespace resv::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

struct Answer {
    int status = 0;
    json body;
};

Answer Call(client::ApiClient& client, const std::string& method, const std::string& path,
            const json& body = nullptr) {
    const auto result = client.SendRaw(method, path, body.is_null() ? "" : body.dump(),
                                       body.is_null() ? "" : "application/json");
    Answer answer{result.status, nullptr};
    if (!result.body.empty()) {
        answer.body = json::parse(result.body);
    }
    return answer;
}

json Get(client::ApiClient& client, const std::string& path) {
    const Answer answer = Call(client, "GET", path);
    INFO(answer.body.dump());
    REQUIRE(answer.status == 200);
    return answer.body;
}

const json& Component(const json& status, const std::string& id) {
    for (const auto& component : status.at("components")) {
        if (component.at("id") == id) {
            return component;
        }
    }
    FAIL("no component " << id);
    throw std::logic_error("unreachable");
}

const json* FacilityOf(const json& presence, const std::string& facilityId) {
    for (const auto& item : presence.at("items")) {
        if (item.at("facility_id") == facilityId) {
            return &item;
        }
    }
    return nullptr;
}

std::vector<json> ComponentEvents(const TestServer& server) {
    return QueryRows(server.DataDir() / "resv.db",
                     "SELECT t.code AS tenant, e.action, e.target_id, e.details_json "
                     "FROM audit_events e JOIN tenants t ON t.id = e.tenant_id "
                     "WHERE e.action LIKE 'component.%' ORDER BY e.id");
}

} // namespace

TEST_CASE("Manager tier reads the four components with 90 JST days of uptime; employees are "
          "refused; a provider session outside tenants reads the status and no terminals") {
    TestServer server;
    const auto manager = LoggedIn(server, kManager);
    const json status = Get(*manager, "/api/v1/status");
    CHECK(status.at("checked_at") == model::FormatRfc3339Utc(TestEpoch()));
    std::vector<std::string> ids;
    for (const auto& component : status.at("components")) {
        ids.push_back(component.at("id"));
        INFO(component.dump());
        CHECK(component.contains("name"));
        CHECK(component.contains("status"));
        CHECK(component.contains("updated_at"));
        CHECK(component.contains("message"));
        CHECK(component.at("set_by_operator") == false);
        CHECK(component.at("latency").is_array());
        const json& uptime = component.at("uptime");
        REQUIRE(uptime.size() == 90);
        CHECK(uptime.front().at("date") == "2026-08-28");
        CHECK(uptime.back().at("date") == "2026-11-25"); // 17:00 JST
        CHECK(uptime.front().at("percent") == 100.0);    // the demo's history
    }
    CHECK(ids == std::vector<std::string>{"api", "database", "terminal_gateway", "notifications"});
    CHECK(Component(status, "api").at("name") == "API");
    CHECK(Component(status, "api").at("status") == "operational");
    CHECK(Component(status, "database").at("status") == "operational");
    // The demo's history: the database degraded for an hour 23 days ago (it kept serving), the
    // terminal gateway partly out for three hours 9 days ago.
    CHECK(Component(status, "database").at("uptime")[89 - 23].at("percent") == 100.0);
    CHECK(Component(status, "terminal_gateway").at("uptime")[89 - 9].at("percent") == 93.75);
    // The test server has no SMTP server.
    const json& notifications = Component(status, "notifications");
    CHECK(notifications.at("status") == "degraded");
    CHECK(notifications.at("message") == "No mail server configured");

    const auto viewer = LoggedIn(server, kViewer);
    CHECK(Get(*viewer, "/api/v1/status").at("components").size() == 4);
    CHECK(Get(*viewer, "/api/v1/status/terminals").at("items").size() > 0);

    const auto staff = LoggedIn(server, kStaff);
    for (const char* path : {"/api/v1/status", "/api/v1/status/terminals"}) {
        INFO(path);
        const Answer refused = Call(*staff, "GET", path);
        CHECK(refused.status == 403);
        CHECK(refused.body.at("code") == "forbidden");
    }

    const auto provider = LoggedIn(server, kSupport);
    CHECK(Get(*provider, "/api/v1/status").at("components").size() == 4);
    const json none = Get(*provider, "/api/v1/status/terminals");
    CHECK(none.at("items").empty());
    CHECK(none.at("online") == 0);
    CHECK(none.at("offline") == 0);
}

TEST_CASE("A provider operator outside tenants sets and clears a component's status, audited in "
          "the provider's tenant; customers and an operator acting in a tenant may not") {
    TestServer server;
    const auto provider = LoggedIn(server, kSupport);
    const json maintenance{{"status", "maintenance"},
                           {"message", "データベースの定期メンテナンス"}};

    const auto manager = LoggedIn(server, kManager);
    const auto viewer = LoggedIn(server, kViewer);
    const auto actingOperator = LoggedIn(server, kSupport, "demo");
    for (auto* client : {manager.get(), viewer.get(), actingOperator.get()}) {
        CHECK(Call(*client, "PUT", "/api/v1/status/components/database", maintenance).status ==
              403);
        CHECK(Call(*client, "PUT", "/api/v1/status/components/database", json::object()).status ==
              403); // who may comes before what was sent
        CHECK(Call(*client, "DELETE", "/api/v1/status/components/database").status == 403);
    }
    CHECK(QueryRows(server.DataDir() / "resv.db", "SELECT * FROM component_overrides").empty());
    CHECK(ComponentEvents(server).empty());

    const Answer unknown = Call(*provider, "PUT", "/api/v1/status/components/backups", maintenance);
    CHECK(unknown.status == 404);
    CHECK(unknown.body.at("code") == "not_found");
    CHECK(Call(*provider, "DELETE", "/api/v1/status/components/backups").status == 404);
    const Answer badStatus = Call(*provider, "PUT", "/api/v1/status/components/database",
                                  {{"status", "broken"}, {"message", "x"}});
    CHECK(badStatus.status == 400);
    CHECK(badStatus.body.at("code") == "invalid_field");
    CHECK(Call(*provider, "PUT", "/api/v1/status/components/database",
               {{"status", "maintenance"}, {"message", ""}})
              .status == 400);
    CHECK(ComponentEvents(server).empty());

    const Answer set = Call(*provider, "PUT", "/api/v1/status/components/database", maintenance);
    REQUIRE(set.status == 200);
    CHECK(set.body.at("id") == "database");
    CHECK(set.body.at("status") == "maintenance");
    CHECK(set.body.at("message") == "データベースの定期メンテナンス");
    CHECK(set.body.at("set_by_operator") == true);
    CHECK(set.body.at("updated_at") == model::FormatRfc3339Utc(TestEpoch()));
    CHECK(set.body.at("uptime").size() == 90);

    const json afterSet = Get(*manager, "/api/v1/status");
    const json& shown = Component(afterSet, "database");
    CHECK(shown.at("status") == "maintenance");
    CHECK(shown.at("set_by_operator") == true);

    server.Clock().Advance(10min);
    REQUIRE(Call(*provider, "PUT", "/api/v1/status/components/database",
                 {{"status", "major_outage"}, {"message", "DB host down"}})
                .status == 200);
    const Answer cleared = Call(*provider, "DELETE", "/api/v1/status/components/database");
    REQUIRE(cleared.status == 200);
    CHECK(cleared.body.at("set_by_operator") == false);
    CHECK(cleared.body.at("status") == "operational"); // the probe's again
    CHECK(Call(*provider, "DELETE", "/api/v1/status/components/database").status == 200);

    const auto events = ComponentEvents(server);
    REQUIRE(events.size() == 3); // clearing nothing is no event
    for (const auto& event : events) {
        CHECK(event.at("tenant") == "provider");
        CHECK(event.at("target_id") == "database");
    }
    CHECK(events[0].at("action") == "component.status_set");
    CHECK(json::parse(events[0].at("details_json").get<std::string>()) ==
          json{{"before", nullptr}, {"after", maintenance}});
    CHECK(events[1].at("action") == "component.status_set");
    CHECK(json::parse(events[1].at("details_json").get<std::string>()).at("before") == maintenance);
    CHECK(events[2].at("action") == "component.status_clear");
    CHECK(json::parse(events[2].at("details_json").get<std::string>()) ==
          json{{"before", {{"status", "major_outage"}, {"message", "DB host down"}}},
               {"after", nullptr}});
}

TEST_CASE("Terminals online per facility, sorted by name, within the caller's scope") {
    TestServer server;
    const auto manager = LoggedIn(server, kManager);
    const Site a = MakeSite(*manager, "監視 A");
    const Site b = MakeSite(*manager, "監視 B");
    const auto kioskA = Device(server, a.kiosk.deviceToken);
    Heartbeat(*kioskA);

    json presence = Get(*manager, "/api/v1/status/terminals");
    const json* shownA = FacilityOf(presence, a.facility.id);
    const json* shownB = FacilityOf(presence, b.facility.id);
    REQUIRE(shownA);
    REQUIRE(shownB);
    CHECK(shownA->at("facility_name") == "ホテル 監視 A");
    CHECK(shownA->at("online") == 1);
    CHECK(shownA->at("offline") == 1);
    CHECK(shownB->at("online") == 0);
    CHECK(shownB->at("offline") == 2);
    std::vector<std::string> names;
    int online = 0;
    int offline = 0;
    for (const auto& item : presence.at("items")) {
        names.push_back(item.at("facility_name"));
        online += item.at("online").get<int>();
        offline += item.at("offline").get<int>();
    }
    CHECK(std::is_sorted(names.begin(), names.end()));
    CHECK(names.size() > 2); // the demo's facilities too
    CHECK(presence.at("online") == online);
    CHECK(presence.at("offline") == offline);
    CHECK(online == 1);

    server.Clock().Advance(91s); // no heartbeat for more than 90 s: offline
    presence = Get(*manager, "/api/v1/status/terminals");
    CHECK(FacilityOf(presence, a.facility.id)->at("online") == 0);
    CHECK(presence.at("online") == 0);

    const StoredAccount scoped = StoreAccount(server, "status.viewer", {"customermanager_viewer"},
                                              LimitedScope({}, {a.facility.id}));
    const json limited = Get(*LoggedIn(server, scoped), "/api/v1/status/terminals");
    REQUIRE(limited.at("items").size() == 1);
    CHECK(limited.at("items")[0].at("facility_id") == a.facility.id);
    CHECK(limited.at("offline") == 2);

    std::set<std::string> demoFacilities;
    for (const auto& item : presence.at("items")) {
        demoFacilities.insert(item.at("facility_id"));
    }
    const json other = Get(*LoggedIn(server, kOtherManager), "/api/v1/status/terminals");
    for (const auto& item : other.at("items")) {
        CHECK(demoFacilities.count(item.at("facility_id")) == 0);
    }
}

TEST_CASE("The terminal gateway: terminals in several facilities stopping together are a "
          "partial outage; terminals switched off one by one are not") {
    TestServer server;
    const auto manager = LoggedIn(server, kManager);
    std::vector<std::unique_ptr<client::ApiClient>> devices;
    for (const char* tag : {"P", "Q", "R", "S"}) {
        const Site site = MakeSite(*manager, tag);
        devices.push_back(Device(server, site.kiosk.deviceToken));
        devices.push_back(Device(server, site.agent.deviceToken));
    }
    const auto gateway = [&] {
        return Component(Get(*manager, "/api/v1/status"), "terminal_gateway");
    };

    SECTION("six of eight stop at once") {
        for (auto& device : devices) {
            Heartbeat(*device);
        }
        CHECK(gateway().at("status") == "operational");
        server.Clock().Advance(3min); // no sample is fresh now: the probe is asked
        Heartbeat(*devices[6]);
        Heartbeat(*devices[7]);
        const json status = gateway();
        INFO(status.dump());
        CHECK(status.at("status") == "partial_outage");
    }
    SECTION("switched off one by one for the night") {
        for (auto& device : devices) {
            Heartbeat(*device);
            server.Clock().Advance(3min);
        }
        // All eight silent, the last for 5 minutes (and the manager's session not yet idle for
        // its 30 minutes).
        server.Clock().Advance(2min);
        const json status = gateway();
        INFO(status.dump());
        CHECK(status.at("status") == "operational");
        CHECK(status.at("message") == "No terminal requests in the last minute; 0 of 8 terminals "
                                      "that reported in the last hour are online");
    }
}
