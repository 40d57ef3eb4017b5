#pragma once
// The Permissions screen's second tab: choose an account (search by login ID or name), then see
// its permissions with the roles that give each, and the facilities it reaches with the reason.

#include "views/common/Session.h"
#include "views/permissions/EffectiveAccessPresenter.h"
#include "views/permissions/PermissionsPresenter.h"

#include "resv/client/FacilitiesApi.h"

#include <wx/panel.h>
#include <wx/timer.h>

class wxButton;
class wxListCtrl;
class wxListEvent;
class wxSearchCtrl;
class wxStaticText;

namespace resv::views {

class EffectiveAccessView final : public wxPanel {
public:
    /// How long typing may pause before the search is sent.
    static constexpr int kSearchDelayMs = 300;

    /// Without `access.readAccounts` the tab explains why it is empty and asks for nothing;
    /// with `access.writeAccounts` the chosen account's roles and scope can be edited here.
    /// `facilities` may be null: the scope can then be set to All only.
    EffectiveAccessView(wxWindow* parent, ISession& session,
                        std::shared_ptr<client::IAccountsApi> api,
                        std::shared_ptr<client::IFacilitiesApi> facilities, RoleAccess access,
                        ITaskRunner& runner, IUiDispatcher& ui);
    ~EffectiveAccessView() override;

    EffectiveAccessPresenter& Presenter() { return m_presenter; }
    /// The tab is being looked at: the first time, the account list is loaded.
    void Activate();

    // For GUI tests.
    wxSearchCtrl* Search() const { return m_search; }
    wxListCtrl* AccountList() const { return m_accountList; }
    wxListCtrl* PermissionList() const { return m_permissions; }
    wxListCtrl* FacilityList() const { return m_facilities; }
    wxStaticText* Summary() const { return m_summary; }
    wxStaticText* ScopeText() const { return m_scope; }
    wxButton* EditButton() const { return m_edit; }

private:
    wxWindow* BuildPicker(wxWindow* parent);
    wxWindow* BuildDetail(wxWindow* parent);
    void ShowAccounts();
    void ShowAccess();
    void ShowError(const client::ApiError& error);
    /// Opens the account dialog on the chosen account; a saved change shows here at once.
    void EditChosen();
    void UpdateEditButton();
    /// The chosen account as the search listed it, or null.
    const model::Account* ChosenAccount() const;

    ISession& m_session;
    std::shared_ptr<client::IAccountsApi> m_api;
    std::shared_ptr<client::IFacilitiesApi> m_facilitiesApi;
    ITaskRunner& m_runner;
    IUiDispatcher& m_ui;
    EffectiveAccessPresenter m_presenter;
    bool m_enabled;
    bool m_canEdit;
    wxSearchCtrl* m_search = nullptr;
    wxListCtrl* m_accountList = nullptr;
    wxStaticText* m_more = nullptr;
    wxStaticText* m_summary = nullptr;
    wxButton* m_edit = nullptr;
    wxStaticText* m_scope = nullptr;
    wxListCtrl* m_permissions = nullptr;
    wxListCtrl* m_facilities = nullptr;
    wxTimer m_searchTimer;
    bool m_searched = false;
};

} // namespace resv::views
