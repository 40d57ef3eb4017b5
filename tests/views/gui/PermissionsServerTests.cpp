// Issue 4's console pieces against a real resv-server in-process, through the real ApiClient: an
// account registered with a one-time password logs in, is refused a common password by the
// server's policy next to the field, sets a good one and only then gets the main window; the demo
// manager ticks a permission of a custom role in the Permissions screen and the server has it.
#include "GuiSupport.h"
#include "ServerLogin.h"
#include "TestServer.h"

#include "../Fakes.h"
#include "console/MainFrame.h"
#include "console/Shell.h"
#include "views/accounts/AccountDialog.h"
#include "views/common/Words.h"
#include "views/home/HomeView.h"
#include "views/login/LoginDialog.h"
#include "views/login/PasswordChangeDialog.h"
#include "views/permissions/EffectiveAccessView.h"
#include "views/permissions/PermissionsView.h"

#include "resv/client/ApiClient.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/listbook.h>
#include <wx/listctrl.h>
#include <wx/modalhook.h>
#include <wx/notebook.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <chrono>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;

namespace {

console::ShellOptions ServerOptions() {
    return {TestServer::Shared().Url(), TestServer::Shared().CaFile()};
}

/// A session of the demo manager's own, to arrange and check what the server holds.
std::unique_ptr<client::ApiClient> ManagerClient() {
    return LoggedInClient("manager", kManagerPassword);
}

std::string Unique(const std::string& prefix) {
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    return prefix +
           std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count() %
                          1000000);
}

void CloseShell(console::Shell& shell) {
    shell.CloseAll();
    REQUIRE(WaitUntil([&] { return !shell.Login() && !shell.Main() && !shell.PasswordChange(); }));
}

} // namespace

TEST_CASE("a one-time password must be replaced, and the server's policy is explained",
          "[gui][password][server]") {
    UseTestLanguage("en");
    const std::string loginId = Unique("gui-otp-");
    model::AccountInput input;
    input.loginId = loginId;
    input.displayName = "GUI test employee";
    input.roles = {"customeremployee"};
    const model::AccountCreated created = ManagerClient()->CreateAccount(input);
    REQUIRE(created.account.mustChangePassword);

    test::MemorySettings settings;
    console::Shell shell(ServerOptions(), settings);
    SubmitLogin(shell, loginId, created.oneTimePassword);
    REQUIRE(WaitUntil([&] { return shell.PasswordChange() && shell.PasswordChange()->IsShown(); }));
    CHECK(shell.Main() == nullptr); // not before the password is changed
    PasswordChangeDialog* dialog = shell.PasswordChange();

    TypeInto(dialog->FieldCtrl(PasswordField::Current), created.oneTimePassword);
    TypeInto(dialog->FieldCtrl(PasswordField::New), "password1234");
    TypeInto(dialog->FieldCtrl(PasswordField::Confirm), "password1234");
    Click(dialog->ChangeButton());
    wxStaticText* issue = dialog->IssueText(PasswordField::New);
    REQUIRE(WaitUntil([&] { return issue->IsShown(); }));
    CHECK(Unwrapped(issue->GetLabelText()) ==
          Unwrapped(PasswordChangeDialog::IssueMessage(PasswordField::New,
                                                       PasswordIssue::CommonPassword)));
    Screenshot(dialog, "password-change-server-en");

    TypeInto(dialog->FieldCtrl(PasswordField::New), "Kawa no nagare, aki no sora");
    TypeInto(dialog->FieldCtrl(PasswordField::Confirm), "Kawa no nagare, aki no sora");
    Click(dialog->ChangeButton());
    REQUIRE(WaitUntil([&] { return shell.Main() && shell.Main()->IsShown(); }));
    CHECK_FALSE(shell.Main()->Home()->PasswordNoticeShown()); // the fresh /me
    CHECK(shell.Main()->Home()->Shown(HomeView::Row::LoginId) == wxString::FromUTF8(loginId));
    CloseShell(shell);
}

TEST_CASE("the demo manager changes a custom role's permissions on the real server",
          "[gui][permissions][server]") {
    UseTestLanguage("ja");
    auto manager = ManagerClient();
    model::Role role;
    REQUIRE_NOTHROW(manager->ListPermissions());
    REQUIRE_NOTHROW(manager->ListRoles());
    REQUIRE_NOTHROW(role = manager->CreateRole({Unique("GUI role "), model::Tier::Employee,
                                                std::vector<std::string>{"facilities.read"}}));

    test::MemorySettings settings;
    console::Shell shell(ServerOptions(), settings);
    SubmitLogin(shell, "manager", kManagerPassword);
    REQUIRE(WaitUntil([&] { return shell.Main() && shell.Main()->IsShown() && !shell.Login(); }));
    PermissionsView* view = shell.Main()->Permissions();
    REQUIRE(view != nullptr);
    wxListbook* navigation = shell.Main()->Navigation();
    const int page = navigation->FindPage(view);
    REQUIRE(page != wxNOT_FOUND);
    CHECK(navigation->GetPageText(static_cast<size_t>(page)) == _("Permissions"));
    navigation->SetSelection(static_cast<size_t>(page));
    REQUIRE(WaitUntil([&] { return view->Presenter().Loaded() && view->RowOf(role.id) >= 0; }));
    view->RoleList()->SetItemState(view->RowOf(role.id), wxLIST_STATE_SELECTED,
                                   wxLIST_STATE_SELECTED);
    REQUIRE(WaitUntil([&] {
        return view->Presenter().Selected() && view->Presenter().Selected()->id == role.id;
    }));
    CHECK_FALSE(view->Box("usage.read")->IsEnabled()); // the tier rule, from the real catalogue

    wxCheckBox* notices = view->Box("notices.read");
    Settle(); // GTK sizes the newly shown page before it can scroll
    view->ScrollTo("notices.read");
    Settle();
    Click(notices);
    REQUIRE(WaitUntil([&] { return notices->GetValue() && view->SaveButton()->IsEnabled(); }));
    Click(view->SaveButton());
    REQUIRE(WaitUntil([&] { return !view->Presenter().Busy() && !view->Presenter().Dirty(); }));
    Screenshot(shell.Main(), "permissions-server-ja");

    bool found = false;
    for (const model::Role& onServer : manager->ListRoles()) {
        if (onServer.id == role.id) {
            found = true;
            std::vector<std::string> permissions = onServer.permissions;
            std::sort(permissions.begin(), permissions.end());
            CHECK(permissions == std::vector<std::string>{"facilities.read", "notices.read"});
        }
    }
    CHECK(found);
    CloseShell(shell);
}

namespace {

/// Ticks the role `role` in the account dialog the Edit button opens, and saves.
class AddRoleScript final : public wxModalDialogHook {
public:
    explicit AddRoleScript(std::string role)
        : m_role(std::move(role)) {
        Register();
    }
    ~AddRoleScript() override { Unregister(); }
    int opened = 0;
    int open = 0;

    int Enter(wxDialog* dialog) override {
        ++opened;
        ++open;
        wxTheApp->CallAfter([this, dialog] { Drive(dialog); });
        return wxID_NONE;
    }
    void Exit(wxDialog*) override { --open; }

private:
    void Drive(wxDialog* d) {
        auto* dialog = dynamic_cast<AccountDialog*>(d);
        REQUIRE(dialog);
        REQUIRE(WaitUntil([&] { return dialog->RolesList()->GetCount() > 0; }));
        REQUIRE(TickItem(dialog->RolesList(), RoleName(m_role)));
        Click(dialog->SaveButton());
    }

    std::string m_role;
};

bool ListsPermission(wxListCtrl* list, const std::string& code) {
    for (long row = 0; row < list->GetItemCount(); ++row) {
        if (list->GetItemText(row, 1) == wxString::FromUTF8(code)) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("from an account's effective access, its roles are edited and the access follows",
          "[gui][permissions][server]") {
    for (const char* language : {"en", "ja"}) {
        UseTestLanguage(language);
        auto manager = ManagerClient();
        model::AccountInput input;
        input.loginId = Unique("access.");
        input.displayName = "Access Test";
        input.roles = {"customeremployee"};
        const model::AccountCreated created = manager->CreateAccount(input);

        test::MemorySettings settings;
        console::Shell shell(ServerOptions(), settings);
        SubmitLogin(shell, "manager", kManagerPassword);
        REQUIRE(
            WaitUntil([&] { return shell.Main() && shell.Main()->IsShown() && !shell.Login(); }));
        PermissionsView* view = shell.Main()->Permissions();
        REQUIRE(view != nullptr);
        wxListbook* navigation = shell.Main()->Navigation();
        navigation->SetSelection(static_cast<size_t>(navigation->FindPage(view)));
        view->Tabs()->SetSelection(1);
        EffectiveAccessView* access = view->Access();
        access->Presenter().Search(input.loginId);
        REQUIRE(WaitUntil([&] {
            return !access->Presenter().Searching() && access->AccountList()->GetItemCount() == 1;
        }));
        CHECK_FALSE(access->EditButton()->IsEnabled()); // nothing chosen yet
        access->AccountList()->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        REQUIRE(WaitUntil([&] {
            return access->Presenter().Access().has_value() && access->EditButton()->IsEnabled();
        }));
        CHECK_FALSE(ListsPermission(access->PermissionList(), "usage.read"));

        AddRoleScript script("customermanager_viewer");
        Click(access->EditButton());
        REQUIRE(WaitUntil([&] { return script.opened == 1 && script.open == 0; }));
        // The tab asks again at once: the viewer role gives the usage history.
        REQUIRE(WaitUntil([&] { return ListsPermission(access->PermissionList(), "usage.read"); }));
        Settle();
        Screenshot(shell.Main(), std::string("permissions-edit-access-") + language);

        const auto onServer = manager->GetAccount(created.account.id).roles;
        CHECK(std::find(onServer.begin(), onServer.end(), "customermanager_viewer") !=
              onServer.end());
        CloseShell(shell);
    }
}
