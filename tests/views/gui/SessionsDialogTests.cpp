// The sessions dialog under a display, over the fake API on the real worker thread: the tenant
// an operator's session acts in, the empty state, an error shown in the dialog in the user's
// language, and an ended console session handed back to the screen behind it.
#include "GuiSupport.h"

#include "../FakeAccountsApi.h"
#include "../Fakes.h"
#include "console/WxDispatcher.h"
#include "views/accounts/AccountWords.h"
#include "views/accounts/SessionsDialog.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/frame.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using namespace std::chrono_literals;

namespace {

struct Screen {
    std::shared_ptr<test::FakeAccountsApi> api = std::make_shared<test::FakeAccountsApi>();
    WorkerThread runner;
    console::WxDispatcher ui;
    wxFrame* frame = nullptr;

    Screen() {
        test::FillAccounts(*api);
        frame = new wxFrame(nullptr, wxID_ANY, wxS("Accounts"));
        frame->Show();
    }
    ~Screen() {
        runner.Stop();
        frame->Destroy();
        Settle(100ms);
    }

    /// The dialog, shown (not modal) and loading.
    SessionsDialog* Open(const std::string& accountId) {
        auto* dialog = new SessionsDialog(frame, api, *api->Find(accountId), runner, ui);
        dialog->Show();
        dialog->Raise();
        dialog->Start();
        return dialog;
    }
};

bool Loaded(SessionsDialog* dialog) {
    return dialog->Presenter().Loaded() && !dialog->Presenter().Loading();
}

} // namespace

TEST_CASE("an operator's session shows the tenant it acts in", "[gui][accounts][sessions]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    model::SessionInfo operatorSession;
    operatorSession.id = "ses_op";
    operatorSession.createdAt = test::SampleTime(); // 17:10:49 JST
    operatorSession.lastUsedAt = test::SampleTime() + 5min;
    operatorSession.expiresAt = test::SampleTime() + 12h;
    operatorSession.sourceIp = "198.51.100.7";
    operatorSession.actingAs = "demo";
    s.api->sessions["acc_2"] = {operatorSession};

    SessionsDialog* dialog = s.Open("acc_2");
    REQUIRE(WaitUntil([&] { return Loaded(dialog) && dialog->List()->GetItemCount() == 1; }));
    wxListView* list = dialog->List();
    REQUIRE(list->GetColumnCount() == 4);
    CHECK(list->GetItemText(0, 0) == wxS("2026-11-25 17:10:49")); // JST, whatever the PC's zone
    CHECK(list->GetItemText(0, 1) == wxS("2026-11-25 17:15:49"));
    CHECK(list->GetItemText(0, 2) == wxS("198.51.100.7"));
    CHECK(list->GetItemText(0, 3) == wxS("demo"));
    CHECK_FALSE(dialog->EmptyText()->IsShownOnScreen());
    for (int column = 0; column < list->GetColumnCount(); ++column) {
        CHECK(list->GetColumnWidth(column) >= list->GetTextExtent(list->GetItemText(0, column)).x);
    }
    Screenshot(dialog, "account-sessions-operator-" + lang);
    dialog->Destroy();
}

TEST_CASE("an account with no session says so and has nothing to sign out",
          "[gui][accounts][sessions]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    SessionsDialog* dialog = s.Open("acc_3");
    REQUIRE(WaitUntil([&] { return Loaded(dialog); }));
    Settle(100ms);
    CHECK(dialog->EmptyText()->IsShownOnScreen());
    CHECK(dialog->EmptyText()->GetLabel() == _("No active sessions."));
    CHECK_FALSE(dialog->List()->IsShown());
    CHECK_FALSE(dialog->SignOutButton()->IsEnabled());
    CHECK_FALSE(dialog->SignOutAllButton()->IsEnabled());
    Screenshot(dialog, "account-sessions-empty-" + lang);
    dialog->Destroy();
}

TEST_CASE("a refused sign-out shows in the dialog, an ended console session ends it",
          "[gui][accounts][sessions]") {
    UseTestLanguage("ja");
    Screen s;
    model::SessionInfo session;
    session.id = "ses_1";
    session.createdAt = session.lastUsedAt = test::SampleTime();
    session.expiresAt = test::SampleTime() + 12h;
    s.api->sessions["acc_2"] = {session};
    SessionsDialog* dialog = s.Open("acc_2");
    REQUIRE(WaitUntil([&] { return Loaded(dialog) && dialog->List()->GetItemCount() == 1; }));
    CHECK(dialog->List()->GetItemText(0, 2) == _("Unknown")); // no address recorded

    s.api->nextError = test::HttpError(403, "forbidden");
    dialog->SignOutAllNow();
    REQUIRE(WaitUntil([&] { return dialog->Messages()->IsShown(); }));
    CHECK(dialog->List()->GetItemCount() == 1); // the row stays
    CHECK(dialog->SignOutAllButton()->IsEnabled());
    CHECK_FALSE(dialog->SessionEnded().has_value());
    wxCommandEvent close(wxEVT_BUTTON, wxID_CLOSE); // the message's Close, not the dialog's
    dialog->Messages()->HandleWindowEvent(close);
    Settle(100ms);
    CHECK_FALSE(dialog->Messages()->IsShown());
    CHECK(dialog->IsShown());

    s.api->nextError = test::HttpError(401, "session_expired");
    dialog->Presenter().Load();
    REQUIRE(WaitUntil([&] { return dialog->SessionEnded().has_value(); }));
    CHECK(dialog->SessionEnded()->Code() == "session_expired");
    dialog->Destroy();
}
