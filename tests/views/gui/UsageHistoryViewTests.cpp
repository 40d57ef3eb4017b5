// The Usage history screen under a display, over a fake audit API on the real worker thread: the
// list in JST, a day filter set through the date pickers (an event at 15:00 UTC lands on the
// next JST day whatever the PC's zone), the detail with before and after, Verify's intact and
// broken answers, the export through the file dialog with its progress and Cancel, the
// new-events link, remembered columns, and a role without the export permission.
#include "GuiSupport.h"

#include "../FakeAuditApi.h"
#include "../Fakes.h"
#include "console/WxDispatcher.h"
#include "views/common/Words.h"
#include "views/usage/AuditDetailPane.h"
#include "views/usage/AuditEventList.h"
#include "views/usage/AuditWords.h"
#include "views/usage/UsageHistoryView.h"
#include "views/usage/VerifyBanner.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/filedlg.h>
#include <wx/frame.h>
#include <wx/hyperlink.h>
#include <wx/infobar.h>
#include <wx/modalhook.h>
#include <wx/progdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using test::FakeAuditApi;

namespace {

model::TimePoint At(const char* rfc3339) {
    return *model::ParseRfc3339(rfc3339);
}

/// 2026-11-28 12:00 JST: "today" for the screen.
model::TimePoint Now() {
    return At("2026-11-28T03:00:00Z");
}

/// Records the encoding each export asked for, and passes everything on to the fake.
class EncodingRecorder final : public client::IAuditApi {
public:
    explicit EncodingRecorder(std::shared_ptr<FakeAuditApi> api)
        : m_api(std::move(api)) {}
    std::atomic<int> exports{0};
    std::atomic<bool> shiftJis{false};

    model::Page<model::AuditEvent> ListAuditEvents(const client::AuditQuery& query) override {
        return m_api->ListAuditEvents(query);
    }
    model::AuditCount CountAuditEvents(const client::AuditQuery& query) override {
        return m_api->CountAuditEvents(query);
    }
    model::AuditVerification VerifyAuditLog() override { return m_api->VerifyAuditLog(); }
    void ExportAuditCsv(const client::AuditQuery& query, client::CsvEncoding encoding,
                        const std::filesystem::path& file,
                        const client::ExportProgress& progress) override {
        ++exports;
        shiftJis = encoding == client::CsvEncoding::ShiftJis;
        m_api->ExportAuditCsv(query, encoding, file, progress);
    }

private:
    std::shared_ptr<FakeAuditApi> m_api;
};

model::AuditActor Actor(const char* login, const char* name, const char* role) {
    return {std::string("acc_") + login, login, name, role};
}

/// A week of a hotel group's history, then the day 2026-11-28 (JST) with one of each kind.
void FillHistory(FakeAuditApi& api) {
    const model::AuditActor people[] = {
        Actor("yamada", "山田 花子", "customermanager"),
        Actor("suzuki", "鈴木 太郎", "customermanager_viewer"),
        Actor("sato", "佐藤 一郎", "customeremployee"),
    };
    const char* actions[] = {"session.login", "account.update", "session.logout", "facility.update",
                             "terminal.config.applied"};
    std::int64_t sequence = 0;
    for (int i = 0; i < 300; ++i) {
        model::AuditEvent e;
        e.sequence = ++sequence;
        e.at = At("2026-11-22T00:00:00Z") + std::chrono::minutes(25 * i);
        e.actor = people[i % 3];
        e.sourceIp = "192.0.2." + std::to_string(10 + i % 3);
        e.action = actions[i % 5];
        e.target = model::AuditTarget{"account", "acc_x", "frontdesk" + std::to_string(i % 7)};
        e.hash = std::string(64, 'a');
        api.events.push_back(e);
    }
    const auto add = [&](const char* at, model::AuditActor actor, const char* action,
                         std::optional<model::AuditTarget> target, model::AuditResult result,
                         nlohmann::json details) {
        model::AuditEvent e;
        e.sequence = ++sequence;
        e.at = At(at);
        e.actor = std::move(actor);
        e.sourceIp = "203.0.113.7";
        e.action = action;
        e.target = std::move(target);
        e.result = result;
        e.details = std::move(details);
        e.prevHash = std::string(64, 'b');
        e.hash = "3f1c9a0d4e5b6c7d8e9f00112233445566778899aabbccddeeff001122334455";
        api.events.push_back(e);
    };
    // 23:59:59 JST on the 27th, then 00:00:00 JST on the 28th: the day filter's edge.
    add("2026-11-27T14:59:59Z", people[0], "session.logout", std::nullopt,
        model::AuditResult::Success, nlohmann::json::object());
    add("2026-11-27T15:00:00Z", model::AuditActor{}, "session.login_failed", std::nullopt,
        model::AuditResult::Failed, {{"login_id", "tanaka"}, {"reason", "wrong_password"}});
    add("2026-11-27T23:10:00Z", people[0], "session.login",
        model::AuditTarget{"session", "ses_1", std::nullopt}, model::AuditResult::Success,
        nlohmann::json::object());
    add("2026-11-28T00:05:00Z", people[0], "account.update",
        model::AuditTarget{"account", "acc_suzuki", "鈴木 太郎 (suzuki)"},
        model::AuditResult::Success,
        {{"before",
          {{"display_name", "鈴木 太郎"},
           {"roles", {"customeremployee"}},
           {"scope", {{"all", false}, {"facilities", {"ホテル新宿"}}}}}},
         {"after",
          {{"display_name", "鈴木 太郎"},
           {"roles", {"customermanager_viewer"}},
           {"scope", {{"all", true}, {"facilities", nlohmann::json::array()}}}}}});
    add("2026-11-28T00:20:00Z", people[2], "request.denied",
        model::AuditTarget{"route", "GET /api/v1/accounts", "GET /api/v1/accounts"},
        model::AuditResult::Denied, {{"method", "GET"}});
    add("2026-11-28T01:00:00Z", people[0], "terminal.config.update",
        model::AuditTarget{"terminal", "ter_1", "新宿 フロント 1"}, model::AuditResult::Success,
        {{"before", {{"volume", 5}, {"language", "ja"}}},
         {"after", {{"volume", 7}, {"language", "ja"}}}});
    add("2026-11-28T02:30:00Z", people[0], "facility.create",
        model::AuditTarget{"facility", "fac_9", "ホテル品川"}, model::AuditResult::Success,
        {{"after", {{"name", "ホテル品川"}, {"code", "shinagawa"}}}});
}

model::Me ManagerMe() {
    model::Me me = test::SampleMe();
    me.permissions = {"usage.read", "usage.export"};
    return me;
}

struct Screen {
    std::shared_ptr<FakeAuditApi> fake = std::make_shared<FakeAuditApi>();
    std::shared_ptr<EncodingRecorder> api = std::make_shared<EncodingRecorder>(fake);
    WorkerThread runner;
    console::WxDispatcher ui;
    test::FakeSession session{std::make_shared<test::FakeApiClient>(), ManagerMe()};
    test::MemorySettings& settings;
    wxFrame* frame = nullptr;
    UsageHistoryView* view = nullptr;

    explicit Screen(test::MemorySettings& settingsToUse,
                    UsagePermissions permissions = {true, true}, bool fill = true)
        : settings(settingsToUse) {
        if (fill) {
            FillHistory(*fake);
        }
        frame = new wxFrame(nullptr, wxID_ANY, wxS("usage history"));
        view = new UsageHistoryView(frame, session, api, permissions, settings, runner, ui,
                                    [] { return Now(); });
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(view, wxSizerFlags(1).Expand());
        frame->SetSizer(sizer);
        // The room the screen has in the 960 x 640 main window, beside the navigation.
        frame->SetClientSize(frame->FromDIP(wxSize(790, 560)));
        frame->Show();
        view->Start();
        REQUIRE(WaitUntil([&] { return Ready(); }));
        Settle();
    }
    ~Screen() {
        runner.Stop();
        frame->Destroy();
        WaitUntil([] { return wxTopLevelWindows.empty(); });
    }
    bool Ready() const {
        return view->Presenter().State() == UsageHistoryPresenter::ListState::Ready;
    }
    /// Waits for the list to load again after `action`.
    void Reload(const std::function<void()>& action) {
        const std::size_t calls = fake->Calls().size();
        action();
        REQUIRE(WaitUntil([&] { return fake->Calls().size() > calls && Ready(); }));
        REQUIRE(WaitUntil([&] { return RowsLoaded(0, 10); }));
        Settle();
    }
    bool RowsLoaded(std::size_t first, std::size_t last) const {
        const std::size_t end = std::min(last + 1, view->Presenter().RowCount());
        for (std::size_t i = first; i < end; ++i) {
            if (view->Presenter().Row(i).event == nullptr) {
                return false;
            }
        }
        return true;
    }
    long RowOf(std::int64_t sequence) const {
        for (std::size_t i = 0; i < view->Presenter().RowCount(); ++i) {
            const auto row = view->Presenter().Row(i);
            if (row.event != nullptr && row.event->sequence == sequence) {
                return static_cast<long>(i);
            }
        }
        return -1;
    }
    wxString Cell(long row, AuditEventList::Column column) const {
        return view->List()->CellText(row, column);
    }
};

/// Clicks a row of the list as a person would.
void ClickRow(AuditEventList* list, long row) {
    list->EnsureVisible(row);
    Settle(std::chrono::milliseconds(100));
    wxRect rect;
    REQUIRE(list->GetItemRect(row, rect));
    wxUIActionSimulator simulator;
    // The rectangle is in the list's client coordinates, under its header.
    simulator.MouseMove(list->ClientToScreen(rect.GetPosition() + wxPoint(20, rect.height / 2)));
    Settle(std::chrono::milliseconds(50));
    simulator.MouseClick();
    Settle(std::chrono::milliseconds(100));
}

/// Notes what the export's file dialog offers and closes it: GTK's chooser gives no path
/// unless a person used it, so the test then exports to its own path with ExportTo.
class FileDialogOffer final : public wxModalDialogHook {
public:
    FileDialogOffer() { Register(); }
    ~FileDialogOffer() override { Unregister(); }
    wxString offeredName;
    wxString wildcard;
    int shown = 0;

    int Enter(wxDialog* dialog) override {
        auto* files = dynamic_cast<wxFileDialog*>(dialog);
        REQUIRE(files != nullptr);
        ++shown;
        offeredName = files->GetFilename();
        wildcard = files->GetWildcard();
        return wxID_CANCEL;
    }
    void Exit(wxDialog*) override {}
};

/// A row set in bold (a changed item); rows without a font of their own have none.
bool IsBold(wxListView* list, long row) {
    const wxFont font = list->GetItemFont(row);
    return font.IsOk() && font.GetWeight() == wxFONTWEIGHT_BOLD;
}

std::string ReadFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("the usage history lists, filters to a JST day, shows a change, verifies and exports",
          "[gui][usage]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    Screen s(settings);
    const std::size_t all = s.view->Presenter().RowCount();
    CHECK(all == s.fake->events.size()); // the last 7 days hold every event
    CHECK(s.Cell(0, AuditEventList::kTime) == wxS("2026-11-28 11:30:00"));
    CHECK(s.Cell(0, AuditEventList::kAction) == AuditActionName("facility.create"));
    CHECK(s.Cell(0, AuditEventList::kUser) ==
          AuditActorText(Actor("yamada", "山田 花子", "customermanager")));
    CHECK(s.Cell(0, AuditEventList::kUser).Contains(wxS("yamada")));
    CHECK(s.view->CountLine()->GetLabel().Contains(GroupDigits(static_cast<std::int64_t>(all))));
    s.frame->Refresh();
    Settle(std::chrono::milliseconds(600));
    Screenshot(s.frame, "usage-list-" + lang);

    // One JST day, typed into the pickers as a person would choose it.
    s.Reload([&] {
        s.view->PresetChoice()->SetSelection(4); // Custom dates
        s.view->FromDate()->SetValue(wxDateTime(28, wxDateTime::Nov, 2026));
        s.view->ToDate()->SetValue(wxDateTime(28, wxDateTime::Nov, 2026));
        Click(s.view->ApplyButton());
    });
    const auto& query = s.view->Presenter().Query();
    REQUIRE(query.from);
    CHECK(*query.from == At("2026-11-27T15:00:00Z"));
    REQUIRE(s.view->Presenter().RowCount() == 6);
    for (long row = 0; row < 6; ++row) {
        CHECK(s.Cell(row, AuditEventList::kTime).StartsWith(wxS("2026-11-28 ")));
    }
    // 15:00 UTC on the 27th is midnight of the 28th in Japan: the day's first event.
    CHECK(s.Cell(5, AuditEventList::kTime) == wxS("2026-11-28 00:00:00"));
    CHECK(s.Cell(5, AuditEventList::kUser) == AuditActorText({}));
    CHECK(s.Cell(5, AuditEventList::kResult) == AuditResultName(model::AuditResult::Failed));
    CHECK(s.view->CountLine()->GetLabel().Contains(wxS("2026-11-28")));
    Screenshot(s.frame, "usage-day-" + lang);

    // The account change's detail: before and after side by side, the changed items marked.
    const long change = s.RowOf(304);
    REQUIRE(change >= 0);
    ClickRow(s.view->List(), change);
    REQUIRE(WaitUntil([&] { return s.view->Presenter().Selected() != nullptr; }));
    CHECK(s.view->Presenter().Selected()->sequence == 304);
    AuditDetailPane* detail = s.view->Detail();
    CHECK(detail->Field("time") == wxS("2026-11-28 09:05:00"));
    CHECK(detail->Field("sequence") == wxS("#304"));
    CHECK(detail->Field("hash").StartsWith(wxS("3f1c9a0d")));
    CHECK(detail->Field("user").Contains(RoleNames({"customermanager"})));
    wxListView* changes = detail->Changes();
    REQUIRE(changes->IsShownOnScreen());
    const auto row = [&](const wxString& key) {
        for (long i = 0; i < changes->GetItemCount(); ++i) {
            if (changes->GetItemText(i, 0) == key) {
                return i;
            }
        }
        return -1L;
    };
    const long roles = row(DetailKeyName("roles"));
    REQUIRE(roles >= 0);
    CHECK(changes->GetItemText(roles, 1) == RoleName("customeremployee"));
    CHECK(changes->GetItemText(roles, 2) == RoleName("customermanager_viewer"));
    CHECK(IsBold(changes, roles));
    const long name = row(DetailKeyName("display_name"));
    REQUIRE(name >= 0);
    CHECK_FALSE(IsBold(changes, name)); // unchanged
    CHECK(row(DetailKeyName("scope.all")) >= 0);
    Screenshot(s.frame, "usage-detail-" + lang);

    // A denied request reads as such, with its route.
    ClickRow(s.view->List(), s.RowOf(305));
    REQUIRE(WaitUntil([&] { return s.view->Presenter().Selected()->sequence == 305; }));
    CHECK(detail->Field("result") == AuditResultName(model::AuditResult::Denied));
    CHECK(detail->Field("target").Contains(wxS("GET /api/v1/accounts")));

    // Verify: intact, then a history someone altered.
    model::AuditVerification intact;
    intact.ok = true;
    intact.checked = 307;
    intact.checkpoint = model::AuditCheckpointStatus{307, At("2026-11-28T00:00:00Z"), true};
    s.fake->verification = intact;
    Click(s.view->VerifyButton());
    REQUIRE(
        WaitUntil([&] { return s.view->Verification()->Shown() == VerifyBanner::Look::Intact; }));
    CHECK(s.view->Verification()->Headline() == VerificationText(intact));
    CHECK(s.view->Verification()->Headline().Contains(wxS("#307")));
    CHECK(s.view->Verification()->Headline().Contains(wxS("2026-11-28 09:00 JST")));
    Screenshot(s.frame, "usage-verify-" + lang);

    model::AuditVerification altered;
    altered.checked = 56;
    altered.firstBadSequence = 57;
    altered.firstBadReason = "altered";
    altered.checkpoint = intact.checkpoint;
    s.fake->verification = altered;
    Click(s.view->VerifyButton());
    REQUIRE(
        WaitUntil([&] { return s.view->Verification()->Shown() == VerifyBanner::Look::Broken; }));
    CHECK(s.view->Verification()->Headline().Contains(wxS("#57")));
    Screenshot(s.frame, "usage-verify-broken-" + lang);

    // Export the day in Shift_JIS, the progress shown while it runs.
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("resv-usage-export-" + lang + ".csv");
    std::filesystem::remove(file);
    std::atomic<bool> release{false};
    std::atomic<bool> paused{false};
    // Whatever fails below, the export goes on, so that the worker can stop.
    const std::unique_ptr<void, std::function<void(void*)>> releaseOnExit(
        &release, [&](void*) { release = true; });
    s.fake->exportChunk = 2;
    s.fake->onExportProgress = [&](std::int64_t rows) {
        if (rows == 4) { // the first report (2 rows) has reached the screen
            paused = true;
            while (!release) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        }
    };
    {
        FileDialogOffer offer;
        Click(s.view->ExportButton());
        REQUIRE(WaitUntil([&] { return offer.shown == 1; }));
        CHECK(offer.offeredName == wxS("usage-history-20261128.csv"));
        CHECK(offer.wildcard.Contains(wxS("Shift_JIS")));
        CHECK_FALSE(s.view->Presenter().Exporting()); // cancelled: nothing runs
    }
    CHECK(UsageHistoryView::EncodingOfFileType(0) == client::CsvEncoding::Utf8WithBom);
    const client::CsvEncoding shiftJis = UsageHistoryView::EncodingOfFileType(1);
    CHECK(shiftJis == client::CsvEncoding::ShiftJis);
    s.view->ExportTo(wxString::FromUTF8(file.string()), shiftJis);
    REQUIRE(WaitUntil([&] { return paused.load() && s.view->ExportProgress() != nullptr; }));
    REQUIRE(WaitUntil([&] { return s.view->ExportProgress()->GetMessage().Contains(wxS("2")); }));
    Screenshot(s.view->ExportProgress(), "usage-export-progress-" + lang);
    release = true;
    REQUIRE(WaitUntil([&] { return s.view->ExportProgress() == nullptr; }));
    REQUIRE(WaitUntil([&] { return s.view->Messages()->IsShown(); }));
    CHECK(s.api->shiftJis.load());
    INFO(s.view->LastMessage().utf8_string());
    CHECK(s.view->LastMessage().Contains(wxString::FromUTF8(file.string())));
    const std::string csv = ReadFile(file);
    CHECK(csv.find("304,account.update") != std::string::npos);
    CHECK(csv.find("300,") == std::string::npos); // the day only
    const auto exported = s.fake->Queries().back();
    CHECK(exported.from == query.from);
    Screenshot(s.frame, "usage-export-done-" + lang);
    std::filesystem::remove(file);
}

TEST_CASE("the usage history's day filter follows Japan's day whatever the PC's time zone",
          "[gui][usage]") {
    const std::string zone = GENERATE(as<std::string>{}, "UTC", "America/Los_Angeles");
    const char* before = std::getenv("TZ");
    const std::string previous = before != nullptr ? before : "";
    setenv("TZ", zone.c_str(), 1);
    tzset();
    // The zone really took effect: 2026-11-27T15:00Z is the 27th, 07:00, in Los Angeles.
    const std::time_t edge = 1795791600; // 2026-11-27T15:00:00Z
    std::tm local{};
    localtime_r(&edge, &local);
    CHECK(local.tm_hour == (zone == "UTC" ? 15 : 7));

    UseTestLanguage("en");
    test::MemorySettings settings;
    {
        Screen s(settings);
        s.Reload([&] {
            s.view->PresetChoice()->SetSelection(0); // Today: the 28th in Japan
            wxCommandEvent event(wxEVT_CHOICE, s.view->PresetChoice()->GetId());
            event.SetInt(0);
            s.view->PresetChoice()->ProcessWindowEvent(event);
        });
        CHECK(s.view->FromDate()->GetValue().GetDay() == 28);
        CHECK(s.view->Presenter().RowCount() == 6);
        CHECK(s.Cell(5, AuditEventList::kTime) == wxS("2026-11-28 00:00:00"));
    }
    if (previous.empty()) {
        unsetenv("TZ");
    } else {
        setenv("TZ", previous.c_str(), 1);
    }
    tzset();
}

TEST_CASE("usage history columns can be hidden and are remembered", "[gui][usage]") {
    UseTestLanguage("en");
    test::MemorySettings settings;
    {
        Screen s(settings);
        AuditEventList* list = s.view->List();
        CHECK(list->GetColumnCount() == AuditEventList::kColumnCount);
        list->ShowColumn(AuditEventList::kSourceIp, false);
        CHECK(list->GetColumnCount() == AuditEventList::kColumnCount - 1);
        CHECK(list->ColumnAt(list->GetColumnCount() - 1) == AuditEventList::kResult);
        list->SetColumnWidth(0, list->FromDIP(200));
        wxListEvent drag(wxEVT_LIST_COL_END_DRAG, list->GetId());
        drag.SetEventObject(list);
        list->ProcessWindowEvent(drag);
        Settle();
        // The rows read the shown columns, not the hidden one.
        CHECK(list->GetItemText(0, list->GetColumnCount() - 1) ==
              AuditResultName(model::AuditResult::Success));
        // The time column's header turns the order round: the oldest first.
        s.Reload([&] {
            wxListEvent click(wxEVT_LIST_COL_CLICK, list->GetId());
            click.SetEventObject(list);
            click.m_col = 0;
            list->ProcessWindowEvent(click);
        });
        CHECK_FALSE(s.view->Presenter().AppliedFilters().newestFirst);
        CHECK(s.Cell(0, AuditEventList::kTime) == wxS("2026-11-22 09:00:00"));
    }
    const std::string saved = settings.ListColumns(AuditEventList::kSettingsName);
    CHECK(saved.find("-source_ip") != std::string::npos);
    CHECK(saved.find("time:200") != std::string::npos);
    {
        Screen s(settings);
        CHECK_FALSE(s.view->List()->IsShown(AuditEventList::kSourceIp));
        CHECK(s.view->List()->IsShown(AuditEventList::kTime));
        CHECK(s.view->List()->GetColumnCount() == AuditEventList::kColumnCount - 1);
        // Every column but one may go; the last stays.
        for (int column = 0; column < AuditEventList::kColumnCount; ++column) {
            s.view->List()->ShowColumn(static_cast<AuditEventList::Column>(column), false);
        }
        CHECK(s.view->List()->GetColumnCount() == 1);
    }
}

TEST_CASE("usage history: new events show a link that loads them, scrolling fills placeholders",
          "[gui][usage]") {
    UseTestLanguage("ja");
    test::MemorySettings settings;
    Screen s(settings);
    CHECK_FALSE(s.view->NewEventsLink()->IsShown());
    // Jump to the bottom: its rows read "Loading..." until their page is here.
    const long last = static_cast<long>(s.view->Presenter().RowCount()) - 1;
    s.view->List()->EnsureVisible(last);
    REQUIRE(WaitUntil([&] { return s.RowsLoaded(static_cast<std::size_t>(last), last); }));
    CHECK(s.Cell(last, AuditEventList::kTime) == wxS("2026-11-22 09:00:00"));

    // The runner is idle now: events may be added behind the screen's back.
    REQUIRE(s.runner.WaitIdle(std::chrono::seconds(5)));
    s.fake->events.push_back(test::AuditEventAt(308, At("2026-11-28T02:50:00Z")));
    s.fake->events.push_back(test::AuditEventAt(309, At("2026-11-28T02:55:00Z")));
    s.view->Presenter().Poll();
    REQUIRE(WaitUntil([&] { return s.view->NewEventsLink()->IsShown(); }));
    CHECK(s.view->NewEventsLink()->GetLabel().Contains(wxS("2")));
    Screenshot(s.frame, "usage-new-events-ja");
    const std::size_t before = s.view->Presenter().RowCount();
    Click(s.view->NewEventsLink());
    REQUIRE(WaitUntil([&] { return s.view->Presenter().RowCount() == before + 2 && s.Ready(); }));
    CHECK_FALSE(s.view->NewEventsLink()->IsShown());
}

TEST_CASE("a role without usage.export sees the history but cannot export it", "[gui][usage]") {
    UseTestLanguage("en");
    test::MemorySettings settings;
    Screen s(settings, UsagePermissions{true, false});
    CHECK(s.view->Presenter().RowCount() > 0);
    CHECK_FALSE(s.view->ExportButton()->IsEnabled());
    CHECK(s.view->ExportButton()->GetToolTipText().Contains(wxS("not export")));
    s.view->OnExport(); // nothing is asked, nothing is exported
    CHECK(s.api->exports == 0);
}
