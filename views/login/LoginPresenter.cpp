#include "views/login/LoginPresenter.h"

#include "views/common/ApiErrors.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

namespace resv::views {
namespace {

std::string Trim(const std::string& text) {
    constexpr const char* kSpace = " \t\r\n\f\v";
    const auto begin = text.find_first_not_of(kSpace);
    if (begin == std::string::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool ValidPort(std::string_view port) {
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return false;
    }
    const int value = std::stoi(std::string(port));
    return value >= 1 && value <= 65535;
}

/// "host", "host:port", "[v6]" or "[v6]:port", with no spaces.
bool ValidAuthority(std::string_view authority) {
    if (authority.empty() || authority.find_first_of(" \t@") != std::string_view::npos) {
        return false;
    }
    std::string_view host = authority;
    std::string_view port;
    if (authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos || close == 1) {
            return false;
        }
        host = authority.substr(0, close + 1);
        const auto rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                return false;
            }
            port = rest.substr(1);
            if (!ValidPort(port)) {
                return false;
            }
        }
        return true;
    }
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        if (!ValidPort(port)) {
            return false;
        }
    }
    return !host.empty() && host.find(':') == std::string_view::npos;
}

} // namespace

LoginPresenter::LoginPresenter(ClientFactory clientFactory, ISettings& settings,
                               ITaskRunner& runner, IUiDispatcher& ui)
    : m_clientFactory(std::move(clientFactory))
    , m_settings(settings)
    , m_async(runner, ui) {}

LoginPresenter::~LoginPresenter() {
    if (m_busy && m_client) {
        m_client->Cancel();
    }
}

void LoginPresenter::Load(const std::string& serverUrl) {
    const RememberedLogin remembered = m_settings.LoadLogin();
    m_form.serverUrl = serverUrl.empty() ? remembered.serverUrl : serverUrl;
    m_form.tenant = remembered.tenant;
    m_form.loginId = remembered.loginId;
    m_form.actAsTenant = remembered.actAsTenant;
    m_form.password.clear();
    m_issues.fill(FieldIssue::None);
    Notify();
}

void LoginPresenter::ShowReason(const client::ApiError& reason) {
    m_error = reason;
    Notify();
}

const std::string& LoginPresenter::Value(LoginField field) const {
    switch (field) {
    case LoginField::ServerUrl:
        return m_form.serverUrl;
    case LoginField::Tenant:
        return m_form.tenant;
    case LoginField::LoginId:
        return m_form.loginId;
    case LoginField::Password:
        return m_form.password;
    case LoginField::ActAsTenant:
        return m_form.actAsTenant;
    }
    return m_form.serverUrl;
}

void LoginPresenter::SetValue(LoginField field, std::string value) {
    switch (field) {
    case LoginField::ServerUrl:
        m_form.serverUrl = std::move(value);
        break;
    case LoginField::Tenant:
        m_form.tenant = std::move(value);
        break;
    case LoginField::LoginId:
        m_form.loginId = std::move(value);
        break;
    case LoginField::Password:
        m_form.password = std::move(value);
        break;
    case LoginField::ActAsTenant:
        m_form.actAsTenant = std::move(value);
        break;
    }
    m_issues[Index(field)] = FieldIssue::None;
    Notify();
}

std::optional<LoginField> LoginPresenter::FirstIssue() const {
    for (std::size_t i = 0; i < kLoginFieldCount; ++i) {
        if (m_issues[i] != FieldIssue::None) {
            return static_cast<LoginField>(i);
        }
    }
    return std::nullopt;
}

bool LoginPresenter::ActAsApplies() const {
    return Lower(Trim(m_form.tenant)) == kProviderTenantCode;
}

std::string LoginPresenter::NormalizeUrl(const std::string& url) {
    std::string normalized = Trim(url);
    while (!normalized.empty() && normalized.back() == '/') {
        normalized.pop_back();
    }
    return normalized;
}

FieldIssue LoginPresenter::CheckUrl(const std::string& url) {
    const std::string trimmed = Trim(url);
    if (trimmed.empty()) {
        return FieldIssue::Required;
    }
    constexpr std::string_view kScheme = "https://";
    if (Lower(trimmed).rfind(kScheme, 0) != 0) {
        return FieldIssue::NotHttps;
    }
    const std::string_view rest = std::string_view(trimmed).substr(kScheme.size());
    const auto authority = rest.substr(0, rest.find_first_of("/?#"));
    return ValidAuthority(authority) ? FieldIssue::None : FieldIssue::InvalidUrl;
}

bool LoginPresenter::Validate() {
    m_issues.fill(FieldIssue::None);
    m_issues[Index(LoginField::ServerUrl)] = CheckUrl(m_form.serverUrl);
    const auto required = [this](LoginField field, const std::string& value) {
        if (Trim(value).empty()) {
            m_issues[Index(field)] = FieldIssue::Required;
        }
    };
    required(LoginField::Tenant, m_form.tenant);
    required(LoginField::LoginId, m_form.loginId);
    // A password may begin or end with spaces: only an empty one is missing.
    if (m_form.password.empty()) {
        m_issues[Index(LoginField::Password)] = FieldIssue::Required;
    }
    return !FirstIssue();
}

bool LoginPresenter::Submit() {
    if (m_busy) {
        return false;
    }
    if (!Validate()) {
        Notify();
        return false;
    }
    const std::string url = NormalizeUrl(m_form.serverUrl);
    std::shared_ptr<client::IApiClient> apiClient;
    try {
        apiClient = ClientFor(url);
    } catch (...) {
        m_error = ToApiError(std::current_exception());
        spdlog::warn("login: cannot make a client for {}: {}", url, m_error->Detail());
        Notify();
        return false;
    }

    model::LoginRequest request;
    request.tenant = Trim(m_form.tenant);
    request.loginId = Trim(m_form.loginId);
    request.password = m_form.password;
    if (ActAsApplies() && !Trim(m_form.actAsTenant).empty()) {
        request.actAsTenant = Trim(m_form.actAsTenant);
    }
    spdlog::info("login: tenant '{}', login ID '{}'{} at {}", request.tenant, request.loginId,
                 request.actAsTenant ? " acting as '" + *request.actAsTenant + "'" : "", url);

    m_busy = true;
    m_error.reset();
    Notify();
    m_async.Run(
        [apiClient, request, url] {
            apiClient->ResetCancel();
            LoginSuccess success{apiClient, url, apiClient->Login(request), {}};
            success.me = apiClient->GetMe();
            return success;
        },
        [this](TaskResult<LoginSuccess> result) { Finish(result); });
    return true;
}

bool LoginPresenter::Cancel() {
    if (!m_busy) {
        return false;
    }
    spdlog::info("login: cancelled by the user");
    if (m_client) {
        m_client->Cancel();
    }
    m_async.DropPending();
    m_busy = false;
    Notify();
    return true;
}

std::shared_ptr<client::IApiClient> LoginPresenter::ClientFor(const std::string& url) {
    if (!m_client || m_clientUrl != url) {
        m_client = m_clientFactory(url);
        m_clientUrl = url;
    }
    return m_client;
}

void LoginPresenter::Finish(TaskResult<LoginSuccess>& result) {
    m_busy = false;
    if (!result.Ok()) {
        const client::ApiError error = ToApiError(result.Error());
        spdlog::warn("login failed: {}", error.what());
        if (error.GetKind() != client::ApiError::Kind::Cancelled) {
            m_error = error;
        }
        Notify();
        return;
    }
    const LoginSuccess& success = result.Value();
    spdlog::info("login: logged in as '{}' ({})", success.me.loginId, success.me.tenant.code);
    m_settings.SaveLogin({success.serverUrl, Trim(m_form.tenant), Trim(m_form.loginId),
                          ActAsApplies() ? Trim(m_form.actAsTenant) : std::string()});
    m_form.password.clear();
    m_client.reset(); // the session owns it now; a later login starts a fresh one
    m_clientUrl.clear();
    Notify();
    if (m_view) {
        m_view->LoggedIn(success);
    }
}

void LoginPresenter::Notify() {
    if (m_view) {
        m_view->LoginStateChanged();
    }
}

} // namespace resv::views
