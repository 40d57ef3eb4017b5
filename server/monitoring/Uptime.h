#pragma once
// JST calendar days and the daily uptime the status page shows (90 bars, today last).
//
// Uptime of a day = (operational + degraded + maintenance + 0.5 × partial_outage) / samples × 100,
// rounded to two decimals; major_outage counts nothing. A degraded service still serves, planned
// maintenance was announced, a partial outage served about half. A day without samples (before
// the server first ran, or while it was stopped) has no uptime (null), not 0 % or 100 %.

#include "resv/model/Monitoring.h"
#include "resv/model/Time.h"

#include <optional>
#include <string>
#include <vector>

namespace resv::server::monitoring {

inline constexpr int kUptimeDays = 90;

/// "2026-11-28" for 2026-11-27T15:00:00Z: the JST (+09:00, no DST) calendar date of `t`.
std::string JstDate(model::TimePoint t);

/// The JST dates of the `count` days up to and including `t`'s, oldest first.
std::vector<std::string> JstDatesUpTo(model::TimePoint t, int count);

/// One row of component_days.
struct DayCounts {
    int samples = 0;
    int operational = 0;
    int degraded = 0;
    int maintenance = 0;
    int partialOutage = 0;
    int majorOutage = 0;
};

std::optional<double> UptimePercent(const DayCounts& day);

} // namespace resv::server::monitoring
