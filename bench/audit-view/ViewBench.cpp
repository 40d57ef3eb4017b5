#include "ViewBench.h"

#include "../accounts/BenchSupport.h"

#include "console/WxDispatcher.h"
#include "views/common/Session.h"
#include "views/common/Settings.h"
#include "views/common/TaskRunner.h"
#include "views/usage/AuditEventList.h"
#include "views/usage/UsageHistoryView.h"

#include <wx/app.h>
#include <wx/frame.h>
#include <wx/sizer.h>

#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <type_traits>

namespace resv::bench {
namespace {

constexpr auto kActTimeout = std::chrono::seconds(20);

/// The console's session, over the one signed-in client.
class BenchSession final : public views::ISession {
public:
    BenchSession(std::shared_ptr<client::ApiClient> client, model::Me me, std::string url)
        : m_client(std::move(client))
        , m_me(std::move(me))
        , m_url(std::move(url)) {}

    std::shared_ptr<client::IApiClient> Client() const override { return m_client; }
    const std::string& ServerUrl() const override { return m_url; }
    const model::Me& Me() const override { return m_me; }
    void UpdateMe(model::Me me) override { m_me = std::move(me); }
    void Expired(const client::ApiError& error) override {
        throw std::runtime_error(std::string("the session ended: ") + error.what());
    }

private:
    std::shared_ptr<client::ApiClient> m_client;
    model::Me m_me;
    std::string m_url;
};

/// Settings in memory (the columns' widths are all the screen keeps).
class BenchSettings final : public views::ISettings {
public:
    views::RememberedLogin LoadLogin() const override { return {}; }
    void SaveLogin(const views::RememberedLogin&) override {}
    std::string Language() const override { return {}; }
    void SetLanguage(const std::string&) override {}
    std::string ListColumns(const std::string& list) const override {
        const auto it = m_columns.find(list);
        return it == m_columns.end() ? std::string() : it->second;
    }
    void SetListColumns(const std::string& list, const std::string& columns) override {
        m_columns[list] = columns;
    }

private:
    std::map<std::string, std::string> m_columns;
};

/// The screen's audit API: the signed-in client, with the time of each call noted (on the
/// worker thread: from the call to the parsed answer).
class TimedAuditApi final : public client::IAuditApi {
public:
    explicit TimedAuditApi(std::shared_ptr<client::ApiClient> client)
        : m_client(std::move(client)) {}

    /// The calls' time and number since the last Take().
    std::pair<double, int> Take() {
        std::lock_guard lock(m_mutex);
        const auto taken = std::pair{m_ms, m_calls};
        m_ms = 0;
        m_calls = 0;
        return taken;
    }

    model::Page<model::AuditEvent> ListAuditEvents(const client::AuditQuery& query) override {
        return Timed([&] { return m_client->ListAuditEvents(query); });
    }
    model::AuditCount CountAuditEvents(const client::AuditQuery& query) override {
        return Timed([&] { return m_client->CountAuditEvents(query); });
    }
    model::AuditVerification VerifyAuditLog() override { return m_client->VerifyAuditLog(); }
    void ExportAuditCsv(const client::AuditQuery& query, client::CsvEncoding encoding,
                        const std::filesystem::path& file,
                        const client::ExportProgress& progress) override {
        m_client->ExportAuditCsv(query, encoding, file, progress);
    }

private:
    template <typename Call>
    std::invoke_result_t<const Call&> Timed(const Call& call) {
        const auto start = Clock::now();
        auto result = call();
        const double ms = Ms(Clock::now() - start);
        std::lock_guard lock(m_mutex);
        m_ms += ms;
        ++m_calls;
        return result;
    }

    std::shared_ptr<client::ApiClient> m_client;
    std::mutex m_mutex;
    double m_ms = 0;
    int m_calls = 0;
};

/// The window of a wxListView that paints the rows (the generic control's wxListMainWindow).
wxWindow* RowsWindow(wxWindow* list) {
    for (wxWindow* child : list->GetChildren()) {
        if (child->GetClassInfo() &&
            wxString(child->GetClassInfo()->GetClassName()) == wxS("wxListMainWindow")) {
            return child;
        }
    }
    return list;
}

template <typename Condition>
bool Spin(Condition done, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!done()) {
        if (Clock::now() > deadline) {
            return false;
        }
        wxTheApp->Yield(true);
        if (!done()) {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    }
    return true;
}

/// Lets pending painting, idle work and fetches finish.
void Settle(views::WorkerThread& runner) {
    runner.WaitIdle(std::chrono::seconds(30));
    const auto until = Clock::now() + std::chrono::milliseconds(50);
    while (Clock::now() < until) {
        wxTheApp->Yield(true);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

/// Times acts from their start to the paint that shows what they asked for.
class PaintClock {
public:
    /// Watches the rows of `list` (again after each new list).
    void Watch(views::AuditEventList* list) {
        wxWindow* rows = RowsWindow(list);
        rows->Bind(wxEVT_PAINT, [this](wxPaintEvent& event) {
            event.Skip(); // the list paints after this handler
            if (m_armed && !m_painted && m_ready()) {
                m_painted = true;
            }
        });
    }

    /// Runs `act`, then the event loop until a paint begins with `ready` holding; the time
    /// until that paint is over, in ms, or -1 after kActTimeout.
    double Time(const std::function<void()>& act, std::function<bool()> ready) {
        m_ready = std::move(ready);
        m_painted = false;
        m_armed = true;
        const auto start = Clock::now();
        act();
        const bool seen = Spin([this] { return m_painted; }, kActTimeout);
        const double ms = Ms(Clock::now() - start);
        m_armed = false;
        return seen ? ms : -1;
    }

private:
    std::function<bool()> m_ready;
    bool m_armed = false;
    bool m_painted = false;
};

/// Every row on screen has its event (none is a placeholder).
bool VisibleRowsLoaded(views::AuditEventList& list, views::UsageHistoryPresenter& presenter) {
    const long count = list.GetItemCount();
    if (count == 0 || presenter.State() != views::UsageHistoryPresenter::ListState::Ready) {
        return false;
    }
    const long first = std::clamp(list.GetTopItem(), 0L, count - 1);
    const long last = std::min(first + std::max(list.GetCountPerPage(), 1), count - 1);
    for (long row = first; row <= last; ++row) {
        if (presenter.Row(static_cast<std::size_t>(row)).event == nullptr) {
            return false;
        }
    }
    return true;
}

void Record(std::vector<double>& into, double ms, int& timeouts) {
    if (ms < 0) {
        ++timeouts;
    } else {
        into.push_back(ms);
    }
}

/// The act's time, and its API calls' (taken from `api`, which was emptied before the act).
void Record(std::vector<double>& into, std::vector<double>& apiMs, std::vector<double>& calls,
            double ms, TimedAuditApi& api, int& timeouts) {
    const auto [callMs, count] = api.Take();
    Record(into, ms, timeouts);
    if (ms >= 0) {
        apiMs.push_back(callMs);
        calls.push_back(count);
    }
}

} // namespace

long ProcStatusKb(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(status, line)) {
        if (line.starts_with(prefix)) {
            return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
        }
    }
    return 0;
}

ViewTimings MeasureView(const std::shared_ptr<client::ApiClient>& client,
                        const std::string& serverUrl, const ViewBenchOptions& options) {
    ViewTimings timings;
    BenchSession session(client, client->GetMe(), serverUrl);
    const views::UsagePermissions permissions = views::UsagePermissionsFor(session.Me());
    BenchSettings settings;
    auto api = std::make_shared<TimedAuditApi>(client);
    views::WorkerThread runner;
    console::WxDispatcher ui;
    auto* frame = new wxFrame(nullptr, wxID_ANY, wxS("resv-bench-audit-view"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    frame->SetSizer(sizer);
    frame->SetClientSize(frame->FromDIP(wxSize(1100, 700)));
    frame->Show();
    Settle(runner);
    timings.rssBeforeKb = ProcStatusKb("VmRSS");

    PaintClock clock;
    views::UsageHistoryView* view = nullptr;
    const auto firstRows = [&] {
        auto& presenter = view->Presenter();
        return presenter.State() == views::UsageHistoryPresenter::ListState::Ready &&
               presenter.RowCount() > 0 && presenter.Row(0).event != nullptr;
    };
    // Opening the screen as MainFrame does, with its default filter (last 7 days).
    for (int run = 0; run < options.runs; ++run) {
        if (view) {
            view->Destroy();
            view = nullptr;
            Settle(runner);
        }
        api->Take();
        const double ms = clock.Time(
            [&] {
                view = new views::UsageHistoryView(frame, session, api, permissions, settings,
                                                   runner, ui);
                sizer->Add(view, wxSizerFlags(1).Expand());
                frame->Layout();
                clock.Watch(view->List());
                view->Start();
            },
            firstRows);
        Record(timings.openMs, timings.openApiMs, timings.openCalls, ms, *api, timings.timeouts);
        timings.weekRows = view->Presenter().RowCount();
        Settle(runner);
    }
    auto& presenter = view->Presenter();
    views::AuditEventList& list = *view->List();

    // Custom dates over the whole history: the million rows.
    views::UsageFilters history = presenter.Filters();
    history.preset = views::DatePreset::Custom;
    const views::JstDate today = views::JstDateOf(model::Now());
    history.customFrom = views::AddDays(today, -120);
    history.customTo = today;
    const auto applyHistory = [&] {
        api->Take();
        return clock.Time([&] { presenter.Apply(history); }, firstRows);
    };
    for (int run = 0; run < options.runs; ++run) {
        const double ms = applyHistory();
        Record(timings.historyMs, timings.historyApiMs, timings.historyCalls, ms, *api,
               timings.timeouts);
        Settle(runner);
    }
    timings.historyRows = presenter.RowCount();
    timings.rssOpenKb = ProcStatusKb("VmRSS");
    const long count = list.GetItemCount();
    const auto visibleLoaded = [&] { return VisibleRowsLoaded(list, presenter); };
    // A jump on a fresh list each time (the filter applied again: no page cached but the first).
    struct Jump {
        long row;
        std::vector<double>* ms;
        std::vector<double>* apiMs;
        std::vector<double>* calls;
    };
    for (const Jump& jump :
         {Jump{count - 1, &timings.lastRowMs, &timings.lastRowApiMs, &timings.lastRowCalls},
          Jump{count / 2, &timings.middleMs, &timings.middleApiMs, &timings.middleCalls}}) {
        for (int run = 0; run < options.runs; ++run) {
            applyHistory();
            Settle(runner);
            api->Take();
            const double ms = clock.Time([&] { list.EnsureVisible(jump.row); }, visibleLoaded);
            Record(*jump.ms, *jump.apiMs, *jump.calls, ms, *api, timings.timeouts);
            Settle(runner);
        }
    }

    // Page by page from a quarter of the list: each page follows the loaded one by its cursor.
    applyHistory();
    Settle(runner);
    const long quarter = count / 4;
    clock.Time([&] { list.EnsureVisible(quarter); }, visibleLoaded);
    Settle(runner);
    for (int step = 1; step <= std::max(options.runs, 20); ++step) {
        api->Take();
        const long target = quarter + step * static_cast<long>(views::AuditPageCache::kPageSize);
        const double ms = clock.Time([&] { list.EnsureVisible(target); }, visibleLoaded);
        Record(timings.pageDownMs, timings.pageDownApiMs, timings.pageDownCalls, ms, *api,
               timings.timeouts);
        Settle(runner);
    }

    // Scrolling through: from the top, `scrollStep` rows at a time, each step waiting for its
    // rows; the RSS after each.
    if (options.scrollStep > 0) {
        applyHistory();
        Settle(runner);
        const auto start = Clock::now();
        for (long row = 0; row < count; row += options.scrollStep) {
            if (!options.scrollAll && timings.scrollSteps >= 200) {
                break;
            }
            const long target = std::min(row + options.scrollStep, count - 1);
            Record(timings.scrollStepMs,
                   clock.Time([&] { list.EnsureVisible(target); }, visibleLoaded),
                   timings.timeouts);
            ++timings.scrollSteps;
            timings.rssPeakKb = std::max(timings.rssPeakKb, ProcStatusKb("VmRSS"));
        }
        timings.scrollSeconds = Ms(Clock::now() - start) / 1000;
        Settle(runner);
        timings.rssAfterKb = ProcStatusKb("VmRSS");
    }
    timings.hwmKb = ProcStatusKb("VmHWM");
    runner.Stop();
    frame->Destroy();
    wxTheApp->Yield(true);
    return timings;
}

} // namespace resv::bench
