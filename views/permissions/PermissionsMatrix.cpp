#include "views/permissions/PermissionsView.h"

#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Words.h"
#include "views/common/Wrap.h"
#include "views/permissions/PermissionWords.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/infobar.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

// The right side of PermissionsView: the selected role's name, kind and tier, and the matrix of
// catalogue permissions with a checkbox each, Save and Revert.

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

constexpr int kExplanationWidthDip = 400;

} // namespace

wxWindow* PermissionsView::BuildMatrixSide(wxWindow* parent) {
    auto* side = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_messages = new wxInfoBar(side);
    column->Add(m_messages, wxSizerFlags().Expand());

    auto* heading = new wxBoxSizer(wxHORIZONTAL);
    m_title = new wxStaticText(side, wxID_ANY, wxString());
    m_title->SetFont(layout::Emphasized(side, 1.25));
    heading->Add(m_title, wxSizerFlags().CenterVertical());
    m_kind = new wxStaticText(side, wxID_ANY, wxString());
    m_kind->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    heading->Add(m_kind, wxSizerFlags(1).CenterVertical().Border(wxLEFT, Px(side, Space::Large)));
    column->Add(heading, wxSizerFlags().Expand().Border(wxTOP | wxBOTTOM, Px(side, Space::Medium)));

    auto* tierRow = new wxBoxSizer(wxHORIZONTAL);
    tierRow->Add(new wxStaticText(side, wxID_ANY, _("Tier:")), wxSizerFlags().CenterVertical());
    m_tier = new wxChoice(side, wxID_ANY);
    m_tier->Append(TierName(model::Tier::Manager));
    m_tier->Append(TierName(model::Tier::Employee));
    tierRow->Add(m_tier, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(side, Space::Medium)));
    column->Add(tierRow, wxSizerFlags().Expand());
    auto* tierNote = new wxStaticText(side, wxID_ANY, wxString());
    tierNote->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    SetWrappedLabel(*tierNote,
                    _("Only manager-tier roles may view the usage history and service status."),
                    FromDIP(kExplanationWidthDip));
    column->Add(tierNote, wxSizerFlags().Expand().Border(wxTOP | wxBOTTOM, Px(side, Space::Small)));

    m_matrix = new wxScrolledWindow(side, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                    wxVSCROLL | wxBORDER_THEME);
    m_matrix->SetScrollRate(0, FromDIP(10));
    m_matrix->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX));
    column->Add(m_matrix, wxSizerFlags(1).Expand());

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    m_revert = new wxButton(side, wxID_ANY, _("Revert"));
    m_save = new wxButton(side, wxID_ANY, _("Save"));
    buttons->Add(m_revert, wxSizerFlags().Border(wxRIGHT, Px(side, Space::Medium)));
    buttons->Add(m_save);
    column->Add(buttons, wxSizerFlags().Expand().Border(wxTOP, Px(side, Space::Medium)));
    side->SetSizer(column);

    m_tier->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        m_presenter.SetTier(m_tier->GetSelection() == 0 ? model::Tier::Manager
                                                        : model::Tier::Employee);
    });
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Save(); });
    m_revert->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Revert(); });
    return side;
}

void PermissionsView::RebuildMatrix() {
    // Built once per catalogue: the rows stay while roles are selected and data refreshes.
    m_matrix->DestroyChildren();
    m_boxes.clear();
    m_matrixOrder.clear();
    auto* rows = new wxBoxSizer(wxVERTICAL);
    const wxColour grey = wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
    for (const model::PermissionInfo& info : m_presenter.Catalogue()) {
        // [x] View the usage history   usage.read
        //     See who did what and when (manager tier and above).
        MatrixControls controls;
        auto* line = new wxBoxSizer(wxHORIZONTAL);
        controls.box = new wxCheckBox(m_matrix, wxID_ANY, PermissionTitle(info.name));
        line->Add(controls.box, wxSizerFlags().CenterVertical());
        controls.code = new wxStaticText(m_matrix, wxID_ANY, FromUtf8(info.name));
        controls.code->SetForegroundColour(grey);
        line->Add(controls.code,
                  wxSizerFlags().CenterVertical().Border(wxLEFT, Px(m_matrix, Space::Large)));
        rows->Add(line,
                  wxSizerFlags().Border(wxLEFT | wxTOP | wxRIGHT, Px(m_matrix, Space::Small)));
        controls.explanation = new wxStaticText(m_matrix, wxID_ANY, wxString());
        controls.explanation->SetForegroundColour(grey);
        SetWrappedLabel(*controls.explanation, PermissionExplanation(info.name),
                        FromDIP(kExplanationWidthDip));
        rows->Add(controls.explanation, wxSizerFlags().Border(wxLEFT, FromDIP(28)));
        const std::string permission = info.name;
        controls.box->Bind(wxEVT_CHECKBOX, [this, permission](wxCommandEvent& event) {
            m_presenter.SetPermission(permission, event.IsChecked());
            ShowMatrix(); // a refused change unticks the box again
        });
        m_boxes.emplace(info.name, controls);
        m_matrixOrder.push_back(info.name);
    }
    m_matrix->SetSizer(rows);
    m_matrix->FitInside();
}

void PermissionsView::ScrollTo(const std::string& permission) {
    const wxCheckBox* box = Box(permission);
    int unitX = 0;
    int unitY = 0;
    m_matrix->GetScrollPixelsPerUnit(&unitX, &unitY);
    if (box && unitY > 0) {
        const wxPoint at = m_matrix->CalcUnscrolledPosition(box->GetPosition());
        m_matrix->Scroll(-1, std::max(0, at.y - FromDIP(8)) / unitY);
        m_matrix->Refresh(); // GTK left the strip scrolled in unpainted under Xvfb
    }
}

wxCheckBox* PermissionsView::Box(const std::string& permission) const {
    const auto it = m_boxes.find(permission);
    return it == m_boxes.end() ? nullptr : it->second.box;
}

void PermissionsView::ShowMatrix() {
    std::vector<std::string> order;
    for (const model::PermissionInfo& info : m_presenter.Catalogue()) {
        order.push_back(info.name);
    }
    if (order != m_matrixOrder) {
        RebuildMatrix();
    }
    const model::Role* role = m_presenter.Selected();
    m_title->SetLabel(role ? (role->builtin ? RoleName(role->name) : FromUtf8(role->name))
                           : wxString(_("No role selected")));
    m_kind->SetLabel(!role           ? wxString()
                     : role->builtin ? wxString(_("Built-in role: read-only"))
                                     : wxString(_("Custom role")));
    const auto tier = m_presenter.DraftTier();
    m_tier->SetSelection(!tier                            ? wxNOT_FOUND
                         : *tier == model::Tier::Manager  ? 0
                         : *tier == model::Tier::Employee ? 1
                                                          : wxNOT_FOUND);
    const bool busy = m_presenter.Busy();
    const bool editable = m_presenter.CanEditSelected() && !busy;
    m_tier->Enable(editable);
    m_tier->SetToolTip(!m_presenter.Access().write ? LockText(LockReason::ReadOnlyAccount)
                       : role && role->builtin     ? LockText(LockReason::Builtin)
                                                   : wxString());
    const auto rows = m_presenter.Matrix();
    for (auto& [permission, controls] : m_boxes) {
        controls.box->Enable(false);
        controls.box->SetValue(false);
    }
    for (const MatrixRow& row : rows) {
        const auto it = m_boxes.find(row.permission);
        if (it == m_boxes.end()) {
            continue;
        }
        wxCheckBox* box = it->second.box;
        box->SetValue(row.checked);
        box->Enable(row.lock == LockReason::None && !busy);
        // What Save would change is marked next to the code (a bold label would need GTK to
        // measure the checkbox again, which it does only later, so the label was cut off).
        wxStaticText* code = it->second.code;
        const wxString codeText =
            row.changed ? FromUtf8(row.permission) + wxS("  ") + _("(changed, not saved)")
                        : FromUtf8(row.permission);
        if (code->GetLabel() != codeText) {
            code->SetLabel(codeText);
            code->SetForegroundColour(row.changed
                                          ? wxColour(0x1A, 0x5F, 0xB4)
                                          : wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        }
        const wxString reason = LockText(row.lock);
        const wxString explanation = PermissionExplanation(row.permission);
        box->SetToolTip(reason.empty() ? explanation : explanation + wxS("\n\n") + reason);
    }
    m_matrix->FitInside(); // the bold rows change widths; the page may have been hidden
    m_matrix->Layout();
    m_title->GetParent()->Layout();
    UpdateButtons();
}

void PermissionsView::UpdateButtons() {
    const model::Role* role = m_presenter.Selected();
    const bool busy = m_presenter.Busy();
    const bool write = m_presenter.Access().write;
    const bool dirty = m_presenter.Dirty();
    m_save->Enable(dirty && !busy);
    m_revert->Enable(dirty && !busy);
    m_new->Enable(write && !busy);
    const bool custom = role && !role->builtin;
    m_rename->Enable(write && custom && !busy);
    m_delete->Enable(write && custom && !busy);
    if (write) {
        const wxString builtin = role && role->builtin ? LockText(LockReason::Builtin) : wxString();
        m_rename->SetToolTip(builtin);
        m_delete->SetToolTip(builtin);
        m_save->SetToolTip(builtin);
    } else {
        m_save->SetToolTip(LockText(LockReason::ReadOnlyAccount));
    }
}

} // namespace resv::views
