#include "resv/model/Time.h"

#include <catch2/catch.hpp>

using namespace resv::model;
using namespace std::chrono;

namespace {

TimePoint At(int y, unsigned mo, unsigned d, int h, int mi, int s, int ms = 0) {
    return TimePoint{sys_days{year{y} / mo / d} + hours{h} + minutes{mi} + seconds{s} +
                     milliseconds{ms}};
}

} // namespace

TEST_CASE("RFC 3339 UTC is written with milliseconds and Z") {
    CHECK(FormatRfc3339Utc(At(2026, 11, 25, 8, 10, 49, 123)) == "2026-11-25T08:10:49.123Z");
    CHECK(FormatRfc3339Utc(At(2026, 1, 2, 3, 4, 5)) == "2026-01-02T03:04:05.000Z");
}

TEST_CASE("RFC 3339 parsing accepts Z, offsets and fractions") {
    CHECK(ParseRfc3339("2026-11-25T08:10:49.123Z") == At(2026, 11, 25, 8, 10, 49, 123));
    CHECK(ParseRfc3339("2026-11-25T08:10:49Z") == At(2026, 11, 25, 8, 10, 49));
    CHECK(ParseRfc3339("2026-11-25T17:10:49+09:00") == At(2026, 11, 25, 8, 10, 49));
    CHECK(ParseRfc3339("2026-11-25T03:10:49.5-05:00") == At(2026, 11, 25, 8, 10, 49, 500));
    CHECK(ParseRfc3339("2026-11-25t08:10:49.123456z") == At(2026, 11, 25, 8, 10, 49, 123));
    CHECK(ParseRfc3339("2026-11-25 08:10:49Z") == At(2026, 11, 25, 8, 10, 49));
}

TEST_CASE("RFC 3339 parsing refuses what is not a valid instant") {
    for (const char* bad :
         {"", "2026-11-25", "2026-11-25T08:10:49", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
          "2026-11-25T24:00:00Z", "2026-11-25T08:60:00Z", "2026-11-25T08:10:60Z",
          "2026-11-25T08:10:49.Z", "2026-11-25T08:10:49+9:00", "2026-11-25T08:10:49Z ",
          "x026-11-25T08:10:49Z", "2026-11-25T08:10:49+24:00"}) {
        INFO(bad);
        CHECK_FALSE(ParseRfc3339(bad).has_value());
    }
}

TEST_CASE("RFC 3339 round trip keeps the instant") {
    const TimePoint t = At(1999, 12, 31, 23, 59, 59, 999);
    CHECK(ParseRfc3339(FormatRfc3339Utc(t)) == t);
}

TEST_CASE("JST is UTC plus nine hours, across the date line") {
    const TimePoint t = At(2026, 11, 25, 16, 30, 5);
    CHECK(FormatJstDateTime(t) == "2026-11-26 01:30:05");
    CHECK(FormatJstTime(t) == "01:30:05 JST");
    CHECK(FormatJstDateTimeShort(t) == "2026-11-26 01:30 JST");
    CHECK(FormatJstIso8601(t) == "2026-11-26T01:30:05+09:00");
}

TEST_CASE("A JST day starts at 15:00 UTC of the day before") {
    CHECK(JstDayStart(2026, 11, 25) == At(2026, 11, 24, 15, 0, 0));
    CHECK(FormatJstDateTime(JstDayStart(2027, 1, 1)) == "2027-01-01 00:00:00");
}
