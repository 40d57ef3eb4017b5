#pragma once
// "Sessions of <name (login)>": where an account is logged in (sign-in and last activity in JST,
// the address it came from, the tenant an operator's session acts in, this PC's own session
// marked), with Sign out for the selected session and Sign out all (confirmed). Errors show in
// the dialog; when the server no longer accepts this console's own session the dialog ends and
// says why in SessionEnded(), so that the screen behind it logs out.

#include "views/accounts/SessionsPresenter.h"

#include <wx/dialog.h>

#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxInfoBar;
class wxListView;
class wxSizer;
class wxStaticText;

namespace resv::views {

class SessionsDialog final : public wxDialog {
public:
    SessionsDialog(wxWindow* parent, std::shared_ptr<client::IAccountsApi> api,
                   const model::Account& account, ITaskRunner& runner, IUiDispatcher& ui);

    /// Loads the sessions.
    void Start();
    SessionsPresenter& Presenter() { return m_presenter; }
    /// Set when the dialog ended because this console's session is over.
    const std::optional<client::ApiError>& SessionEnded() const { return m_sessionEnded; }

    // For GUI tests.
    wxListView* List() const { return m_list; }
    wxButton* SignOutButton() const { return m_signOut; }
    wxButton* SignOutAllButton() const { return m_signOutAll; }
    wxInfoBar* Messages() const { return m_messages; }
    /// "Loading..." or "No active sessions." in place of the list; hidden when it has rows.
    wxStaticText* EmptyText() const { return m_emptyText; }
    /// Signs out all (or all the others) without asking (tests; the button asks first).
    void SignOutAllNow();

private:
    void BuildLayout();
    void ShowState();
    void FillRows();
    void FitColumns();
    void OnSignOutAll();
    void OnNotice(SessionsPresenter::Notice notice);
    void OnFailed(const client::ApiError& error);

    SessionsPresenter m_presenter;
    model::Account m_account;
    wxInfoBar* m_messages = nullptr;
    wxListView* m_list = nullptr;
    wxStaticText* m_emptyText = nullptr;
    wxSizer* m_emptyState = nullptr; ///< the empty-state text, centred where the list would be
    wxButton* m_signOut = nullptr;
    wxButton* m_signOutAll = nullptr;
    std::vector<model::SessionInfo> m_shown; ///< the rows as the list shows them
    bool m_filled = false;
    bool m_filling = false; ///< selection events from refilling the list are not the user's
    std::optional<client::ApiError> m_sessionEnded;
};

} // namespace resv::views
