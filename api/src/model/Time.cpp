#include "resv/model/Time.h"

#include <fmt/format.h>

#include <cctype>

namespace resv::model {
namespace {

using namespace std::chrono;

struct Fields {
    year_month_day date;
    hh_mm_ss<milliseconds> time;
};

Fields Split(TimePoint t) {
    const auto day = floor<days>(t);
    return {year_month_day{day}, hh_mm_ss<milliseconds>{t - day}};
}

std::string DateTime(const Fields& f, char separator) {
    return fmt::format("{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}", static_cast<int>(f.date.year()),
                       static_cast<unsigned>(f.date.month()), static_cast<unsigned>(f.date.day()),
                       separator, f.time.hours().count(), f.time.minutes().count(),
                       f.time.seconds().count());
}

/// Reads exactly `width` decimal digits at `pos`; advances `pos`.
std::optional<int> Digits(std::string_view s, std::size_t& pos, std::size_t width) {
    if (pos + width > s.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        const char c = s[pos + i];
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    pos += width;
    return value;
}

bool Expect(std::string_view s, std::size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

} // namespace

std::string FormatRfc3339Utc(TimePoint t) {
    const Fields f = Split(t);
    return fmt::format("{}.{:03}Z", DateTime(f, 'T'), f.time.subseconds().count());
}

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
    std::size_t pos = 0;
    const auto year = Digits(s, pos, 4);
    if (!year || !Expect(s, pos, '-')) {
        return std::nullopt;
    }
    const auto month = Digits(s, pos, 2);
    if (!month || !Expect(s, pos, '-')) {
        return std::nullopt;
    }
    const auto day = Digits(s, pos, 2);
    if (!day || pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) {
        return std::nullopt;
    }
    ++pos;
    const auto hour = Digits(s, pos, 2);
    if (!hour || !Expect(s, pos, ':')) {
        return std::nullopt;
    }
    const auto minute = Digits(s, pos, 2);
    if (!minute || !Expect(s, pos, ':')) {
        return std::nullopt;
    }
    const auto second = Digits(s, pos, 2);
    if (!second) {
        return std::nullopt;
    }
    int millis = 0;
    if (Expect(s, pos, '.')) {
        int scale = 100;
        const std::size_t start = pos;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
            millis += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start) {
            return std::nullopt;
        }
    }
    int offsetMinutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const int sign = s[pos] == '-' ? -1 : 1;
        ++pos;
        const auto oh = Digits(s, pos, 2);
        if (!oh || !Expect(s, pos, ':')) {
            return std::nullopt;
        }
        const auto om = Digits(s, pos, 2);
        if (!om || *oh > 23 || *om > 59) {
            return std::nullopt;
        }
        offsetMinutes = sign * (*oh * 60 + *om);
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) {
        return std::nullopt;
    }
    const year_month_day date{std::chrono::year{*year},
                              std::chrono::month{static_cast<unsigned>(*month)},
                              std::chrono::day{static_cast<unsigned>(*day)}};
    // Leap seconds (":60") are not representable in sys_time; refuse them rather than guess.
    if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) {
        return std::nullopt;
    }
    const auto local =
        sys_days{date} + hours{*hour} + minutes{*minute} + seconds{*second} + milliseconds{millis};
    return TimePoint{local - minutes{offsetMinutes}};
}

std::string FormatJstDateTime(TimePoint t) {
    return DateTime(Split(t + kJstOffset), ' ');
}

std::string FormatJstTime(TimePoint t) {
    const auto time = Split(t + kJstOffset).time;
    return fmt::format("{:02}:{:02}:{:02} JST", time.hours().count(), time.minutes().count(),
                       time.seconds().count());
}

std::string FormatJstDateTimeShort(TimePoint t) {
    return FormatJstDateTime(t).substr(0, 16) + " JST";
}

std::string FormatJstIso8601(TimePoint t) {
    return DateTime(Split(t + kJstOffset), 'T') + "+09:00";
}

TimePoint JstDayStart(int year, unsigned month, unsigned day) {
    const sys_days local{
        year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}}};
    return TimePoint{local - kJstOffset};
}

TimePoint Now() {
    return floor<milliseconds>(system_clock::now());
}

} // namespace resv::model
