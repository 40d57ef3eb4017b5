// "Sign out sessions..." on the Accounts screen against the real in-process resv-server: the
// manager opens the sessions of an account logged in on two PCs (two clients), signs out one of
// them, and the server has ended exactly that one; the manager's own sessions keep this PC's.
#include "GuiSupport.h"
#include "ServerLogin.h"
#include "TestServer.h"

#include "../Fakes.h"
#include "console/MainFrame.h"
#include "console/Shell.h"
#include "views/accounts/AccountsView.h"
#include "views/accounts/SessionsDialog.h"
#include "views/login/LoginDialog.h"

#include "resv/client/ApiClient.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/infobar.h>
#include <wx/listbook.h>
#include <wx/listctrl.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/stattext.h>
#include <wx/uiaction.h>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kStaffPassword = "Juugyouin-Demo#2026";

/// The HTTP status the client's next call gets: 0 when it succeeds.
int StatusOfGetMe(client::ApiClient& client) {
    try {
        client.GetMe();
        return 0;
    } catch (const client::ApiError& error) {
        return error.Status();
    }
}

AccountsView* OpenAccountsSelecting(console::MainFrame* frame, const std::string& loginId) {
    AccountsView* view = frame->Accounts();
    REQUIRE(view != nullptr);
    frame->Navigation()->SetSelection(static_cast<size_t>(frame->Navigation()->FindPage(view)));
    AccountsPresenter& accounts = view->Presenter();
    REQUIRE(WaitUntil([&] { return accounts.Loaded() && accounts.RowCount() > 0; }));
    for (std::size_t i = 0; i < accounts.RowCount(); ++i) {
        if (accounts.Row(i).loginId == loginId) {
            view->SelectAccount(accounts.Row(i).id);
        }
    }
    REQUIRE(accounts.Selected() != nullptr);
    REQUIRE(accounts.Selected()->loginId == loginId);
    return view;
}

/// Clicks a row of the list as a person would.
void ClickRow(wxListView* list, long row) {
    wxRect rect;
    REQUIRE(list->GetItemRect(row, rect));
    wxUIActionSimulator simulator;
    simulator.MouseMove(
        list->ClientToScreen(wxPoint(rect.x + rect.width / 4, rect.GetBottom() - rect.height / 2)));
    Settle(50ms);
    simulator.MouseClick();
    Settle(100ms);
}

/// Runs `drive` on the sessions dialog once it shows; answers Yes to its confirmation.
class SessionsScript final : public wxModalDialogHook {
public:
    explicit SessionsScript(std::function<void(SessionsDialog&)> drive)
        : m_drive(std::move(drive)) {
        Register();
    }
    ~SessionsScript() override { Unregister(); }
    int opened = 0;
    int closed = 0;
    wxString question;

    int Enter(wxDialog* dialog) override {
        if (auto* message = dynamic_cast<wxMessageDialog*>(dialog)) {
            question = message->GetMessage();
            return wxID_YES;
        }
        if (auto* sessions = dynamic_cast<SessionsDialog*>(dialog)) {
            ++opened;
            wxTheApp->CallAfter([this, sessions] {
                m_drive(*sessions);
                if (sessions->IsModal()) { // whatever happened, the test goes on
                    sessions->EndModal(wxID_CANCEL);
                }
            });
        }
        return wxID_NONE;
    }
    void Exit(wxDialog* dialog) override {
        if (dynamic_cast<SessionsDialog*>(dialog) != nullptr) {
            ++closed;
        }
    }

private:
    std::function<void(SessionsDialog&)> m_drive;
};

bool Settled(SessionsDialog& dialog, std::size_t rows) {
    const SessionsPresenter& p = dialog.Presenter();
    return p.Loaded() && !p.Loading() && !p.Busy() && p.Rows().size() == rows &&
           dialog.List()->GetItemCount() == static_cast<int>(rows);
}

} // namespace

TEST_CASE("the manager signs out one of two sessions of an account: exactly that one ends",
          "[gui][accounts][sessions][server]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    console::Shell shell({TestServer::Shared().Url(), TestServer::Shared().CaFile()}, settings);
    console::MainFrame* frame = LogInAsManager(shell);

    // The front desk PC logs in first, the office PC two minutes later.
    auto frontDesk = LoggedInClient("staff01", kStaffPassword);
    TestServer::Shared().Clock().Advance(2min);
    auto office = LoggedInClient("staff01", kStaffPassword);
    REQUIRE(StatusOfGetMe(*frontDesk) == 0);

    AccountsView* view = OpenAccountsSelecting(frame, "staff01");
    REQUIRE(view->Button(AccountAction::SignOut)->IsEnabled());

    bool listed = false;
    bool signedOut = false;
    std::string frontDeskId;
    std::string officeId;
    wxString notice;
    SessionsScript script([&](SessionsDialog& dialog) {
        if (!WaitUntil([&] { return Settled(dialog, 2); })) {
            return;
        }
        const auto& rows = dialog.Presenter().Rows();
        officeId = rows[0].id; // newest first
        frontDeskId = rows[1].id;
        CHECK(rows[0].createdAt - rows[1].createdAt == 2min);
        CHECK_FALSE(rows[0].current);
        CHECK(dialog.List()->GetColumnCount() == 3);      // no operator session: no "Acting as"
        CHECK_FALSE(dialog.SignOutButton()->IsEnabled()); // nothing selected yet
        CHECK(dialog.SignOutAllButton()->GetLabel() == _("Sign out all"));
        listed = true;

        ClickRow(dialog.List(), 1);
        if (!WaitUntil([&] { return dialog.SignOutButton()->IsEnabled(); }, 5s)) {
            return;
        }
        CHECK(dialog.Presenter().Selected() == &dialog.Presenter().Rows()[1]);
        Screenshot(&dialog, "account-sessions-" + lang);

        Click(dialog.SignOutButton()); // one session: no question
        signedOut = WaitUntil([&] { return Settled(dialog, 1); });
        if (signedOut) {
            CHECK(dialog.Presenter().Rows()[0].id == officeId);
            CHECK_FALSE(dialog.SignOutButton()->IsEnabled()); // the selection went with its row
            REQUIRE(WaitUntil([&] { return dialog.Messages()->IsShown(); }, 5s));
            Screenshot(&dialog, "account-sessions-signed-out-" + lang);
        }
        Click(dialog.FindWindow(wxID_CLOSE));
    });
    Click(view->Button(AccountAction::SignOut));
    REQUIRE(WaitUntil([&] { return script.opened == 1 && script.closed == 1; }, 60s));
    CHECK(listed);
    CHECK(signedOut);
    CHECK(script.question.empty()); // no confirmation for one session

    // The server ended the front desk's session, and only that one.
    CHECK(StatusOfGetMe(*frontDesk) == 401);
    CHECK(StatusOfGetMe(*office) == 0);
    office->Logout(); // the next language starts again from two sessions

    shell.CloseAll();
    REQUIRE(WaitUntil([&] { return !shell.Login() && !shell.Main(); }));
}

TEST_CASE("the manager's own sessions: this PC's is marked and kept, all the others end",
          "[gui][accounts][sessions][server]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    console::Shell shell({TestServer::Shared().Url(), TestServer::Shared().CaFile()}, settings);
    console::MainFrame* frame = LogInAsManager(shell);
    TestServer::Shared().Clock().Advance(1min);
    auto laptop = LoggedInClient("manager", kManagerPassword);

    AccountsView* view = OpenAccountsSelecting(frame, "manager");
    REQUIRE(view->Button(AccountAction::SignOut)->IsEnabled());

    bool checked = false;
    SessionsScript script([&](SessionsDialog& dialog) {
        if (!WaitUntil([&] {
                const auto& p = dialog.Presenter();
                return p.Loaded() && !p.Loading() && p.Rows().size() >= 2;
            })) {
            return;
        }
        const auto& rows = dialog.Presenter().Rows();
        const auto here = std::find_if(rows.begin(), rows.end(), [](auto& s) { return s.current; });
        if (here == rows.end() || !here->sourceIp) {
            FAIL_CHECK("this PC's session is not listed with its address");
            return;
        }
        const long hereRow = static_cast<long>(here - rows.begin());
        CHECK(dialog.List()->GetItemText(hereRow, 2) ==
              wxString::Format(_("%s (this PC)"), wxString::FromUTF8(*here->sourceIp)));
        CHECK(dialog.SignOutAllButton()->GetLabel() == _("Sign out all others"));
        ClickRow(dialog.List(), hereRow);
        WaitUntil([&] { return dialog.Presenter().Selected() != nullptr; }, 5s);
        CHECK_FALSE(dialog.SignOutButton()->IsEnabled()); // Log out ends this PC's session
        Screenshot(&dialog, "account-sessions-self-" + lang);

        Click(dialog.SignOutAllButton()); // asks first; the script answers Yes
        if (WaitUntil([&] { return Settled(dialog, 1); })) {
            CHECK(dialog.Presenter().Rows()[0].current);
            CHECK_FALSE(dialog.SignOutAllButton()->IsEnabled());
            checked = true;
        }
    });
    Click(view->Button(AccountAction::SignOut));
    REQUIRE(WaitUntil([&] { return script.opened == 1 && script.closed == 1; }, 60s));
    CHECK(checked);
    CHECK(script.question.Contains(wxS("manager")));
    CHECK(StatusOfGetMe(*laptop) == 401);
    REQUIRE(shell.Main() == frame); // still logged in here

    shell.CloseAll();
    REQUIRE(WaitUntil([&] { return !shell.Login() && !shell.Main(); }));
}
