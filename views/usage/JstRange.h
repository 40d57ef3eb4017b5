#pragma once
// The Usage history screen's date filter: JST calendar days as the UTC instants the API takes.
// A JST day is 00:00–24:00 +09:00 whatever the PC's time zone, so everything here is fixed +9 h
// arithmetic on UTC (model::JstDayStart); nothing reads the PC's zone (no localtime, no mktime),
// and "now" always comes from the caller (an injected clock).

#include "resv/model/Time.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace resv::views {

/// A calendar day in Japan.
using JstDate = std::chrono::year_month_day;

enum class DatePreset {
    Today,     ///< today (JST)
    Yesterday, ///< the JST day before today
    Last7Days, ///< today and the 6 days before it
    ThisMonth, ///< the 1st of this JST month to the end of today
    Custom,    ///< from-date to to-date, both included
};

/// Whole JST days, `first` to `last`, both included.
struct JstDays {
    JstDate first;
    JstDate last;

    bool operator==(const JstDays&) const = default;
};

/// Instants as the API takes them: `from` inclusive, `to` exclusive.
struct UtcRange {
    model::TimePoint from{};
    model::TimePoint to{};

    bool Contains(model::TimePoint t) const { return from <= t && t < to; }
    bool operator==(const UtcRange&) const = default;
};

/// The JST day `t` falls on.
JstDate JstDateOf(model::TimePoint t);

/// `date` moved by `days` (negative: earlier), across months and years.
JstDate AddDays(JstDate date, int days);

/// The days a preset covers at `now`; for Custom, `customFrom` to `customTo` as given (which may
/// be the wrong way round: see ValidDays).
JstDays PresetDays(DatePreset preset, model::TimePoint now, JstDate customFrom = {},
                   JstDate customTo = {});

/// Both dates exist and `first` is not after `last`.
bool ValidDays(const JstDays& days);

/// 00:00 JST of `days.first` to 00:00 JST of the day after `days.last`. Requires ValidDays.
UtcRange ToUtcRange(const JstDays& days);

/// "2026-11-28".
std::string FormatJstDate(JstDate date);

/// "2026-11-28" (or "2026/11/28"); nothing for anything else or a day that does not exist.
std::optional<JstDate> ParseJstDate(std::string_view text);

} // namespace resv::views
