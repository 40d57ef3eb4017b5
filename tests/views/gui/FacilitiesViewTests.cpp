// The Facilities & Terminals screen and the remote configuration dialog under a display, over a
// fake API on the real worker thread: a terminal's details, a facility edit refused next to the
// field, a configuration diffed, applied and acknowledged, and the history.
#include "GuiSupport.h"

#include "../FakeFacilitiesApi.h"
#include "../Fakes.h"
#include "console/WxDispatcher.h"
#include "views/facilities/FacilitiesView.h"
#include "views/facilities/TerminalConfigDialog.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/srchctrl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using test::FakeFacilitiesApi;

namespace {

struct Screen {
    std::shared_ptr<FakeFacilitiesApi> api = std::make_shared<FakeFacilitiesApi>();
    WorkerThread runner;
    console::WxDispatcher ui;
    test::FakeSession session{std::make_shared<test::FakeApiClient>(), test::SampleMe()};
    wxFrame* frame = nullptr;
    FacilitiesView* view = nullptr;

    explicit Screen(FacilityPermissions permissions = {true, true, true, true}) {
        test::FillSample(*api);
        api->jurisdictions[0].name = "東京管轄";
        api->facilities[0].name = "ホテル新宿";
        api->facilities[0].address = "東京都新宿区西新宿1-1";
        auto& kiosk = api->terminals[0];
        kiosk.reportedIp = "203.0.113.9";
        kiosk.ipMismatch = true;
        kiosk.appVersion = "2.4.1";
        kiosk.state = model::TerminalState::Idle;
        kiosk.lastSeenAt = test::SampleTime();
        kiosk.model = "RK-200";
        frame = new wxFrame(nullptr, wxID_ANY, wxS("facilities"));
        view = new FacilitiesView(frame, session, api, permissions, runner, ui);
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(view, wxSizerFlags(1).Expand());
        frame->SetSizer(sizer);
        frame->SetClientSize(frame->FromDIP(wxSize(1000, 640)));
        frame->Show();
        view->Presenter().Refresh();
    }
    ~Screen() {
        runner.Stop();
        frame->Destroy();
        WaitUntil([] { return wxTopLevelWindows.empty(); });
    }
};

} // namespace

TEST_CASE("the tree shows counts and status, and a terminal's details with the IP warning",
          "[gui][facilities]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    REQUIRE(WaitUntil([&] { return s.view->ItemOf({NodeKind::Terminal, "trm_1"}).IsOk(); }));
    const wxTreeItemId tokyo = s.view->ItemOf({NodeKind::Jurisdiction, "jur_tokyo"});
    const wxString tokyoLabel = s.view->Tree()->GetItemText(tokyo);
    CHECK(tokyoLabel.StartsWith(wxString::FromUTF8("東京管轄 (")));
    CHECK(tokyoLabel.Contains(wxS("2")));
    CHECK(tokyoLabel.Contains(wxS("3")));
    s.view->Tree()->ExpandAll();
    s.view->SelectNode({NodeKind::Terminal, "trm_1"});
    REQUIRE(WaitUntil([&] { return s.view->Presenter().Draft().has_value(); }));
    const wxString details = s.view->TerminalDetailText();
    CHECK(details.Contains(wxS("2026-11-25 17:10:49")));
    CHECK(details.Contains(wxS("203.0.113.9")));
    CHECK(details.Contains(wxS("192.0.2.11"))); // the registered address, in the warning
    CHECK(s.view->ConfigureButton()->IsEnabled());
    Settle();
    Screenshot(s.frame, "facilities-terminal-" + lang);

    // A search keeps only what matches, and the selection.
    s.view->Search()->SetValue(wxS("198.51.100.6"));
    REQUIRE(WaitUntil([&] { return !s.view->ItemOf({NodeKind::Terminal, "trm_1"}).IsOk(); }));
    CHECK(s.view->ItemOf({NodeKind::Terminal, "trm_5"}).IsOk());
    CHECK(s.view->Presenter().Selected()->id == "trm_1");
}

TEST_CASE("a facility edit is refused next to the field, and a refresh keeps the edit",
          "[gui][facilities]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    REQUIRE(WaitUntil([&] { return s.view->ItemOf({NodeKind::Facility, "fac_shinjuku"}).IsOk(); }));
    s.view->SelectNode({NodeKind::Facility, "fac_shinjuku"});
    REQUIRE(WaitUntil([&] { return s.view->Presenter().Draft().has_value(); }));
    auto* phone = dynamic_cast<wxTextCtrl*>(s.view->FieldControl("phone"));
    REQUIRE(phone);
    TypeInto(phone, "03-1234-5678 ext. 9");
    REQUIRE(WaitUntil([&] { return s.view->SaveButton()->IsEnabled(); }));
    Click(s.view->SaveButton());
    REQUIRE(WaitUntil([&] { return s.view->FieldError("phone")->IsShown(); }));
    CHECK_FALSE(s.view->FieldError("phone")->GetLabel().empty());
    s.view->Presenter().Refresh();
    REQUIRE(WaitUntil([&] { return !s.view->Presenter().Loading(); }));
    CHECK(phone->GetValue() == wxS("03-1234-5678 ext. 9"));
    CHECK(s.view->Presenter().Selected()->id == "fac_shinjuku");
    Settle();
    Screenshot(s.frame, "facilities-validation-" + lang);

    TypeInto(phone, "03-1234-5679");
    Click(s.view->SaveButton());
    REQUIRE(WaitUntil([&] { return !s.view->Presenter().Draft()->Dirty(); }));
    CHECK_FALSE(s.view->FieldError("phone")->IsShown());
}

TEST_CASE("read-only roles see everything with the edit controls disabled", "[gui][facilities]") {
    UseTestLanguage("en");
    Screen s({true, false, false, false});
    REQUIRE(WaitUntil([&] { return s.view->ItemOf({NodeKind::Facility, "fac_ueno"}).IsOk(); }));
    s.view->SelectNode({NodeKind::Facility, "fac_ueno"});
    REQUIRE(WaitUntil([&] { return s.view->Presenter().Draft().has_value(); }));
    CHECK_FALSE(s.view->FieldControl("name")->IsEnabled());
    CHECK_FALSE(s.view->FieldControl("name")->GetToolTipText().empty());
    CHECK_FALSE(s.view->AddButton(NodeKind::Jurisdiction)->IsEnabled());
    CHECK_FALSE(s.view->ConfigureButton()->IsEnabled());
}

TEST_CASE("remote configuration: a diff, Apply, pending then applied, and the history",
          "[gui][config]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    auto api = std::make_shared<FakeFacilitiesApi>();
    test::FillSample(*api);
    api->histories["trm_1"] = {{1, model::TerminalSettings{}, {}, test::SampleTime(), "", "",
                                "initial", std::nullopt}};
    WorkerThread runner;
    console::WxDispatcher ui;
    auto* dialog = new TerminalConfigDialog(nullptr, api,
                                            {{NodeKind::Terminal, "trm_1"}, "KIOSK-01", {"trm_1"}},
                                            runner, ui);
    dialog->Show();
    dialog->Start();
    REQUIRE(WaitUntil([&] { return dialog->Presenter().Loaded(); }));

    dialog->VolumeSpin()->SetValue(80);
    wxSpinEvent spin(wxEVT_SPINCTRL, dialog->VolumeSpin()->GetId());
    spin.SetEventObject(dialog->VolumeSpin());
    dialog->VolumeSpin()->ProcessWindowEvent(spin);
    TypeInto(dialog->IdleMessage(), "Welcome");
    TypeInto(dialog->CloseTime(), "25:00");
    REQUIRE(WaitUntil([&] { return !dialog->ErrorShown("business_hours.close").empty(); }));
    CHECK_FALSE(dialog->ApplyButton()->IsEnabled());
    TypeInto(dialog->CloseTime(), "22:00");
    REQUIRE(WaitUntil([&] { return dialog->ApplyButton()->IsEnabled(); }));
    CHECK(dialog->Diff()->GetItemCount() == 3); // volume, idle message, business hours
    Settle();
    Screenshot(dialog, "config-diff-" + lang);

    Click(dialog->ApplyButton());
    REQUIRE(WaitUntil([&] { return dialog->Presenter().Polling(); }));
    CHECK(dialog->ProgressText()->GetLabel().Contains(wxS("2")));
    runner.WaitIdle(std::chrono::seconds(5));
    api->Acknowledge("trm_1");
    REQUIRE(WaitUntil([&] { return dialog->Presenter().Progress()->applied == 1; },
                      std::chrono::seconds(10)));
    CHECK(dialog->HistoryList()->GetItemCount() == 2);
    CHECK(dialog->HistoryList()->GetItemText(0) == wxS("2"));
    CHECK(api->configs["trm_1"].settings.volume == 80);
    Settle();
    Screenshot(dialog, "config-history-" + lang);

    runner.Stop();
    dialog->Destroy();
    REQUIRE(WaitUntil([] { return wxTopLevelWindows.empty(); }));
}
