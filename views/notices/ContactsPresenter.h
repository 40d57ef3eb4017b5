#pragma once
// The tenant's designated contacts (指定連絡先) without wx: the addresses as rows to add, edit and
// remove, checked as the server checks them (model::IsValidEmailAddress, duplicates ignoring
// case, at most kMaxContacts), the server's errors put on the row they name, and nothing typed
// lost when saving fails.

#include "views/common/Async.h"

#include "resv/client/ApiError.h"
#include "resv/client/MonitoringApi.h"
#include "resv/model/Validation.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::views {

class ContactsPresenter {
public:
    static constexpr std::size_t kMaxContacts = 20;

    struct Row {
        std::string text;                       ///< as typed
        std::optional<model::FieldError> error; ///< invalid_email, duplicate
    };

    struct Callbacks {
        std::function<void()> changed; ///< rows, errors, busy, loaded
        std::function<void()> saved;
        std::function<void(const client::ApiError&)> failed; ///< not about an address
    };

    ContactsPresenter(std::shared_ptr<client::INoticesApi> api, bool writable, ITaskRunner& runner,
                      IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    void Start();
    bool Loaded() const { return m_loaded; }
    bool Writable() const { return m_writable; }

    const std::vector<Row>& Rows() const { return m_rows; }
    /// An empty row at the end; false when kMaxContacts rows are there already.
    bool Add();
    void SetRow(std::size_t index, const std::string& text);
    void Remove(std::size_t index);
    /// "emails" too_many, or a failure that names no row.
    const std::optional<model::FieldError>& ListError() const { return m_listError; }

    /// Differs from what the server has.
    bool Dirty() const;
    /// Checks every row; true when all are fine. Empty rows are left out, never an error.
    bool Validate();
    /// Validates, then PUT; `saved` when the server took it.
    void Save();
    bool Busy() const { return m_busy; }

    /// The addresses that would be sent: trimmed, empty rows left out.
    std::vector<std::string> Emails() const;

private:
    void Failed(const client::ApiError& error);
    void Notify() const;

    std::shared_ptr<client::INoticesApi> m_api;
    bool m_writable = false;
    Callbacks m_callbacks;
    std::vector<Row> m_rows;
    std::vector<std::string> m_saved;    ///< what the server has
    std::vector<std::size_t> m_sentRows; ///< the row of each address sent, for its errors
    std::optional<model::FieldError> m_listError;
    bool m_loaded = false;
    bool m_busy = false;
    AsyncScope m_scope;
};

/// "emails[3]" -> 3; nothing for any other field.
std::optional<std::size_t> EmailIndexOf(const std::string& field);

} // namespace resv::views
