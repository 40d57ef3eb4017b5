#include "resv/model/Json.h"
#include "resv/model/TerminalConfig.h"

#include <catch2/catch.hpp>

using namespace resv::model;
using namespace std::chrono_literals;

namespace {

const TimePoint kNow = *ParseRfc3339("2026-11-25T08:00:00Z");

std::string FailingField(const TerminalSettings& current, const char* patch) {
    try {
        (void)ApplySettingsPatch(current, Json::parse(patch), kNow);
    } catch (const ValidationError& e) {
        REQUIRE(e.Errors().size() == 1);
        return e.Errors().front().field;
    }
    FAIL("no ValidationError for " << patch);
    return {};
}

} // namespace

TEST_CASE("A patch changes only the settings it names") {
    const TerminalSettings current;
    const auto next = ApplySettingsPatch(current, Json::parse(R"({"volume":80})"), kNow);
    CHECK(next.volume == 80);
    CHECK(next.displayLanguage == current.displayLanguage);
    CHECK(next.businessHours == current.businessHours);
    CHECK(ChangedSettings(current, next) == std::vector<std::string>{"volume"});
}

TEST_CASE("Each setting is validated and the error names it") {
    const TerminalSettings s;
    CHECK(FailingField(s, R"({"volume":101})") == "volume");
    CHECK(FailingField(s, R"({"volume":-1})") == "volume");
    CHECK(FailingField(s, R"({"volume":"50"})") == "volume");
    CHECK(FailingField(s, R"({"volume":50.5})") == "volume");
    CHECK(FailingField(s, R"({"display_language":"fr"})") == "display_language");
    CHECK(FailingField(s, R"({"idle_message":null})") == "idle_message");
    CHECK(FailingField(s, R"({"brightness":3})") == "brightness");
    CHECK(FailingField(s, R"({})") == "settings");
    CHECK(
        FailingField(s, R"({"business_hours":{"days":["mon"],"open":"18:00","close":"09:00"}})") ==
        "business_hours.close");
    CHECK(FailingField(
              s, R"({"business_hours":{"days":["monday"],"open":"09:00","close":"18:00"}})") ==
          "business_hours.days");
    CHECK(FailingField(s, R"({"business_hours":{"days":[],"open":"09:00","close":"18:00"}})") ==
          "business_hours.days");
    CHECK(FailingField(s, R"({"business_hours":{"days":["mon"],"open":"9:00","close":"18:00"}})") ==
          "business_hours.open");
    CHECK(
        FailingField(s, R"({"business_hours":{"days":["mon"],"open":"09:00","close":"24:30"}})") ==
        "business_hours.close");
}

TEST_CASE("An idle message is at most 200 characters, counted as a person counts them") {
    std::string message;
    for (int i = 0; i < 200; ++i) {
        message += "あ";
    }
    const TerminalSettings s;
    CHECK(ApplySettingsPatch(s, Json{{"idle_message", message}}, kNow).idleMessage == message);
    CHECK_THROWS_AS(ApplySettingsPatch(s, Json{{"idle_message", message + "あ"}}, kNow),
                    ValidationError);
}

TEST_CASE("A remote-support window ends in the future and at most 24 hours ahead") {
    const TerminalSettings s;
    const auto within =
        Json{{"remote_support", {{"enabled", true}, {"until", FormatRfc3339Utc(kNow + 24h)}}}};
    CHECK(ApplySettingsPatch(s, within, kNow).remoteSupport.until == kNow + 24h);

    CHECK(
        FailingField(s, R"({"remote_support":{"enabled":true,"until":"2026-11-26T08:00:01Z"}})") ==
        "remote_support.until");
    CHECK(
        FailingField(s, R"({"remote_support":{"enabled":true,"until":"2026-11-25T08:00:00Z"}})") ==
        "remote_support.until");
    CHECK(FailingField(s, R"({"remote_support":{"enabled":true}})") == "remote_support.until");
    // Closing the window needs no time and forgets any.
    const auto closed = ApplySettingsPatch(
        s, Json::parse(R"({"remote_support":{"enabled":false,"until":"2020-01-01T00:00:00Z"}})"),
        kNow);
    CHECK(closed.remoteSupport == RemoteSupport{});
}

TEST_CASE("A remote-support window ends by itself at until") {
    TerminalSettings s;
    s.remoteSupport = RemoteSupport{true, kNow + 2h};
    CHECK(EffectiveSettings(s, kNow + 1h).remoteSupport.enabled);
    CHECK_FALSE(EffectiveSettings(s, kNow + 2h).remoteSupport.enabled);
    CHECK_FALSE(EffectiveSettings(s, kNow + 3h).remoteSupport.until.has_value());
}

TEST_CASE("Settings and history entries round-trip") {
    TerminalSettings s;
    s.volume = 30;
    s.displayLanguage = "en";
    s.idleMessage = "いらっしゃいませ";
    s.businessHours = BusinessHours{{"mon", "fri"}, "09:00", "18:00"};
    const TerminalConfig config{7, s};
    CHECK(Json(config).get<TerminalConfig>() == config);

    ConfigHistoryEntry entry;
    entry.version = 7;
    entry.settings = s;
    entry.changed = {"volume", "idle_message"};
    entry.at = kNow;
    entry.actorLoginId = "manager";
    entry.actorDisplayName = "山田 花子";
    entry.origin = "rollback";
    entry.rolledBackTo = 5;
    CHECK(Json(entry).get<ConfigHistoryEntry>() == entry);

    Json incomplete = Json(s);
    incomplete.erase("volume");
    CHECK_THROWS_AS(incomplete.get<TerminalSettings>(), ValidationError);
}
