#pragma once
// Times on the wire are RFC 3339 UTC; the console shows every time in Japan Standard Time, a fixed
// +09:00 with no daylight saving, so no time-zone database is involved.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace resv::model {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

inline constexpr std::chrono::hours kJstOffset{9};

/// "2026-11-25T08:10:49.123Z": always UTC, always milliseconds.
std::string FormatRfc3339Utc(TimePoint t);

/// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)" ('t'/'z' and a space separator too).
/// Returns nothing for anything else, including out-of-range fields.
std::optional<TimePoint> ParseRfc3339(std::string_view text);

/// "2026-11-25 17:10:49" — a cell under a column header that says JST.
std::string FormatJstDateTime(TimePoint t);

/// "17:10:49 JST" — a free-standing time.
std::string FormatJstTime(TimePoint t);

/// "2026-11-25 17:10 JST" — a free-standing date and time, to the minute.
std::string FormatJstDateTimeShort(TimePoint t);

/// "2026-11-25T17:10:49+09:00" — ISO 8601 for exports.
std::string FormatJstIso8601(TimePoint t);

/// The UTC instant at which the JST day year-month-day begins (00:00 +09:00).
TimePoint JstDayStart(int year, unsigned month, unsigned day);

/// Current time, truncated to milliseconds.
TimePoint Now();

} // namespace resv::model
