#pragma once
// New and Edit account: login ID (lower-cased as typed; fixed once created), display name,
// e-mail, roles from GET roles, and the scope as All or checks in the jurisdiction → facility
// tree. Errors show next to their field; the dialog stays open with everything typed until
// the server accepts it.

#include "views/accounts/AccountEditPresenter.h"

#include <wx/dialog.h>

#include <map>
#include <optional>

class wxButton;
class wxCheckListBox;
class wxRadioButton;
class wxStaticText;
class wxTextCtrl;
class wxTreeListCtrl;
class wxTreeListEvent;
class wxTreeListItem;

namespace resv::views {

class AccountDialog final : public wxDialog {
public:
    AccountDialog(wxWindow* parent, std::shared_ptr<client::IAccountsApi> api,
                  std::shared_ptr<client::IFacilitiesApi> facilities,
                  std::optional<model::Account> existing, std::vector<model::Role> roles,
                  ITaskRunner& runner, IUiDispatcher& ui);

    /// Loads the scope tree (and the roles when none were given).
    void Start();
    AccountEditPresenter& Presenter() { return m_presenter; }
    const std::optional<model::AccountCreated>& Created() const { return m_created; }
    const std::optional<model::Account>& Updated() const { return m_updated; }

    // For GUI tests.
    wxTextCtrl* LoginIdField() const { return m_loginId; }
    wxTextCtrl* DisplayNameField() const { return m_displayName; }
    wxTextCtrl* EmailField() const { return m_email; }
    wxCheckListBox* RolesList() const { return m_roles; }
    wxRadioButton* AllScope() const { return m_all; }
    wxRadioButton* ChosenScope() const { return m_chosen; }
    wxTreeListCtrl* ScopeTree() const { return m_tree; }
    wxButton* SaveButton() const { return m_save; }
    /// Checks or unchecks a jurisdiction's or facility's box as a click would.
    void CheckScope(const std::string& id, bool on);
    /// The error shown under a field ("login_id", "roles", ...); empty when none.
    wxString ErrorShown(const std::string& field) const;

private:
    wxWindow* AddField(wxSizer* grid, const wxString& label, wxWindow* control, const char* field,
                       const wxString& note = {});
    void FillRoles();
    void FillScopeTree();
    void SyncScopeChecks();
    void OnScopeChecked(wxTreeListEvent& event);
    void ScopeItemChecked(const wxTreeListItem& item);
    void ShowState();

    AccountEditPresenter m_presenter;
    wxTextCtrl* m_loginId = nullptr;
    wxTextCtrl* m_displayName = nullptr;
    wxTextCtrl* m_email = nullptr;
    wxCheckListBox* m_roles = nullptr;
    wxRadioButton* m_all = nullptr;
    wxRadioButton* m_chosen = nullptr;
    wxTreeListCtrl* m_tree = nullptr;
    wxStaticText* m_scopeNote = nullptr;
    wxButton* m_save = nullptr;
    std::map<std::string, wxStaticText*> m_errors;
    std::vector<std::string> m_roleNames; ///< behind the check list's items
    std::optional<model::AccountCreated> m_created;
    std::optional<model::Account> m_updated;
    bool m_treeFilled = false;
};

} // namespace resv::views
