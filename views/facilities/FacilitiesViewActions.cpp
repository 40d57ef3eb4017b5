#include "views/facilities/FacilitiesView.h"

#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/UnsavedChanges.h"
#include "views/facilities/FieldMessages.h"
#include "views/facilities/TerminalConfigDialog.h"

#include <wx/button.h>
#include <wx/clipbrd.h>
#include <wx/dialog.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

// What FacilitiesView's buttons do and when they may: permissions, enabling, and the
// confirmation, remote configuration and device-token dialogs they open.

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

wxString ReadOnlyReason() {
    return _("Your role can view facilities and terminals but not change them.");
}

} // namespace

void FacilitiesView::ApplyPermissions() {
    const FacilityPermissions& p = m_presenter.Permissions();
    for (wxButton* button : {m_addJurisdiction, m_addFacility, m_delete}) {
        if (!p.writeFacilities) {
            button->SetToolTip(ReadOnlyReason());
        }
    }
    if (!p.writeTerminals) {
        m_addTerminal->SetToolTip(ReadOnlyReason());
        m_rotate->SetToolTip(ReadOnlyReason());
    }
    for (auto& [key, row] : m_fields) {
        if (!m_presenter.CanEdit(key.first)) {
            row.control->Enable(false);
            row.control->SetToolTip(ReadOnlyReason());
            for (wxWindow* child : row.control->GetChildren()) { // a picker's text and button
                child->SetToolTip(ReadOnlyReason());
            }
        }
    }
    if (!p.configure) {
        m_configure->SetToolTip(
            _("Remote configuration is for customer managers and for operators acting in this "
              "tenant."));
    }
}

bool FacilitiesView::ConfirmLeavingDraft() {
    const auto& draft = m_presenter.Draft();
    if (!draft || !draft->Dirty()) {
        return true;
    }
    switch (AskAboutUnsavedChanges(this)) {
    case UnsavedChoice::Save:
        m_presenter.Save();
        return false;
    case UnsavedChoice::Discard:
        m_presenter.DiscardDraft();
        return true;
    case UnsavedChoice::Cancel:
        break;
    }
    return false;
}

void FacilitiesView::UpdateButtons() {
    const auto& draft = m_presenter.Draft();
    const auto& selected = m_presenter.Selected();
    const FacilityPermissions& p = m_presenter.Permissions();
    const bool busy = m_presenter.Busy();
    const bool editable = draft && m_presenter.CanEdit(draft->ref.kind);
    m_save->Enable(editable && draft->Dirty() && !busy);
    m_revert->Enable(editable && draft->Dirty() && !busy);
    m_save->SetToolTip(draft && !editable ? ReadOnlyReason() : wxString());
    const bool terminalShown = draft && !draft->IsNew() && draft->ref.kind == NodeKind::Terminal;
    m_rotate->Show(terminalShown);
    m_rotate->Enable(terminalShown && p.writeTerminals && !busy);
    m_addJurisdiction->Enable(p.writeFacilities && !busy);
    const bool inJurisdiction = selected.has_value();
    m_addFacility->Enable(p.writeFacilities && inJurisdiction && !busy);
    m_addTerminal->Enable(p.writeTerminals && selected &&
                          selected->kind != NodeKind::Jurisdiction && !busy);
    m_delete->Enable(selected && m_presenter.CanEdit(selected->kind) && !busy);
    m_configure->Enable(selected && p.configure &&
                        !m_presenter.Tree().TerminalIdsUnder(*selected).empty());
    m_rotate->GetParent()->Layout();
}

void FacilitiesView::OnAdd(NodeKind kind) {
    if (!ConfirmLeavingDraft()) {
        return;
    }
    std::string parent;
    const auto& selected = m_presenter.Selected();
    if (selected && kind == NodeKind::Facility) {
        parent = selected->kind == NodeKind::Jurisdiction ? selected->id
                 : selected->kind == NodeKind::Facility
                     ? m_presenter.Tree().FindFacility(selected->id)->jurisdictionId
                     : m_presenter.Tree()
                           .FindFacility(m_presenter.Tree().FindTerminal(selected->id)->facilityId)
                           ->jurisdictionId;
    } else if (selected && kind == NodeKind::Terminal) {
        parent = selected->kind == NodeKind::Facility
                     ? selected->id
                     : m_presenter.Tree().FindTerminal(selected->id)->facilityId;
    }
    if (m_presenter.BeginAdd(kind, parent)) {
        if (auto* name = dynamic_cast<wxTextCtrl*>(FieldControl(field::kName))) {
            name->SetFocus();
        }
    }
}

void FacilitiesView::OnDelete() {
    const auto selected = m_presenter.Selected();
    if (!selected) {
        return;
    }
    const wxString name = FromUtf8(m_presenter.NameOf(*selected));
    wxString question;
    switch (selected->kind) {
    case NodeKind::Jurisdiction:
        question = wxString::Format(_("Delete the jurisdiction \"%s\"?"), name);
        break;
    case NodeKind::Facility:
        question = wxString::Format(_("Delete the facility \"%s\"?"), name);
        break;
    case NodeKind::Terminal:
        question = wxString::Format(
            _("Delete the terminal \"%s\"? Its device token stops working at once."), name);
        break;
    }
    wxMessageDialog ask(this, question, _("Delete"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    ask.SetYesNoLabels(_("Delete"), wxID_CANCEL);
    if (ask.ShowModal() == wxID_YES) {
        m_presenter.Delete(*selected);
    }
}

void FacilitiesView::OnConfigure() {
    const auto selected = m_presenter.Selected();
    if (!selected || !ConfirmLeavingDraft()) {
        return;
    }
    TerminalConfigDialog* dialog = NewConfigDialog();
    dialog->ShowModal();
    dialog->Destroy();
    m_presenter.Refresh();
}

TerminalConfigDialog* FacilitiesView::NewConfigDialog() {
    const auto selected = m_presenter.Selected();
    ConfigTarget target{*selected, m_presenter.NameOf(*selected),
                        m_presenter.Tree().TerminalIdsUnder(*selected)};
    auto* dialog = new TerminalConfigDialog(this, m_api, std::move(target), m_runner, m_ui);
    dialog->Start();
    return dialog;
}

void FacilitiesView::OnRotate() {
    const auto& draft = m_presenter.Draft();
    if (!draft || draft->IsNew() || draft->ref.kind != NodeKind::Terminal) {
        return;
    }
    wxMessageDialog ask(this,
                        wxString::Format(_("Issue a new device token for \"%s\"? The current token "
                                           "stops working at once; the terminal needs the new one "
                                           "entered in its settings."),
                                         FromUtf8(m_presenter.NameOf(draft->ref))),
                        _("New device token"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    ask.SetYesNoLabels(_("Issue new token"), wxID_CANCEL);
    if (ask.ShowModal() == wxID_YES) {
        m_presenter.RotateToken(draft->ref.id);
    }
}

void FacilitiesView::ShowToken(const ShownToken& token) {
    wxDialog dialog(this, wxID_ANY, _("Device token"));
    auto* column = new wxBoxSizer(wxVERTICAL);
    const wxString intro =
        token.created
            ? wxString::Format(_("The terminal \"%s\" has been registered. Enter this device "
                                 "token in the terminal's settings:"),
                               FromUtf8(token.terminalName))
            : wxString::Format(_("New device token for \"%s\". Enter it in the terminal's "
                                 "settings:"),
                               FromUtf8(token.terminalName));
    auto* introText = new wxStaticText(&dialog, wxID_ANY, intro);
    introText->Wrap(dialog.FromDIP(440));
    column->Add(introText, layout::Padded(&dialog, Space::Large, wxLEFT | wxRIGHT | wxTOP));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* value = new wxTextCtrl(&dialog, wxID_ANY, FromUtf8(token.token), wxDefaultPosition,
                                 dialog.FromDIP(wxSize(360, -1)), wxTE_READONLY);
    row->Add(value, wxSizerFlags(1).CenterVertical());
    auto* copy = new wxButton(&dialog, wxID_ANY, _("Copy"));
    row->Add(copy, wxSizerFlags().Border(wxLEFT, Px(&dialog, Space::Medium)));
    column->Add(row, layout::Padded(&dialog, Space::Large).Expand());
    auto* warning = new wxStaticText(
        &dialog, wxID_ANY,
        _("This token will not be shown again. Copy it now; if it is lost, issue a new one."));
    warning->SetFont(layout::Emphasized(&dialog));
    warning->Wrap(dialog.FromDIP(440));
    column->Add(warning, layout::Padded(&dialog, Space::Large, wxLEFT | wxRIGHT | wxBOTTOM));
    column->Add(dialog.CreateSeparatedButtonSizer(wxOK),
                layout::Padded(&dialog, Space::Large).Expand());
    dialog.SetSizerAndFit(column);
    copy->Bind(wxEVT_BUTTON, [value, copy](wxCommandEvent&) {
        if (wxTheClipboard->Open()) {
            wxTheClipboard->SetData(new wxTextDataObject(value->GetValue()));
            wxTheClipboard->Close();
            copy->SetLabel(_("Copied"));
        }
    });
    dialog.CentreOnParent();
    dialog.ShowModal();
}

} // namespace resv::views
