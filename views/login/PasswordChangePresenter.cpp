#include "views/login/PasswordChangePresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Problem.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

namespace resv::views {
namespace {

namespace code = model::error_code;

std::string LowerAscii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

} // namespace

PasswordIssue IssueForReason(const std::string& reason) {
    if (reason == "too_short") {
        return PasswordIssue::TooShort;
    }
    if (reason == "too_long") {
        return PasswordIssue::TooLong;
    }
    if (reason == "contains_login_id") {
        return PasswordIssue::ContainsLoginId;
    }
    if (reason == "dictionary_word") {
        return PasswordIssue::DictionaryWord;
    }
    if (reason == "common_password") {
        return PasswordIssue::CommonPassword;
    }
    if (reason == "too_simple") {
        return PasswordIssue::TooSimple;
    }
    if (reason == "invalid_characters") {
        return PasswordIssue::InvalidCharacters;
    }
    if (reason == "same_as_current") {
        return PasswordIssue::SameAsCurrent;
    }
    return PasswordIssue::Rejected;
}

std::size_t CountCharacters(const std::string& utf8) {
    // Every byte that does not continue a sequence starts a character.
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

PasswordChangePresenter::PasswordChangePresenter(std::shared_ptr<client::IAccountsApi> accounts,
                                                 std::shared_ptr<client::IApiClient> session,
                                                 std::string loginId, ITaskRunner& runner,
                                                 IUiDispatcher& ui)
    : m_accounts(std::move(accounts))
    , m_session(std::move(session))
    , m_loginId(std::move(loginId))
    , m_async(runner, ui) {}

void PasswordChangePresenter::SetValue(PasswordField field, std::string value) {
    if (m_values[Index(field)] == value) {
        return;
    }
    m_values[Index(field)] = std::move(value);
    m_serverIssues[Index(field)] = PasswordIssue::None;
    if (field == PasswordField::Current) {
        m_issues[Index(field)] = PasswordIssue::None;
    }
    CheckAsTyped();
    Notify();
}

void PasswordChangePresenter::CheckAsTyped() {
    const std::string& current = Value(PasswordField::Current);
    const std::string& fresh = Value(PasswordField::New);
    const std::string& confirm = Value(PasswordField::Confirm);

    PasswordIssue& currentIssue = m_issues[Index(PasswordField::Current)];
    if (m_serverIssues[Index(PasswordField::Current)] != PasswordIssue::None) {
        currentIssue = m_serverIssues[Index(PasswordField::Current)];
    } else if (currentIssue != PasswordIssue::Required || !current.empty()) {
        currentIssue = PasswordIssue::None;
    }

    PasswordIssue& newIssue = m_issues[Index(PasswordField::New)];
    const std::size_t length = CountCharacters(fresh);
    if (m_serverIssues[Index(PasswordField::New)] != PasswordIssue::None) {
        newIssue = m_serverIssues[Index(PasswordField::New)];
    } else if (fresh.empty()) {
        newIssue = newIssue == PasswordIssue::Required ? newIssue : PasswordIssue::None;
    } else if (length < kMinPasswordLength) {
        newIssue = PasswordIssue::TooShort;
    } else if (length > kMaxPasswordLength) {
        newIssue = PasswordIssue::TooLong;
    } else if (!m_loginId.empty() &&
               LowerAscii(fresh).find(LowerAscii(m_loginId)) != std::string::npos) {
        newIssue = PasswordIssue::ContainsLoginId;
    } else if (fresh == current) {
        newIssue = PasswordIssue::SameAsCurrent;
    } else {
        newIssue = PasswordIssue::None;
    }

    PasswordIssue& confirmIssue = m_issues[Index(PasswordField::Confirm)];
    if (!confirm.empty() && confirm != fresh) {
        confirmIssue = PasswordIssue::Mismatch;
    } else if (confirm.empty() && confirmIssue == PasswordIssue::Required) {
        // still missing
    } else {
        confirmIssue = PasswordIssue::None;
    }
}

std::optional<PasswordField> PasswordChangePresenter::FirstIssue() const {
    for (std::size_t i = 0; i < kPasswordFieldCount; ++i) {
        if (m_issues[i] != PasswordIssue::None) {
            return static_cast<PasswordField>(i);
        }
    }
    return std::nullopt;
}

bool PasswordChangePresenter::Validate() {
    CheckAsTyped();
    for (std::size_t i = 0; i < kPasswordFieldCount; ++i) {
        if (m_values[i].empty()) {
            m_issues[i] = PasswordIssue::Required;
        }
    }
    return !FirstIssue();
}

bool PasswordChangePresenter::Submit() {
    if (m_busy) {
        return false;
    }
    if (!Validate()) {
        Notify();
        return false;
    }
    m_busy = true;
    m_error.reset();
    Notify();
    const model::PasswordChange change{Value(PasswordField::Current), Value(PasswordField::New)};
    m_async.Run(
        [accounts = m_accounts, session = m_session, change] {
            accounts->ChangeMyPassword(change);
            return session->GetMe();
        },
        [this](TaskResult<model::Me> result) {
            m_busy = false;
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            spdlog::info("password changed for '{}'", result.Value().loginId);
            for (std::string& value : m_values) {
                value.clear(); // no password stays in memory longer than needed
            }
            Notify();
            if (m_callbacks.done) {
                m_callbacks.done(result.Value());
            }
        });
    return true;
}

void PasswordChangePresenter::Failed(const client::ApiError& error) {
    spdlog::warn("password change refused: {} ({})", error.Code(), error.Detail());
    bool placed = false;
    if (error.GetKind() == client::ApiError::Kind::Http &&
        (error.Code() == code::kWeakPassword || error.Code() == code::kInvalidField)) {
        for (const model::FieldError& fieldError : error.Problem().errors) {
            if (fieldError.field == "new_password") {
                m_serverIssues[Index(PasswordField::New)] = IssueForReason(fieldError.code);
                placed = true;
            } else if (fieldError.field == "current_password") {
                m_serverIssues[Index(PasswordField::Current)] = PasswordIssue::IncorrectCurrent;
                placed = true;
            }
        }
        if (!placed && error.Code() == code::kWeakPassword) {
            m_serverIssues[Index(PasswordField::New)] = PasswordIssue::Rejected;
            placed = true;
        }
    }
    if (placed) {
        CheckAsTyped();
    } else {
        m_error = error;
    }
    Notify();
}

void PasswordChangePresenter::Notify() const {
    if (m_callbacks.changed) {
        m_callbacks.changed();
    }
}

} // namespace resv::views
