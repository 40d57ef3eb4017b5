#include "ViewBench.h"

#include "BenchSupport.h"
#include "Fakes.h"

#include "views/accounts/AccountList.h"
#include "views/accounts/AccountsView.h"
#include "views/common/TaskRunner.h"

#include "resv/client/AccountsApi.h"
#include "resv/model/Account.h"
#include "resv/model/Page.h"

#include <nlohmann/json.hpp>

#include <wx/app.h>
#include <wx/frame.h>
#include <wx/sizer.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <time.h>

namespace resv::bench {
namespace {

using Page = model::Page<model::Account>;

/// Answers the first page of a sort from a body resv-server sent, parsed as ApiClient parses it,
/// and notes when the body was "received" and when it was parsed. While held, an answer waits
/// for Release(): the bench lets the click's own repaint finish first, so that the answer meets
/// an idle UI thread as one from the network would (an answer within a millisecond would
/// otherwise queue behind that repaint and be charged for it).
class RecordedAccountsApi final : public client::IAccountsApi {
public:
    explicit RecordedAccountsApi(const ViewInput& input)
        : m_input(input) {}

    void Hold() {
        std::lock_guard lock(m_mutex);
        m_held = true;
    }
    void Release() {
        {
            std::lock_guard lock(m_mutex);
            m_held = false;
        }
        m_released.notify_all();
    }

    Clock::time_point ReceivedAt() const { return Clock::time_point(Clock::duration(m_received)); }
    Clock::time_point ParsedAt() const { return Clock::time_point(Clock::duration(m_parsed)); }

    Page ListAccounts(const client::AccountQuery& query) override {
        if (query.cursor) {
            return {}; // the pages after the first are not part of this measurement
        }
        const std::string& body = query.sort.find("display_name") != std::string::npos
                                      ? m_input.displayNamePage
                                      : m_input.loginIdPage;
        {
            std::unique_lock lock(m_mutex);
            m_released.wait(lock, [this] { return !m_held; });
        }
        m_received = Clock::now().time_since_epoch().count();
        Page page = nlohmann::json::parse(body).get<Page>();
        m_parsed = Clock::now().time_since_epoch().count();
        return page;
    }
    std::vector<model::Role> ListRoles() override { return m_input.roles; }

    model::Account GetAccount(const std::string&) override { Unused(); }
    model::AccountCreated CreateAccount(const model::AccountInput&) override { Unused(); }
    model::Account UpdateAccount(const std::string&, const model::AccountPatch&) override {
        Unused();
    }
    void DeleteAccount(const std::string&) override { Unused(); }
    model::Account DisableAccount(const std::string&) override { Unused(); }
    model::Account EnableAccount(const std::string&) override { Unused(); }
    model::Account UnlockAccount(const std::string&) override { Unused(); }
    model::AccountCreated ResetPassword(const std::string&) override { Unused(); }
    std::vector<model::SessionInfo> ListSessions(const std::string&) override { Unused(); }
    void RevokeSessions(const std::string&) override { Unused(); }
    void RevokeSession(const std::string&, const std::string&) override { Unused(); }
    void ChangeMyPassword(const model::PasswordChange&) override { Unused(); }
    std::vector<model::PermissionInfo> ListPermissions() override { Unused(); }
    model::Role CreateRole(const model::RoleInput&) override { Unused(); }
    model::Role UpdateRole(const std::string&, const model::RoleInput&) override { Unused(); }
    void DeleteRole(const std::string&) override { Unused(); }
    model::EffectiveAccess GetEffectiveAccess(const std::string&) override { Unused(); }
    std::string ExportAccountsCsv() override { Unused(); }
    model::ImportResult ImportAccountsCsv(const std::string&, bool) override { Unused(); }

private:
    [[noreturn]] static void Unused() {
        throw std::logic_error("resv-bench-accounts: the view asked for something unexpected");
    }

    const ViewInput& m_input;
    std::mutex m_mutex;
    std::condition_variable m_released;
    bool m_held = false;
    std::atomic<Clock::rep> m_received{0};
    std::atomic<Clock::rep> m_parsed{0};
};

/// The console's dispatcher (console/WxDispatcher.h: wxTheApp->CallAfter), noting when the
/// last posted call began and ended on the UI thread.
class TimingDispatcher final : public views::IUiDispatcher {
public:
    void Post(std::function<void()> call) override {
        wxTheApp->CallAfter([this, call = std::move(call)] {
            m_began = Clock::now();
            call();
            m_ended = Clock::now();
        });
    }
    Clock::time_point Began() const { return m_began; }
    Clock::time_point Ended() const { return m_ended; }

private:
    Clock::time_point m_began; // both only touched on the UI thread
    Clock::time_point m_ended;
};

/// The window of a wxListView that paints the rows (the generic control's wxListMainWindow,
/// below its header window).
wxWindow* RowsWindow(wxWindow* list) {
    wxWindow* rows = nullptr;
    for (wxWindow* child : list->GetChildren()) {
        if (child->GetClassInfo() &&
            wxString(child->GetClassInfo()->GetClassName()) == wxS("wxListMainWindow")) {
            return child;
        }
        if (!rows || child->GetSize().GetHeight() > rows->GetSize().GetHeight()) {
            rows = child;
        }
    }
    return rows ? rows : list;
}

/// Runs the event loop until `done` holds or `timeout` passed; true when it holds.
template <typename Condition>
bool Spin(Condition done, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!done()) {
        if (Clock::now() > deadline) {
            return false;
        }
        wxTheApp->Yield(true);
        if (!done()) {
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
    }
    return true;
}

/// CPU time of the calling thread.
double ThreadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

/// Lets pending painting and idle work finish, so a run starts from a quiet window.
void Settle() {
    const auto until = Clock::now() + std::chrono::milliseconds(40);
    while (Clock::now() < until) {
        wxTheApp->Yield(true);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

std::string FirstId(const std::string& body) {
    const auto page = nlohmann::json::parse(body).get<Page>();
    if (page.items.empty()) {
        throw std::runtime_error("the view needs a non-empty page");
    }
    return page.items.front().id;
}

} // namespace

ViewTimings MeasureView(const ViewInput& input, int warmup, int runs) {
    ViewTimings timings;
    const std::string loginFirst = FirstId(input.loginIdPage);
    const std::string nameFirst = FirstId(input.displayNamePage);
    if (loginFirst == nameFirst) {
        throw std::runtime_error("both pages start with the same account: no change to see");
    }
    views::WorkerThread runner;
    TimingDispatcher ui;
    auto api = std::make_shared<RecordedAccountsApi>(input);
    views::test::FakeSession session(std::make_shared<views::test::FakeApiClient>(),
                                     views::test::SampleMe());
    auto* frame = new wxFrame(nullptr, wxID_ANY, wxS("resv-bench-accounts"));
    auto* view = new views::AccountsView(frame, session, api, nullptr, {true, true}, runner, ui);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(view, wxSizerFlags(1).Expand());
    frame->SetSizer(sizer);
    frame->SetClientSize(frame->FromDIP(wxSize(1100, 640)));
    frame->Show();
    frame->Raise();
    auto& presenter = view->Presenter();
    // The roles and the first page, as the console shows the screen (without its refresh timer).
    presenter.Start();
    if (!Spin([&] { return presenter.Loaded() && !presenter.Loading(); },
              std::chrono::seconds(10))) {
        frame->Destroy();
        throw std::runtime_error("the accounts view never showed its first page");
    }
    Settle();
    timings.rows = presenter.RowCount();

    wxWindow* rows = RowsWindow(view->List());
    std::string expectedFirst;
    bool armed = false;
    bool painted = false;
    Clock::time_point paintBegan;
    rows->Bind(wxEVT_PAINT, [&](wxPaintEvent& event) {
        event.Skip(); // the list paints after this handler
        if (armed && !painted && !presenter.Loading() && presenter.RowCount() > 0 &&
            presenter.Row(0).id == expectedFirst) {
            painted = true;
            paintBegan = Clock::now();
        }
    });
    for (int run = 0; run < warmup + runs; ++run) {
        // Starts on login_id (the server's default): clicking Display name, then Login ID.
        const bool byName = run % 2 == 0;
        expectedFirst = byName ? nameFirst : loginFirst;
        painted = false;
        armed = true;
        api->Hold();
        presenter.SortBy(byName ? views::sort_key::kDisplayName : views::sort_key::kLoginId);
        Settle(); // the click's repaint ("Updating...") is done: the answer meets an idle UI
        const double cpuStart = ThreadCpuMs();
        api->Release();
        const bool seen = Spin([&] { return painted; }, std::chrono::seconds(5));
        const auto end = Clock::now();
        const double uiCpu = ThreadCpuMs() - cpuStart;
        armed = false;
        if (run >= warmup) {
            if (seen) {
                timings.parseMs.push_back(Ms(api->ParsedAt() - api->ReceivedAt()));
                timings.queueMs.push_back(Ms(ui.Began() - api->ParsedAt()));
                timings.applyMs.push_back(Ms(ui.Ended() - ui.Began()));
                timings.waitMs.push_back(Ms(paintBegan - ui.Ended()));
                timings.paintMs.push_back(Ms(end - paintBegan));
                timings.paintedMs.push_back(Ms(end - api->ReceivedAt()));
                timings.uiCpuMs.push_back(uiCpu);
            } else {
                ++timings.timeouts;
            }
        }
        Settle();
    }
    runner.Stop();
    frame->Destroy();
    wxTheApp->Yield(true);
    return timings;
}

} // namespace resv::bench
