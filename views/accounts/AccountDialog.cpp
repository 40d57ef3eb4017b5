#include "views/accounts/AccountDialog.h"

#include "views/accounts/AccountWords.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Words.h"
#include "views/common/Wrap.h"

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/radiobut.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/treelist.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;
namespace f = account_field;

constexpr int kFieldWidth = 380;
const char* const kGeneral = ""; ///< an error that belongs to no field

class ScopeItem final : public wxClientData {
public:
    ScopeItem(bool jurisdiction, std::string id)
        : jurisdiction(jurisdiction)
        , id(std::move(id)) {}
    bool jurisdiction;
    std::string id;
};

wxColour ErrorColour() {
    return {0xB0, 0x00, 0x20};
}

} // namespace

AccountDialog::AccountDialog(wxWindow* parent, std::shared_ptr<client::IAccountsApi> api,
                             std::shared_ptr<client::IFacilitiesApi> facilities,
                             std::optional<model::Account> existing, std::vector<model::Role> roles,
                             ITaskRunner& runner, IUiDispatcher& ui)
    : wxDialog(parent, wxID_ANY, existing ? _("Edit account") : _("New account"), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
    , m_presenter(std::move(api), std::move(facilities), existing, std::move(roles), runner, ui) {
    const bool isNew = !existing;
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* grid = layout::NewFormGrid(this);
    grid->AddGrowableRow(4, 1); // the scope tree takes the height the dialog gets

    m_loginId = new wxTextCtrl(this, wxID_ANY, FromUtf8(m_presenter.LoginId()), wxDefaultPosition,
                               FromDIP(wxSize(kFieldWidth, -1)), isNew ? 0 : wxTE_READONLY);
    AddField(grid, _("Login ID"), m_loginId, f::kLoginId,
             isNew ? _("3 to 64 characters: a-z, 0-9 and . _ - (capitals become small). It "
                       "cannot be changed later.")
                   : _("A login ID cannot be changed."));
    m_displayName = new wxTextCtrl(this, wxID_ANY, FromUtf8(m_presenter.DisplayName()));
    AddField(grid, _("Display name"), m_displayName, f::kDisplayName);
    m_email = new wxTextCtrl(this, wxID_ANY, FromUtf8(m_presenter.Email()));
    AddField(grid, _("E-mail (optional)"), m_email, f::kEmail);
    m_roles = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 100)));
    AddField(grid, _("Roles"), m_roles, f::kRoles);

    auto* scopePanel = new wxBoxSizer(wxVERTICAL);
    m_all = new wxRadioButton(this, wxID_ANY, _("All jurisdictions and facilities"),
                              wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
    m_chosen = new wxRadioButton(this, wxID_ANY, _("Only the ones checked below"));
    scopePanel->Add(m_all);
    scopePanel->Add(m_chosen, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    m_tree = new wxTreeListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 200)),
                                wxTL_CHECKBOX | wxTL_3STATE | wxTL_SINGLE);
    // TRANSLATORS: the header of the scope picker's only column.
    m_tree->AppendColumn(_("Jurisdiction / facility"), FromDIP(kFieldWidth - 40));
    scopePanel->Add(m_tree, wxSizerFlags(1).Expand().Border(wxTOP, Px(this, Space::Small)));
    m_scopeNote = new wxStaticText(this, wxID_ANY, wxString());
    SetWrappedLabel(*m_scopeNote,
                    _("A checked jurisdiction includes the facilities added to it later."),
                    FromDIP(kFieldWidth));
    scopePanel->Add(m_scopeNote, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    auto* scopeError = new wxStaticText(this, wxID_ANY, wxString());
    scopeError->SetForegroundColour(ErrorColour());
    scopeError->Hide();
    m_errors[f::kScope] = scopeError;
    scopePanel->Add(scopeError);
    // TRANSLATORS: the jurisdictions and facilities an account may reach.
    grid->Add(new wxStaticText(this, wxID_ANY, _("Scope")), wxSizerFlags().Top().Right());
    grid->Add(scopePanel, wxSizerFlags(1).Expand());
    column->Add(grid, layout::Padded(this, Space::Large).Expand().Proportion(1));

    auto* general = new wxStaticText(this, wxID_ANY, wxString());
    general->SetForegroundColour(ErrorColour());
    general->Hide();
    m_errors[kGeneral] = general;
    column->Add(general, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT));

    auto* buttons = new wxStdDialogButtonSizer;
    m_save = new wxButton(this, wxID_OK, isNew ? _("Create") : _("Save"));
    m_save->SetDefault();
    buttons->AddButton(m_save);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
    buttons->Realize();
    column->Add(buttons, layout::Padded(this, Space::Large).Expand());
    SetSizerAndFit(column);

    FillRoles();
    m_all->SetValue(m_presenter.Scope().All());
    m_chosen->SetValue(!m_presenter.Scope().All());
    m_presenter.SetCallbacks({
        [this] { ShowState(); },
        [this](const model::AccountCreated& created) {
            m_created = created;
            EndModal(wxID_OK);
        },
        [this](const model::Account& updated) {
            m_updated = updated;
            EndModal(wxID_OK);
        },
        [this](const client::ApiError& error) {
            SetWrappedLabel(*m_errors[kGeneral], DescribeAccountError(error).Full(),
                            FromDIP(kFieldWidth + 100));
            m_errors[kGeneral]->Show();
            ShowState();
        },
    });

    m_loginId->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!m_presenter.IsNew()) {
            return;
        }
        const wxString typed = m_loginId->GetValue();
        const wxString lowered = FromUtf8(m_presenter.SetLoginId(ToUtf8(typed)));
        if (lowered != typed) {
            const long at = m_loginId->GetInsertionPoint();
            m_loginId->ChangeValue(lowered);
            m_loginId->SetInsertionPoint(at);
        }
    });
    m_displayName->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        m_presenter.SetDisplayName(ToUtf8(m_displayName->GetValue()));
    });
    m_email->Bind(wxEVT_TEXT,
                  [this](wxCommandEvent&) { m_presenter.SetEmail(ToUtf8(m_email->GetValue())); });
    m_roles->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent& event) {
        const int index = event.GetInt();
        m_presenter.SetRole(m_roleNames[index], m_roles->IsChecked(index));
    });
    const auto scopeMode = [this](wxCommandEvent&) {
        m_presenter.Scope().SetAll(m_all->GetValue());
        m_presenter.ScopeChanged();
        ShowState();
    };
    m_all->Bind(wxEVT_RADIOBUTTON, scopeMode);
    m_chosen->Bind(wxEVT_RADIOBUTTON, scopeMode);
    m_tree->Bind(wxEVT_TREELIST_ITEM_CHECKED, &AccountDialog::OnScopeChecked, this);
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_errors[kGeneral]->Hide();
        m_presenter.Save(); // the dialog ends when the server has accepted it
    });
    ShowState();
    CentreOnParent();
}

void AccountDialog::Start() {
    m_presenter.Start();
}

wxWindow* AccountDialog::AddField(wxSizer* grid, const wxString& label, wxWindow* control,
                                  const char* field, const wxString& note) {
    grid->Add(new wxStaticText(this, wxID_ANY, label),
              field == std::string(f::kRoles) ? wxSizerFlags().Top().Right() : layout::FormLabel());
    auto* cell = new wxBoxSizer(wxVERTICAL);
    cell->Add(control, wxSizerFlags().Expand());
    if (!note.empty()) {
        auto* noteText = new wxStaticText(this, wxID_ANY, wxString());
        SetWrappedLabel(*noteText, note, FromDIP(kFieldWidth));
        noteText->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        cell->Add(noteText, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    }
    auto* error = new wxStaticText(this, wxID_ANY, wxString());
    error->SetForegroundColour(ErrorColour());
    error->Hide();
    m_errors[field] = error;
    cell->Add(error, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    grid->Add(cell, layout::FormField());
    return control;
}

void AccountDialog::FillRoles() {
    m_roles->Clear();
    m_roleNames.clear();
    for (const auto& role : m_presenter.Roles()) {
        m_roleNames.push_back(role.name);
        const int index = m_roles->Append(RoleName(role.name));
        m_roles->Check(index, m_presenter.HasRole(role.name));
    }
}

void AccountDialog::FillScopeTree() {
    m_tree->DeleteAllItems();
    const ScopeSelection& scope = m_presenter.Scope();
    for (const auto& jurisdiction : scope.Jurisdictions()) {
        const wxTreeListItem parent =
            m_tree->AppendItem(m_tree->GetRootItem(), FromUtf8(jurisdiction.name), -1, -1,
                               new ScopeItem(true, jurisdiction.id));
        for (const auto* facility : scope.FacilitiesOf(jurisdiction.id)) {
            m_tree->AppendItem(parent, FromUtf8(facility->name), -1, -1,
                               new ScopeItem(false, facility->id));
        }
        m_tree->Expand(parent);
    }
    m_treeFilled = true;
    SyncScopeChecks();
}

void AccountDialog::SyncScopeChecks() {
    const ScopeSelection& scope = m_presenter.Scope();
    for (wxTreeListItem item = m_tree->GetFirstItem(); item.IsOk();
         item = m_tree->GetNextItem(item)) {
        const auto* data = static_cast<ScopeItem*>(m_tree->GetItemData(item));
        wxCheckBoxState state = wxCHK_UNCHECKED;
        if (data->jurisdiction) {
            switch (scope.JurisdictionCheck(data->id)) {
            case ScopeSelection::Check::On:
                state = wxCHK_CHECKED;
                break;
            case ScopeSelection::Check::Partial:
                state = wxCHK_UNDETERMINED;
                break;
            case ScopeSelection::Check::Off:
                break;
            }
        } else if (scope.FacilityChecked(data->id)) {
            state = wxCHK_CHECKED;
        }
        if (m_tree->GetCheckedState(item) != state) {
            m_tree->CheckItem(item, state);
        }
    }
}

void AccountDialog::OnScopeChecked(wxTreeListEvent& event) {
    ScopeItemChecked(event.GetItem());
}

void AccountDialog::CheckScope(const std::string& id, bool on) {
    for (wxTreeListItem item = m_tree->GetFirstItem(); item.IsOk();
         item = m_tree->GetNextItem(item)) {
        if (static_cast<ScopeItem*>(m_tree->GetItemData(item))->id == id) {
            m_tree->CheckItem(item, on ? wxCHK_CHECKED : wxCHK_UNCHECKED);
            ScopeItemChecked(item);
            return;
        }
    }
}

void AccountDialog::ScopeItemChecked(const wxTreeListItem& item) {
    const auto* data = static_cast<ScopeItem*>(m_tree->GetItemData(item));
    const bool on = m_tree->GetCheckedState(item) == wxCHK_CHECKED;
    if (data->jurisdiction) {
        m_presenter.Scope().SetJurisdiction(data->id, on);
    } else {
        m_presenter.Scope().SetFacility(data->id, on);
    }
    m_presenter.ScopeChanged();
    SyncScopeChecks();
}

wxString AccountDialog::ErrorShown(const std::string& field) const {
    const auto it = m_errors.find(field);
    return it != m_errors.end() && it->second->IsShown() ? it->second->GetLabel() : wxString();
}

void AccountDialog::ShowState() {
    if (m_roleNames.size() != m_presenter.Roles().size()) {
        FillRoles();
    }
    if (m_presenter.ScopeLoaded() && !m_treeFilled) {
        FillScopeTree();
    }
    const bool all = m_presenter.Scope().All();
    m_tree->Enable(!all);
    bool grew = false;
    for (const auto& [field, label] : m_errors) {
        if (field == kGeneral) {
            continue;
        }
        const auto error = m_presenter.Errors().find(field);
        const bool show = error != m_presenter.Errors().end();
        if (show) {
            const wxString text = AccountFieldErrorText(error->second);
            if (label->GetLabel() != text) {
                SetWrappedLabel(*label, text, FromDIP(kFieldWidth));
            }
        }
        grew |= show && !label->IsShown();
        label->Show(show);
    }
    m_save->Enable(!m_presenter.Busy());
    Layout();
    if (grew) {
        wxSize size = GetSize();
        size.IncTo(GetBestSize());
        SetSize(size);
    }
}

} // namespace resv::views
