#pragma once
// アカウント: the accounts of the tenant as a virtual list with search, role and status filters
// and sorting by column; New, Edit, Disable/Enable, Unlock, Reset password, Sign out sessions
// and Delete on buttons and in a context menu; Import and Export CSV. Read-only roles see the
// same screen with the actions disabled and the reason in each tooltip.

#include "views/accounts/AccountsPresenter.h"
#include "views/common/Session.h"

#include <wx/panel.h>
#include <wx/timer.h>

#include <map>
#include <memory>

class wxButton;
class wxChoice;
class wxDialog;
class wxInfoBar;
class wxSearchCtrl;
class wxStaticText;

namespace resv::views {

class AccountList;
class ExportProgressDialog;
class ImportPreviewDialog;

class AccountsView final : public wxPanel {
public:
    static constexpr int kSearchDelayMs = 300;
    static constexpr int kRefreshIntervalMs = 30000;

    /// `facilities` may be null: the scope picker then offers All only.
    AccountsView(wxWindow* parent, ISession& session, std::shared_ptr<client::IAccountsApi> api,
                 std::shared_ptr<client::IFacilitiesApi> facilities, AccountPermissions permissions,
                 ITaskRunner& runner, IUiDispatcher& ui);
    ~AccountsView() override;

    AccountsPresenter& Presenter() { return m_presenter; }
    /// The roles, the first page and the live refresh.
    void Start();

    // For GUI tests.
    AccountList* List() const { return m_list; }
    wxSearchCtrl* Search() const { return m_search; }
    wxChoice* RoleFilter() const { return m_roleFilter; }
    wxChoice* StatusFilter() const { return m_statusFilter; }
    wxButton* Button(AccountAction action) const;
    wxInfoBar* Messages() const { return m_messages; }
    wxStaticText* StatusLine() const { return m_statusLine; }
    wxStaticText* SelectionLine() const { return m_selectionLine; }
    /// Selects the account's row as a click would.
    void SelectAccount(const std::string& id);

private:
    wxSizer* BuildFilters();
    wxSizer* BuildActions();
    void BindEvents();
    void SyncRows();
    void SyncState();
    void FillRoleFilter();
    void UpdateStatusLine();
    void ShowContextMenu();

    // AccountsViewActions.cpp
    void Do(AccountAction action);
    void OnNewOrEdit(bool isNew);
    void OnDisableOrEnable();
    void OnResetPassword();
    void OnSignOut();
    void OnDelete();
    void OnImport();
    void OnExport();
    bool Confirm(const wxString& question, const wxString& title, const wxString& yes);
    void ShowPassword(const IssuedPassword& issued);
    void ShowImportPreview();
    void SaveOneTimePasswords(const model::ImportResult& result,
                              const std::map<std::string, std::string>& names);
    void WriteExport(const std::string& csv);
    void ActionDone(AccountAction action, const model::Account& account);
    void ShowError(const client::ApiError& error);

    ISession& m_session;
    std::shared_ptr<client::IAccountsApi> m_api;
    std::shared_ptr<client::IFacilitiesApi> m_facilities;
    ITaskRunner& m_runner;
    IUiDispatcher& m_ui;
    AccountsPresenter m_presenter;
    wxSearchCtrl* m_search = nullptr;
    wxChoice* m_roleFilter = nullptr;
    wxChoice* m_statusFilter = nullptr;
    wxButton* m_refresh = nullptr;
    std::map<AccountAction, wxButton*> m_buttons;
    wxButton* m_export = nullptr;
    wxInfoBar* m_messages = nullptr;
    AccountList* m_list = nullptr;
    wxStaticText* m_statusLine = nullptr;
    wxStaticText* m_selectionLine = nullptr;
    std::vector<std::string> m_roleChoices; ///< role names behind the filter's choices
    wxTimer m_searchTimer;
    wxTimer m_refreshTimer;
    ImportPreviewDialog* m_importDialog = nullptr;  ///< while shown
    ExportProgressDialog* m_exportDialog = nullptr; ///< while shown
    std::optional<model::ImportResult> m_imported;
    wxString m_exportPath;
};

} // namespace resv::views
