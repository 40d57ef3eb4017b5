// The Monitoring screen under a display, over the in-memory monitoring API on the real worker
// thread: a degraded component shown in words (not only colour) in its tile and the banner,
// "Updated 17:10:49 JST", the terminals per facility, the date and percent of a day's uptime bar
// under the pointer, the stale notice while the server is unreachable, a provider operator's
// Set status… dialog (an empty message refused, an error keeping the text, then saved) and
// Return to automatic, a viewer without those buttons, and the navigation entry of the main
// window. Screenshots in Japanese and English.
#include "GuiSupport.h"

#include "../FakeMonitoringApi.h"
#include "../Fakes.h"
#include "console/MainFrame.h"
#include "console/WxDispatcher.h"
#include "views/monitoring/ComponentStatusDialog.h"
#include "views/monitoring/ComponentTile.h"
#include "views/monitoring/LatencySparkline.h"
#include "views/monitoring/MonitoringView.h"
#include "views/monitoring/MonitoringWords.h"
#include "views/monitoring/UptimeStrip.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/infobar.h>
#include <wx/listbook.h>
#include <wx/listctrl.h>
#include <wx/modalhook.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>
#include <wx/tooltip.h>
#include <wx/uiaction.h>

#include <deque>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using model::ComponentState;
using test::FakeMonitoringApi;

namespace {

/// 2026-11-26 17:10:49 JST.
model::TimePoint Now() {
    return *model::ParseRfc3339("2026-11-26T08:10:49Z");
}

/// Drives the modal dialogs the screen opens, in order, from inside their own event loop.
class DialogScript final : public wxModalDialogHook {
public:
    DialogScript() { Register(); }
    ~DialogScript() override { Unregister(); }

    void Then(std::function<void(wxDialog*)> drive) { m_steps.push_back(std::move(drive)); }
    bool Done() const { return m_steps.empty() && m_open == 0; }

    int Enter(wxDialog* dialog) override {
        if (m_steps.empty()) {
            FAIL_CHECK("an unexpected modal dialog: " << dialog->GetTitle().utf8_string());
            return wxID_CANCEL;
        }
        auto drive = std::move(m_steps.front());
        m_steps.pop_front();
        ++m_open;
        wxTheApp->CallAfter([dialog, drive = std::move(drive)] { drive(dialog); });
        return wxID_NONE;
    }
    void Exit(wxDialog*) override {
        if (m_open > 0) {
            --m_open;
        }
    }

private:
    std::deque<std::function<void(wxDialog*)>> m_steps;
    int m_open = 0;
};

model::Me ViewerMe() {
    model::Me me = test::SampleMe();
    me.roles = {"customermanager_viewer"};
    me.permissions = {"monitoring.read", "notices.read"};
    return me;
}

model::Me OperatorMe() {
    model::Me me = test::SampleMe();
    me.loginId = "ops";
    me.displayName = "Operator";
    me.roles = {"operator"};
    me.tier = model::Tier::Provider;
    me.tenant = {"provider", "RESV Operations", "jp"};
    me.permissions = {"incidents.publish", "monitoring.read", "notices.publish", "notices.read"};
    return me;
}

struct Screen {
    std::shared_ptr<FakeMonitoringApi> api = std::make_shared<FakeMonitoringApi>();
    WorkerThread runner;
    console::WxDispatcher ui;
    test::FakeSession session;
    wxFrame* frame = nullptr;
    MonitoringView* view = nullptr;

    explicit Screen(model::Me me = ViewerMe(), wxSize client = wxSize(790, 560))
        : session(std::make_shared<test::FakeApiClient>(), me) {
        api->status = test::SampleStatus();
        api->terminals = test::SampleTerminals();
        frame = new wxFrame(nullptr, wxID_ANY, wxS("monitoring"));
        view = new MonitoringView(frame, session, api, MonitoringPermissionsFor(me), runner, ui,
                                  [] { return Now(); });
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(view, wxSizerFlags(1).Expand());
        frame->SetSizer(sizer);
        // By default the room the screen has in the 960 x 640 main window, beside the
        // navigation.
        frame->SetClientSize(frame->FromDIP(client));
        frame->Show();
        view->Start();
        REQUIRE(WaitUntil([&] { return view->Presenter().Status().has_value(); }));
        Settle();
    }
    ~Screen() {
        runner.Stop();
        frame->Destroy();
        WaitUntil([] { return wxTopLevelWindows.empty(); });
    }
    ComponentTile* Tile(const char* id) const {
        ComponentTile* tile = view->Tile(id);
        REQUIRE(tile != nullptr);
        return tile;
    }
    /// Waits for a refresh after `action` to be answered.
    void Refreshed(const std::function<void()>& action) {
        const long before = api->CountOf("GetServiceStatus");
        action();
        REQUIRE(WaitUntil([&] {
            return api->CountOf("GetServiceStatus") > before && !view->Presenter().Loading();
        }));
        Settle();
    }
};

/// Moves the pointer onto bar `index` of `strip` and waits until the strip knows it.
void HoverBar(UptimeStrip* strip, int index) {
    const wxRect bar = strip->BarRect(index);
    REQUIRE_FALSE(bar.IsEmpty());
    wxUIActionSimulator simulator;
    // From outside first, so the strip sees the pointer arrive.
    simulator.MouseMove(strip->ClientToScreen(wxPoint(bar.x + bar.width / 2, -20)));
    Settle(std::chrono::milliseconds(50));
    simulator.MouseMove(strip->ClientToScreen(wxPoint(bar.x + bar.width / 2, bar.height / 2)));
    REQUIRE(WaitUntil([&] { return strip->Hovered() == index; }, std::chrono::seconds(5)));
}

wxString ToolTipOf(wxWindow* window) {
    return window->GetToolTip() != nullptr ? window->GetToolTip()->GetTip() : wxString();
}

} // namespace

TEST_CASE("monitoring shows a degraded component in words, its uptime by day and the terminals",
          "[gui][monitoring]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    const bool ja = lang == "ja";

    // The database is degraded: said in words in its tile and in the banner, not by colour only.
    ComponentTile* database = s.Tile("database");
    CHECK(database->Badge()->State() == ComponentState::Degraded);
    CHECK(database->Badge()->Text() ==
          (ja ? wxString::FromUTF8("性能低下") : wxString(wxS("Degraded performance"))));
    CHECK(database->NameText() ==
          (ja ? wxString::FromUTF8("データベース") : wxString(wxS("Database"))));
    CHECK(database->MessageText() == wxS("The database answered in 850 ms"));
    CHECK_FALSE(database->OperatorMarkShown());
    CHECK(database->LatestLatencyText() == MillisecondsText(865));
    CHECK_FALSE(ToolTipOf(database->Sparkline()).empty());
    CHECK(s.view->OverallBadge()->State() == ComponentState::Degraded);
    CHECK(s.view->Headline().Contains(ComponentStateName(ComponentState::Degraded)));
    CHECK(s.view->Headline().Contains(ComponentName("database", "Database")));
    CHECK(s.Tile("api")->Badge()->Text() ==
          (ja ? wxString::FromUTF8("正常") : wxString(wxS("Operational"))));
    CHECK(s.Tile("terminal_gateway")->NameText() ==
          (ja ? wxString::FromUTF8("端末接続") : wxString(wxS("Terminal connections"))));
    CHECK(s.Tile("notifications")->NameText() ==
          (ja ? wxString::FromUTF8("通知メール") : wxString(wxS("Notification mail"))));
    // No operator's buttons for a viewer.
    CHECK(database->SetStatusButton() == nullptr);
    CHECK(database->ReturnButton() == nullptr);

    // When, in JST, whatever the PC's zone.
    CHECK(s.view->UpdatedText() ==
          (ja ? wxString::FromUTF8("17:10:49 JST に更新") : wxString(wxS("Updated 17:10:49 JST"))));
    CHECK_FALSE(s.view->StaleShown());

    // The terminals online per facility, with the totals.
    REQUIRE(s.view->TerminalsShown());
    wxListCtrl* list = s.view->TerminalList();
    REQUIRE(list->GetItemCount() == 3);
    CHECK(list->GetItemText(0, 0) == wxString::FromUTF8("ホテル新宿"));
    CHECK(list->GetItemText(2, 1) == wxS("4"));
    CHECK(list->GetItemText(2, 2) == wxS("2"));
    CHECK(s.view->TerminalTotals().Contains(wxS("12")));
    CHECK(s.view->TerminalTotals().Contains(wxS("3")));

    // The 90-day strip: today's bar under the pointer says the date and the percent.
    UptimeStrip* strip = database->Strip();
    REQUIRE(strip->Days().size() == 90);
    HoverBar(strip, 89);
    CHECK(ToolTipOf(strip) == (ja ? wxString::FromUTF8("2026-11-26 (JST) 稼働率 99.86%")
                                  : wxString(wxS("2026-11-26 JST: 99.86% up"))));
    // No picture here: GTK's tooltip is a window of its own, which a capture of the frame shows
    // as a black box over the tiles.
    // A day before the server ran: no data, in words.
    HoverBar(strip, 1);
    CHECK(ToolTipOf(strip) == UptimeDayText(strip->Days()[1]));
    CHECK(ToolTipOf(strip).StartsWith(wxS("2026-08-")));
    // And the 90-day average beneath.
    CHECK(database->AverageText().Contains(PercentText(AverageUptime(strip->Days()))));

    // Move away so no hover shows in the picture.
    wxUIActionSimulator().MouseMove(s.frame->GetScreenPosition() + wxPoint(5, 5));
    s.frame->Refresh();
    Settle(std::chrono::milliseconds(600));
    Screenshot(s.frame, "monitoring-" + lang);
}

TEST_CASE("monitoring marks the data stale while the server is unreachable and recovers",
          "[gui][monitoring]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    CHECK(s.view->Timer().Running());
    CHECK(s.view->Timer().Scheduled() == std::chrono::seconds(30));

    s.api->down = client::ApiError(client::ApiError::Kind::Network, "connection refused");
    s.Refreshed([&] { Click(s.view->RefreshButton()); });
    REQUIRE(s.view->Presenter().Stale());
    CHECK(s.view->StaleShown());
    // The last data stays, said to be out of date, with when the next try is.
    CHECK(s.Tile("database")->Badge()->State() == ComponentState::Degraded);
    CHECK(s.view->UpdatedText().Contains(wxS("17:10:49 JST")));
    CHECK(Unwrapped(s.view->StaleText()).Contains(wxS("17:10:49JST")));
    CHECK(Unwrapped(s.view->StaleText()).Contains(wxS("17:11:19JST")));
    s.Refreshed([&] { Click(s.view->RefreshButton()); });
    CHECK(s.view->Presenter().Failures() == 2);
    CHECK(s.view->Timer().Scheduled() == std::chrono::seconds(60));
    Settle();
    Screenshot(s.frame, "monitoring-stale-" + lang);

    s.api->down.reset();
    s.api->status.components[1].status = ComponentState::Operational;
    s.Refreshed([&] { Click(s.view->RefreshButton()); });
    CHECK_FALSE(s.view->StaleShown());
    CHECK(s.view->Timer().Scheduled() == std::chrono::seconds(30));
    CHECK(s.view->OverallBadge()->State() == ComponentState::Operational);
    CHECK(s.view->Headline() == OverallHeadline(ComponentState::Operational));
}

TEST_CASE("an operator sets a component's status with a message and returns it to automatic",
          "[gui][monitoring]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    // A provider operator outside tenants: no facilities to count.
    Screen s(OperatorMe());
    s.api->terminalsError = test::HttpError(403, "forbidden");
    s.Refreshed([&] { s.view->Presenter().Refresh(); });
    CHECK_FALSE(s.view->TerminalsShown());
    ComponentTile* notifications = s.Tile("notifications");
    REQUIRE(notifications->SetStatusButton() != nullptr);
    CHECK(notifications->SetStatusButton()->IsShownOnScreen());
    CHECK_FALSE(notifications->ReturnButton()->IsShown()); // nothing set by hand yet

    const wxString typed = wxString::FromUTF8("メールサーバーの保守 18:00 JST まで");
    DialogScript script;
    bool driven = false;
    script.Then([&](wxDialog* d) {
        auto* dialog = dynamic_cast<ComponentStatusDialog*>(d);
        REQUIRE(dialog);
        CHECK(dialog->ChosenState() == ComponentState::Maintenance);
        // An empty message is refused here, before anything is sent.
        Click(dialog->SaveButton());
        REQUIRE(WaitUntil([&] { return !dialog->ErrorShown().empty(); }));
        CHECK(s.api->CountOf("SetComponentStatus") == 0);
        Settle();
        Screenshot(dialog, "monitoring-set-status-required-" + lang);

        // The server refuses: the dialog says why and keeps what was typed.
        dialog->MessageField()->SetFocus();
        dialog->MessageField()->ChangeValue(typed);
        s.api->nextError = test::HttpError(403, "forbidden");
        Click(dialog->SaveButton());
        REQUIRE(WaitUntil([&] {
            return !dialog->Presenter().Saving() && dialog->Presenter().Error().has_value();
        }));
        Settle();
        CHECK(dialog->MessageField()->GetValue() == typed);
        CHECK(Unwrapped(dialog->ErrorShown()).Length() > 10);
        Screenshot(dialog, "monitoring-set-status-error-" + lang);

        // Then it takes it.
        Click(dialog->SaveButton());
        driven = true;
    });
    Click(notifications->SetStatusButton());
    REQUIRE(WaitUntil([&] { return script.Done(); }));
    CHECK(driven);
    REQUIRE(s.api->overrides.size() == 1);
    CHECK(s.api->overrides[0].first == "notifications");
    CHECK(s.api->overrides[0].second.status == ComponentState::Maintenance);
    CHECK(wxString::FromUTF8(s.api->overrides[0].second.message) == typed);
    REQUIRE(WaitUntil([&] { return !s.view->Presenter().Loading(); }));
    Settle();
    notifications = s.Tile("notifications");
    CHECK(notifications->Badge()->State() == ComponentState::Maintenance);
    CHECK(notifications->MessageText() == typed);
    CHECK(notifications->OperatorMarkShown());
    CHECK(notifications->ReturnButton()->IsShown());
    CHECK(s.view->Headline().Contains(ComponentStateName(ComponentState::Maintenance)));
    CHECK(s.view->LastMessage().Contains(ComponentName("notifications", "")));
    s.frame->Refresh();
    Settle(std::chrono::milliseconds(600));
    Screenshot(s.frame, "monitoring-operator-" + lang);

    // Return to automatic: the probes decide again.
    Click(notifications->ReturnButton());
    REQUIRE(WaitUntil([&] { return s.api->CountOf("ClearComponentStatus") == 1; }));
    REQUIRE(WaitUntil([&] {
        return !s.view->Presenter().Loading() && !s.view->Presenter().Clearing("notifications");
    }));
    Settle();
    CHECK(s.Tile("notifications")->Badge()->State() == ComponentState::Operational);
    CHECK_FALSE(s.Tile("notifications")->OperatorMarkShown());
    CHECK_FALSE(s.Tile("notifications")->ReturnButton()->IsShown());
}

TEST_CASE("monitoring fits a larger window", "[gui][monitoring]") {
    UseTestLanguage("ja");
    Screen s(ViewerMe(), wxSize(1280, 760));
    s.frame->Refresh();
    Settle(std::chrono::milliseconds(600));
    // Every tile fully visible without scrolling at this size.
    for (const char* id : {"api", "database", "terminal_gateway", "notifications"}) {
        const wxRect tile = s.Tile(id)->GetScreenRect();
        CHECK(s.view->GetScreenRect().Contains(tile));
    }
    Screenshot(s.frame, "monitoring-large-ja");
}

/// The session's client, offering the monitoring API as ApiClient does.
class MonitoringClient final : public client::IApiClient, public client::IMonitoringApi {
public:
    explicit MonitoringClient(std::shared_ptr<FakeMonitoringApi> api)
        : m_api(std::move(api)) {}
    model::Health GetHealth() override { return {"ok", "test", Now()}; }
    model::LoginResponse Login(const model::LoginRequest&) override { return {}; }
    model::Me GetMe() override { return {}; }
    void Logout() override {}
    void SetToken(std::string) override {}
    bool HasToken() const override { return true; }
    void Cancel() override {}
    void ResetCancel() override {}
    model::ServiceStatus GetServiceStatus() override { return m_api->GetServiceStatus(); }
    model::TerminalPresence GetTerminalPresence() override { return m_api->GetTerminalPresence(); }
    model::ComponentStatus SetComponentStatus(const std::string& id,
                                              const model::ComponentOverride& input) override {
        return m_api->SetComponentStatus(id, input);
    }
    model::ComponentStatus ClearComponentStatus(const std::string& id) override {
        return m_api->ClearComponentStatus(id);
    }

private:
    std::shared_ptr<FakeMonitoringApi> m_api;
};

class MonitoringSession final : public ISession {
public:
    MonitoringSession(std::shared_ptr<client::IApiClient> client, model::Me me)
        : m_client(std::move(client))
        , m_me(std::move(me)) {}
    std::shared_ptr<client::IApiClient> Client() const override { return m_client; }
    const std::string& ServerUrl() const override { return m_url; }
    const model::Me& Me() const override { return m_me; }
    void UpdateMe(model::Me me) override { m_me = std::move(me); }
    void Expired(const client::ApiError&) override {}

private:
    std::shared_ptr<client::IApiClient> m_client;
    std::string m_url = "https://resv.example.jp";
    model::Me m_me;
};

TEST_CASE("the main window offers Monitoring to those with monitoring.read only",
          "[gui][monitoring]") {
    UseTestLanguage("ja");
    auto api = std::make_shared<FakeMonitoringApi>();
    api->status = test::SampleStatus();
    api->terminals = test::SampleTerminals();
    WorkerThread runner;
    console::WxDispatcher ui;
    test::MemorySettings settings;
    const auto open = [&](model::Me me) {
        auto session =
            std::make_shared<MonitoringSession>(std::make_shared<MonitoringClient>(api), me);
        return new console::MainFrame(session, settings, runner, ui, {});
    };

    console::MainFrame* frame = open(ViewerMe());
    frame->Show();
    REQUIRE(frame->Monitoring() != nullptr);
    wxListbook* navigation = frame->Navigation();
    const int page = navigation->FindPage(frame->Monitoring());
    REQUIRE(page != wxNOT_FOUND);
    CHECK(navigation->GetPageText(static_cast<size_t>(page)) == wxString::FromUTF8("監視"));
    navigation->SetSelection(static_cast<size_t>(page));
    REQUIRE(WaitUntil([&] { return frame->Monitoring()->Presenter().Status().has_value(); }));
    Settle(std::chrono::milliseconds(600));
    Screenshot(frame, "monitoring-main-window-ja");
    frame->Dismiss();
    WaitUntil([] { return wxTopLevelWindows.empty(); });

    // A customer employee has no monitoring.read: no entry.
    model::Me employee = test::SampleMe();
    employee.roles = {"customeremployee"};
    employee.tier = model::Tier::Employee;
    employee.permissions = {"notices.read"};
    frame = open(employee);
    CHECK(frame->Monitoring() == nullptr);
    frame->Dismiss();
    WaitUntil([] { return wxTopLevelWindows.empty(); });
    runner.Stop();
}
