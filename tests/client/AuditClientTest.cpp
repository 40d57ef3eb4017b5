// The usage history's query string and the AuditEvent JSON the chain hashes, without a server:
// a filter dropped or misspelt here would silently show the user the wrong events.

#include "resv/client/AuditApi.h"
#include "resv/model/AuditEvent.h"
#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <set>

using namespace resv;
using client::AuditQuery;
using client::ToQueryString;
using model::AuditEvent;
using model::Json;

namespace {

AuditEvent FullEvent() {
    AuditEvent event;
    event.sequence = 42;
    event.at = model::TimePoint{std::chrono::milliseconds{1'795'791'600'123}};
    event.actor = {"a7f3c2e91b", "manager", "山田 花子", "customermanager"};
    event.sourceIp = "192.0.2.10";
    event.action = "account.disable";
    event.target = model::AuditTarget{"account", "b81e2c", "田中 健"};
    event.result = model::AuditResult::Success;
    event.details = Json{{"before", {{"status", "active"}}}, {"after", {{"status", "disabled"}}}};
    event.prevHash = std::string(64, '0');
    event.hash = std::string(64, 'f');
    return event;
}

/// What the system does by itself: no actor, no address, no target.
AuditEvent SystemEvent() {
    AuditEvent event;
    event.sequence = 7;
    event.at = model::JstDayStart(2026, 11, 28);
    event.action = "audit.checkpoint";
    event.result = model::AuditResult::Failed;
    event.prevHash = std::string(64, 'a');
    event.hash = std::string(64, 'b');
    return event;
}

std::set<std::string> Keys(const Json& object) {
    std::set<std::string> keys;
    for (const auto& [key, value] : object.items()) {
        keys.insert(key);
    }
    return keys;
}

} // namespace

TEST_CASE("An audit query with nothing set asks for the newest page of the default size") {
    CHECK(ToQueryString(AuditQuery{}) == "?order=desc&limit=100");
}

TEST_CASE("An audit query sends every filter it has, percent-encoded, and omits empty ones") {
    AuditQuery query;
    query.from = model::JstDayStart(2026, 11, 28);
    query.to = model::JstDayStart(2026, 11, 29);
    query.actor = "yamada.t";
    query.action = "account.";
    query.result = model::AuditResult::Denied;
    query.targetType = "route";
    query.q = "山田 & a=b";
    query.limit = 500;
    query.descending = false;

    SECTION("with a cursor") {
        query.cursor = "eyJhIjoxfQ+/=";
        CHECK(ToQueryString(query) ==
              "?from=2026-11-27T15%3A00%3A00.000Z&to=2026-11-28T15%3A00%3A00.000Z"
              "&actor=yamada.t&action=account.&result=denied&target_type=route"
              "&q=%E5%B1%B1%E7%94%B0%20%26%20a%3Db&order=asc&cursor=eyJhIjoxfQ%2B%2F%3D&limit=500");
    }
    SECTION("with an offset") {
        query.offset = 250'000;
        CHECK(ToQueryString(query).ends_with("&order=asc&offset=250000&limit=500"));
    }
    SECTION("empty text filters are left out, not sent empty") {
        query.actor.clear();
        query.action.clear();
        query.targetType.clear();
        query.q.clear();
        query.result.reset();
        query.to.reset();
        CHECK(ToQueryString(query) == "?from=2026-11-27T15%3A00%3A00.000Z&order=asc&limit=500");
    }
}

TEST_CASE("A JST day's start in the query is the instant nine hours before, in UTC") {
    AuditQuery query;
    query.from = model::TimePoint{std::chrono::milliseconds{1'795'791'600'007}};
    // 2026-11-27T15:00:00.007Z: milliseconds are kept, so an exclusive `to` is exact.
    CHECK(ToQueryString(query).starts_with("?from=2026-11-27T15%3A00%3A00.007Z&"));
}

TEST_CASE("An audit event survives its JSON form unchanged") {
    for (const AuditEvent& event : {FullEvent(), SystemEvent()}) {
        const Json json = event;
        CHECK(json.get<AuditEvent>() == event);
        CHECK(Json::parse(json.dump()).get<AuditEvent>() == event);
    }
}

TEST_CASE("The JSON form has the wire's field names and null for what is missing") {
    const Json full = FullEvent();
    CHECK(full.at("at") == "2026-11-27T15:00:00.123Z");
    CHECK(full.at("actor") == Json{{"id", "a7f3c2e91b"},
                                   {"login_id", "manager"},
                                   {"display_name", "山田 花子"},
                                   {"role", "customermanager"}});
    CHECK(full.at("target") == Json{{"type", "account"}, {"id", "b81e2c"}, {"label", "田中 健"}});
    CHECK(full.at("result") == "success");

    const Json system = SystemEvent();
    CHECK(
        system.at("actor") ==
        Json{{"id", nullptr}, {"login_id", nullptr}, {"display_name", nullptr}, {"role", nullptr}});
    CHECK(system.at("source_ip").is_null());
    CHECK(system.at("target").is_null());
    CHECK(system.at("details") == Json::object());
    CHECK(system.at("result") == "failed");
}

TEST_CASE("What the chain hashes is the event without its hash and nothing else") {
    const AuditEvent event = FullEvent();
    const Json hashed = model::WithoutHash(event);
    CHECK_FALSE(hashed.contains("hash"));
    CHECK(Keys(hashed) == std::set<std::string>{"sequence", "at", "actor", "source_ip", "action",
                                                "target", "result", "details", "prev_hash"});
    Json whole = event;
    whole.erase("hash");
    CHECK(whole == hashed);
    // Keys sorted, no whitespace: the canonical text DESIGN.md defines.
    CHECK(hashed.dump().starts_with(R"({"action":"account.disable","actor":{"display_name":)"));
}

TEST_CASE("An audit event with an unknown result is refused, not read as a success") {
    Json json = FullEvent();
    for (const char* bad : {"ok", "Success", "", "denied "}) {
        json["result"] = bad;
        INFO(bad);
        CHECK_THROWS_AS(json.get<AuditEvent>(), model::ValidationError);
    }
    json["result"] = 1;
    CHECK_THROWS(json.get<AuditEvent>());
    for (const char* good : {"success", "denied", "failed"}) {
        json["result"] = good;
        CHECK(model::ToString(json.get<AuditEvent>().result) == std::string(good));
    }
}

TEST_CASE("An audit event without its hash or sequence is refused") {
    for (const char* key : {"hash", "prev_hash", "sequence", "at", "action", "result"}) {
        Json json = FullEvent();
        json.erase(key);
        INFO(key);
        CHECK_THROWS_AS(json.get<AuditEvent>(), model::ValidationError);
    }
}

TEST_CASE("Count and verification answers read as the API writes them") {
    const model::AuditCount count{1204, 98311};
    CHECK(Json(count) == Json{{"count", 1204}, {"latest_sequence", 98311}});
    CHECK(Json(count).get<model::AuditCount>() == count);

    model::AuditVerification broken;
    broken.checked = 1204;
    broken.firstBadSequence = 311;
    broken.firstBadReason = "altered";
    broken.checkpoint = model::AuditCheckpointStatus{1180, model::JstDayStart(2026, 11, 28), false};
    CHECK(Json(broken).get<model::AuditVerification>() == broken);
    CHECK(Json(broken).at("checkpoint").at("at") == "2026-11-27T15:00:00.000Z");

    const model::AuditVerification intact{true, 1204, std::nullopt, std::nullopt, std::nullopt};
    CHECK(Json(intact).at("checkpoint").is_null());
    CHECK(Json(intact).get<model::AuditVerification>() == intact);
}
