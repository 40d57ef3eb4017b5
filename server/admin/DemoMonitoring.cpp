#include "admin/DemoMonitoring.h"

#include "monitoring/StatusStore.h"
#include "monitoring/Uptime.h"

#include <fmt/format.h>

namespace resv::server::admin {
namespace {

constexpr int kSamplesPerDay = 24 * 60; // one a minute
constexpr int kDegradedDaysAgo = 23;
constexpr int kPartialOutageDaysAgo = 9;

monitoring::DayCounts DemoDay(std::string_view component, int daysAgo) {
    monitoring::DayCounts day;
    day.samples = kSamplesPerDay;
    day.operational = kSamplesPerDay;
    if (component == model::component::kDatabase && daysAgo == kDegradedDaysAgo) {
        day.degraded = 60;
    } else if (component == model::component::kTerminalGateway &&
               daysAgo == kPartialOutageDaysAgo) {
        day.partialOutage = 180; // (1260 + 90) / 1440 = 93.75 %
    }
    day.operational -= day.degraded + day.partialOutage;
    return day;
}

bool HasHistory(storage::Connection& connection, std::string_view component,
                const std::string& today) {
    auto query = connection.Prepare(
        "SELECT 1 FROM component_days WHERE component = ?1 AND day < ?2 LIMIT 1");
    query.BindAll(component, today);
    return query.Step();
}

} // namespace

std::string SeedDemoMonitoring(storage::Database& database, const Clock& clock) {
    const auto dates = monitoring::JstDatesUpTo(clock.Now(), monitoring::kUptimeDays);
    const std::string& today = dates.back();
    auto db = database.Acquire();
    storage::Transaction transaction(*db);
    monitoring::StatusStore store(*db);
    int seeded = 0;
    for (const auto component : model::ComponentIds()) {
        if (HasHistory(*db, component, today)) {
            continue;
        }
        ++seeded;
        // Today is left to the sampler.
        for (std::size_t i = 0; i + 1 < dates.size(); ++i) {
            const int daysAgo = static_cast<int>(dates.size() - 1 - i);
            store.InsertDayIfMissing(std::string(component), dates[i], DemoDay(component, daysAgo));
        }
    }
    transaction.Commit();
    if (seeded == 0) {
        return {};
    }
    return fmt::format("Demo status history: {} days of uptime for {} components\n",
                       dates.size() - 1, seeded);
}

} // namespace resv::server::admin
