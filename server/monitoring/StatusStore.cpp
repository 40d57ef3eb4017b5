#include "monitoring/StatusStore.h"

#include <fmt/format.h>

#include <cstdlib>

namespace resv::server::monitoring {
namespace {

using model::ComponentState;

// storage::Statement binds and reads integers and text only. latency_ms is a REAL column, so a
// number bound as text ("0.42") is stored as a REAL, and read back as text it is the number again.
std::optional<std::string> LatencyText(const std::optional<double>& ms) {
    return ms ? std::optional<std::string>(fmt::format("{:.3f}", *ms)) : std::nullopt;
}

std::optional<double> LatencyOf(const storage::Statement& row, int column) {
    const auto text = row.OptionalText(column);
    return text ? std::optional<double>(std::strtod(text->c_str(), nullptr)) : std::nullopt;
}

ComponentState StateOf(const storage::Statement& row, int column) {
    return model::ParseComponentState(row.Text(column)).value_or(ComponentState::MajorOutage);
}

} // namespace

void StatusStore::InsertSample(const SampleRecord& sample) {
    m_connection
        .Prepare("INSERT OR REPLACE INTO component_samples(component, at, status, latency_ms, "
                 "message) VALUES (?1, ?2, ?3, ?4, ?5)")
        .BindAll(sample.component, sample.at, model::ToString(sample.status),
                 LatencyText(sample.latencyMs), sample.message)
        .Run();
}

void StatusStore::CountDay(const std::string& component, const std::string& day,
                           ComponentState status) {
    // One statement for every status: each column adds 1 where the bound status names it.
    m_connection
        .Prepare("INSERT INTO component_days(component, day, samples, operational, degraded, "
                 "maintenance, partial_outage, major_outage) VALUES (?1, ?2, 1, ?3 = "
                 "'operational', ?3 = 'degraded', ?3 = 'maintenance', ?3 = 'partial_outage', "
                 "?3 = 'major_outage') "
                 "ON CONFLICT(component, day) DO UPDATE SET samples = samples + 1, "
                 "operational = operational + (?3 = 'operational'), "
                 "degraded = degraded + (?3 = 'degraded'), "
                 "maintenance = maintenance + (?3 = 'maintenance'), "
                 "partial_outage = partial_outage + (?3 = 'partial_outage'), "
                 "major_outage = major_outage + (?3 = 'major_outage')")
        .BindAll(component, day, model::ToString(status))
        .Run();
}

void StatusStore::InsertDayIfMissing(const std::string& component, const std::string& day,
                                     const DayCounts& counts) {
    m_connection
        .Prepare("INSERT OR IGNORE INTO component_days(component, day, samples, operational, "
                 "degraded, maintenance, partial_outage, major_outage) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .BindAll(component, day, counts.samples, counts.operational, counts.degraded,
                 counts.maintenance, counts.partialOutage, counts.majorOutage)
        .Run();
}

void StatusStore::Prune(model::TimePoint now) {
    const std::string oldestDay = JstDatesUpTo(now, kDayRetention + 1).front();
    for (const auto component : model::ComponentIds()) {
        m_connection.Prepare("DELETE FROM component_samples WHERE component = ?1 AND at < ?2")
            .BindAll(component, now - kSampleRetention)
            .Run();
        m_connection.Prepare("DELETE FROM component_days WHERE component = ?1 AND day < ?2")
            .BindAll(component, oldestDay)
            .Run();
    }
}

std::vector<SampleRecord> StatusStore::LatestSamples(const std::string& component, int limit) {
    auto query = m_connection.Prepare(
        "SELECT at, status, latency_ms, message FROM component_samples WHERE component = ?1 "
        "ORDER BY at DESC LIMIT ?2");
    query.BindAll(component, limit);
    std::vector<SampleRecord> samples;
    while (query.Step()) {
        samples.push_back(
            {component, query.Time(0), StateOf(query, 1), LatencyOf(query, 2), query.Text(3)});
    }
    return samples;
}

model::TimePoint StatusStore::RunStart(const std::string& component, ComponentState status,
                                       model::TimePoint latestAt) {
    auto other = m_connection.Prepare(
        "SELECT MAX(at) FROM component_samples WHERE component = ?1 AND status <> ?2 "
        "AND at <= ?3");
    other.BindAll(component, model::ToString(status), latestAt);
    const auto lastOther = other.Step() ? other.OptionalTime(0) : std::nullopt;
    auto first = m_connection.Prepare(
        "SELECT MIN(at) FROM component_samples WHERE component = ?1 AND at > ?2 AND at <= ?3");
    first.BindAll(component, lastOther.value_or(model::TimePoint::min()), latestAt);
    const auto start = first.Step() ? first.OptionalTime(0) : std::nullopt;
    return start.value_or(latestAt);
}

std::map<std::string, DayCounts>
StatusStore::Days(const std::string& component, const std::string& first, const std::string& last) {
    auto query = m_connection.Prepare(
        "SELECT day, samples, operational, degraded, maintenance, partial_outage, major_outage "
        "FROM component_days WHERE component = ?1 AND day >= ?2 AND day <= ?3");
    query.BindAll(component, first, last);
    std::map<std::string, DayCounts> days;
    while (query.Step()) {
        const auto count = [&](int column) { return static_cast<int>(query.Int(column)); };
        days[query.Text(0)] = {count(1), count(2), count(3), count(4), count(5), count(6)};
    }
    return days;
}

std::optional<OverrideRecord> StatusStore::FindOverride(const std::string& component) {
    auto query = m_connection.Prepare("SELECT status, message, set_by_account, set_at FROM "
                                      "component_overrides WHERE component = ?1");
    query.BindAll(component);
    if (!query.Step()) {
        return std::nullopt;
    }
    return OverrideRecord{StateOf(query, 0), query.Text(1), query.Text(2), query.Time(3)};
}

void StatusStore::SetOverride(const std::string& component, const OverrideRecord& record) {
    m_connection
        .Prepare("INSERT OR REPLACE INTO component_overrides(component, status, message, "
                 "set_by_account, set_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .BindAll(component, model::ToString(record.status), record.message, record.setByAccount,
                 record.setAt)
        .Run();
}

void StatusStore::ClearOverride(const std::string& component) {
    m_connection.Prepare("DELETE FROM component_overrides WHERE component = ?1")
        .BindAll(component)
        .Run();
}

} // namespace resv::server::monitoring
