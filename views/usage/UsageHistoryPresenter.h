#pragma once
// The Usage history screen (利用履歴) without wx: the filters (JST days, user, action category,
// result, free text) as one AuditQuery; a virtual list of `count` rows over a bounded page cache
// (AuditPageCache); the selected event with its before/after for the detail pane; Verify; a
// "new events" indicator the view polls; and the CSV export with progress and Cancel.
//
// The list is a snapshot: Apply and Refresh load the first page, pin the query's `to` just after
// its newest event and count under that pin, so rows do not move while the user scrolls and the
// count, the offsets of scroll-bar jumps and the export all agree. What arrived since is what
// Poll() counts (the same filters without the pin) and what Refresh() brings in.
//
// Every API call runs on the task runner; results reach the presenter on the UI thread and are
// dropped once it is destroyed (or when a newer Apply made them stale). Errors come as ApiError
// through Callbacks::failed; the view ends the session on EndsSession(error) and words the rest
// with DescribeError, like the other screens.

#include "views/common/Async.h"
#include "views/usage/AuditPageCache.h"
#include "views/usage/JstRange.h"

#include "resv/client/ApiClient.h"
#include "resv/client/ApiError.h"
#include "resv/client/AuditApi.h"
#include "resv/model/AuditEvent.h"
#include "resv/model/Session.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::views {

/// What the session may do here, from /me's permissions (custom roles included).
struct UsagePermissions {
    bool read = false;      ///< usage.read: the list, the count, Verify
    bool exportCsv = false; ///< usage.export
};
UsagePermissions UsagePermissionsFor(const model::Me& me);

enum class ResultFilter { Any, Success, Denied, Failed };

/// The action categories the screen offers, as the API's action prefix ("session.",
/// "account.", "role.", "jurisdiction.", "facility.", "terminal.", "request.", "audit.",
/// "tenant.", "operator."), in the order of the list. The view words each one; an empty
/// category (not in this list) means every action.
const std::vector<std::string>& ActionCategories();

/// The category of an action: "account." for "account.create" (empty if it has no '.').
std::string CategoryOf(std::string_view action);

/// The filters as the user set them. Text fields are taken trimmed.
struct UsageFilters {
    DatePreset preset = DatePreset::Last7Days;
    JstDate customFrom{}; ///< Custom only; the presenter starts both at today
    JstDate customTo{};
    std::string user;     ///< a login ID, exact; empty for everyone
    std::string category; ///< one of ActionCategories(), or empty for all
    ResultFilter result = ResultFilter::Any;
    std::string text; ///< free text: user, action, target, details
    bool newestFirst = true;

    bool operator==(const UsageFilters&) const = default;
};

/// Why filters cannot be applied; the view words it next to the field.
enum class FilterProblem {
    None,
    CustomFromAfterTo, ///< Custom's from-date is after its to-date
    InvalidDate,       ///< a Custom date that does not exist
};

FilterProblem Validate(const UsageFilters& filters);

/// The JST days `filters` cover at `now` (Custom: as given; check Validate first).
JstDays DaysOf(const UsageFilters& filters, model::TimePoint now);

/// The list query for `filters` at `now` (paging unset, limit one page). Requires valid filters.
client::AuditQuery ToAuditQuery(const UsageFilters& filters, model::TimePoint now);

/// An event's details split for the detail pane: before and after side by side, the keys that
/// differ, and the rest of the details (a failed login's typed login ID, a denied route, …).
struct EventChanges {
    nlohmann::json before = nlohmann::json::object(); ///< details["before"], or {} without one
    nlohmann::json after = nlohmann::json::object();  ///< details["after"], or {} without one
    std::vector<std::string> changedKeys;            ///< keys in either whose values differ, sorted
    nlohmann::json other = nlohmann::json::object(); ///< details without before and after
    bool hasBeforeAfter = false; ///< details had "before" or "after" (a change, not an act)
};
EventChanges ChangesOf(const model::AuditEvent& event);

/// A row of the list: the event, or nullptr while its page is not loaded (a placeholder).
struct UsageRow {
    const model::AuditEvent* event = nullptr;
    bool loading = false; ///< its page is on its way (false: not asked yet, or it failed)
};

class UsageHistoryPresenter {
public:
    using Clock = std::function<model::TimePoint()>;

    /// The parts of the screen an error belongs to.
    enum class Operation {
        List,   ///< Apply/Refresh: the count and first page (the list is empty after it)
        Page,   ///< a page while scrolling (its rows stay placeholders; scrolling asks again)
        Verify, ///< also in VerifyStatus::error
        Export, ///< also in ExportResult::error
        Poll,   ///< only when it ends the session; other poll failures are not worth a message
    };

    enum class ListState {
        NotStarted,
        Loading, ///< the count and first page are on their way (the old rows are gone)
        Ready,
        Failed, ///< the last Apply/Refresh failed; the filters stay as typed
    };

    struct VerifyStatus {
        enum class State { Idle, Running, Done, Failed };
        State state = State::Idle;
        /// Done: ok, checked, first bad sequence and reason, the latest signed checkpoint.
        std::optional<model::AuditVerification> result;
        std::optional<client::ApiError> error;      ///< Failed
        std::optional<model::TimePoint> finishedAt; ///< when the answer came (Done/Failed)
    };

    enum class ExportOutcome { Succeeded, Cancelled, Failed };

    struct ExportProgress {
        std::int64_t rows = 0;  ///< written so far
        std::int64_t total = 0; ///< the list's count (the export has exactly those rows)
    };

    struct ExportResult {
        ExportOutcome outcome = ExportOutcome::Succeeded;
        std::filesystem::path file;
        std::int64_t rows = 0;
        std::optional<client::ApiError> error; ///< Failed
    };

    struct Callbacks {
        /// New rows or a new count (Apply, Refresh, a failed load): the view sets the item count
        /// to RowCount() and repaints every row.
        std::function<void()> listReset;
        /// Rows `first` to `last` (inclusive) have their events now: repaint them.
        std::function<void(std::size_t first, std::size_t last)> rowsLoaded;
        /// ListState, selection, verify, new events, export running or not.
        std::function<void()> stateChanged;
        std::function<void(const ExportProgress&)> exportProgress;
        std::function<void(const ExportResult&)> exportFinished;
        std::function<void(Operation, const client::ApiError&)> failed;
    };

    /// `client` is the session's client, to cut an export short (may be null). `clock` gives
    /// "now" for the date presets (model::Now in the console, a fixed time in tests).
    UsageHistoryPresenter(std::shared_ptr<client::IAuditApi> api,
                          std::shared_ptr<client::IApiClient> client, UsagePermissions permissions,
                          ITaskRunner& runner, IUiDispatcher& ui, Clock clock = model::Now);
    /// Cancels an export still running; results still on their way are dropped.
    ~UsageHistoryPresenter();
    UsageHistoryPresenter(const UsageHistoryPresenter&) = delete;
    UsageHistoryPresenter& operator=(const UsageHistoryPresenter&) = delete;

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    const UsagePermissions& Permissions() const { return m_permissions; }

    // Filters -------------------------------------------------------------------------------

    /// Loads the list with the current filters (Last 7 days, everything, Custom dates today).
    void Start();
    /// Keeps `filters` as typed (Filters() returns them whatever happens), and when Validate
    /// finds no problem loads the list for them: count and first page, the selection and the
    /// new-events indicator cleared. With a problem nothing is loaded and the list stays.
    FilterProblem Apply(const UsageFilters& filters);
    /// Loads the applied filters again, the date preset recomputed at now (so Today after
    /// midnight is the new day), bringing in the new events and clearing the indicator.
    void Refresh();
    /// The filters as last given to Apply (or the defaults).
    const UsageFilters& Filters() const { return m_filters; }
    /// The filters the list shows (differs from Filters() after an Apply with a problem).
    const UsageFilters& AppliedFilters() const { return m_applied; }
    /// The days the list shows, for a line like "2026-11-22 – 2026-11-28 (JST)".
    const JstDays& AppliedDays() const { return m_appliedDays; }
    /// The list's query, its `to` pinned after the newest event once loaded.
    const client::AuditQuery& Query() const { return m_cache.Query(); }
    /// Today in Japan, by the clock.
    JstDate Today() const;

    // The list ------------------------------------------------------------------------------

    ListState State() const { return m_state; }
    bool Loading() const { return m_state == ListState::Loading; }
    /// The count of events the filters match (the virtual list's item count).
    std::size_t RowCount() const { return m_cache.Total(); }
    /// Reads only: safe in the list's OnGetItemText. The pointer is valid until the next call
    /// that changes the list (RowsVisible, a page arriving, Apply, Refresh).
    UsageRow Row(std::size_t index) const;
    /// Rows `first` to `last` are on screen: the missing pages among them are fetched (at most
    /// AuditPageCache::kMaxInFlight at a time; pages scrolled past are no longer asked for).
    void RowsVisible(std::size_t first, std::size_t last);
    /// The newest sequence of the tenant when the list was loaded.
    std::int64_t LatestSequence() const { return m_latestSequence; }

    // Selection and detail ------------------------------------------------------------------

    /// Selects row `index`; nullopt clears. The event is kept, so the detail stays while its
    /// page is evicted; for a placeholder row Selected() is null until its page arrives.
    void Select(std::optional<std::size_t> index);
    std::optional<std::size_t> SelectedIndex() const { return m_selectedIndex; }
    const model::AuditEvent* Selected() const;
    /// ChangesOf(the selected event); empty if nothing is selected.
    EventChanges SelectedChanges() const;

    // Verify --------------------------------------------------------------------------------

    /// Checks the tenant's chain and checkpoints on the server; ignored while one runs.
    void Verify();
    const VerifyStatus& Verification() const { return m_verify; }

    // New events ----------------------------------------------------------------------------

    /// Called by the view every 30 s: counts the applied filters without the list's pin. The
    /// list does not change; NewEvents() and stateChanged report what arrived. Skipped while the
    /// list loads or a poll is on its way.
    void Poll();
    /// Events matching the filters that arrived since the list was loaded (0 after Refresh).
    std::int64_t NewEvents() const { return m_newEvents; }

    // Export --------------------------------------------------------------------------------

    /// Exports exactly what the list shows (its filters, order and pin; no paging) into `file`.
    /// Ignored without usage.export, before the list is loaded, or while one runs.
    void Export(const std::filesystem::path& file, client::CsvEncoding encoding);
    /// Stops the export: the result says Cancelled, no file is left and the presenter is idle.
    void CancelExport();
    bool Exporting() const { return m_export != nullptr; }
    bool CanExport() const;
    ExportProgress CurrentExportProgress() const;

private:
    struct Loaded;
    struct ExportJob;

    void Load();
    void LoadDone(TaskResult<Loaded> result);
    void Pump();
    void PageArrived(std::size_t page);
    void ExportProgressed(const std::shared_ptr<ExportJob>& job);
    void ExportDone(const std::shared_ptr<ExportJob>& job, TaskResult<std::int64_t> result);
    void Failed(Operation operation, const client::ApiError& error);
    void Notify(const std::function<void()>& callback) const;

    std::shared_ptr<client::IAuditApi> m_api;
    std::shared_ptr<client::IApiClient> m_client;
    UsagePermissions m_permissions;
    ITaskRunner& m_runner;
    IUiDispatcher& m_ui;
    Clock m_clock;
    Callbacks m_callbacks;
    UsageFilters m_filters;
    UsageFilters m_applied;
    JstDays m_appliedDays{};
    client::AuditQuery m_unpinned; ///< the applied filters without the pin, for Poll
    AuditPageCache m_cache;
    ListState m_state = ListState::NotStarted;
    std::int64_t m_latestSequence = 0;
    std::int64_t m_newEvents = 0;
    bool m_polling = false;
    std::optional<std::size_t> m_selectedIndex;
    std::optional<model::AuditEvent> m_selected;
    VerifyStatus m_verify;
    std::shared_ptr<ExportJob> m_export;
    /// Posted export progress checks it: gone with the presenter.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    AsyncScope m_listScope;   ///< Apply/Refresh: a newer one drops the older
    AsyncScope m_pageScope;   ///< page fetches (the cache drops older generations)
    AsyncScope m_verifyScope; ///< Verify
    AsyncScope m_pollScope;   ///< Poll: dropped by Apply/Refresh
    AsyncScope m_exportScope; ///< Export
};

} // namespace resv::views
