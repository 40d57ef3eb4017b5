#include "resv/model/Facility.h"
#include "resv/model/Json.h"
#include "resv/model/Page.h"
#include "resv/model/Terminal.h"

#include <catch2/catch.hpp>

using namespace resv::model;

namespace {

template <typename T>
std::string FailingField(const Json& j) {
    try {
        (void)j.get<T>();
    } catch (const ValidationError& e) {
        REQUIRE_FALSE(e.Errors().empty());
        return e.Errors().front().field;
    }
    FAIL("no ValidationError");
    return {};
}

} // namespace

TEST_CASE("Characters are counted as code points, and bad UTF-8 is refused") {
    CHECK(CountCharacters("abc") == 3);
    CHECK(CountCharacters("デモホテル") == 5);
    CHECK(CountCharacters("𠮷野家") == 3);
    CHECK(IsValidUtf8("デモ 𠮷"));
    CHECK_FALSE(IsValidUtf8("\xC3"));             // truncated
    CHECK_FALSE(IsValidUtf8("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));     // a surrogate
    CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80")); // beyond U+10FFFF
    CHECK_FALSE(IsValidUtf8("a\x80"));
}

TEST_CASE("A facility patch names only what it changes and trims names") {
    const auto patch = Json::parse(R"({"name":"  デモホテル 新宿  "})").get<FacilityPatch>();
    CHECK(patch.name == "デモホテル 新宿");
    CHECK_FALSE(patch.jurisdictionId.has_value());
    CHECK(Json(patch) == Json::parse(R"({"name":"デモホテル 新宿"})"));
    CHECK_THROWS_AS(RequireForCreate(patch), ValidationError);
}

TEST_CASE("Facility fields are checked one by one") {
    CHECK(FailingField<FacilityPatch>(Json::parse(R"({"name":"   "})")) == "name");
    CHECK(FailingField<FacilityPatch>(Json::parse(R"({"name":null})")) == "name");
    CHECK(FailingField<FacilityPatch>(Json::parse(R"({"jurisdiction_id":""})")) ==
          "jurisdiction_id");
    CHECK(FailingField<FacilityPatch>(Json::parse(R"({"phone":"03-1234-abcd"})")) == "phone");
    CHECK(FailingField<FacilityPatch>(Json::parse(R"({"address":"a\u0007b"})")) == "address");
    CHECK(FailingField<FacilityPatch>(Json::parse(R"({"nmae":"typo"})")) == "nmae");
    CHECK(FailingField<FacilityPatch>(Json{{"name", std::string(101, 'x')}}) == "name");
    // 100 Japanese characters are 300 bytes, and still fit.
    std::string hundred;
    for (int i = 0; i < 100; ++i) {
        hundred += "館";
    }
    CHECK(Json{{"name", hundred}}.get<FacilityPatch>().name == hundred);
    CHECK(Json::parse(R"({"notes":"一行目\n二行目"})").get<FacilityPatch>().notes ==
          "一行目\n二行目");
}

TEST_CASE("Creating a facility needs a name and a jurisdiction, both reported at once") {
    try {
        RequireForCreate(FacilityPatch{});
        FAIL("no error");
    } catch (const ValidationError& e) {
        REQUIRE(e.Errors().size() == 2);
        CHECK(e.Errors()[0].field == "name");
        CHECK(e.Errors()[1].field == "jurisdiction_id");
    }
}

TEST_CASE("IP addresses are v4 or v6 and kept in canonical form") {
    for (const char* good : {"192.0.2.10", "10.0.0.1", "::1", "2001:db8::1", "fe80::1:2:3:4"}) {
        INFO(good);
        CHECK(IsValidIpAddress(good));
    }
    for (const char* bad : {"", "192.0.2", "192.0.2.256", "1.2.3.4.5", "host.example",
                            "2001:db8:::1", " 192.0.2.1", "192.0.2.1/24"}) {
        INFO(bad);
        CHECK_FALSE(IsValidIpAddress(bad));
    }
    CHECK(CanonicalIpAddress("2001:0DB8:0000::0001") == "2001:db8::1");
    const auto patch = Json::parse(R"({"ip_address":"2001:0db8::0001"})").get<TerminalPatch>();
    CHECK(patch.ipAddress == "2001:db8::1");
    CHECK(FailingField<TerminalPatch>(Json::parse(R"({"ip_address":"999.1.1.1"})")) ==
          "ip_address");
}

TEST_CASE("Terminal kinds and states are strict") {
    CHECK(FailingField<TerminalPatch>(Json::parse(R"({"kind":"KIOSK"})")) == "kind");
    CHECK(Json::parse(R"({"kind":"agent_pc"})").get<TerminalPatch>().kind == TerminalKind::AgentPc);
    CHECK(FailingField<Heartbeat>(Json::parse(
              R"({"app_version":"1.0","ip_address":"192.0.2.1","state":"busy"})")) == "state");
    CHECK(FailingField<Heartbeat>(Json::parse(
              R"({"app_version":"","ip_address":"192.0.2.1","state":"idle"})")) == "app_version");
}

TEST_CASE("A terminal round-trips with its computed status") {
    Terminal t;
    t.id = "ter_1";
    t.facilityId = "fac_1";
    t.name = "ロビー KIOSK 1";
    t.kind = TerminalKind::Kiosk;
    t.ipAddress = "192.0.2.10";
    t.reportedIp = "192.0.2.99";
    t.state = TerminalState::InCall;
    t.lastSeenAt = ParseRfc3339("2026-11-25T08:10:49.123Z");
    t.online = true;
    t.ipMismatch = true;
    t.desiredConfigVersion = 4;
    t.appliedConfigVersion = 3;
    t.configState = ConfigState::Pending;
    const Json j = t;
    CHECK(j.at("state") == "in_call");
    CHECK(j.at("config_state") == "pending");
    CHECK(j.at("last_seen_at") == "2026-11-25T08:10:49.123Z");
    CHECK(j.get<Terminal>() == t);
}

TEST_CASE("A call report may not end before it starts") {
    const auto ok = Json::parse(R"({"agent_terminal_id":"ter_2","started_at":"2026-11-25T08:00:00Z",
        "ended_at":"2026-11-25T08:05:00Z","result":"completed"})");
    CHECK(ok.get<CallReport>().result == CallResult::Completed);
    Json backwards = ok;
    backwards["ended_at"] = "2026-11-25T07:59:59Z";
    CHECK(FailingField<CallReport>(backwards) == "ended_at");
    Json badResult = ok;
    badResult["result"] = "hung_up";
    CHECK(FailingField<CallReport>(badResult) == "result");
}

TEST_CASE("A configuration acknowledgement names a real version and result") {
    CHECK(Json::parse(R"({"version":3,"result":"failed","reason":"disk full"})")
              .get<ConfigAck>()
              .reason == "disk full");
    CHECK(FailingField<ConfigAck>(Json::parse(R"({"version":0,"result":"applied"})")) == "version");
    CHECK(FailingField<ConfigAck>(Json::parse(R"({"version":2,"result":"done"})")) == "result");
}

TEST_CASE("A page carries its items and the cursor of the next one") {
    Page<Jurisdiction> page;
    page.items = {Jurisdiction{"jur_1", "東京管轄", 4, 15}};
    page.nextCursor = "abc";
    const Json j = page;
    CHECK(j.at("next_cursor") == "abc");
    CHECK(j.get<Page<Jurisdiction>>() == page);
    page.nextCursor.reset();
    CHECK(Json(page).at("next_cursor").is_null());
}
