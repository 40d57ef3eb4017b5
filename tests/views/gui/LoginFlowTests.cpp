// The whole console against a real resv-server in-process: log in through the dialog's controls,
// see the main window and the home screen, log out, and come back when the session ends.
#include "GuiSupport.h"
#include "views/facilities/FacilitiesView.h"
#include "TestServer.h"

#include "../Fakes.h"
#include "console/MainFrame.h"
#include "console/Shell.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Words.h"
#include "views/home/HomeView.h"
#include "views/login/LoginDialog.h"

#include "resv/model/Problem.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/listbook.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using namespace std::chrono_literals;
using Row = HomeView::Row;

namespace {

console::ShellOptions ServerOptions() {
    TestServer& server = TestServer::Shared();
    return {server.Url(), server.CaFile()};
}

LoginDialog* OpenLogin(console::Shell& shell) {
    shell.ShowLogin();
    REQUIRE(WaitUntil([&] { return shell.Login() && shell.Login()->IsShown(); }));
    return shell.Login();
}

console::MainFrame* WaitForMain(console::Shell& shell) {
    REQUIRE(WaitUntil([&] { return shell.Main() && shell.Main()->IsShown() && !shell.Login(); }));
    return shell.Main();
}

void CloseShell(console::Shell& shell) {
    shell.CloseAll();
    REQUIRE(WaitUntil([&] { return !shell.Login() && !shell.Main(); }));
}

/// Sets a field's text the quick way (the control tells the presenter, as typing would).
void Fill(LoginDialog* dialog, LoginField field, const std::string& value) {
    dialog->FieldCtrl(field)->SetValue(wxString::FromUTF8(value));
}

/// Logs in through the presenter, for tests whose subject is what comes after.
console::MainFrame* LogInQuickly(console::Shell& shell, const std::string& tenant,
                                 const std::string& loginId, const std::string& password) {
    LoginDialog* dialog = OpenLogin(shell);
    Fill(dialog, LoginField::Tenant, tenant);
    Fill(dialog, LoginField::LoginId, loginId);
    Fill(dialog, LoginField::Password, password);
    REQUIRE(dialog->Presenter().Submit());
    return WaitForMain(shell);
}

wxString Status(console::MainFrame* frame, int field) {
    return frame->GetStatusBar()->GetStatusText(field);
}

} // namespace

TEST_CASE("a customer manager logs in through the dialog and sees who is logged in",
          "[gui][login][server]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    console::Shell shell(ServerOptions(), settings);
    LoginDialog* dialog = OpenLogin(shell);

    TypeInto(dialog->FieldCtrl(LoginField::Tenant), "demo");
    TypeInto(dialog->FieldCtrl(LoginField::LoginId), "manager");
    TypeInto(dialog->FieldCtrl(LoginField::Password), "Not-The-Password#1");
    CHECK(dialog->FieldCtrl(LoginField::Password)->GetValue() == wxS("Not-The-Password#1"));
    Click(dialog->LoginButton());
    REQUIRE(WaitUntil([&] { return dialog->ErrorText()->IsShown(); }));

    const ErrorMessage wrong = DescribeError(test::HttpError(401, "invalid_credentials"));
    CHECK(Unwrapped(dialog->ErrorText()->GetLabelText()) == Unwrapped(wrong.what));
    CHECK(dialog->FieldCtrl(LoginField::Tenant)->GetValue() == wxS("demo"));
    CHECK(dialog->FieldCtrl(LoginField::LoginId)->GetValue() == wxS("manager"));
    CHECK(dialog->FieldCtrl(LoginField::Password)->HasFocus()); // ready to type it again
    CHECK(shell.Main() == nullptr);
    Screenshot(dialog, "login-error-" + lang);

    TypeInto(dialog->FieldCtrl(LoginField::Password), "Kanri-Demo#2026");
    Click(dialog->LoginButton());
    console::MainFrame* frame = WaitForMain(shell);

    HomeView* home = frame->Home();
    CHECK_FALSE(home->Shown(Row::DisplayName).empty());
    CHECK(home->Shown(Row::LoginId) == wxS("manager"));
    CHECK(home->Shown(Row::Roles) == RoleName("customermanager"));
    CHECK(home->Shown(Row::Tenant).Contains(wxS("demo")));
    CHECK(home->Shown(Row::Region) == RegionName("jp"));
    CHECK(home->Shown(Row::ActingAs).empty());
    CHECK(home->Shown(Row::SessionEnds).EndsWith(wxS(" JST")));
    CHECK(home->Shown(Row::IdleEnds).EndsWith(wxS(" JST")));
    // Only the screens that exist: Home, then Facilities & Terminals and Accounts for a role
    // that reads them (screens of later issues come after), loaded from the real server's demo.
    CHECK(frame->Navigation()->GetPageCount() >= 3);
    CHECK(frame->Navigation()->GetPageText(1) == _("Facilities & Terminals"));
    CHECK(frame->Navigation()->GetPageText(2) == _("Accounts"));
    REQUIRE(frame->Facilities() != nullptr);
    CHECK(WaitUntil([&] { return frame->Facilities()->Presenter().Loaded(); }));
    CHECK_FALSE(frame->Facilities()->Presenter().Tree().Roots().empty());

    CHECK(Status(frame, console::MainFrame::kServerField)
              .Contains(wxString::FromUTF8(TestServer::Shared().Url())));
    CHECK(Status(frame, console::MainFrame::kUserField).Contains(wxS("manager")));
    CHECK(Status(frame, console::MainFrame::kRoleField).Contains(RoleName("customermanager")));
    const wxString clock = Status(frame, console::MainFrame::kClockField);
    CHECK(clock.EndsWith(wxS(" JST")));
    REQUIRE(WaitUntil([&] { return Status(frame, console::MainFrame::kClockField) != clock; },
                      3s)); // it ticks
    CHECK(settings.login ==
          RememberedLogin{TestServer::Shared().Url(), "demo", "manager", std::string()});
    Screenshot(frame, "main-" + lang);

    // Log out from the toolbar: back at the login dialog, which remembers all but the password.
    wxCommandEvent logout(wxEVT_TOOL, frame->LogoutToolId());
    frame->GetEventHandler()->ProcessEvent(logout);
    REQUIRE(WaitUntil([&] { return shell.Login() && !shell.Main(); }));
    dialog = shell.Login();
    CHECK(dialog->FieldCtrl(LoginField::Tenant)->GetValue() == wxS("demo"));
    CHECK(dialog->FieldCtrl(LoginField::LoginId)->GetValue() == wxS("manager"));
    CHECK(dialog->FieldCtrl(LoginField::Password)->IsEmpty());
    CHECK_FALSE(dialog->ErrorText()->IsShown());
    CloseShell(shell);
}

TEST_CASE("an operator acting for a customer tenant sees it on the home screen",
          "[gui][login][server]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    console::Shell shell(ServerOptions(), settings);
    LoginDialog* dialog = OpenLogin(shell);
    CHECK_FALSE(dialog->FieldCtrl(LoginField::ActAsTenant)->IsShown());

    TypeInto(dialog->FieldCtrl(LoginField::Tenant), "provider");
    REQUIRE(WaitUntil([&] { return dialog->FieldCtrl(LoginField::ActAsTenant)->IsShown(); }));
    TypeInto(dialog->FieldCtrl(LoginField::LoginId), "support");
    TypeInto(dialog->FieldCtrl(LoginField::Password), "Hoshu-Desk#2026");
    TypeInto(dialog->FieldCtrl(LoginField::ActAsTenant), "demo");
    Screenshot(dialog, "login-operator-" + lang);
    Click(dialog->LoginButton());
    console::MainFrame* frame = WaitForMain(shell);

    HomeView* home = frame->Home();
    CHECK(home->Shown(Row::Roles) == RoleName("operator"));
    CHECK(home->Shown(Row::Tenant).Contains(wxS("provider")));
    CHECK(home->Shown(Row::ActingAs).Contains(wxS("demo")));
    CHECK(Status(frame, console::MainFrame::kRoleField).Contains(wxS("demo")));
    CHECK(settings.login.actAsTenant == "demo");
    Screenshot(frame, "main-operator-" + lang);
    CloseShell(shell);
}

TEST_CASE("a session the server has ended brings back the login dialog with a message",
          "[gui][session][server]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    console::Shell shell(ServerOptions(), settings);
    console::MainFrame* frame = LogInQuickly(shell, "demo", "viewer", "Etsuran-Demo#2026");
    CHECK(frame->Home()->Shown(Row::Roles) == RoleName("customermanager_viewer"));

    TestServer::Shared().Clock().Advance(31min); // past the 30-minute idle timeout
    // What the minute timer does. Nobody touched the console: no check, which would renew the
    // session on the server.
    frame->SessionCheck().CheckIfActive();
    Settle(200ms);
    CHECK_FALSE(frame->SessionCheck().Checking());
    REQUIRE(shell.Main() == frame);
    // The user comes back and clicks: the next tick checks and finds the session over.
    Click(frame->Home());
    frame->SessionCheck().CheckIfActive();
    REQUIRE(WaitUntil([&] { return shell.Login() && !shell.Main(); }));

    LoginDialog* dialog = shell.Login();
    REQUIRE(dialog->ErrorText()->IsShown());
    const ErrorMessage ended =
        DescribeError(test::HttpError(401, model::error_code::kSessionExpired));
    CHECK(Unwrapped(dialog->ErrorText()->GetLabelText()) == Unwrapped(ended.what));
    CHECK(dialog->FieldCtrl(LoginField::LoginId)->GetValue() == wxS("viewer"));
    CHECK(dialog->FieldCtrl(LoginField::Password)->HasFocus());
    Screenshot(dialog, "login-expired-" + lang);
    CloseShell(shell);
}

TEST_CASE("a server certificate this PC does not trust is explained", "[gui][login][server]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    console::Shell shell({TestServer::Shared().Url(), std::nullopt}, settings); // no --ca-file
    LoginDialog* dialog = OpenLogin(shell);
    Fill(dialog, LoginField::Tenant, "demo");
    Fill(dialog, LoginField::LoginId, "manager");
    Fill(dialog, LoginField::Password, "Kanri-Demo#2026");
    Click(dialog->LoginButton());
    REQUIRE(WaitUntil([&] { return dialog->ErrorText()->IsShown(); }));

    const ErrorMessage untrusted = DescribeError(client::ApiError(
        client::ApiError::Kind::Certificate, "unable to get local issuer certificate",
        client::ApiError::CertificateReason::UnknownIssuer));
    CHECK(Unwrapped(dialog->ErrorText()->GetLabelText()) == Unwrapped(untrusted.what));
    CHECK(shell.Main() == nullptr);
    Screenshot(dialog, "login-certificate-" + lang);
    CloseShell(shell);
}
