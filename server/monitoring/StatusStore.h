#pragma once
// component_samples, component_days and component_overrides (migration 7). SQL with bound
// parameters only.

#include "monitoring/Uptime.h"
#include "resv/model/Monitoring.h"
#include "storage/Sqlite.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace resv::server::monitoring {

/// Samples are kept two days (the latency sparkline and the status's run), days 100 (the 90
/// bars and some slack).
inline constexpr std::chrono::hours kSampleRetention{48};
inline constexpr int kDayRetention = 100;

struct SampleRecord {
    std::string component;
    model::TimePoint at{};
    model::ComponentState status = model::ComponentState::Operational;
    std::optional<double> latencyMs;
    std::string message;
};

struct OverrideRecord {
    model::ComponentState status = model::ComponentState::Maintenance;
    std::string message;
    std::string setByAccount;
    model::TimePoint setAt{};
};

class StatusStore {
public:
    explicit StatusStore(storage::Connection& connection)
        : m_connection(connection) {}

    void InsertSample(const SampleRecord& sample);
    /// Adds one sample of `status` to the component's JST day.
    void CountDay(const std::string& component, const std::string& day,
                  model::ComponentState status);
    /// Adds a whole day's counts where the day has none yet (the demo's history).
    void InsertDayIfMissing(const std::string& component, const std::string& day,
                            const DayCounts& counts);
    /// Deletes samples older than 48 h and days older than 100 JST days before `now`'s.
    void Prune(model::TimePoint now);

    /// Newest first.
    std::vector<SampleRecord> LatestSamples(const std::string& component, int limit);
    /// When the run of `status` that includes the sample at `latestAt` began: the first sample
    /// after the last one of another status (the oldest kept when there is none).
    model::TimePoint RunStart(const std::string& component, model::ComponentState status,
                              model::TimePoint latestAt);
    /// Days from `first` to `last` (inclusive, "YYYY-MM-DD") that have a row, by date.
    std::map<std::string, DayCounts> Days(const std::string& component, const std::string& first,
                                          const std::string& last);

    std::optional<OverrideRecord> FindOverride(const std::string& component);
    void SetOverride(const std::string& component, const OverrideRecord& record);
    void ClearOverride(const std::string& component);

private:
    storage::Connection& m_connection;
};

} // namespace resv::server::monitoring
