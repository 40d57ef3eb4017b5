#include "views/notices/ContactsPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Notices.h"
#include "resv/model/Problem.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace resv::views {
namespace {

std::string Trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

model::FieldError RowError(std::size_t index, const char* code) {
    return {"emails[" + std::to_string(index) + "]", code, code};
}

} // namespace

std::optional<std::size_t> EmailIndexOf(const std::string& field) {
    constexpr std::string_view prefix = "emails[";
    if (!field.starts_with(prefix) || !field.ends_with(']')) {
        return std::nullopt;
    }
    std::size_t index = 0;
    const char* first = field.data() + prefix.size();
    const char* last = field.data() + field.size() - 1;
    const auto [end, error] = std::from_chars(first, last, index);
    if (error != std::errc() || end != last || first == last) {
        return std::nullopt;
    }
    return index;
}

ContactsPresenter::ContactsPresenter(std::shared_ptr<client::INoticesApi> api, bool writable,
                                     ITaskRunner& runner, IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_writable(writable)
    , m_scope(runner, ui) {}

void ContactsPresenter::Notify() const {
    if (m_callbacks.changed) {
        m_callbacks.changed();
    }
}

void ContactsPresenter::Start() {
    auto api = m_api;
    m_scope.Run([api] { return api->GetContacts(); },
                [this](TaskResult<model::TenantContacts> result) {
                    if (!result.Ok()) {
                        Notify();
                        return Failed(ToApiError(result.Error()));
                    }
                    m_saved = result.Value().emails;
                    m_rows.clear();
                    for (const auto& email : m_saved) {
                        m_rows.push_back({email, std::nullopt});
                    }
                    m_loaded = true;
                    Notify();
                });
}

bool ContactsPresenter::Add() {
    if (!m_writable || m_rows.size() >= kMaxContacts) {
        return false;
    }
    m_rows.push_back({});
    Notify();
    return true;
}

void ContactsPresenter::SetRow(std::size_t index, const std::string& text) {
    if (index >= m_rows.size() || m_rows[index].text == text) {
        return;
    }
    m_rows[index].text = text;
    const bool hadError = m_rows[index].error.has_value();
    m_rows[index].error.reset();
    if (hadError) {
        Notify();
    }
}

void ContactsPresenter::Remove(std::size_t index) {
    if (!m_writable || index >= m_rows.size()) {
        return;
    }
    m_rows.erase(m_rows.begin() + static_cast<std::ptrdiff_t>(index));
    if (m_listError && m_listError->code == "too_many" && m_rows.size() <= kMaxContacts) {
        m_listError.reset();
    }
    Notify();
}

std::vector<std::string> ContactsPresenter::Emails() const {
    std::vector<std::string> emails;
    for (const Row& row : m_rows) {
        std::string email = Trimmed(row.text);
        if (!email.empty()) {
            emails.push_back(std::move(email));
        }
    }
    return emails;
}

bool ContactsPresenter::Dirty() const {
    return m_loaded && Emails() != m_saved;
}

bool ContactsPresenter::Validate() {
    m_listError.reset();
    std::set<std::string> seen;
    bool valid = true;
    std::size_t sent = 0;
    for (Row& row : m_rows) {
        row.error.reset();
        const std::string email = Trimmed(row.text);
        if (email.empty()) {
            continue;
        }
        if (!model::IsValidEmailAddress(email)) {
            row.error = RowError(sent, "invalid_email");
        } else if (!seen.insert(Lower(email)).second) {
            row.error = RowError(sent, "duplicate");
        }
        valid &= !row.error;
        ++sent;
    }
    if (sent > kMaxContacts) {
        m_listError = model::FieldError{"emails", "too_many", "too_many"};
        valid = false;
    }
    return valid;
}

void ContactsPresenter::Save() {
    if (!m_writable || m_busy || !m_loaded) {
        return;
    }
    const bool valid = Validate();
    if (!valid) {
        return Notify();
    }
    m_sentRows.clear();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (!Trimmed(m_rows[i].text).empty()) {
            m_sentRows.push_back(i);
        }
    }
    m_busy = true;
    Notify();
    auto api = m_api;
    m_scope.Run(
        [api, contacts = model::TenantContacts{Emails()}] { return api->PutContacts(contacts); },
        [this](TaskResult<model::TenantContacts> result) {
            m_busy = false;
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            m_saved = result.Value().emails;
            m_rows.clear();
            for (const auto& email : m_saved) {
                m_rows.push_back({email, std::nullopt});
            }
            Notify();
            if (m_callbacks.saved) {
                m_callbacks.saved();
            }
        });
}

void ContactsPresenter::Failed(const client::ApiError& error) {
    const bool fieldErrors = error.GetKind() == client::ApiError::Kind::Http &&
                             error.Code() == model::error_code::kInvalidField &&
                             !error.Problem().errors.empty();
    if (fieldErrors) {
        for (const model::FieldError& fieldError : error.Problem().errors) {
            const auto index = EmailIndexOf(fieldError.field);
            if (index && *index < m_sentRows.size() && m_sentRows[*index] < m_rows.size()) {
                m_rows[m_sentRows[*index]].error = fieldError;
            } else {
                m_listError = fieldError;
            }
        }
        return Notify();
    }
    Notify();
    if (m_callbacks.failed) {
        m_callbacks.failed(error);
    }
}

} // namespace resv::views
