#include "views/monitoring/MonitoringPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Problem.h"
#include "resv/model/Role.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace resv::views {
namespace {

bool Contains(const std::vector<std::string>& items, std::string_view item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

bool IsForbidden(const client::ApiError& error) {
    return error.GetKind() == client::ApiError::Kind::Http &&
           (error.Status() == 403 || error.Code() == model::error_code::kForbidden);
}

} // namespace

MonitoringPermissions MonitoringPermissionsFor(const model::Me& me) {
    namespace p = model::permission;
    MonitoringPermissions permissions;
    permissions.read = Contains(me.permissions, p::kMonitoringRead);
    // The server grants incidents.publish only to a provider session outside customer tenants;
    // an operator acting in a tenant reads the status like the tenant's managers.
    permissions.setStatus =
        permissions.read && Contains(me.permissions, p::kIncidentsPublish) && !me.actingAs;
    return permissions;
}

std::chrono::seconds RetryDelay(int failures) {
    if (failures <= 1) {
        return kRefreshInterval;
    }
    std::chrono::seconds delay = kRefreshInterval;
    for (int i = 1; i < failures && delay < kMaxRetryInterval; ++i) {
        delay *= 2;
    }
    return std::min(delay, kMaxRetryInterval);
}

model::ComponentState WorstState(const std::vector<model::ComponentStatus>& components) {
    model::ComponentState worst = model::ComponentState::Operational;
    for (const auto& component : components) {
        worst = std::max(worst, component.status);
    }
    return worst;
}

std::vector<const model::ComponentStatus*>
Affected(const std::vector<model::ComponentStatus>& components) {
    std::vector<const model::ComponentStatus*> affected;
    for (const auto& component : components) {
        if (component.status != model::ComponentState::Operational) {
            affected.push_back(&component);
        }
    }
    std::stable_sort(affected.begin(), affected.end(),
                     [](const auto* a, const auto* b) { return a->status > b->status; });
    return affected;
}

std::optional<double> AverageUptime(const std::vector<model::UptimeDay>& days) {
    double sum = 0;
    int measured = 0;
    for (const auto& day : days) {
        if (day.percent) {
            sum += *day.percent;
            ++measured;
        }
    }
    if (measured == 0) {
        return std::nullopt;
    }
    return sum / measured;
}

std::string FormatPercent(double percent) {
    if (!(percent >= 0)) { // NaN too
        percent = 0;
    }
    if (percent >= 100) {
        return "100";
    }
    // Hundredths, cut: 99.996 is "99.99", never "100.00". The small epsilon keeps 99.86 (which
    // is 99.8599999… in binary) from becoming 99.85.
    const double hundredths = std::floor(percent * 100 + 1e-6);
    return fmt::format("{:.2f}", hundredths / 100);
}

UptimeBand BandOf(const std::optional<double>& percent) {
    if (!percent) {
        return UptimeBand::NoData;
    }
    if (*percent >= 99.9) {
        return UptimeBand::Full;
    }
    if (*percent >= 99) {
        return UptimeBand::Minor;
    }
    if (*percent >= 95) {
        return UptimeBand::Serious;
    }
    return UptimeBand::Down;
}

std::optional<double> LatestLatency(const model::ComponentStatus& component) {
    if (component.latency.empty()) {
        return std::nullopt;
    }
    return component.latency.back().milliseconds;
}

/// One refresh: the status, and the terminals unless the server refuses them to this session.
struct MonitoringPresenter::Snapshot {
    model::ServiceStatus status;
    std::optional<model::TerminalPresence> terminals;
    bool terminalsAvailable = true;
};

MonitoringPresenter::MonitoringPresenter(ISession& session,
                                         std::shared_ptr<client::IMonitoringApi> api,
                                         MonitoringPermissions permissions, ITaskRunner& runner,
                                         IUiDispatcher& ui, IRefreshTimer& timer, Clock clock)
    : m_session(session)
    , m_api(std::move(api))
    , m_permissions(permissions)
    , m_timer(timer)
    , m_clock(clock ? std::move(clock) : Clock(model::Now))
    , m_refreshScope(runner, ui)
    , m_editScope(runner, ui) {}

MonitoringPresenter::~MonitoringPresenter() {
    m_timer.Cancel();
}

void MonitoringPresenter::Notify() const {
    if (m_callbacks.changed) {
        m_callbacks.changed();
    }
}

void MonitoringPresenter::Refresh() {
    if (m_loading || m_ended) {
        return;
    }
    m_timer.Cancel();
    m_nextAt.reset();
    m_loading = true;
    m_refreshScope.Run(
        [api = m_api] {
            Snapshot snapshot;
            snapshot.status = api->GetServiceStatus();
            try {
                snapshot.terminals = api->GetTerminalPresence();
            } catch (const client::ApiError& error) {
                // A session that may read the status but has no facilities to count (say, a
                // provider operator outside tenants): the screen goes without the list.
                if (!IsForbidden(error)) {
                    throw;
                }
                snapshot.terminalsAvailable = false;
            }
            return snapshot;
        },
        [this](TaskResult<Snapshot> result) { RefreshDone(std::move(result)); });
    Notify();
}

void MonitoringPresenter::RefreshDone(TaskResult<Snapshot> result) {
    m_loading = false;
    if (!result.Ok()) {
        const client::ApiError error = ToApiError(result.Error());
        if (EndSessionOn(error)) {
            return;
        }
        ++m_failures;
        m_lastError = error;
        ScheduleNext();
        Notify();
        if (m_callbacks.failed) {
            m_callbacks.failed(Operation::Refresh, error);
        }
        return;
    }
    Snapshot& snapshot = result.Value();
    m_status = std::move(snapshot.status);
    m_terminals = std::move(snapshot.terminals);
    m_terminalsAvailable = snapshot.terminalsAvailable;
    m_updatedAt = m_clock();
    m_failures = 0;
    m_lastError.reset();
    ScheduleNext();
    Notify();
}

void MonitoringPresenter::ScheduleNext() {
    m_nextDelay = RetryDelay(m_failures);
    m_nextAt = m_clock() + m_nextDelay;
    m_timer.Schedule(m_nextDelay);
}

bool MonitoringPresenter::EndSessionOn(const client::ApiError& error) {
    if (!EndsSession(error)) {
        return false;
    }
    m_ended = true;
    m_loading = false;
    m_nextAt.reset();
    m_timer.Cancel();
    m_refreshScope.DropPending();
    m_editScope.DropPending();
    m_clearing.clear();
    Notify();
    m_session.Expired(error); // may close the screen: nothing of `this` after it
    return true;
}

const model::ComponentStatus* MonitoringPresenter::Component(std::string_view id) const {
    if (!m_status) {
        return nullptr;
    }
    for (const auto& component : m_status->components) {
        if (component.id == id) {
            return &component;
        }
    }
    return nullptr;
}

model::ComponentState MonitoringPresenter::Overall() const {
    return m_status ? WorstState(m_status->components) : model::ComponentState::Operational;
}

std::string MonitoringPresenter::UpdatedTime() const {
    return m_updatedAt ? model::FormatJstTime(*m_updatedAt) : std::string();
}

bool MonitoringPresenter::Clearing(std::string_view id) const {
    return std::find(m_clearing.begin(), m_clearing.end(), id) != m_clearing.end();
}

void MonitoringPresenter::ClearStatus(const std::string& id) {
    if (!m_permissions.setStatus || m_ended || Clearing(id)) {
        return;
    }
    m_clearing.push_back(id);
    m_editScope.Run([api = m_api, id] { return api->ClearComponentStatus(id); },
                    [this, id](TaskResult<model::ComponentStatus> result) {
                        m_clearing.erase(std::remove(m_clearing.begin(), m_clearing.end(), id),
                                         m_clearing.end());
                        if (!result.Ok()) {
                            const client::ApiError error = ToApiError(result.Error());
                            if (EndSessionOn(error)) {
                                return;
                            }
                            Notify();
                            if (m_callbacks.failed) {
                                m_callbacks.failed(Operation::ClearStatus, error);
                            }
                            return;
                        }
                        const model::ComponentStatus cleared = result.Value();
                        StatusSet(cleared);
                        if (m_callbacks.cleared) {
                            m_callbacks.cleared(cleared);
                        }
                    });
    Notify();
}

void MonitoringPresenter::StatusSet(const model::ComponentStatus& status) {
    Replace(status);
    // An answer read before the change would put the old status back: drop it and read again.
    m_refreshScope.DropPending();
    m_loading = false;
    Notify();
    Refresh();
}

void MonitoringPresenter::Replace(const model::ComponentStatus& status) {
    if (!m_status) {
        return;
    }
    for (auto& component : m_status->components) {
        if (component.id == status.id) {
            const auto uptime = std::move(component.uptime);
            const auto latency = std::move(component.latency);
            component = status;
            // The answer of a PUT or DELETE may leave out the history; keep what was shown.
            if (component.uptime.empty()) {
                component.uptime = uptime;
            }
            if (component.latency.empty()) {
                component.latency = latency;
            }
            return;
        }
    }
}

} // namespace resv::views
