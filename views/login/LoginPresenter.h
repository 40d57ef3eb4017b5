#pragma once
// The login form: what was typed, what is wrong with it, and the call that logs in. No wx here;
// LoginDialog renders this state and forwards what the user does.

#include "views/common/Async.h"
#include "views/common/Session.h"
#include "views/common/Settings.h"

#include "resv/client/ApiClient.h"
#include "resv/model/Session.h"

#include <array>
#include <memory>
#include <optional>
#include <string>

namespace resv::views {

enum class LoginField { ServerUrl, Tenant, LoginId, Password, ActAsTenant };
inline constexpr std::size_t kLoginFieldCount = 5;

enum class FieldIssue {
    None,
    Required,   ///< empty
    NotHttps,   ///< a URL with another scheme: the console talks HTTPS only
    InvalidUrl, ///< not "https://host[:port]"
};

struct LoginForm {
    std::string serverUrl;
    std::string tenant;
    std::string loginId;
    std::string password;
    std::string actAsTenant;
};

/// What a successful login hands to the shell.
struct LoginSuccess {
    std::shared_ptr<client::IApiClient> client;
    std::string serverUrl;
    model::LoginResponse response;
    model::Me me;
};

class ILoginView {
public:
    virtual ~ILoginView() = default;
    /// Busy state, field issues or the error changed: render them again.
    virtual void LoginStateChanged() = 0;
    virtual void LoggedIn(const LoginSuccess& success) = 0;
};

/// The provider's own tenant: only its operators may name a customer tenant to act in.
inline constexpr const char* kProviderTenantCode = "provider";

class LoginPresenter {
public:
    LoginPresenter(ClientFactory clientFactory, ISettings& settings, ITaskRunner& runner,
                   IUiDispatcher& ui);
    /// Cancels a login in flight; its result is dropped.
    ~LoginPresenter();
    LoginPresenter(const LoginPresenter&) = delete;
    LoginPresenter& operator=(const LoginPresenter&) = delete;

    void SetView(ILoginView* view) { m_view = view; }

    /// Fills the form from what was remembered; a non-empty `serverUrl` (the command line's)
    /// takes the place of the remembered URL.
    void Load(const std::string& serverUrl = {});
    /// Shows why the user is back at the login (an ended session) until the next attempt.
    void ShowReason(const client::ApiError& reason);

    const LoginForm& Form() const { return m_form; }
    const std::string& Value(LoginField field) const;
    /// Typing into a field clears that field's issue.
    void SetValue(LoginField field, std::string value);
    FieldIssue Issue(LoginField field) const { return m_issues[Index(field)]; }
    /// The first field with an issue, for the focus.
    std::optional<LoginField> FirstIssue() const;
    /// The act-as field applies only when logging in to the provider's tenant.
    bool ActAsApplies() const;

    bool Busy() const { return m_busy; }
    /// The last attempt's error (or the reason given to ShowReason), until the next attempt.
    const std::optional<client::ApiError>& Error() const { return m_error; }

    /// Checks every field; true when the form can be sent.
    bool Validate();
    /// Validates, then logs in and reads /me on the worker. False when nothing was sent.
    bool Submit();
    /// Cancels the login in flight. False when there was none.
    bool Cancel();

    /// The URL the way it will be used: trimmed, without a trailing slash.
    static std::string NormalizeUrl(const std::string& url);
    static FieldIssue CheckUrl(const std::string& url);

private:
    static std::size_t Index(LoginField field) { return static_cast<std::size_t>(field); }
    std::shared_ptr<client::IApiClient> ClientFor(const std::string& url);
    void Finish(TaskResult<LoginSuccess>& result);
    void Notify();

    ClientFactory m_clientFactory;
    ISettings& m_settings;
    ILoginView* m_view = nullptr;
    LoginForm m_form;
    std::array<FieldIssue, kLoginFieldCount> m_issues{};
    bool m_busy = false;
    std::optional<client::ApiError> m_error;
    std::shared_ptr<client::IApiClient> m_client; ///< reused while the URL stays the same
    std::string m_clientUrl;
    AsyncScope m_async;
};

} // namespace resv::views
