#include "views/home/HomeView.h"

#include "views/common/Icons.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Words.h"
#include "views/common/Wrap.h"

#include <wx/artprov.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statbox.h>
#include <wx/stattext.h>

#include <algorithm>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

constexpr int kNoteWrapDip = 520;

} // namespace

HomeView::HomeView(wxWindow* parent, const ISession& session)
    : wxPanel(parent)
    , m_presenter(session) {
    BuildLayout();
    ShowSession();
}

void HomeView::BuildLayout() {
    auto* top = new wxBoxSizer(wxVERTICAL);

    auto* header = new wxBoxSizer(wxHORIZONTAL);
    header->Add(new wxStaticBitmap(this, wxID_ANY, IconBundle(Icon::Account, 40)),
                wxSizerFlags().CenterVertical());
    auto* name = new wxStaticText(this, wxID_ANY, wxString());
    name->SetFont(layout::Emphasized(this, 1.5));
    m_values[Index(Row::DisplayName)] = name;
    header->Add(name, wxSizerFlags(1).CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    top->Add(header, layout::Padded(this, Space::Large).Expand());

    m_passwordNotice = BuildPasswordNotice();
    top->Add(m_passwordNotice,
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, Px(this, Space::Large)));
    top->Add(BuildAccountBox(),
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, Px(this, Space::Large)));
    top->Add(BuildSessionBox(),
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, Px(this, Space::Large)));
    SetSizer(top);
    AlignLabels();
}

wxWindow* HomeView::BuildPasswordNotice() {
    auto* notice = new wxPanel(this);
    notice->SetBackgroundColour(wxColour(0xFF, 0xF4, 0xD6));
    notice->SetForegroundColour(wxColour(0x33, 0x2B, 0x00));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticBitmap(
                 notice, wxID_ANY,
                 wxArtProvider::GetBitmapBundle(wxART_WARNING, wxART_OTHER, wxSize(24, 24))),
             layout::Padded(notice, Space::Medium).Top());
    auto* text = new wxStaticText(notice, wxID_ANY, wxString());
    SetWrappedLabel(
        *text,
        _("Your password is a temporary one and must be changed. Until it is, the server refuses "
          "other work with this account: ask your customer manager how to set a new password."),
        FromDIP(kNoteWrapDip));
    row->Add(text, layout::Padded(notice, Space::Medium, wxTOP | wxBOTTOM | wxRIGHT));
    notice->SetSizer(row);
    notice->Hide();
    return notice;
}

wxSizer* HomeView::BuildAccountBox() {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, this, _("Account"));
    wxWindow* parent = box->GetStaticBox();
    auto* grid = layout::NewFormGrid(this);
    AddRow(parent, grid, Row::LoginId, _("Login ID:"));
    AddRow(parent, grid, Row::Roles, _("Role:"));
    AddRow(parent, grid, Row::Tenant, _("Tenant:"));
    AddRow(parent, grid, Row::Region, _("Data stored in:"));
    AddRow(parent, grid, Row::ActingAs, _("Acting as tenant:"));
    box->Add(grid, layout::Padded(this, Space::Medium).Expand());
    m_actingAsNote = new wxStaticText(parent, wxID_ANY, wxString());
    m_actingAsNote->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    SetWrappedLabel(*m_actingAsNote,
                    _("Everything you do in this tenant is recorded in its usage history, which "
                      "its customer managers can read."),
                    FromDIP(kNoteWrapDip));
    box->Add(m_actingAsNote,
             wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, Px(this, Space::Medium)));
    return box;
}

wxSizer* HomeView::BuildSessionBox() {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, this, _("Session"));
    wxWindow* parent = box->GetStaticBox();
    auto* grid = layout::NewFormGrid(this);
    AddRow(parent, grid, Row::SessionEnds, _("Ends at:"));
    AddRow(parent, grid, Row::IdleEnds, _("Ends if unused until:"));
    box->Add(grid, layout::Padded(this, Space::Medium).Expand());
    return box;
}

void HomeView::AlignLabels() {
    // The two boxes have a grid each: one label width makes their values start in one column.
    int width = 0;
    for (const wxStaticText* label : m_labels) {
        if (label != nullptr) {
            width = std::max(width, label->GetBestSize().x);
        }
    }
    for (wxStaticText* label : m_labels) {
        if (label != nullptr) {
            label->SetMinSize(wxSize(width, -1));
        }
    }
}

void HomeView::AddRow(wxWindow* parent, wxFlexGridSizer* grid, Row row, const wxString& label) {
    auto* labelText =
        new wxStaticText(parent, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, wxALIGN_RIGHT);
    auto* value = new wxStaticText(parent, wxID_ANY, wxString());
    grid->Add(labelText, layout::FormLabel());
    grid->Add(value, wxSizerFlags().CenterVertical());
    m_labels[Index(row)] = labelText;
    m_values[Index(row)] = value;
}

void HomeView::SetRow(Row row, const wxString& text) {
    m_values[Index(row)]->SetLabel(text);
}

void HomeView::ShowSession() {
    const HomeModel home = m_presenter.Model();
    SetRow(Row::DisplayName, FromUtf8(home.displayName));
    SetRow(Row::LoginId, FromUtf8(home.loginId));
    SetRow(Row::Roles, RoleNames(home.roles));
    SetRow(Row::Tenant, NameWithCode(home.tenantName, home.tenantCode));
    SetRow(Row::Region, RegionName(home.dataRegion));
    SetRow(Row::SessionEnds, FromUtf8(home.sessionEndsJst));
    SetRow(Row::IdleEnds, FromUtf8(home.idleEndsJst));

    const bool acting = home.actingAs.has_value();
    SetRow(Row::ActingAs,
           acting ? NameWithCode(home.actingAs->name, home.actingAs->code) : wxString());
    m_labels[Index(Row::ActingAs)]->Show(acting);
    m_values[Index(Row::ActingAs)]->Show(acting);
    m_actingAsNote->Show(acting);
    m_passwordNotice->Show(home.mustChangePassword);
    Layout();
}

wxString HomeView::Shown(Row row) const {
    const wxStaticText* value = m_values[Index(row)];
    return value->IsShown() ? value->GetLabelText() : wxString();
}

bool HomeView::PasswordNoticeShown() const {
    return m_passwordNotice->IsShown();
}

} // namespace resv::views
