// Facilities & Terminals against a real resv-server in-process, through the real ApiClient: the
// demo manager edits a facility in the detail panel and saves it, moves it with the searchable
// picker, and configures a demo KIOSK remotely; a simulated terminal (resv-terminal-sim's
// library, with the device token the demo seed wrote) fetches and acknowledges the configuration,
// and the console shows pending, then applied.
#include "GuiSupport.h"
#include "ServerLogin.h"
#include "TestServer.h"

#include "../Fakes.h"
#include "console/MainFrame.h"
#include "console/Shell.h"
#include "views/facilities/FacilitiesView.h"
#include "views/facilities/FieldMessages.h"
#include "views/facilities/ItemPicker.h"
#include "views/facilities/TerminalConfigDialog.h"
#include "views/login/LoginDialog.h"

#include "SimulatedTerminal.h"
#include "TokenFile.h"
#include "resv/client/ApiClient.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/listbook.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/modalhook.h>
#include <wx/spinctrl.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <random>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using namespace std::chrono_literals;

namespace {

/// What the server holds now, asked in a session of its own.
model::Facility FacilityOnServer(const std::string& id) {
    const auto client = LoggedInClient("manager", kManagerPassword);
    for (const model::Facility& facility : client->ListFacilities()) {
        if (facility.id == id) {
            return facility;
        }
    }
    FAIL("the facility is not on the server");
    return {};
}

/// Answers the next modal dialog that is an ItemPickerDialog: types `query` into its search
/// and chooses the first match, as a person would, without a nested event loop.
class PickerAnswer final : public wxModalDialogHook {
public:
    explicit PickerAnswer(wxString query)
        : m_query(std::move(query)) {
        Register();
    }
    ~PickerAnswer() override { Unregister(); }
    unsigned shownItems = 0;
    unsigned allItems = 0;

protected:
    int Enter(wxDialog* dialog) override {
        auto* picker = dynamic_cast<ItemPickerDialog*>(dialog);
        if (!picker) {
            return wxID_NONE;
        }
        allItems = picker->List()->GetCount();
        picker->Search()->SetValue(m_query); // filters at once (wxEVT_TEXT)
        shownItems = picker->List()->GetCount();
        if (shownItems == 0) {
            return wxID_CANCEL;
        }
        picker->List()->SetSelection(0);
        Screenshot(picker, m_screenshot);
        return wxID_OK;
    }
    void Exit(wxDialog*) override {}

public:
    std::string m_screenshot = "facility-picker";

private:
    wxString m_query;
};

} // namespace

TEST_CASE("the manager edits a facility and configures a terminal that a simulated terminal "
          "then applies, on the real server",
          "[gui][facilities][config][server]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    console::Shell shell({TestServer::Shared().Url(), TestServer::Shared().CaFile()}, settings);
    console::MainFrame* frame = LogInAsManager(shell);
    frame->Navigation()->SetSelection(1);
    FacilitiesView* view = frame->Facilities();
    REQUIRE(view != nullptr);
    REQUIRE(WaitUntil([&] { return view->Presenter().Loaded(); }));

    // A demo facility with a KIOSK whose device token the demo seed wrote down.
    const std::vector<tools::TerminalEntry> tokens =
        tools::ReadTokenFile(TestServer::Shared().DemoTokensFile());
    const FacilityData& data = view->Presenter().Tree().Data();
    const model::Terminal* kiosk = nullptr;
    for (const model::Terminal& terminal : data.terminals) {
        const bool hasToken = std::any_of(tokens.begin(), tokens.end(),
                                          [&](const auto& e) { return e.id == terminal.id; });
        if (terminal.kind == model::TerminalKind::Kiosk && hasToken) {
            kiosk = &terminal;
            break;
        }
    }
    REQUIRE(kiosk != nullptr);
    const std::string terminalId = kiosk->id;
    const std::string facilityId = kiosk->facilityId;
    const std::string jurisdictionId =
        view->Presenter().Tree().FindFacility(facilityId)->jurisdictionId;
    const auto otherJurisdiction =
        std::find_if(data.jurisdictions.begin(), data.jurisdictions.end(),
                     [&](const model::Jurisdiction& j) { return j.id != jurisdictionId; });
    REQUIRE(otherJurisdiction != data.jurisdictions.end());
    const std::string otherJurisdictionId = otherJurisdiction->id;
    const wxString otherJurisdictionName = wxString::FromUTF8(otherJurisdiction->name);

    // The facility: a new phone number typed into the detail panel, and another jurisdiction
    // chosen with the picker; Save; the server has both.
    REQUIRE(WaitUntil([&] { return view->ItemOf({NodeKind::Facility, facilityId}).IsOk(); }));
    view->SelectNode({NodeKind::Facility, facilityId});
    REQUIRE(WaitUntil([&] {
        const auto& draft = view->Presenter().Draft();
        return draft && draft->ref.id == facilityId;
    }));
    const std::string phone = lang == "ja" ? "03-5555-0101" : "03-5555-0102";
    TypeInto(dynamic_cast<wxTextCtrl*>(view->FieldControl("phone")), phone);
    auto* jurisdictionPicker = dynamic_cast<PickerField*>(view->FieldControl("jurisdiction_id"));
    REQUIRE(jurisdictionPicker != nullptr);
    {
        PickerAnswer answer(otherJurisdictionName);
        answer.m_screenshot = "facilities-picker-" + lang;
        Click(jurisdictionPicker->ChooseButton());
        REQUIRE(WaitUntil([&] { return jurisdictionPicker->SelectedId() == otherJurisdictionId; }));
        CHECK(answer.shownItems >= 1);
        CHECK(answer.shownItems < answer.allItems);
    }
    CHECK(jurisdictionPicker->Shown()->GetValue() == otherJurisdictionName);
    REQUIRE(WaitUntil([&] { return view->SaveButton()->IsEnabled(); }));
    Click(view->SaveButton());
    REQUIRE(WaitUntil([&] {
        const auto& draft = view->Presenter().Draft();
        return draft && !draft->Dirty() && !view->Presenter().Busy();
    }));
    const model::Facility saved = FacilityOnServer(facilityId);
    CHECK(saved.phone == phone);
    CHECK(saved.jurisdictionId == otherJurisdictionId);
    REQUIRE(WaitUntil([&] { return view->ItemOf({NodeKind::Facility, facilityId}).IsOk(); }));
    CHECK(view->Tree()->GetItemParent(view->ItemOf({NodeKind::Facility, facilityId})) ==
          view->ItemOf({NodeKind::Jurisdiction, otherJurisdictionId}));
    Settle();
    Screenshot(frame, "facilities-server-facility-" + lang);

    // The terminal: its label fits the tree beside the detail panel in the 960-pixel window.
    view->SelectNode({NodeKind::Terminal, terminalId});
    REQUIRE(WaitUntil([&] {
        const auto& draft = view->Presenter().Draft();
        return draft && draft->ref.id == terminalId;
    }));
    // Looked up each time: a refresh may re-create the item.
    auto kioskLabel = [&] {
        const wxTreeItemId item = view->ItemOf({NodeKind::Terminal, terminalId});
        return item.IsOk() ? view->Tree()->GetItemText(item) : wxString();
    };
    const wxTreeItemId kioskItem = view->ItemOf({NodeKind::Terminal, terminalId});
    wxRect labelRect;
    REQUIRE(view->Tree()->GetBoundingRect(kioskItem, labelRect, true));
    CHECK(labelRect.GetRight() <= view->Tree()->GetClientSize().x);
    CHECK(view->Splitter()->GetSashPosition() >= view->FromDIP(FacilitiesView::kMinPaneWidth));

    // Remote configuration: volume through the dialog's controls, Apply; pending.
    TerminalConfigDialog* dialog = view->NewConfigDialog();
    dialog->Show();
    REQUIRE(WaitUntil([&] { return dialog->Presenter().Loaded(); }));
    const int volume = dialog->VolumeSpin()->GetValue() == 35 ? 40 : 35;
    dialog->VolumeSpin()->SetFocus();
    dialog->VolumeSpin()->SetValue(volume);
    wxSpinEvent spin(wxEVT_SPINCTRL, dialog->VolumeSpin()->GetId());
    spin.SetEventObject(dialog->VolumeSpin());
    dialog->VolumeSpin()->ProcessWindowEvent(spin);
    REQUIRE(WaitUntil([&] { return dialog->ApplyButton()->IsEnabled(); }));
    CHECK(dialog->Diff()->GetItemCount() == 1);
    Click(dialog->ApplyButton());
    REQUIRE(WaitUntil([&] {
        const auto& progress = dialog->Presenter().Progress();
        return progress && progress->pending == 1;
    }));
    CHECK(dialog->ProgressText()->GetLabel().Contains(
        wxString::Format(wxS("%d"), dialog->Presenter().BaseVersion())));
    // The remote-support end reads as every date in the console does.
    const wxString date = dialog->UntilDate()->GetValue();
    CHECK((date.length() == 10 && date[4] == '-' && date[7] == '-'));
    CHECK((dialog->UntilTime()->GetValue().length() == 5 &&
           dialog->UntilTime()->GetValue()[2] == ':'));
    Settle();
    Screenshot(dialog, "config-server-pending-" + lang);
    view->Presenter().Refresh();
    REQUIRE(WaitUntil([&] { return kioskLabel().Contains(_("Pending")); }));

    // The terminal heartbeats, fetches the configuration and acknowledges it.
    const auto entry = std::find_if(tokens.begin(), tokens.end(),
                                    [&](const auto& e) { return e.id == terminalId; });
    tools::SimulatedTerminal terminal(*entry, ServerClientOptions());
    tools::AgentPool agents(tokens);
    std::mt19937 random(7);
    const tools::StepReport report =
        terminal.Step(std::chrono::steady_clock::now(), agents, nullptr, random);
    INFO(report.message);
    REQUIRE(report.appliedVersion == dialog->Presenter().BaseVersion());

    // The dialog's poll sees it applied; the history lists it with the manager's full name.
    REQUIRE(WaitUntil([&] {
        const auto& progress = dialog->Presenter().Progress();
        return progress && progress->applied == 1 && progress->pending == 0;
    }));
    REQUIRE(WaitUntil([&] { return dialog->HistoryList()->GetItemCount() >= 2; }));
    wxListCtrl* history = dialog->HistoryList();
    CHECK(history->GetItemText(0) ==
          wxString::Format(wxS("%d"), dialog->Presenter().BaseVersion()));
    const wxString by = history->GetItemText(0, 2);
    CHECK(history->GetColumnWidth(2) >= history->GetTextExtent(by).x);
    Settle();
    Screenshot(dialog, "config-server-applied-" + lang);
    dialog->Destroy();

    // And so does the tree, and the terminal's detail.
    view->Presenter().Refresh();
    REQUIRE(WaitUntil([&] { return kioskLabel().Contains(_("Online")); }));
    REQUIRE(WaitUntil([&] {
        return view->TerminalDetailText().Contains(
            wxString::Format(_("Version %d applied"), terminal.RunningVersion()));
    }));
    Settle();
    Screenshot(frame, "facilities-server-terminal-" + lang);

    shell.CloseAll();
    REQUIRE(WaitUntil([&] { return !shell.Login() && !shell.Main(); }));
}
