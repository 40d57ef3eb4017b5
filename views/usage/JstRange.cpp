#include "views/usage/JstRange.h"

#include <charconv>
#include <cstdio>

namespace resv::views {

using std::chrono::days;
using std::chrono::sys_days;

JstDate JstDateOf(model::TimePoint t) {
    return JstDate{std::chrono::floor<days>(t + model::kJstOffset)};
}

JstDate AddDays(JstDate date, int count) {
    return JstDate{sys_days{date} + days{count}};
}

JstDays PresetDays(DatePreset preset, model::TimePoint now, JstDate customFrom, JstDate customTo) {
    const JstDate today = JstDateOf(now);
    switch (preset) {
    case DatePreset::Today:
        return {today, today};
    case DatePreset::Yesterday:
        return {AddDays(today, -1), AddDays(today, -1)};
    case DatePreset::Last7Days:
        return {AddDays(today, -6), today};
    case DatePreset::ThisMonth:
        return {today.year() / today.month() / std::chrono::day{1}, today};
    case DatePreset::Custom:
        break;
    }
    return {customFrom, customTo};
}

bool ValidDays(const JstDays& days) {
    return days.first.ok() && days.last.ok() && days.first <= days.last;
}

UtcRange ToUtcRange(const JstDays& range) {
    const auto start = [](JstDate date) {
        return model::JstDayStart(static_cast<int>(date.year()),
                                  static_cast<unsigned>(date.month()),
                                  static_cast<unsigned>(date.day()));
    };
    return {start(range.first), start(AddDays(range.last, 1))};
}

std::string FormatJstDate(JstDate date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

std::optional<JstDate> ParseJstDate(std::string_view text) {
    if (text.size() != 10 || text[4] != text[7] || (text[4] != '-' && text[4] != '/')) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) {
            return std::nullopt;
        }
    }
    const auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
        int value = 0;
        const char* first = text.data() + at;
        const auto [end, error] = std::from_chars(first, first + length, value);
        if (error != std::errc() || end != first + length) {
            return std::nullopt;
        }
        return value;
    };
    const auto year = number(0, 4);
    const auto month = number(5, 2);
    const auto day = number(8, 2);
    if (!year || !month || !day || *month < 1 || *day < 1) {
        return std::nullopt;
    }
    const JstDate date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                       std::chrono::day{static_cast<unsigned>(*day)}};
    return date.ok() ? std::optional<JstDate>(date) : std::nullopt;
}

} // namespace resv::views
