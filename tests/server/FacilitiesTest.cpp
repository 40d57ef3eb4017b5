// Jurisdictions, facilities and terminals over the API: validation, uniqueness, emptiness before
// delete, permissions by role, tenant isolation and the audit trail of every change.

#include "support/SqliteFile.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace resv;
using namespace resv::test;

namespace {

std::string FieldOf(const client::ApiError& error) {
    return error.Problem().errors.empty() ? std::string() : error.Problem().errors.front().field;
}

template <typename T>
bool Contains(const std::vector<T>& items, const std::string& id) {
    return std::any_of(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
}

std::vector<nlohmann::json> AuditOf(const TestServer& server, const std::string& action,
                                    const std::string& target) {
    return QueryRows(
        server.DataDir() / "resv.db",
        "SELECT e.details_json, "
        "json_object('id', e.actor_id, 'login_id', e.actor_login_id, 'display_name', "
        "e.actor_display_name, 'role', e.actor_role) AS actor_json "
        "FROM audit_events e "
        "JOIN tenants t ON t.id = e.tenant_id "
        "WHERE t.code = 'demo' AND e.action = ?1 AND e.target_id = ?2 ORDER BY sequence",
        {action, target});
}

} // namespace

TEST_CASE("A manager builds jurisdictions, facilities and terminals, and lists show the counts") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "A");

    CHECK(site.kiosk.deviceToken.size() >= 43);
    CHECK(site.kiosk.terminal.kind == model::TerminalKind::Kiosk);
    CHECK(site.kiosk.terminal.desiredConfigVersion == 1);
    CHECK_FALSE(site.kiosk.terminal.online);

    const auto jurisdictions = manager->ListJurisdictions();
    const auto j = std::find_if(jurisdictions.begin(), jurisdictions.end(),
                                [&](const auto& x) { return x.id == site.jurisdiction.id; });
    REQUIRE(j != jurisdictions.end());
    CHECK(j->facilityCount == 1);
    CHECK(j->terminalCount == 2);
    const auto facilities = manager->ListFacilities();
    const auto f = std::find_if(facilities.begin(), facilities.end(),
                                [&](const auto& x) { return x.id == site.facility.id; });
    REQUIRE(f != facilities.end());
    CHECK(f->terminalCount == 2);
    CHECK(f->address == "東京都新宿区西新宿1-1-1");
    CHECK(Contains(manager->ListTerminals(), site.agent.terminal.id));

    model::FacilityPatch rename;
    rename.name = "ホテル A 新館";
    CHECK(manager->UpdateFacility(site.facility.id, rename).name == "ホテル A 新館");
    model::TerminalPatch move;
    move.ipAddress = "2001:0db8::0001";
    CHECK(manager->UpdateTerminal(site.kiosk.terminal.id, move).ipAddress == "2001:db8::1");
}

TEST_CASE("Lists are paged with limit and cursor, and a foreign cursor is refused") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    for (int i = 0; i < 5; ++i) {
        manager->CreateJurisdiction({"管轄 " + std::to_string(i)});
    }
    const auto first = manager->Send("GET", "/api/v1/jurisdictions?limit=2");
    REQUIRE(first.at("items").size() == 2);
    REQUIRE(first.at("next_cursor").is_string());
    const auto second = manager->Send("GET", "/api/v1/jurisdictions?limit=2&cursor=" +
                                                 first.at("next_cursor").get<std::string>());
    CHECK(second.at("items").at(0).at("id") > first.at("items").at(1).at("id"));
    CHECK(manager->ListJurisdictions().size() >= 5);
    CHECK(ApiErrorOf([&] { manager->Send("GET", "/api/v1/jurisdictions?limit=501"); }).Code() ==
          "invalid_field");
    CHECK(ApiErrorOf([&] { manager->Send("GET", "/api/v1/facilities?cursor=jur_x"); }).Code() ==
          "invalid_cursor");
}

TEST_CASE("Bad IPs and missing parents are 400 invalid_field naming the field") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "B");

    auto badIp = NewTerminal(site.facility.id, "bad", model::TerminalKind::Kiosk, "192.0.2.300");
    auto error =
        ApiErrorOf([&] { manager->Send("POST", "/api/v1/terminals", model::Json(badIp)); });
    CHECK(error.Code() == "invalid_field");
    CHECK(FieldOf(error) == "ip_address");
    // The model refuses it in the client already; send it raw to see the server refuse it too.
    const auto raw = manager->SendRaw("POST", "/api/v1/terminals",
                                      R"({"name":"x","kind":"kiosk","facility_id":")" +
                                          site.facility.id + R"(","ip_address":"10.0.0.999"})",
                                      "application/json");
    CHECK(raw.status == 400);
    CHECK(model::Json::parse(raw.body).at("errors").at(0).at("field") == "ip_address");

    error = ApiErrorOf([&] {
        manager->CreateTerminal(
            NewTerminal("fac_nosuchfacility", "t", model::TerminalKind::Kiosk, "192.0.2.1"));
    });
    CHECK(error.Status() == 400);
    CHECK(error.Code() == "invalid_field");
    CHECK(FieldOf(error) == "facility_id");

    model::FacilityPatch orphan;
    orphan.name = "孤児ホテル";
    orphan.jurisdictionId = "jur_nosuchjurisdiction";
    error = ApiErrorOf([&] { manager->CreateFacility(orphan); });
    CHECK(error.Code() == "invalid_field");
    CHECK(FieldOf(error) == "jurisdiction_id");

    // Another tenant's facility is as missing as one that does not exist.
    auto other = LoggedIn(server, kOtherManager);
    const Site foreign = MakeSite(*other, "X");
    error = ApiErrorOf([&] {
        manager->CreateTerminal(
            NewTerminal(foreign.facility.id, "t", model::TerminalKind::Kiosk, "192.0.2.1"));
    });
    CHECK(FieldOf(error) == "facility_id");
    CHECK(other->GetTerminal(foreign.kiosk.terminal.id).facilityId == foreign.facility.id);
}

TEST_CASE("Names are unique within their parent: 409 conflict") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "C");

    CHECK(ApiErrorOf([&] { manager->CreateJurisdiction({"管轄 C"}); }).Code() == "conflict");
    model::FacilityPatch same;
    same.name = "ホテル C";
    same.jurisdictionId = site.jurisdiction.id;
    CHECK(ApiErrorOf([&] { manager->CreateFacility(same); }).Code() == "conflict");
    CHECK(ApiErrorOf([&] {
              manager->CreateTerminal(NewTerminal(site.facility.id, "KIOSK C",
                                                  model::TerminalKind::AgentPc, "192.0.2.9"));
          }).Status() == 409);
    // The same name under another parent is fine.
    const auto elsewhere = manager->CreateJurisdiction({"管轄 C2"});
    same.jurisdictionId = elsewhere.id;
    CHECK(manager->CreateFacility(same).name == "ホテル C");
    // Renaming onto a taken name is refused too, and changes nothing.
    model::JurisdictionPatch rename;
    rename.name = "管轄 C";
    CHECK(ApiErrorOf([&] { manager->UpdateJurisdiction(elsewhere.id, rename); }).Code() ==
          "conflict");
    CHECK(manager->Send("GET", "/api/v1/jurisdictions/" + elsewhere.id).at("name") == "管轄 C2");
}

TEST_CASE("Deleting what still holds something is 409 not_empty saying what") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "D");
    manager->CreateTerminal(
        NewTerminal(site.facility.id, "third", model::TerminalKind::Kiosk, "192.0.2.30"));

    auto error = ApiErrorOf([&] { manager->DeleteFacility(site.facility.id); });
    CHECK(error.Status() == 409);
    CHECK(error.Code() == "not_empty");
    CHECK(error.Problem().detail == "The facility still has 3 terminals.");
    error = ApiErrorOf([&] { manager->DeleteJurisdiction(site.jurisdiction.id); });
    CHECK(error.Code() == "not_empty");
    CHECK(error.Problem().detail == "The jurisdiction still has 1 facility.");

    for (const auto& t : manager->ListTerminals()) {
        if (t.facilityId == site.facility.id) {
            manager->DeleteTerminal(t.id);
        }
    }
    manager->DeleteFacility(site.facility.id);
    manager->DeleteJurisdiction(site.jurisdiction.id);
    CHECK(ApiErrorOf([&] { manager->GetTerminal(site.kiosk.terminal.id); }).Code() == "not_found");
    CHECK_FALSE(Contains(manager->ListJurisdictions(), site.jurisdiction.id));
}

TEST_CASE("Every change is an audit event with before and after, and never a token") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "E");
    model::TerminalPatch patch;
    patch.ipAddress = "192.0.2.99";
    manager->UpdateTerminal(site.kiosk.terminal.id, patch);
    const auto rotated = manager->RotateTerminalToken(site.kiosk.terminal.id);

    const auto created = AuditOf(server, "terminal.create", site.kiosk.terminal.id);
    REQUIRE(created.size() == 1);
    const auto createdDetails =
        model::Json::parse(created[0].at("details_json").get<std::string>());
    CHECK(createdDetails.at("before").is_null());
    CHECK(createdDetails.at("after").at("ip_address") == "192.0.2.10");
    CHECK(model::Json::parse(created[0].at("actor_json").get<std::string>()).at("login_id") ==
          "manager");

    const auto updated = AuditOf(server, "terminal.update", site.kiosk.terminal.id);
    REQUIRE(updated.size() == 1);
    const auto details = model::Json::parse(updated[0].at("details_json").get<std::string>());
    CHECK(details.at("before").at("ip_address") == "192.0.2.10");
    CHECK(details.at("after").at("ip_address") == "192.0.2.99");

    CHECK(AuditOf(server, "facility.create", site.facility.id).size() == 1);
    CHECK(AuditOf(server, "jurisdiction.create", site.jurisdiction.id).size() == 1);
    REQUIRE(AuditOf(server, "terminal.rotate_token", site.kiosk.terminal.id).size() == 1);

    const auto all =
        QueryRows(server.DataDir() / "resv.db", "SELECT details_json FROM audit_events");
    for (const auto& row : all) {
        const auto text = row.at("details_json").get<std::string>();
        CHECK(text.find(site.kiosk.deviceToken) == std::string::npos);
        CHECK(text.find(rotated.deviceToken) == std::string::npos);
    }
    // Only the hash of a device token is stored.
    const auto stored =
        QueryRows(server.DataDir() / "resv.db", "SELECT token_hash FROM terminals WHERE id = ?1",
                  {site.kiosk.terminal.id});
    CHECK(stored.at(0).at("token_hash") == Sha256HexOpenSsl(rotated.deviceToken));
}

TEST_CASE("Viewers and employees read but get 403 on every write") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "F");
    for (const auto* login : {&kViewer, &kStaff}) {
        INFO(login->loginId);
        auto reader = LoggedIn(server, *login);
        CHECK(Contains(reader->ListTerminals(), site.kiosk.terminal.id));
        CHECK(reader->GetTerminalConfig(site.kiosk.terminal.id).version == 1);
        const auto forbidden = [&](const std::function<void()>& call) {
            return ApiErrorOf(call).Code() == "forbidden";
        };
        CHECK(forbidden([&] { reader->CreateJurisdiction({"x"}); }));
        CHECK(forbidden([&] { reader->DeleteFacility(site.facility.id); }));
        CHECK(forbidden([&] { reader->UpdateTerminal(site.kiosk.terminal.id, {}); }));
        CHECK(forbidden([&] { reader->RotateTerminalToken(site.kiosk.terminal.id); }));
        CHECK(forbidden([&] {
            reader->PutTerminalConfig(site.kiosk.terminal.id, {{"volume", 1}}, std::nullopt);
        }));
        CHECK(forbidden([&] { reader->PutFacilityConfig(site.facility.id, {{"volume", 1}}); }));
    }
    CHECK(manager->GetTerminalConfig(site.kiosk.terminal.id).version == 1);
}

TEST_CASE("An operator acting in the tenant configures terminals but cannot change facilities") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "G");
    auto support = LoggedIn(server, kSupport, "demo");

    CHECK(Contains(support->ListFacilities(), site.facility.id));
    const auto config =
        support->PutTerminalConfig(site.kiosk.terminal.id, {{"volume", 80}}, std::nullopt);
    CHECK(config.version == 2);
    CHECK(config.settings.volume == 80);
    CHECK(ApiErrorOf([&] { support->CreateJurisdiction({"x"}); }).Code() == "forbidden");
    CHECK(ApiErrorOf([&] { support->DeleteTerminal(site.agent.terminal.id); }).Code() ==
          "forbidden");

    // Without act_as_tenant a provider session reaches no tenant's resources.
    auto provider = LoggedIn(server, kSupport);
    CHECK(ApiErrorOf([&] { provider->ListTerminals(); }).Status() == 403);
}

TEST_CASE("Another tenant's manager gets 404 for every id of demo") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "H");
    auto other = LoggedIn(server, kOtherManager);
    const auto notFound = [&](const std::function<void()>& call) {
        return ApiErrorOf(call).Code() == "not_found";
    };
    const auto& j = site.jurisdiction.id;
    const auto& f = site.facility.id;
    const auto& t = site.kiosk.terminal.id;
    CHECK(notFound([&] { other->Send("GET", "/api/v1/jurisdictions/" + j); }));
    CHECK(notFound([&] { other->UpdateJurisdiction(j, {"x"}); }));
    CHECK(notFound([&] { other->DeleteJurisdiction(j); }));
    CHECK(notFound([&] { other->PutJurisdictionConfig(j, {{"volume", 1}}); }));
    CHECK(notFound([&] { other->Send("GET", "/api/v1/facilities/" + f); }));
    CHECK(notFound([&] { other->UpdateFacility(f, {}); }));
    CHECK(notFound([&] { other->DeleteFacility(f); }));
    CHECK(notFound([&] { other->PutFacilityConfig(f, {{"volume", 1}}); }));
    CHECK(notFound([&] { other->GetTerminal(t); }));
    CHECK(notFound([&] { other->UpdateTerminal(t, {}); }));
    CHECK(notFound([&] { other->DeleteTerminal(t); }));
    CHECK(notFound([&] { other->RotateTerminalToken(t); }));
    CHECK(notFound([&] { other->GetTerminalConfig(t); }));
    CHECK(notFound([&] { other->PutTerminalConfig(t, {{"volume", 1}}, std::nullopt); }));
    CHECK(notFound([&] { other->GetTerminalConfigHistory(t); }));
    CHECK(notFound([&] { other->RollbackTerminalConfig(t, 1); }));
    CHECK_FALSE(Contains(other->ListTerminals(), t));
    CHECK_FALSE(Contains(other->ListFacilities(), f));
    CHECK_FALSE(Contains(other->ListJurisdictions(), j));
    // And nothing of demo changed.
    CHECK(manager->GetTerminal(t).name == "KIOSK H");
    CHECK(manager->GetTerminalConfig(t).version == 1);
}
