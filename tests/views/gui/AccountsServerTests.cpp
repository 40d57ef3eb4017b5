// The Accounts screen against the real in-process resv-server, reached through the console's own
// navigation after logging in as the demo's manager: an account created through the dialog,
// its one-time password shown once, then disabled (the server says so too).
#include "GuiSupport.h"
#include "ServerLogin.h"
#include "TestServer.h"

#include "../Fakes.h"
#include "console/MainFrame.h"
#include "console/Shell.h"
#include "views/accounts/AccountDialog.h"
#include "views/accounts/AccountsDialogs.h"
#include "views/accounts/AccountsView.h"
#include "views/common/Words.h"
#include "views/login/LoginDialog.h"

#include "resv/client/ApiClient.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/listbook.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/textctrl.h>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;

namespace {

/// Drives the New dialog, then reads the one-time password, then answers Yes to a question.
class Script final : public wxModalDialogHook {
public:
    Script() { Register(); }
    ~Script() override { Unregister(); }
    int entered = 0;
    int open = 0;
    wxString password;
    wxString question;

    int Enter(wxDialog* dialog) override {
        ++entered;
        if (auto* message = dynamic_cast<wxMessageDialog*>(dialog)) {
            question = message->GetMessage();
            return wxID_YES;
        }
        ++open;
        wxTheApp->CallAfter([this, dialog] { Drive(dialog); });
        return wxID_NONE;
    }
    void Exit(wxDialog*) override { --open; }

private:
    void Drive(wxDialog* d) {
        if (auto* otp = dynamic_cast<OneTimePasswordDialog*>(d)) {
            password = otp->Password()->GetValue();
            otp->EndModal(wxID_OK);
            return;
        }
        auto* dialog = dynamic_cast<AccountDialog*>(d);
        REQUIRE(dialog);
        REQUIRE(WaitUntil([&] { return dialog->RolesList()->GetCount() > 0; }));
        TypeInto(dialog->LoginIdField(), "Gui.Tester");
        TypeInto(dialog->DisplayNameField(), "Gui Tester");
        REQUIRE(TickItem(dialog->RolesList(), RoleName("customeremployee")));
        Click(dialog->SaveButton());
    }
};

} // namespace

TEST_CASE("the manager creates and disables an account on the real server",
          "[gui][accounts][server]") {
    UseTestLanguage("en");
    test::MemorySettings settings;
    console::Shell shell({TestServer::Shared().Url(), TestServer::Shared().CaFile()}, settings);
    console::MainFrame* frame = LogInAsManager(shell);
    AccountsView* view = frame->Accounts();
    REQUIRE(view != nullptr); // the manager's /me holds accounts.read
    frame->Navigation()->SetSelection(static_cast<size_t>(frame->Navigation()->FindPage(view)));
    REQUIRE(
        WaitUntil([&] { return view->Presenter().Loaded() && view->Presenter().RowCount() > 0; }));
    CHECK(view->Presenter().Permissions().write);

    Script script;
    Click(view->Button(AccountAction::New));
    REQUIRE(WaitUntil([&] { return script.entered == 2 && script.open == 0; }));
    CHECK(script.password.length() >= 12);
    const model::Account* created = view->Presenter().Selected();
    REQUIRE(created != nullptr);
    CHECK(created->loginId == "gui.tester");
    const std::string id = created->id;

    Click(view->Button(AccountAction::Disable));
    REQUIRE(WaitUntil([&] {
        return view->Presenter().Selected() &&
               view->Presenter().Selected()->status == model::AccountStatus::Disabled;
    }));
    CHECK(script.question.Contains(wxS("gui.tester")));
    Settle();
    Screenshot(frame, "accounts-server-en");

    CHECK(LoggedInClient("manager", kManagerPassword)->GetAccount(id).status ==
          model::AccountStatus::Disabled);

    shell.CloseAll();
    REQUIRE(WaitUntil([&] { return !shell.Login() && !shell.Main(); }));
}
