#include "views/usage/UsageHistoryPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Role.h"

#include <algorithm>
#include <atomic>
#include <set>

namespace resv::views {
namespace {

bool Contains(const std::vector<std::string>& items, std::string_view item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

/// Without the spaces around it, ASCII or the ideographic space a Japanese IME types.
std::string Trimmed(const std::string& text) {
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    std::string_view view = text;
    for (;;) {
        if (!view.empty() &&
            std::string_view(" \t\r\n").find(view.front()) != std::string_view::npos) {
            view.remove_prefix(1);
        } else if (!view.empty() &&
                   std::string_view(" \t\r\n").find(view.back()) != std::string_view::npos) {
            view.remove_suffix(1);
        } else if (view.starts_with(kIdeographicSpace)) {
            view.remove_prefix(kIdeographicSpace.size());
        } else if (view.ends_with(kIdeographicSpace)) {
            view.remove_suffix(kIdeographicSpace.size());
        } else {
            return std::string(view);
        }
    }
}

std::optional<model::AuditResult> ToAuditResult(ResultFilter result) {
    switch (result) {
    case ResultFilter::Success:
        return model::AuditResult::Success;
    case ResultFilter::Denied:
        return model::AuditResult::Denied;
    case ResultFilter::Failed:
        return model::AuditResult::Failed;
    case ResultFilter::Any:
        break;
    }
    return std::nullopt;
}

bool IsCancelled(const client::ApiError& error) {
    return error.GetKind() == client::ApiError::Kind::Cancelled;
}

nlohmann::json ObjectAt(const nlohmann::json& details, const char* key) {
    const auto it = details.find(key);
    return it != details.end() && it->is_object() ? *it : nlohmann::json::object();
}

} // namespace

UsagePermissions UsagePermissionsFor(const model::Me& me) {
    namespace p = model::permission;
    return {Contains(me.permissions, p::kUsageRead), Contains(me.permissions, p::kUsageExport)};
}

const std::vector<std::string>& ActionCategories() {
    static const std::vector<std::string> categories{
        "session.",  "account.", "role.",  "jurisdiction.", "facility.",
        "terminal.", "request.", "audit.", "tenant.",       "operator.",
    };
    return categories;
}

std::string CategoryOf(std::string_view action) {
    const auto dot = action.find('.');
    return dot == std::string_view::npos ? std::string() : std::string(action.substr(0, dot + 1));
}

FilterProblem Validate(const UsageFilters& filters) {
    if (filters.preset != DatePreset::Custom) {
        return FilterProblem::None;
    }
    if (!filters.customFrom.ok() || !filters.customTo.ok()) {
        return FilterProblem::InvalidDate;
    }
    return filters.customFrom > filters.customTo ? FilterProblem::CustomFromAfterTo
                                                 : FilterProblem::None;
}

JstDays DaysOf(const UsageFilters& filters, model::TimePoint now) {
    return PresetDays(filters.preset, now, filters.customFrom, filters.customTo);
}

client::AuditQuery ToAuditQuery(const UsageFilters& filters, model::TimePoint now) {
    client::AuditQuery query;
    const UtcRange range = ToUtcRange(DaysOf(filters, now));
    query.from = range.from;
    query.to = range.to;
    query.actor = Trimmed(filters.user);
    query.action = Trimmed(filters.category);
    if (!query.action.empty() && !query.action.ends_with('.')) {
        query.action += '.'; // a category, never one exact action
    }
    query.result = ToAuditResult(filters.result);
    query.q = Trimmed(filters.text);
    query.limit = static_cast<int>(AuditPageCache::kPageSize);
    query.descending = filters.newestFirst;
    return query;
}

EventChanges ChangesOf(const model::AuditEvent& event) {
    EventChanges changes;
    const nlohmann::json& details = event.details;
    if (!details.is_object()) {
        if (!details.is_null()) {
            changes.other = nlohmann::json{{"details", details}};
        }
        return changes;
    }
    changes.hasBeforeAfter = details.contains("before") || details.contains("after");
    changes.before = ObjectAt(details, "before");
    changes.after = ObjectAt(details, "after");
    std::set<std::string> keys;
    for (const auto& side : {changes.before, changes.after}) {
        for (const auto& [key, value] : side.items()) {
            keys.insert(key);
        }
    }
    for (const std::string& key : keys) {
        const auto before = changes.before.find(key);
        const auto after = changes.after.find(key);
        const bool inBefore = before != changes.before.end();
        const bool inAfter = after != changes.after.end();
        if (inBefore != inAfter || (inBefore && *before != *after)) {
            changes.changedKeys.push_back(key);
        }
    }
    for (const auto& [key, value] : details.items()) {
        if (key != "before" && key != "after") {
            changes.other[key] = value;
        }
    }
    return changes;
}

/// What Apply and Refresh load in one job: the query pinned after its newest event, its count
/// under that pin and the first page.
struct UsageHistoryPresenter::Loaded {
    client::AuditQuery pinned;
    model::AuditCount count;
    std::optional<model::Page<model::AuditEvent>> firstPage;
};

struct UsageHistoryPresenter::ExportJob {
    std::filesystem::path file;
    std::int64_t total = 0;
    std::atomic<bool> cancel{false};
    std::atomic<bool> started{false};
    std::atomic<bool> progressPosted{false};
    std::atomic<std::int64_t> rows{0};
};

UsageHistoryPresenter::UsageHistoryPresenter(std::shared_ptr<client::IAuditApi> api,
                                             std::shared_ptr<client::IApiClient> client,
                                             UsagePermissions permissions, ITaskRunner& runner,
                                             IUiDispatcher& ui, Clock clock)
    : m_api(std::move(api))
    , m_client(std::move(client))
    , m_permissions(permissions)
    , m_runner(runner)
    , m_ui(ui)
    , m_clock(clock ? std::move(clock) : Clock(model::Now))
    , m_listScope(runner, ui)
    , m_pageScope(runner, ui)
    , m_verifyScope(runner, ui)
    , m_pollScope(runner, ui)
    , m_exportScope(runner, ui) {
    m_filters.customFrom = m_filters.customTo = Today();
    m_applied = m_filters;
    m_appliedDays = DaysOf(m_applied, m_clock());
}

UsageHistoryPresenter::~UsageHistoryPresenter() {
    if (m_export) {
        m_export->cancel = true; // the worker stops at the next chunk; no file is left
    }
}

void UsageHistoryPresenter::Notify(const std::function<void()>& callback) const {
    if (callback) {
        callback();
    }
}

JstDate UsageHistoryPresenter::Today() const {
    return JstDateOf(m_clock());
}

void UsageHistoryPresenter::Start() {
    Apply(m_filters);
}

FilterProblem UsageHistoryPresenter::Apply(const UsageFilters& filters) {
    m_filters = filters;
    const FilterProblem problem = Validate(filters);
    if (problem != FilterProblem::None) {
        Notify(m_callbacks.stateChanged);
        return problem;
    }
    m_applied = filters;
    Load();
    return FilterProblem::None;
}

void UsageHistoryPresenter::Refresh() {
    Load();
}

void UsageHistoryPresenter::Load() {
    m_listScope.DropPending();
    m_pageScope.DropPending();
    m_pollScope.DropPending();
    m_polling = false;
    const model::TimePoint now = m_clock();
    m_appliedDays = DaysOf(m_applied, now);
    m_unpinned = ToAuditQuery(m_applied, now);
    m_cache.Reset(m_unpinned, 0);
    m_state = ListState::Loading;
    m_newEvents = 0;
    m_selectedIndex.reset();
    m_selected.reset();
    m_listScope.Run(
        [api = m_api, query = m_unpinned] {
            Loaded loaded;
            loaded.pinned = query;
            // The newest event first: the list ends just after it, whatever arrives meanwhile.
            client::AuditQuery newest = query;
            newest.descending = true;
            newest.limit = query.descending ? query.limit : 1;
            auto page = api->ListAuditEvents(newest);
            if (!page.items.empty()) {
                loaded.pinned.to = page.items.front().at + std::chrono::milliseconds(1);
            }
            loaded.count = api->CountAuditEvents(loaded.pinned);
            if (query.descending) {
                // Its cursor belongs to the query without the pin; page 1 goes by offset.
                page.nextCursor.reset();
                loaded.firstPage = std::move(page);
            } else if (loaded.count.count > 0) {
                loaded.firstPage = api->ListAuditEvents(loaded.pinned);
            }
            return loaded;
        },
        [this](TaskResult<Loaded> result) { LoadDone(std::move(result)); });
    Notify(m_callbacks.listReset);
    Notify(m_callbacks.stateChanged);
}

void UsageHistoryPresenter::LoadDone(TaskResult<Loaded> result) {
    if (!result.Ok()) {
        m_state = ListState::Failed;
        Notify(m_callbacks.listReset);
        Notify(m_callbacks.stateChanged);
        return Failed(Operation::List, ToApiError(result.Error()));
    }
    Loaded& loaded = result.Value();
    m_cache.Reset(loaded.pinned, loaded.count.count, std::move(loaded.firstPage));
    m_latestSequence = loaded.count.latestSequence;
    m_state = ListState::Ready;
    Notify(m_callbacks.listReset);
    Notify(m_callbacks.stateChanged);
    Pump();
}

UsageRow UsageHistoryPresenter::Row(std::size_t index) const {
    return {m_cache.Row(index), m_cache.Loading(index)};
}

void UsageHistoryPresenter::RowsVisible(std::size_t first, std::size_t last) {
    if (m_state != ListState::Ready) {
        return;
    }
    m_cache.Want(first, last);
    Pump();
}

void UsageHistoryPresenter::Pump() {
    while (auto request = m_cache.NextRequest()) {
        m_pageScope.Run(
            [api = m_api, query = request->query] { return api->ListAuditEvents(query); },
            [this, request = *request](TaskResult<model::Page<model::AuditEvent>> result) {
                if (!result.Ok()) {
                    const client::ApiError error = ToApiError(result.Error());
                    m_cache.Failed(request, IsCancelled(error));
                    Pump();
                    return Failed(Operation::Page, error);
                }
                if (m_cache.Fill(request, std::move(result.Value()))) {
                    PageArrived(request.page);
                }
                Pump();
            });
    }
}

void UsageHistoryPresenter::PageArrived(std::size_t page) {
    const std::size_t rows = m_cache.PageRows(page);
    if (rows == 0) {
        return;
    }
    const std::size_t first = m_cache.PageStart(page);
    if (m_callbacks.rowsLoaded) {
        m_callbacks.rowsLoaded(first, first + rows - 1);
    }
    // A placeholder row was selected: its event shows now.
    if (m_selectedIndex && !m_selected && *m_selectedIndex >= first &&
        *m_selectedIndex < first + rows) {
        if (const model::AuditEvent* event = m_cache.Row(*m_selectedIndex)) {
            m_selected = *event;
            Notify(m_callbacks.stateChanged);
        }
    }
}

void UsageHistoryPresenter::Select(std::optional<std::size_t> index) {
    if (index && *index >= RowCount()) {
        index.reset();
    }
    std::optional<model::AuditEvent> event;
    if (index) {
        if (const model::AuditEvent* row = m_cache.Row(*index)) {
            event = *row;
        }
    }
    if (index == m_selectedIndex && event == m_selected) {
        return;
    }
    m_selectedIndex = index;
    m_selected = std::move(event);
    Notify(m_callbacks.stateChanged);
}

const model::AuditEvent* UsageHistoryPresenter::Selected() const {
    return m_selected ? &*m_selected : nullptr;
}

EventChanges UsageHistoryPresenter::SelectedChanges() const {
    return m_selected ? ChangesOf(*m_selected) : EventChanges{};
}

void UsageHistoryPresenter::Verify() {
    if (m_verify.state == VerifyStatus::State::Running || !m_permissions.read) {
        return;
    }
    m_verify = VerifyStatus{};
    m_verify.state = VerifyStatus::State::Running;
    m_verifyScope.Run([api = m_api] { return api->VerifyAuditLog(); },
                      [this](TaskResult<model::AuditVerification> result) {
                          m_verify.finishedAt = m_clock();
                          if (result.Ok()) {
                              m_verify.state = VerifyStatus::State::Done;
                              m_verify.result = std::move(result.Value());
                              return Notify(m_callbacks.stateChanged);
                          }
                          const client::ApiError error = ToApiError(result.Error());
                          if (IsCancelled(error)) {
                              // Cut short by an export's Cancel: as if never asked.
                              m_verify = VerifyStatus{};
                              return Notify(m_callbacks.stateChanged);
                          }
                          m_verify.state = VerifyStatus::State::Failed;
                          m_verify.error = error;
                          Notify(m_callbacks.stateChanged);
                          Failed(Operation::Verify, error);
                      });
    Notify(m_callbacks.stateChanged);
}

void UsageHistoryPresenter::Poll() {
    if (m_state != ListState::Ready || m_polling) {
        return;
    }
    m_polling = true;
    m_pollScope.Run([api = m_api, query = m_unpinned] { return api->CountAuditEvents(query); },
                    [this](TaskResult<model::AuditCount> result) {
                        m_polling = false;
                        if (!result.Ok()) {
                            const client::ApiError error = ToApiError(result.Error());
                            if (EndsSession(error)) {
                                Failed(Operation::Poll, error);
                            }
                            return;
                        }
                        // The list's own count is under the pin, this one is not: the
                        // difference is what arrived since (events are never removed).
                        const std::int64_t arrived = std::max<std::int64_t>(
                            0, result.Value().count - static_cast<std::int64_t>(RowCount()));
                        if (arrived != m_newEvents) {
                            m_newEvents = arrived;
                            Notify(m_callbacks.stateChanged);
                        }
                    });
}

bool UsageHistoryPresenter::CanExport() const {
    return m_permissions.exportCsv && m_state == ListState::Ready && !m_export;
}

UsageHistoryPresenter::ExportProgress UsageHistoryPresenter::CurrentExportProgress() const {
    if (!m_export) {
        return {};
    }
    return {m_export->rows.load(), m_export->total};
}

void UsageHistoryPresenter::Export(const std::filesystem::path& file,
                                   client::CsvEncoding encoding) {
    if (!CanExport()) {
        return;
    }
    auto job = std::make_shared<ExportJob>();
    job->file = file;
    job->total = static_cast<std::int64_t>(RowCount());
    m_export = job;
    // Progress is posted from the worker, at most one post waiting at a time.
    auto post = [ui = &m_ui, alive = std::weak_ptr<bool>(m_alive), self = this, job] {
        if (job->progressPosted.exchange(true)) {
            return;
        }
        ui->Post([alive, self, job] {
            job->progressPosted = false;
            if (alive.lock()) {
                self->ExportProgressed(job);
            }
        });
    };
    m_exportScope.Run(
        [api = m_api, client = m_client, query = m_cache.Query(), encoding, job, post] {
            if (client) {
                client->ResetCancel(); // a Cancel meant for an earlier request
            }
            job->started = true;
            if (job->cancel) {
                throw client::ApiError(client::ApiError::Kind::Cancelled, "export cancelled");
            }
            api->ExportAuditCsv(query, encoding, job->file, [&job, &post](std::int64_t rows) {
                job->rows = rows;
                post();
                return !job->cancel;
            });
            return job->rows.load();
        },
        [this, job](TaskResult<std::int64_t> result) { ExportDone(job, std::move(result)); });
    Notify(m_callbacks.stateChanged);
}

void UsageHistoryPresenter::ExportProgressed(const std::shared_ptr<ExportJob>& job) {
    if (job == m_export && m_callbacks.exportProgress) {
        m_callbacks.exportProgress({job->rows.load(), job->total});
    }
}

void UsageHistoryPresenter::ExportDone(const std::shared_ptr<ExportJob>& job,
                                       TaskResult<std::int64_t> result) {
    if (job != m_export) {
        return;
    }
    m_export.reset();
    ExportResult done;
    done.file = job->file;
    done.rows = job->rows.load();
    if (result.Ok()) {
        done.outcome = ExportOutcome::Succeeded;
        done.rows = result.Value();
    } else if (const client::ApiError error = ToApiError(result.Error());
               job->cancel || IsCancelled(error)) {
        done.outcome = ExportOutcome::Cancelled;
    } else {
        done.outcome = ExportOutcome::Failed;
        done.error = error;
    }
    Notify(m_callbacks.stateChanged);
    if (m_callbacks.exportFinished) {
        m_callbacks.exportFinished(done);
    }
    if (done.error) {
        Failed(Operation::Export, *done.error);
    }
}

void UsageHistoryPresenter::CancelExport() {
    if (!m_export || m_export->cancel) {
        return;
    }
    m_export->cancel = true;
    // The progress callback ends a download that is flowing; Cancel() also ends one waiting on
    // a silent server. Queued behind it, ResetCancel keeps the next request from failing too.
    if (m_export->started && m_client) {
        m_client->Cancel();
        m_runner.Submit([client = m_client] { client->ResetCancel(); });
    }
    Notify(m_callbacks.stateChanged);
}

void UsageHistoryPresenter::Failed(Operation operation, const client::ApiError& error) {
    if (IsCancelled(error)) {
        return; // the user asked for it; nothing to explain
    }
    if (m_callbacks.failed) {
        m_callbacks.failed(operation, error);
    }
}

} // namespace resv::views
