// JST rendering must not depend on the PC's time zone. Each zone is checked to have really taken
// effect: without tzdata an unknown TZ silently means UTC and the test would prove nothing.

#include "resv/model/Time.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

using namespace resv::model;

namespace {

class ScopedTimeZone {
public:
    explicit ScopedTimeZone(const char* zone) {
        if (const char* old = std::getenv("TZ")) {
            m_old = old;
        }
        setenv("TZ", zone, 1);
        tzset();
    }
    ~ScopedTimeZone() {
        if (m_old) {
            setenv("TZ", m_old->c_str(), 1);
        } else {
            unsetenv("TZ");
        }
        tzset();
    }

private:
    std::optional<std::string> m_old;
};

long LocalOffsetSeconds(std::time_t at) {
    std::tm local{};
    localtime_r(&at, &local);
    return local.tm_gmtoff;
}

} // namespace

TEST_CASE("JST formatting is the same whatever the process's time zone") {
    const TimePoint winter = *ParseRfc3339("2026-01-15T20:00:00.000Z");
    const TimePoint summer = *ParseRfc3339("2026-07-15T20:00:00.000Z");
    const std::time_t winterT = std::chrono::system_clock::to_time_t(winter);
    const std::time_t summerT = std::chrono::system_clock::to_time_t(summer);

    struct Zone {
        const char* name;
        long winterOffset;
        long summerOffset;
    };
    for (const Zone zone : {Zone{"UTC", 0, 0}, Zone{"America/New_York", -5 * 3600, -4 * 3600},
                            Zone{"Asia/Tokyo", 9 * 3600, 9 * 3600}}) {
        INFO(zone.name);
        ScopedTimeZone scoped(zone.name);
        REQUIRE(LocalOffsetSeconds(winterT) == zone.winterOffset);
        REQUIRE(LocalOffsetSeconds(summerT) == zone.summerOffset);

        CHECK(FormatJstDateTime(winter) == "2026-01-16 05:00:00");
        CHECK(FormatJstDateTime(summer) == "2026-07-16 05:00:00");
        CHECK(FormatJstTime(summer) == "05:00:00 JST");
        CHECK(FormatJstIso8601(winter) == "2026-01-16T05:00:00+09:00");
        CHECK(JstDayStart(2026, 7, 16) == *ParseRfc3339("2026-07-15T15:00:00Z"));
    }
}
