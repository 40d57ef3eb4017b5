#pragma once
// The Monitoring screen (監視, CLD.12.4.5) without wx: the service status and the terminals per
// facility, refreshed every 30 s. When a refresh fails the last answer stays on screen marked
// stale and the next try waits longer (30 s, 60 s, 120 s, … at most 5 min); the first success
// brings the 30 s rhythm back. A session the server has ended goes to ISession::Expired and the
// refreshing stops. A provider operator outside customer tenants (incidents.publish) may give a
// component back to its probes here; setting a status is StatusEditPresenter's (the dialog's).
//
// Every call runs on the task runner; results reach the presenter on the UI thread and are
// dropped once it is destroyed, so a closed screen never sees one.

#include "views/common/Async.h"
#include "views/common/Session.h"

#include "resv/client/ApiError.h"
#include "resv/client/MonitoringApi.h"
#include "resv/model/Monitoring.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resv::views {

/// What the session may do here, from /me.
struct MonitoringPermissions {
    bool read = false;      ///< monitoring.read: the screen
    bool setStatus = false; ///< incidents.publish outside customer tenants: Set status, Return
};
MonitoringPermissions MonitoringPermissionsFor(const model::Me& me);

/// The rhythm of the refresh.
inline constexpr std::chrono::seconds kRefreshInterval{30};
inline constexpr std::chrono::seconds kMaxRetryInterval{300};

/// The wait before the next refresh after `failures` refreshes in a row have failed: 30 s with
/// none or one, then doubling (60 s, 120 s, 240 s) up to 5 min.
std::chrono::seconds RetryDelay(int failures);

/// When the presenter's next refresh is due. The view implements it with a one-shot wxTimer
/// that calls MonitoringPresenter::Refresh; tests fire it by hand.
class IRefreshTimer {
public:
    virtual ~IRefreshTimer() = default;
    /// Replaces any refresh already scheduled.
    virtual void Schedule(std::chrono::milliseconds delay) = 0;
    virtual void Cancel() = 0;
};

/// The worst status of `components` (Operational when there are none). Severity follows the
/// enum: Operational < Degraded < Maintenance < PartialOutage < MajorOutage.
model::ComponentState WorstState(const std::vector<model::ComponentStatus>& components);

/// The components that are not operational, the worst first (the server's order within a state).
std::vector<const model::ComponentStatus*>
Affected(const std::vector<model::ComponentStatus>& components);

/// The mean of the days that have a measurement; nothing when none has.
std::optional<double> AverageUptime(const std::vector<model::UptimeDay>& days);

/// "99.86": two decimals, cut rather than rounded below 100 so that a day with any downtime never
/// reads 100; "100" for a full day. No locale (the same in every language).
std::string FormatPercent(double percent);

/// How a day's bar is coloured.
enum class UptimeBand {
    NoData,  ///< nothing measured (grey)
    Full,    ///< 100 %, or at least 99.9 %
    Minor,   ///< at least 99 %
    Serious, ///< at least 95 %
    Down,    ///< below 95 %
};
UptimeBand BandOf(const std::optional<double>& percent);

/// The latest latency of a component; nothing without samples.
std::optional<double> LatestLatency(const model::ComponentStatus& component);

class MonitoringPresenter {
public:
    using Clock = std::function<model::TimePoint()>;

    enum class Operation {
        Refresh,     ///< the status or the terminals (stale is set; the next try is scheduled)
        ClearStatus, ///< Return to automatic
    };

    struct Callbacks {
        /// Anything shown changed: the data, stale, loading, a Return under way.
        std::function<void()> changed;
        /// A failure that does not end the session (those go to ISession::Expired).
        std::function<void(Operation, const client::ApiError&)> failed;
        /// Return to automatic succeeded for the component.
        std::function<void(const model::ComponentStatus&)> cleared;
    };

    /// `timer` must outlive the presenter. `clock` says when an answer arrived.
    MonitoringPresenter(ISession& session, std::shared_ptr<client::IMonitoringApi> api,
                        MonitoringPermissions permissions, ITaskRunner& runner, IUiDispatcher& ui,
                        IRefreshTimer& timer, Clock clock = model::Now);
    /// Cancels the timer; answers still on their way are dropped.
    ~MonitoringPresenter();
    MonitoringPresenter(const MonitoringPresenter&) = delete;
    MonitoringPresenter& operator=(const MonitoringPresenter&) = delete;

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    const MonitoringPermissions& Permissions() const { return m_permissions; }

    /// The first refresh.
    void Start() { Refresh(); }
    /// Reads the status and the terminals now (the timer's and the Refresh button's); the next
    /// refresh is scheduled when the answer is in. Ignored while one is on its way or after the
    /// session ended.
    void Refresh();
    bool Loading() const { return m_loading; }
    /// The session ended: nothing more is asked.
    bool Ended() const { return m_ended; }

    // What shows -----------------------------------------------------------------------------

    const std::optional<model::ServiceStatus>& Status() const { return m_status; }
    /// The component `id` of the last answer, or null.
    const model::ComponentStatus* Component(std::string_view id) const;
    /// Null before the first answer, and when the server does not show this session terminals.
    const std::optional<model::TerminalPresence>& Terminals() const { return m_terminals; }
    /// False when the server refused the terminals to this session (403): the list is not shown.
    bool TerminalsAvailable() const { return m_terminalsAvailable; }
    /// WorstState of the last answer.
    model::ComponentState Overall() const;

    /// When the data on screen arrived (by the clock); nothing before the first answer.
    const std::optional<model::TimePoint>& UpdatedAt() const { return m_updatedAt; }
    /// "17:10:49 JST" of UpdatedAt; empty before the first answer.
    std::string UpdatedTime() const;
    /// The last refresh failed: what shows (if anything) is from UpdatedAt.
    bool Stale() const { return m_failures > 0; }
    /// Refreshes failed in a row.
    int Failures() const { return m_failures; }
    /// Why the last refresh failed (kept until one succeeds).
    const std::optional<client::ApiError>& LastError() const { return m_lastError; }
    /// The wait before the next refresh, as last scheduled.
    std::chrono::seconds NextDelay() const { return m_nextDelay; }
    /// When the next refresh is due; nothing while one is on its way or after the session ended.
    const std::optional<model::TimePoint>& NextRefreshAt() const { return m_nextAt; }

    // The operator -----------------------------------------------------------------------------

    /// Gives component `id` back to its probes (DELETE). Ignored without the permission or while
    /// one is on its way for it.
    void ClearStatus(const std::string& id);
    bool Clearing(std::string_view id) const;
    /// The status dialog's answer: the tile shows it at once and a refresh brings the rest.
    void StatusSet(const model::ComponentStatus& status);

private:
    struct Snapshot;

    void RefreshDone(TaskResult<Snapshot> result);
    void Replace(const model::ComponentStatus& status);
    void ScheduleNext();
    /// True when `error` ended the session (and it has been handed to the session).
    bool EndSessionOn(const client::ApiError& error);
    void Notify() const;

    ISession& m_session;
    std::shared_ptr<client::IMonitoringApi> m_api;
    MonitoringPermissions m_permissions;
    IRefreshTimer& m_timer;
    Clock m_clock;
    Callbacks m_callbacks;
    std::optional<model::ServiceStatus> m_status;
    std::optional<model::TerminalPresence> m_terminals;
    bool m_terminalsAvailable = true;
    std::optional<model::TimePoint> m_updatedAt;
    std::optional<model::TimePoint> m_nextAt;
    std::optional<client::ApiError> m_lastError;
    std::chrono::seconds m_nextDelay = kRefreshInterval;
    int m_failures = 0;
    bool m_loading = false;
    bool m_ended = false;
    std::vector<std::string> m_clearing;
    AsyncScope m_refreshScope; ///< a set or cleared status drops an older answer
    AsyncScope m_editScope;
};

} // namespace resv::views
