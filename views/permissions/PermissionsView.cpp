#include "views/permissions/PermissionsView.h"

#include "views/common/ApiErrors.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/UnsavedChanges.h"
#include "views/common/Words.h"
#include "views/permissions/EffectiveAccessView.h"
#include "views/permissions/PermissionWords.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

// The panel, its tabs and the roles side: the list of roles and New, Rename and Delete with their
// dialogs. The matrix side is in PermissionsMatrix.cpp.

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

enum Column { kNameColumn, kTierColumn, kKindColumn };

wxString ReadOnlyReason() {
    return LockText(LockReason::ReadOnlyAccount);
}

/// Asks for a new role's name and tier; false when the user cancelled.
bool AskNewRole(wxWindow* parent, wxString& name, model::Tier& tier) {
    wxDialog dialog(parent, wxID_ANY, _("New role"));
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* grid = layout::NewFormGrid(&dialog);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Name:")), layout::FormLabel());
    auto* nameCtrl = new wxTextCtrl(&dialog, wxID_ANY, wxString(), wxDefaultPosition,
                                    dialog.FromDIP(wxSize(280, -1)));
    nameCtrl->SetMaxLength(static_cast<unsigned long>(model::kMaxRoleNameLength));
    grid->Add(nameCtrl, layout::FormField());
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Tier:")), layout::FormLabel());
    auto* tierCtrl = new wxChoice(&dialog, wxID_ANY);
    tierCtrl->Append(TierName(model::Tier::Manager));
    tierCtrl->Append(TierName(model::Tier::Employee));
    tierCtrl->SetSelection(1);
    grid->Add(tierCtrl, layout::FormField());
    column->Add(grid, layout::Padded(&dialog, Space::Large).Expand());
    auto* note = new wxStaticText(
        &dialog, wxID_ANY,
        _("The role starts with no permissions; tick them in the matrix, then save."));
    note->Wrap(dialog.FromDIP(380));
    column->Add(note, layout::Padded(&dialog, Space::Large, wxLEFT | wxRIGHT));
    column->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL),
                layout::Padded(&dialog, Space::Large).Expand());
    dialog.SetSizerAndFit(column);
    auto* ok = dialog.FindWindow(wxID_OK);
    ok->Enable(false);
    nameCtrl->Bind(wxEVT_TEXT, [ok, nameCtrl](wxCommandEvent&) {
        ok->Enable(!nameCtrl->GetValue().Strip(wxString::both).empty());
    });
    dialog.CentreOnParent();
    nameCtrl->SetFocus();
    if (dialog.ShowModal() != wxID_OK) {
        return false;
    }
    name = nameCtrl->GetValue().Strip(wxString::both);
    tier = tierCtrl->GetSelection() == 0 ? model::Tier::Manager : model::Tier::Employee;
    return true;
}

} // namespace

PermissionsView::PermissionsView(wxWindow* parent, ISession& session,
                                 std::shared_ptr<client::IAccountsApi> api,
                                 std::shared_ptr<client::IFacilitiesApi> facilities,
                                 RoleAccess access, ITaskRunner& runner, IUiDispatcher& ui)
    : wxPanel(parent)
    , m_session(session)
    , m_presenter(api, access, runner, ui) {
    BuildLayout(std::move(api), std::move(facilities), runner, ui);
    m_presenter.SetCallbacks({
        [this] { ShowRoles(); },
        [this] { ShowMatrix(); },
        [this](const RoleNotice& notice) { ShowNotice(notice); },
    });
    m_refreshTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { m_presenter.Refresh(); });
    ShowRoles();
    ShowMatrix();
}

PermissionsView::~PermissionsView() {
    m_refreshTimer.Stop();
}

void PermissionsView::Start() {
    m_presenter.Refresh();
    m_refreshTimer.Start(kRefreshIntervalMs);
}

void PermissionsView::BuildLayout(std::shared_ptr<client::IAccountsApi> api,
                                  std::shared_ptr<client::IFacilitiesApi> facilities,
                                  ITaskRunner& runner, IUiDispatcher& ui) {
    m_tabs = new wxNotebook(this, wxID_ANY);
    // TRANSLATORS: a tab of the Permissions screen: the roles and their permissions.
    m_tabs->AddPage(BuildRolesPage(m_tabs), _("Roles and permissions"), true);
    m_access = new EffectiveAccessView(m_tabs, m_session, std::move(api), std::move(facilities),
                                       m_presenter.Access(), runner, ui);
    // TRANSLATORS: a tab of the Permissions screen: what one account can do, and where.
    m_tabs->AddPage(m_access, _("Effective access of an account"));
    m_tabs->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
        event.Skip();
        if (event.GetSelection() >= 0 &&
            m_tabs->GetPage(static_cast<std::size_t>(event.GetSelection())) == m_access) {
            m_access->Activate();
        }
    });
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(m_tabs, wxSizerFlags(1).Expand().Border(wxALL, Px(this, Space::Medium)));
    SetSizer(column);
}

wxWindow* PermissionsView::BuildRolesPage(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(BuildRoleSide(page), wxSizerFlags(0).Expand().Border(wxALL, Px(page, Space::Medium)));
    row->Add(BuildMatrixSide(page),
             wxSizerFlags(1).Expand().Border(wxTOP | wxBOTTOM | wxRIGHT, Px(page, Space::Medium)));
    page->SetSizer(row);
    return page;
}

wxWindow* PermissionsView::BuildRoleSide(wxWindow* parent) {
    auto* side = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_roles = new wxListCtrl(side, wxID_ANY, wxDefaultPosition, side->FromDIP(wxSize(320, -1)),
                             wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME);
    m_roles->AppendColumn(_("Role"), wxLIST_FORMAT_LEFT, side->FromDIP(160));
    m_roles->AppendColumn(_("Tier"), wxLIST_FORMAT_LEFT, side->FromDIP(85));
    // TRANSLATORS: a column of the roles list: built-in (read-only) or custom.
    m_roles->AppendColumn(_("Kind"), wxLIST_FORMAT_LEFT, side->FromDIP(70));
    column->Add(m_roles, wxSizerFlags(1).Expand());

    auto* buttons = new wxGridSizer(2, wxSize(Px(side, Space::Small), Px(side, Space::Small)));
    m_new = new wxButton(side, wxID_ANY, _("New role..."));
    m_rename = new wxButton(side, wxID_ANY, _("Rename..."));
    m_delete = new wxButton(side, wxID_ANY, _("Delete..."));
    for (wxButton* button : {m_new, m_rename, m_delete}) {
        buttons->Add(button, wxSizerFlags().Expand());
    }
    column->Add(buttons, wxSizerFlags().Expand().Border(wxTOP, Px(side, Space::Small)));
    side->SetSizer(column);

    m_roles->Bind(wxEVT_LIST_ITEM_SELECTED, &PermissionsView::OnRoleSelected, this);
    m_new->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnNew(); });
    m_rename->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnRename(); });
    m_delete->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDelete(); });
    if (!m_presenter.Access().write) {
        for (wxButton* button : {m_new, m_rename, m_delete}) {
            button->SetToolTip(ReadOnlyReason());
        }
    }
    return side;
}

long PermissionsView::RowOf(const std::string& roleId) const {
    const auto it = std::find(m_rowIds.begin(), m_rowIds.end(), roleId);
    return it == m_rowIds.end() ? -1 : static_cast<long>(it - m_rowIds.begin());
}

void PermissionsView::ShowRoles() {
    m_syncing = true;
    const auto& roles = m_presenter.Roles();
    m_roles->Freeze();
    while (m_roles->GetItemCount() > static_cast<int>(roles.size())) {
        m_roles->DeleteItem(m_roles->GetItemCount() - 1);
    }
    m_rowIds.clear();
    for (std::size_t i = 0; i < roles.size(); ++i) {
        const model::Role& role = roles[i];
        const long row = static_cast<long>(i);
        if (row >= m_roles->GetItemCount()) {
            m_roles->InsertItem(row, wxString());
        }
        m_roles->SetItem(row, kNameColumn,
                         role.builtin ? RoleName(role.name) : FromUtf8(role.name));
        m_roles->SetItem(row, kTierColumn, TierName(role.tier));
        m_roles->SetItem(row, kKindColumn,
                         // TRANSLATORS: in the roles list: a role that cannot be changed.
                         role.builtin ? _("Built-in") : _("Custom"));
        m_roles->SetItemTextColour(row, role.builtin
                                            ? wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT)
                                            : m_roles->GetForegroundColour());
        m_rowIds.push_back(role.id);
    }
    const model::Role* selected = m_presenter.Selected();
    const long selectedRow = selected ? RowOf(selected->id) : -1;
    for (long row = 0; row < m_roles->GetItemCount(); ++row) {
        const bool want = row == selectedRow;
        if (want != (m_roles->GetItemState(row, wxLIST_STATE_SELECTED) != 0)) {
            m_roles->SetItemState(row, want ? wxLIST_STATE_SELECTED : 0, wxLIST_STATE_SELECTED);
        }
    }
    m_roles->Thaw();
    m_syncing = false;
    UpdateButtons();
}

void PermissionsView::OnRoleSelected(wxListEvent& event) {
    if (m_syncing) {
        return;
    }
    const long row = event.GetIndex();
    if (row < 0 || row >= static_cast<long>(m_rowIds.size())) {
        return;
    }
    const std::string id = m_rowIds[static_cast<std::size_t>(row)];
    if (!m_presenter.Select(id)) {
        if (ConfirmLeavingEdit()) {
            m_presenter.Select(id);
        }
        ShowRoles(); // back on the role being edited, or on the new one
    }
}

bool PermissionsView::ConfirmLeavingEdit() {
    if (!m_presenter.Dirty()) {
        return true;
    }
    switch (AskAboutUnsavedChanges(this)) {
    case UnsavedChoice::Save:
        m_presenter.Save();
        return false;
    case UnsavedChoice::Discard:
        m_presenter.Revert();
        return true;
    case UnsavedChoice::Cancel:
        break;
    }
    return false;
}

void PermissionsView::OnNew() {
    if (!ConfirmLeavingEdit()) {
        return;
    }
    wxString name;
    model::Tier tier = model::Tier::Employee;
    if (AskNewRole(this, name, tier)) {
        m_presenter.Create(ToUtf8(name), tier);
    }
}

void PermissionsView::OnRename() {
    const model::Role* role = m_presenter.Selected();
    if (!role || role->builtin) {
        return;
    }
    const std::string id = role->id;
    wxTextEntryDialog ask(this, _("New name of the role:"), _("Rename role"), FromUtf8(role->name));
    ask.SetMaxLength(static_cast<unsigned long>(model::kMaxRoleNameLength));
    if (ask.ShowModal() != wxID_OK) {
        return;
    }
    const wxString name = ask.GetValue().Strip(wxString::both);
    if (!name.empty() && ToUtf8(name) != role->name) {
        m_presenter.Rename(id, ToUtf8(name));
    }
}

void PermissionsView::OnDelete() {
    const model::Role* role = m_presenter.Selected();
    if (!role || role->builtin) {
        return;
    }
    wxMessageDialog ask(
        this,
        wxString::Format(_("Delete the role \"%s\"? This cannot be undone."), FromUtf8(role->name)),
        _("Delete role"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    ask.SetYesNoLabels(_("Delete"), wxID_CANCEL);
    if (ask.ShowModal() == wxID_YES) {
        m_presenter.Delete(role->id);
    }
}

void PermissionsView::ShowNotice(const RoleNotice& notice) {
    if (notice.error && EndsSession(*notice.error)) {
        m_refreshTimer.Stop();
        m_session.Expired(*notice.error);
        return;
    }
    wxString text;
    switch (notice.kind) {
    case RoleNotice::Kind::StillHeld:
        text = notice.holders
                   ? wxString::Format(wxPLURAL("The role \"%s\" cannot be deleted: %d account "
                                               "still holds it.",
                                               "The role \"%s\" cannot be deleted: %d accounts "
                                               "still hold it.",
                                               *notice.holders),
                                      FromUtf8(notice.roleName), *notice.holders)
                   : wxString::Format(_("The role \"%s\" cannot be deleted while accounts still "
                                        "hold it."),
                                      FromUtf8(notice.roleName));
        text += wxS("\n") + _("Give those accounts another role in the Accounts screen, then "
                              "delete it.");
        break;
    case RoleNotice::Kind::TierRule:
        text = _("Employee-tier roles cannot hold the usage history or service status "
                 "permissions: these are for customer managers and above.") +
               wxS("\n") + _("Untick them, or set the tier to Manager, and save again.");
        break;
    case RoleNotice::Kind::Error:
        if (notice.error) {
            text = DescribeError(*notice.error).Full();
        }
        break;
    }
    m_messages->ShowMessage(text, wxICON_WARNING);
}

} // namespace resv::views
