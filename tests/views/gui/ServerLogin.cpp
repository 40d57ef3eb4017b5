#include "ServerLogin.h"

#include "GuiSupport.h"
#include "TestServer.h"

#include "console/MainFrame.h"
#include "console/Shell.h"
#include "views/login/LoginDialog.h"

#include <catch2/catch.hpp>

#include <wx/textctrl.h>

namespace resv::views::gui_test {

client::ClientOptions ServerClientOptions() {
    client::ClientOptions options;
    options.baseUrl = TestServer::Shared().Url();
    options.caFile = TestServer::Shared().CaFile();
    return options;
}

std::unique_ptr<client::ApiClient> LoggedInClient(const std::string& loginId,
                                                  const std::string& password) {
    auto client = std::make_unique<client::ApiClient>(ServerClientOptions());
    client->Login({"demo", loginId, password, std::nullopt});
    return client;
}

void SubmitLogin(console::Shell& shell, const std::string& loginId, const std::string& password) {
    shell.ShowLogin();
    REQUIRE(WaitUntil([&] { return shell.Login() && shell.Login()->IsShown(); }));
    LoginDialog* dialog = shell.Login();
    dialog->FieldCtrl(LoginField::Tenant)->SetValue(wxS("demo"));
    dialog->FieldCtrl(LoginField::LoginId)->SetValue(wxString::FromUTF8(loginId));
    dialog->FieldCtrl(LoginField::Password)->SetValue(wxString::FromUTF8(password));
    REQUIRE(dialog->Presenter().Submit());
}

console::MainFrame* LogInAsManager(console::Shell& shell) {
    SubmitLogin(shell, "manager", kManagerPassword);
    REQUIRE(WaitUntil([&] { return shell.Main() && shell.Main()->IsShown() && !shell.Login(); }));
    return shell.Main();
}

} // namespace resv::views::gui_test
