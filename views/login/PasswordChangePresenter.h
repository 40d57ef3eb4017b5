#pragma once
// Changing one's own password (PUT /api/v1/me/password), without wx: the forced change after a
// login with a one-time password, and the voluntary one from the main window. Length and match
// are checked as the user types; the server's weak_password reason lands next to the field.

#include "views/common/Async.h"

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiClient.h"
#include "resv/client/ApiError.h"
#include "resv/model/Session.h"

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace resv::views {

enum class PasswordField { Current, New, Confirm };
inline constexpr std::size_t kPasswordFieldCount = 3;

/// The policy, as the server checks it (12–128 characters, counted as characters, any script).
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

enum class PasswordIssue {
    None,
    Required,
    TooShort,
    TooLong,
    Mismatch,          ///< the confirmation differs
    ContainsLoginId,   ///< the server's contains_login_id (also checked here)
    DictionaryWord,    ///< dictionary_word
    CommonPassword,    ///< common_password
    TooSimple,         ///< too_simple
    InvalidCharacters, ///< invalid_characters (control characters)
    SameAsCurrent,     ///< same_as_current
    IncorrectCurrent,  ///< the current password is wrong
    Rejected,          ///< a reason this console does not know; the server's text is in the log
};

/// The issue for a weak_password reason code of the server.
PasswordIssue IssueForReason(const std::string& code);

/// Characters as people count them (UTF-8 code points).
std::size_t CountCharacters(const std::string& utf8);

class PasswordChangePresenter {
public:
    struct Callbacks {
        std::function<void()> changed;              ///< values, issues, busy or error
        std::function<void(const model::Me&)> done; ///< changed; the fresh /me
    };

    /// `accounts` changes the password and `session` reads /me afterwards (the console's one
    /// ApiClient is both). `loginId` is checked for inside the new password.
    PasswordChangePresenter(std::shared_ptr<client::IAccountsApi> accounts,
                            std::shared_ptr<client::IApiClient> session, std::string loginId,
                            ITaskRunner& runner, IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }

    const std::string& Value(PasswordField field) const { return m_values[Index(field)]; }
    /// Typing clears the server's verdict on that field and re-checks length and match.
    void SetValue(PasswordField field, std::string value);
    PasswordIssue Issue(PasswordField field) const { return m_issues[Index(field)]; }
    std::optional<PasswordField> FirstIssue() const;
    /// Characters typed into the new password so far.
    std::size_t NewLength() const { return CountCharacters(Value(PasswordField::New)); }

    /// Every check the console can make; true when the change can be sent.
    bool Validate();
    /// Validates, then changes the password and reads /me on the worker. False when not sent.
    bool Submit();
    bool Busy() const { return m_busy; }
    /// A failure that belongs to no field (network, session ended, ...).
    const std::optional<client::ApiError>& Error() const { return m_error; }

private:
    static std::size_t Index(PasswordField field) { return static_cast<std::size_t>(field); }
    void CheckAsTyped();
    void Failed(const client::ApiError& error);
    void Notify() const;

    std::shared_ptr<client::IAccountsApi> m_accounts;
    std::shared_ptr<client::IApiClient> m_session;
    std::string m_loginId;
    Callbacks m_callbacks;
    std::array<std::string, kPasswordFieldCount> m_values;
    std::array<PasswordIssue, kPasswordFieldCount> m_issues{};
    /// Issues the server gave, kept until that field is edited.
    std::array<PasswordIssue, kPasswordFieldCount> m_serverIssues{};
    bool m_busy = false;
    std::optional<client::ApiError> m_error;
    AsyncScope m_async;
};

} // namespace resv::views
