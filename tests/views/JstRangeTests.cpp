// JST days as UTC instants, whatever the PC's zone: ctest runs these under TZ=UTC and again under
// TZ=America/Los_Angeles (tests/views/CMakeLists.txt).
#include "views/usage/JstRange.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <string>

using namespace resv;
using namespace resv::views;
using namespace std::chrono;

namespace {

model::TimePoint At(const char* rfc3339) {
    return *model::ParseRfc3339(rfc3339);
}

JstDate Date(int y, unsigned m, unsigned d) {
    return year{y} / month{m} / day{d};
}

std::string Utc(model::TimePoint t) {
    return model::FormatRfc3339Utc(t);
}

} // namespace

TEST_CASE("the zone the tests were started in is the one ctest asked for", "[usage][jst]") {
    // Without tzdata, TZ=America/Los_Angeles would silently be UTC and the second run prove
    // nothing: the PC's own idea of 2026-11-28 00:00 UTC must then be 16:00 the day before.
    const char* tz = std::getenv("TZ");
    if (tz == nullptr || std::string(tz) != "America/Los_Angeles") {
        SUCCEED("not the Los Angeles run");
        return;
    }
    const std::time_t t = system_clock::to_time_t(At("2026-11-28T00:00:00Z"));
    std::tm local{};
    localtime_r(&t, &local);
    CHECK(local.tm_mday == 27);
    CHECK(local.tm_hour == 16);
}

TEST_CASE("an event at 15:00 UTC belongs to the next JST day", "[usage][jst]") {
    const model::TimePoint event = At("2026-11-27T15:00:00Z");
    CHECK(JstDateOf(event) == Date(2026, 11, 28));
    CHECK(JstDateOf(event - milliseconds(1)) == Date(2026, 11, 27));

    const UtcRange nov28 = ToUtcRange({Date(2026, 11, 28), Date(2026, 11, 28)});
    CHECK(Utc(nov28.from) == "2026-11-27T15:00:00.000Z");
    CHECK(Utc(nov28.to) == "2026-11-28T15:00:00.000Z");
    CHECK(nov28.Contains(event));
    CHECK_FALSE(nov28.Contains(At("2026-11-28T15:00:00Z"))); // to is exclusive

    const UtcRange nov27 = ToUtcRange({Date(2026, 11, 27), Date(2026, 11, 27)});
    CHECK_FALSE(nov27.Contains(event));
    CHECK(nov27.Contains(event - milliseconds(1)));
}

TEST_CASE("presets are JST days counted from the clock's now", "[usage][jst]") {
    // 2026-11-28 08:30 JST, but still the 27th in UTC and in Los Angeles.
    const model::TimePoint now = At("2026-11-27T23:30:00Z");
    CHECK(PresetDays(DatePreset::Today, now) == JstDays{Date(2026, 11, 28), Date(2026, 11, 28)});
    CHECK(PresetDays(DatePreset::Yesterday, now) ==
          JstDays{Date(2026, 11, 27), Date(2026, 11, 27)});
    CHECK(PresetDays(DatePreset::Last7Days, now) ==
          JstDays{Date(2026, 11, 22), Date(2026, 11, 28)});
    CHECK(PresetDays(DatePreset::ThisMonth, now) == JstDays{Date(2026, 11, 1), Date(2026, 11, 28)});
    CHECK(PresetDays(DatePreset::Custom, now, Date(2026, 10, 3), Date(2026, 10, 5)) ==
          JstDays{Date(2026, 10, 3), Date(2026, 10, 5)});

    const UtcRange today = ToUtcRange(PresetDays(DatePreset::Today, now));
    CHECK(Utc(today.from) == "2026-11-27T15:00:00.000Z");
    CHECK(Utc(today.to) == "2026-11-28T15:00:00.000Z");
    const UtcRange week = ToUtcRange(PresetDays(DatePreset::Last7Days, now));
    CHECK(Utc(week.from) == "2026-11-21T15:00:00.000Z");
    CHECK(Utc(week.to) == "2026-11-28T15:00:00.000Z");
}

TEST_CASE("month and year boundaries", "[usage][jst]") {
    SECTION("the 1st of a JST month is still the previous month in UTC") {
        const model::TimePoint now = At("2026-11-30T16:00:00Z"); // 2026-12-01 01:00 JST
        CHECK(PresetDays(DatePreset::ThisMonth, now) ==
              JstDays{Date(2026, 12, 1), Date(2026, 12, 1)});
        CHECK(PresetDays(DatePreset::Yesterday, now) ==
              JstDays{Date(2026, 11, 30), Date(2026, 11, 30)});
        const UtcRange month = ToUtcRange(PresetDays(DatePreset::ThisMonth, now));
        CHECK(Utc(month.from) == "2026-11-30T15:00:00.000Z");
        CHECK(Utc(month.to) == "2026-12-01T15:00:00.000Z");
    }
    SECTION("the last 7 days reach back over a month end, in a leap year") {
        const model::TimePoint now = At("2028-03-02T03:00:00Z"); // 2028-03-02 12:00 JST
        CHECK(PresetDays(DatePreset::Last7Days, now) ==
              JstDays{Date(2028, 2, 25), Date(2028, 3, 2)});
        CHECK(AddDays(Date(2028, 3, 1), -1) == Date(2028, 2, 29));
    }
    SECTION("New Year in Japan while it is still the old year in UTC") {
        const model::TimePoint now = At("2026-12-31T15:30:00Z"); // 2027-01-01 00:30 JST
        CHECK(PresetDays(DatePreset::Today, now) == JstDays{Date(2027, 1, 1), Date(2027, 1, 1)});
        CHECK(PresetDays(DatePreset::Yesterday, now) ==
              JstDays{Date(2026, 12, 31), Date(2026, 12, 31)});
        CHECK(PresetDays(DatePreset::ThisMonth, now).first == Date(2027, 1, 1));
        CHECK(PresetDays(DatePreset::Last7Days, now).first == Date(2026, 12, 26));
        const UtcRange dec31 = ToUtcRange({Date(2026, 12, 31), Date(2026, 12, 31)});
        CHECK(Utc(dec31.from) == "2026-12-30T15:00:00.000Z");
        CHECK(Utc(dec31.to) == "2026-12-31T15:00:00.000Z");
    }
    SECTION("a custom range over the year end includes both end days") {
        const UtcRange range = ToUtcRange({Date(2026, 12, 30), Date(2027, 1, 2)});
        CHECK(Utc(range.from) == "2026-12-29T15:00:00.000Z");
        CHECK(Utc(range.to) == "2027-01-02T15:00:00.000Z");
    }
}

TEST_CASE("custom days the wrong way round or that do not exist are not valid", "[usage][jst]") {
    CHECK(ValidDays({Date(2026, 11, 28), Date(2026, 11, 28)}));
    CHECK_FALSE(ValidDays({Date(2026, 11, 29), Date(2026, 11, 28)}));
    CHECK_FALSE(ValidDays({Date(2026, 2, 30), Date(2026, 3, 1)}));
}

TEST_CASE("JST dates as text", "[usage][jst]") {
    CHECK(FormatJstDate(Date(2026, 1, 5)) == "2026-01-05");
    CHECK(ParseJstDate("2026-11-28") == Date(2026, 11, 28));
    CHECK(ParseJstDate("2026/11/28") == Date(2026, 11, 28));
    CHECK_FALSE(ParseJstDate("2026-02-30"));
    CHECK_FALSE(ParseJstDate("2026-11/28"));
    CHECK_FALSE(ParseJstDate("2026-1-28"));
    CHECK_FALSE(ParseJstDate("-026-11-28"));
    CHECK_FALSE(ParseJstDate(""));
}
