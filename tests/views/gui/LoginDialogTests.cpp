// The login dialog on its own: what it says about bad input, an unreachable server, and a server
// that never answers. No resv-server needed.
#include "GuiSupport.h"

#include "../Fakes.h"
#include "console/Settings.h"
#include "console/Shell.h"
#include "views/common/ErrorMessages.h"
#include "views/login/LoginDialog.h"

#include <catch2/catch.hpp>

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using namespace std::chrono_literals;

namespace {

/// A loopback port that takes connections and never says a word.
class SilentListener {
public:
    SilentListener() {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(m_socket, 8) == 0);
        socklen_t length = sizeof address;
        ::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
    }
    ~SilentListener() { ::close(m_socket); }
    int Port() const { return m_port; }

private:
    int m_socket = -1;
    int m_port = 0;
};

/// A loopback port nobody listens on.
int ClosedPort() {
    SilentListener listener;
    return listener.Port(); // closed again when the listener goes
}

void CloseShell(console::Shell& shell) {
    shell.CloseAll();
    REQUIRE(WaitUntil([&] { return !shell.Login() && !shell.Main(); }));
}

LoginDialog* OpenLogin(console::Shell& shell) {
    shell.ShowLogin();
    REQUIRE(WaitUntil([&] { return shell.Login() && shell.Login()->IsShown(); }));
    return shell.Login();
}

} // namespace

TEST_CASE("the login dialog shows what is missing next to each field", "[gui][login]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    console::Shell shell({}, settings);
    LoginDialog* dialog = OpenLogin(shell);

    if (lang == "ja") {
        // wx's own catalog and ours both load, with no system locale (LANG=C).
        CHECK(dialog->CancelButton()->GetLabelText().StartsWith(wxString::FromUTF8("キャンセル")));
        CHECK(dialog->GetTitle() != wxS("Log in to RESV Customer Mgr"));
    }
    Screenshot(dialog, "login-" + lang);

    Click(dialog->LoginButton());
    REQUIRE(WaitUntil([&] { return dialog->IssueText(LoginField::Password)->IsShown(); }));
    for (const LoginField field :
         {LoginField::ServerUrl, LoginField::Tenant, LoginField::LoginId, LoginField::Password}) {
        CHECK(dialog->IssueText(field)->IsShown());
        CHECK_FALSE(dialog->IssueText(field)->GetLabel().empty());
    }
    CHECK(dialog->FieldCtrl(LoginField::ServerUrl)->HasFocus());

    TypeInto(dialog->FieldCtrl(LoginField::ServerUrl), "http://127.0.0.1:8443");
    TypeInto(dialog->FieldCtrl(LoginField::Tenant), "demo");
    CHECK_FALSE(dialog->IssueText(LoginField::Tenant)->IsShown()); // typing cleared it
    Click(dialog->LoginButton());
    REQUIRE(WaitUntil([&] { return dialog->IssueText(LoginField::ServerUrl)->IsShown(); }));
    CHECK(dialog->IssueText(LoginField::ServerUrl)->GetLabel().Contains(wxS("https://")));
    CHECK(dialog->FieldCtrl(LoginField::Tenant)->GetValue() == wxS("demo"));
    Screenshot(dialog, "login-invalid-" + lang);
    CloseShell(shell);
}

TEST_CASE("an unreachable server is explained and nothing typed is lost", "[gui][login]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    test::MemorySettings settings;
    const std::string url = "https://127.0.0.1:" + std::to_string(ClosedPort());
    console::Shell shell({url, std::nullopt}, settings);
    LoginDialog* dialog = OpenLogin(shell);
    CHECK(dialog->FieldCtrl(LoginField::ServerUrl)->GetValue() == wxString::FromUTF8(url));

    TypeInto(dialog->FieldCtrl(LoginField::Tenant), "demo");
    TypeInto(dialog->FieldCtrl(LoginField::LoginId), "manager");
    TypeInto(dialog->FieldCtrl(LoginField::Password), "Kanri-Demo#2026");
    Click(dialog->LoginButton());
    REQUIRE(WaitUntil([&] { return dialog->ErrorText()->IsShown(); }));

    const ErrorMessage expected =
        DescribeError(client::ApiError(client::ApiError::Kind::Network, "refused"));
    CHECK(Unwrapped(dialog->ErrorText()->GetLabelText()) == Unwrapped(expected.what));
    CHECK(dialog->FieldCtrl(LoginField::LoginId)->GetValue() == wxS("manager"));
    CHECK(dialog->FieldCtrl(LoginField::Password)->GetValue() == wxS("Kanri-Demo#2026"));
    CHECK(dialog->LoginButton()->IsEnabled());
    CHECK(settings.loginSaves == 0);
    Screenshot(dialog, "login-unreachable-" + lang);
    CloseShell(shell);
}

TEST_CASE("Cancel stops a login that hangs, and the dialog stays responsive", "[gui][login]") {
    UseTestLanguage("en");
    SilentListener silent;
    test::MemorySettings settings;
    settings.login = {"https://127.0.0.1:" + std::to_string(silent.Port()), "demo", "manager", ""};
    console::Shell shell({}, settings);
    LoginDialog* dialog = OpenLogin(shell);
    CHECK(dialog->FieldCtrl(LoginField::Tenant)->GetValue() == wxS("demo")); // remembered
    CHECK(dialog->FieldCtrl(LoginField::Password)->HasFocus()); // the first empty field

    TypeInto(dialog->FieldCtrl(LoginField::Password), "Kanri-Demo#2026");
    Click(dialog->LoginButton());
    REQUIRE(WaitUntil([&] { return dialog->Presenter().Busy(); }));
    CHECK(dialog->BusyIndicator()->IsShown());
    CHECK(dialog->BusyIndicator()->IsRunning());
    CHECK_FALSE(dialog->LoginButton()->IsEnabled());
    CHECK(dialog->CancelButton()->IsEnabled());
    Settle(500ms); // the server says nothing; the UI keeps running
    CHECK(dialog->Presenter().Busy());
    Screenshot(dialog, "login-busy-en");

    const auto cancelledAt = std::chrono::steady_clock::now();
    Click(dialog->CancelButton());
    REQUIRE(WaitUntil([&] { return !dialog->Presenter().Busy(); }, 5s));
    CHECK(std::chrono::steady_clock::now() - cancelledAt < 3s);
    CHECK(shell.Login() == dialog); // Cancel stopped the request; the dialog stays
    CHECK_FALSE(dialog->BusyIndicator()->IsShown());
    CHECK_FALSE(dialog->ErrorText()->IsShown());
    CHECK(dialog->FieldCtrl(LoginField::Password)->GetValue() == wxS("Kanri-Demo#2026"));
    CHECK(dialog->LoginButton()->IsEnabled());

    Click(dialog->CancelButton()); // now it closes the dialog
    REQUIRE(WaitUntil([&] { return !shell.Login(); }));
}

TEST_CASE("settings remember the login but not the password, across runs", "[gui][settings]") {
    const wxString file = wxFileName::CreateTempFileName(wxS("resv-settings"));
    {
        wxFileConfig config(wxString(), wxString(), file, wxString(), wxCONFIG_USE_LOCAL_FILE);
        console::ConfigSettings settings(config);
        CHECK(settings.LoadLogin() == RememberedLogin{});
        settings.SaveLogin({"https://resv.example.jp", "demo", "manager", ""});
        settings.SetLanguage("ja");
    }
    {
        wxFileConfig config(wxString(), wxString(), file, wxString(), wxCONFIG_USE_LOCAL_FILE);
        console::ConfigSettings settings(config);
        CHECK(settings.LoadLogin() ==
              RememberedLogin{"https://resv.example.jp", "demo", "manager", ""});
        CHECK(settings.Language() == "ja");
        settings.SetLanguage("fr"); // not ours: means "the OS's language"
        CHECK(settings.Language().empty());
    }
    wxRemoveFile(file);
}
