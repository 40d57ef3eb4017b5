#pragma once
// 権限: the roles on the left (built-ins marked and read-only), the selected role's tier and
// permission matrix on the right with Save and Revert; a second tab explains one account's
// effective access. Refreshes on the worker now and then, keeping the selection and an edit.

#include "views/common/Session.h"
#include "views/permissions/PermissionsPresenter.h"

#include <wx/panel.h>
#include <wx/timer.h>

#include <map>
#include <string>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxInfoBar;
class wxListCtrl;
class wxListEvent;
class wxNotebook;
class wxScrolledWindow;
class wxStaticText;

namespace resv::views {

class EffectiveAccessView;

class PermissionsView final : public wxPanel {
public:
    static constexpr int kRefreshIntervalMs = 30000;

    /// `facilities` may be null: an account's scope can then be edited as All only.
    PermissionsView(wxWindow* parent, ISession& session, std::shared_ptr<client::IAccountsApi> api,
                    std::shared_ptr<client::IFacilitiesApi> facilities, RoleAccess access,
                    ITaskRunner& runner, IUiDispatcher& ui);
    ~PermissionsView() override;

    PermissionsPresenter& Presenter() { return m_presenter; }
    /// Starts the first load and the periodic refresh.
    void Start();

    // For GUI tests.
    wxNotebook* Tabs() const { return m_tabs; }
    wxListCtrl* RoleList() const { return m_roles; }
    /// The list row of a role, or -1.
    long RowOf(const std::string& roleId) const;
    wxCheckBox* Box(const std::string& permission) const;
    /// Scrolls the matrix so that the permission's row shows.
    void ScrollTo(const std::string& permission);
    wxChoice* TierChoice() const { return m_tier; }
    wxButton* SaveButton() const { return m_save; }
    wxButton* RevertButton() const { return m_revert; }
    wxButton* NewButton() const { return m_new; }
    wxButton* RenameButton() const { return m_rename; }
    wxButton* DeleteButton() const { return m_delete; }
    wxInfoBar* Messages() const { return m_messages; }
    EffectiveAccessView* Access() const { return m_access; }

private:
    struct MatrixControls {
        wxCheckBox* box = nullptr;
        wxStaticText* code = nullptr;
        wxStaticText* explanation = nullptr;
    };

    void BuildLayout(std::shared_ptr<client::IAccountsApi> api,
                     std::shared_ptr<client::IFacilitiesApi> facilities, ITaskRunner& runner,
                     IUiDispatcher& ui);
    wxWindow* BuildRolesPage(wxWindow* parent);
    wxWindow* BuildRoleSide(wxWindow* parent);
    wxWindow* BuildMatrixSide(wxWindow* parent);
    void RebuildMatrix();

    void ShowRoles();
    void ShowMatrix();
    void UpdateButtons();
    void ShowNotice(const RoleNotice& notice);

    void OnRoleSelected(wxListEvent& event);
    bool ConfirmLeavingEdit();
    void OnNew();
    void OnRename();
    void OnDelete();

    ISession& m_session;
    PermissionsPresenter m_presenter;
    wxNotebook* m_tabs = nullptr;
    wxListCtrl* m_roles = nullptr;
    wxButton* m_new = nullptr;
    wxButton* m_rename = nullptr;
    wxButton* m_delete = nullptr;
    wxInfoBar* m_messages = nullptr;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_kind = nullptr;
    wxChoice* m_tier = nullptr;
    wxScrolledWindow* m_matrix = nullptr;
    std::map<std::string, MatrixControls> m_boxes;
    std::vector<std::string> m_matrixOrder; ///< the permissions the matrix was built for
    wxButton* m_save = nullptr;
    wxButton* m_revert = nullptr;
    EffectiveAccessView* m_access = nullptr;
    std::vector<std::string> m_rowIds; ///< role ids behind the list's rows
    wxTimer m_refreshTimer;
    bool m_syncing = false;
};

} // namespace resv::views
