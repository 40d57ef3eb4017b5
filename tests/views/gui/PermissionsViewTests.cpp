// The Permissions screen under a display, over a fake API on the real worker thread: a custom
// role's permissions changed through the matrix's own checkboxes and saved, the tier rule's
// locked boxes, read-only accounts, and one account's effective access.
#include "GuiSupport.h"

#include "../FakePermissionsApi.h"
#include "../Fakes.h"
#include "console/WxDispatcher.h"
#include "views/common/Words.h"
#include "views/permissions/EffectiveAccessView.h"
#include "views/permissions/PermissionWords.h"
#include "views/permissions/PermissionsView.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using test::FakePermissionsApi;

namespace {

struct Screen {
    std::shared_ptr<FakePermissionsApi> api = std::make_shared<FakePermissionsApi>();
    WorkerThread runner;
    console::WxDispatcher ui;
    test::FakeSession session{std::make_shared<test::FakeApiClient>(), test::SampleMe()};
    wxFrame* frame = nullptr;
    PermissionsView* view = nullptr;

    explicit Screen(RoleAccess access = {true, true, true}) {
        api->roles.push_back({"role_night",
                              "夜勤フロント",
                              model::Tier::Employee,
                              {"facilities.read", "terminals.read"},
                              false});
        api->accounts = {
            FakePermissionsApi::Account("acc_1", "tanaka", "田中 一郎", {"夜勤フロント"}),
            FakePermissionsApi::Account("acc_2", "suzuki", "鈴木 花子", {"customermanager"})};
        model::EffectiveAccess access1;
        access1.accountId = "acc_1";
        access1.loginId = "tanaka";
        access1.tier = model::Tier::Employee;
        access1.permissions = {{"facilities.read", {"夜勤フロント", "customeremployee"}},
                               {"terminals.read", {"夜勤フロント"}}};
        access1.scope = {false, {"jur_tokyo"}, {"fac_namba"}};
        access1.jurisdictions = {{"jur_tokyo", "東京管轄"}};
        access1.facilities = {
            {"fac_shinjuku", "ホテル新宿", "jur_tokyo", "東京管轄", "jurisdiction"},
            {"fac_ueno", "ホテル上野", "jur_tokyo", "東京管轄", "jurisdiction"},
            {"fac_namba", "ホテル難波", "jur_osaka", "大阪管轄", "facility"}};
        api->access["acc_1"] = access1;
        frame = new wxFrame(nullptr, wxID_ANY, wxS("permissions"));
        view = new PermissionsView(frame, session, api, nullptr, access, runner, ui);
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(view, wxSizerFlags(1).Expand());
        frame->SetSizer(sizer);
        frame->SetClientSize(frame->FromDIP(wxSize(1100, 700)));
        frame->Show();
        view->Presenter().Refresh();
        REQUIRE(WaitUntil([&] { return view->Presenter().Loaded(); }));
    }
    ~Screen() {
        runner.Stop();
        frame->Destroy();
        WaitUntil([] { return wxTopLevelWindows.empty(); });
    }

    void SelectRole(const std::string& id) {
        const long row = view->RowOf(id);
        REQUIRE(row >= 0);
        view->RoleList()->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        REQUIRE(WaitUntil([&] {
            return view->Presenter().Selected() && view->Presenter().Selected()->id == id;
        }));
    }
};

} // namespace

TEST_CASE("a custom role's permissions are changed through the matrix and saved",
          "[gui][permissions]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    s.SelectRole("role_night");
    wxCheckBox* ack = s.view->Box("notices.ack");
    wxCheckBox* read = s.view->Box("notices.read");
    REQUIRE(ack);
    REQUIRE(read);
    CHECK(ack->GetLabel() == PermissionTitle("notices.ack"));
    CHECK_FALSE(s.view->SaveButton()->IsEnabled());
    Settle();
    Screenshot(s.frame, "permissions-before-" + lang);

    // The tier rule: an employee-tier role's usage history box is locked, with the reason.
    wxCheckBox* usage = s.view->Box("usage.read");
    CHECK_FALSE(usage->IsEnabled());
    CHECK(usage->GetToolTipText().Contains(LockText(LockReason::TierTooLow)));

    s.view->ScrollTo("notices.read");
    Settle();
    Click(read);
    REQUIRE(WaitUntil([&] { return read->GetValue(); }));
    s.view->ScrollTo("notices.ack");
    Settle();
    Click(ack);
    REQUIRE(WaitUntil([&] { return ack->GetValue(); }));
    CHECK(s.view->SaveButton()->IsEnabled());
    Settle();
    Screenshot(s.frame, "permissions-matrix-" + lang);

    Click(s.view->SaveButton());
    REQUIRE(WaitUntil([&] { return !s.api->roleInputs.empty() && !s.view->Presenter().Busy(); }));
    CHECK(s.api->calls.back() == "UpdateRole role_night");
    REQUIRE(s.api->roleInputs[0].permissions);
    CHECK(*s.api->roleInputs[0].permissions ==
          std::vector<std::string>{"facilities.read", "terminals.read", "notices.read",
                                   "notices.ack"});
    CHECK_FALSE(s.api->roleInputs[0].tier);
    CHECK_FALSE(s.view->SaveButton()->IsEnabled());
    CHECK(ack->GetValue());

    // Raising the tier through the choice unlocks the usage history box.
    s.view->TierChoice()->SetSelection(0);
    wxCommandEvent choice(wxEVT_CHOICE, s.view->TierChoice()->GetId());
    choice.SetEventObject(s.view->TierChoice());
    s.view->TierChoice()->ProcessWindowEvent(choice);
    CHECK(usage->IsEnabled());
    CHECK(s.view->SaveButton()->IsEnabled());
}

TEST_CASE("built-in roles and read-only accounts see the matrix locked, with the reason",
          "[gui][permissions]") {
    UseTestLanguage("en");
    Screen s({true, false, false});
    s.SelectRole("role_night");
    CHECK_FALSE(s.view->Box("notices.ack")->IsEnabled());
    CHECK(s.view->Box("notices.ack")
              ->GetToolTipText()
              .Contains(LockText(LockReason::ReadOnlyAccount)));
    CHECK_FALSE(s.view->NewButton()->IsEnabled());
    CHECK_FALSE(s.view->NewButton()->GetToolTipText().empty());
    CHECK_FALSE(s.view->DeleteButton()->IsEnabled());
    CHECK_FALSE(s.view->TierChoice()->IsEnabled());

    Screen manager;
    manager.SelectRole("customermanager");
    CHECK_FALSE(manager.view->Box("usage.read")->IsEnabled());
    CHECK(manager.view->Box("usage.read")->GetValue());
    CHECK(
        manager.view->Box("usage.read")->GetToolTipText().Contains(LockText(LockReason::Builtin)));
    CHECK_FALSE(manager.view->RenameButton()->IsEnabled());
}

TEST_CASE("one account's effective access: permissions with their roles, facilities with why",
          "[gui][permissions]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    s.view->Tabs()->SetSelection(1);
    EffectiveAccessView* access = s.view->Access();
    REQUIRE(WaitUntil([&] { return access->AccountList()->GetItemCount() == 2; }));
    access->AccountList()->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    REQUIRE(WaitUntil([&] { return access->PermissionList()->GetItemCount() == 2; }));
    CHECK(access->PermissionList()->GetItemText(0, 1) == wxS("facilities.read"));
    CHECK(access->PermissionList()->GetItemText(0, 2).Contains(RoleName("customeremployee")));
    REQUIRE(access->FacilityList()->GetItemCount() == 3);
    // By jurisdiction, then facility: Osaka's Namba (named itself) before Tokyo's two.
    CHECK(access->FacilityList()->GetItemText(0, 0) == wxString::FromUTF8("ホテル難波"));
    CHECK(access->FacilityList()->GetItemText(0, 2) == ReachViaText(ReachVia::Facility));
    CHECK(access->FacilityList()->GetItemText(2, 2) == ReachViaText(ReachVia::Jurisdiction));
    CHECK(access->ScopeText()->GetLabelText().Contains(wxString::FromUTF8("東京管轄")));
    Settle();
    Screenshot(s.frame, "permissions-access-" + lang);
}
