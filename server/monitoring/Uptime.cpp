#include "monitoring/Uptime.h"

#include <fmt/format.h>

#include <cmath>

namespace resv::server::monitoring {
namespace {

std::chrono::sys_days JstDay(model::TimePoint t) {
    return std::chrono::floor<std::chrono::days>(t + model::kJstOffset);
}

std::string Format(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

} // namespace

std::string JstDate(model::TimePoint t) {
    return Format(JstDay(t));
}

std::vector<std::string> JstDatesUpTo(model::TimePoint t, int count) {
    const std::chrono::sys_days last = JstDay(t);
    std::vector<std::string> dates;
    dates.reserve(static_cast<std::size_t>(std::max(count, 0)));
    for (int back = count - 1; back >= 0; --back) {
        dates.push_back(Format(last - std::chrono::days{back}));
    }
    return dates;
}

std::optional<double> UptimePercent(const DayCounts& day) {
    if (day.samples <= 0) {
        return std::nullopt;
    }
    const double up = day.operational + day.degraded + day.maintenance + 0.5 * day.partialOutage;
    return std::round(up / day.samples * 100.0 * 100.0) / 100.0;
}

} // namespace resv::server::monitoring
