#include "console/Shell.h"

#include "console/MainFrame.h"
#include "views/login/LoginDialog.h"
#include "views/login/PasswordChangeDialog.h"

#include "resv/client/ApiClient.h"

#include <spdlog/spdlog.h>

namespace resv::console {
namespace {

constexpr std::chrono::seconds kLogoutAtExitLimit{3};

} // namespace

class Shell::ActiveSession final : public views::ISession {
public:
    ActiveSession(Shell& shell, const views::LoginSuccess& success)
        : m_shell(shell)
        , m_client(success.client)
        , m_serverUrl(success.serverUrl)
        , m_me(success.me) {}

    std::shared_ptr<client::IApiClient> Client() const override { return m_client; }
    const std::string& ServerUrl() const override { return m_serverUrl; }
    const model::Me& Me() const override { return m_me; }

    void UpdateMe(model::Me me) override {
        m_me = std::move(me);
        m_shell.OnSessionChanged(this);
    }

    void Expired(const client::ApiError& error) override {
        if (!m_expired) {
            m_expired = true;
            m_shell.OnSessionExpired(this, error);
        }
    }

private:
    Shell& m_shell;
    std::shared_ptr<client::IApiClient> m_client;
    std::string m_serverUrl;
    model::Me m_me;
    bool m_expired = false;
};

Shell::Shell(ShellOptions options, views::ISettings& settings, views::ClientFactory factory)
    : m_options(std::move(options))
    , m_settings(settings)
    , m_clientFactory(std::move(factory)) {
    if (!m_clientFactory) {
        m_clientFactory = [caFile = m_options.caFile](const std::string& url) {
            client::ClientOptions clientOptions;
            clientOptions.baseUrl = url;
            clientOptions.caFile = caFile;
            clientOptions.userAgent = std::string("resv-console/") + RESV_VERSION;
            return std::make_shared<client::ApiClient>(std::move(clientOptions));
        };
    }
}

Shell::~Shell() {
    LogoutInBackground();
    if (!m_worker.WaitIdle(kLogoutAtExitLimit) && m_loggingOutClient) {
        m_loggingOutClient->Cancel(); // the server is slow to answer: do not hold up the exit
    }
    m_worker.Stop();
}

void Shell::ShowLogin(const std::optional<client::ApiError>& reason) {
    if (m_login) {
        m_login->Raise();
        return;
    }
    auto presenter =
        std::make_unique<views::LoginPresenter>(m_clientFactory, m_settings, m_worker, m_ui);
    presenter->Load(m_options.serverUrl);
    if (reason) {
        presenter->ShowReason(*reason);
    }
    views::LoginDialog::Callbacks callbacks;
    callbacks.loggedIn = [this](const views::LoginSuccess& success) { OnLoggedIn(success); };
    callbacks.closed = [] { spdlog::info("login dialog closed; the console ends"); };
    m_login = new views::LoginDialog(nullptr, std::move(presenter), std::move(callbacks));
    m_login->Show();
    m_login->Raise();
}

void Shell::CloseAll() {
    if (m_main) {
        m_main->Dismiss();
    }
    if (m_login) {
        m_login->Destroy();
    }
    if (m_passwordChange) {
        m_passwordChange->Destroy();
    }
}

void Shell::OnLoggedIn(const views::LoginSuccess& success) {
    if (success.me.mustChangePassword) {
        return ShowPasswordChange(success);
    }
    m_session = std::make_shared<ActiveSession>(*this, success);
    MainFrame::Callbacks callbacks;
    callbacks.loggedOut = [this] { OnLoggedOut(); };
    callbacks.closed = [this] { OnMainClosed(); };
    m_main = new MainFrame(m_session, m_settings, m_worker, m_ui, std::move(callbacks));
    m_main->Show();
    m_main->Raise();
    // The dialog goes after the frame is up, so there is always a window and wx keeps running.
    if (m_login) {
        m_login->Destroy();
    }
}

void Shell::ShowPasswordChange(const views::LoginSuccess& success) {
    auto accounts = std::dynamic_pointer_cast<client::IAccountsApi>(success.client);
    if (!accounts) {
        spdlog::warn("the client cannot change passwords; the server will refuse the session");
        views::LoginSuccess anyway = success;
        anyway.me.mustChangePassword = false;
        return OnLoggedIn(anyway);
    }
    spdlog::info("'{}' logged in with a one-time password: asking for a new one",
                 success.me.loginId);
    views::PasswordChangeDialog::Callbacks callbacks;
    callbacks.changed = [this, success](const model::Me& me) {
        views::LoginSuccess changed = success;
        changed.me = me;
        OnLoggedIn(changed); // with the fresh /me, into the main window
    };
    callbacks.cancelled = [this, apiClient = success.client] {
        spdlog::info("password change cancelled; logging out");
        m_loggingOutClient = apiClient;
        m_worker.Submit([apiClient] {
            try {
                apiClient->Logout();
            } catch (const std::exception& e) {
                spdlog::warn("logout after a cancelled password change failed: {}", e.what());
            }
        });
        ShowLogin();
    };
    m_passwordChange = new views::PasswordChangeDialog(
        nullptr,
        std::make_unique<views::PasswordChangePresenter>(accounts, success.client,
                                                         success.me.loginId, m_worker, m_ui),
        views::PasswordChangeDialog::Mode::Forced, std::move(callbacks));
    m_passwordChange->Show();
    m_passwordChange->Raise();
    if (m_login) {
        m_login->Destroy(); // after the dialog is up, so there is always a window
    }
}

void Shell::OnSessionChanged(const ActiveSession* session) {
    if (session == m_session.get() && m_main) {
        m_main->SessionChanged();
    }
}

void Shell::OnSessionExpired(const ActiveSession* session, const client::ApiError& error) {
    if (session != m_session.get()) {
        return;
    }
    spdlog::info("session ended by the server ({}); back to the login dialog", error.Code());
    // Called from inside a presenter of the main window: replace the window once that is done.
    std::weak_ptr<ActiveSession> ended = m_session;
    std::weak_ptr<bool> alive = m_alive;
    m_ui.Post([this, ended, alive, error] {
        const auto stillAlive = alive.lock();
        if (!stillAlive || ended.expired() || ended.lock() != m_session) {
            return; // the shell is gone, or the session was already replaced
        }
        m_session.reset();
        ShowLogin(error);
        if (m_main) {
            m_main->Dismiss();
        }
    });
}

void Shell::OnLoggedOut() {
    m_session.reset();
    ShowLogin();
    if (m_main) {
        m_main->Dismiss();
    }
}

void Shell::OnMainClosed() {
    LogoutInBackground();
    m_session.reset();
}

void Shell::LogoutInBackground() {
    if (!m_session) {
        return;
    }
    spdlog::info("logging out '{}' as the console ends", m_session->Me().loginId);
    m_loggingOutClient = m_session->Client();
    m_worker.Submit([apiClient = m_loggingOutClient] {
        try {
            apiClient->Logout();
        } catch (const std::exception& e) {
            spdlog::warn("logout at exit failed: {}", e.what());
        }
    });
}

} // namespace resv::console
