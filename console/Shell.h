#pragma once
// The flow of the application: the login dialog, then the main window for the session, and back
// to the login dialog on Log out or when the server ends the session. Owns the worker thread on
// which every API call runs, and the session the screens share.

#include "console/WxDispatcher.h"
#include "views/common/Session.h"
#include "views/common/Settings.h"
#include "views/common/TaskRunner.h"
#include "views/login/LoginPresenter.h"

#include <wx/weakref.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace resv::views {
class LoginDialog;
class PasswordChangeDialog;
}

namespace resv::console {

class MainFrame;

struct ShellOptions {
    std::string serverUrl;             ///< --server: shown in the login dialog
    std::optional<std::string> caFile; ///< --ca-file: trusted for the server's certificate
};

class Shell {
public:
    /// `settings` must outlive the shell. Without a factory, clients are real ApiClients.
    Shell(ShellOptions options, views::ISettings& settings, views::ClientFactory factory = {});
    /// Must outlive its windows: the application destroys it after its main loop ends; tests
    /// call CloseAll() and let the windows go first. Logs out a session still open (best effort,
    /// a few seconds at most) and stops the worker.
    ~Shell();
    Shell(const Shell&) = delete;
    Shell& operator=(const Shell&) = delete;

    /// Shows the login dialog; with a reason (an ended session), says why.
    void ShowLogin(const std::optional<client::ApiError>& reason = std::nullopt);
    /// Closes every window without calling back.
    void CloseAll();

    views::LoginDialog* Login() const { return m_login.get(); }
    MainFrame* Main() const { return m_main.get(); }
    /// Open after a login with a one-time password, before the main window.
    views::PasswordChangeDialog* PasswordChange() const { return m_passwordChange.get(); }
    bool HasSession() const { return m_session != nullptr; }

private:
    class ActiveSession;

    void OnLoggedIn(const views::LoginSuccess& success);
    /// The account must choose its own password first: Cancel logs out.
    void ShowPasswordChange(const views::LoginSuccess& success);
    void OnSessionExpired(const ActiveSession* session, const client::ApiError& error);
    void OnSessionChanged(const ActiveSession* session);
    void OnLoggedOut();
    void OnMainClosed();
    void LogoutInBackground();

    ShellOptions m_options;
    views::ISettings& m_settings;
    views::ClientFactory m_clientFactory;
    WxDispatcher m_ui;
    views::WorkerThread m_worker; ///< after m_ui: stops before the dispatcher goes
    std::shared_ptr<ActiveSession> m_session;
    /// The client of a session being logged out as the window closed, cancelled at exit if slow.
    std::shared_ptr<client::IApiClient> m_loggingOutClient;
    wxWeakRef<views::LoginDialog> m_login;
    wxWeakRef<MainFrame> m_main;
    wxWeakRef<views::PasswordChangeDialog> m_passwordChange;
    /// Calls posted by the shell check it, so none runs after the shell is gone.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace resv::console
