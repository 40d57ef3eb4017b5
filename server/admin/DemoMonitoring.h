#pragma once
// `--demo`, third part: 90 days of uptime history for the status page, so the bars are not
// empty on the first start. Mostly 100 %; the database had a degraded hour (still 100 %: it kept
// serving) and the terminal gateway a partial outage of three hours. Made once: a component that
// already has a day before today keeps its history.

#include "resv/server/Clock.h"
#include "storage/Database.h"

#include <string>

namespace resv::server::admin {

/// Returns the text `--demo` prints (empty when nothing was seeded).
std::string SeedDemoMonitoring(storage::Database& database, const Clock& clock);

} // namespace resv::server::admin
