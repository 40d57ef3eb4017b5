#include "views/facilities/FacilitiesView.h"

#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"
#include "views/facilities/FieldMessages.h"
#include "views/facilities/ItemPicker.h"

#include "resv/model/Time.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/infobar.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

// The right side of FacilitiesView: the detail forms for a jurisdiction, a facility and a
// terminal (with its live status), and showing the presenter's draft in them.

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

enum Page { kEmptyPage, kJurisdictionPage, kFacilityPage, kTerminalPage };

} // namespace

wxWindow* FacilitiesView::BuildDetailSide(wxWindow* parent) {
    auto* side = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_messages = new wxInfoBar(side);
    column->Add(m_messages, wxSizerFlags().Expand());
    m_title = new wxStaticText(side, wxID_ANY, wxString());
    m_title->SetFont(layout::Emphasized(side, 1.25));
    column->Add(m_title, wxSizerFlags().Expand().Border(wxBOTTOM | wxTOP, Px(side, Space::Medium)));

    m_pages = new wxSimplebook(side);
    auto* empty = new wxPanel(m_pages);
    auto* emptySizer = new wxBoxSizer(wxVERTICAL);
    emptySizer->Add(new wxStaticText(empty, wxID_ANY,
                                     _("Select a jurisdiction, facility or terminal to see and "
                                       "edit its details.")),
                    wxSizerFlags().Expand());
    empty->SetSizer(emptySizer);
    m_pages->AddPage(empty, wxString());
    m_pages->AddPage(BuildForm(m_pages, NodeKind::Jurisdiction), wxString());
    m_pages->AddPage(BuildForm(m_pages, NodeKind::Facility), wxString());
    m_pages->AddPage(BuildForm(m_pages, NodeKind::Terminal), wxString());
    column->Add(m_pages, wxSizerFlags(1).Expand());

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_rotate = new wxButton(side, wxID_ANY, _("New device token..."));
    buttons->Add(m_rotate);
    buttons->AddStretchSpacer();
    m_revert = new wxButton(side, wxID_ANY, _("Revert"));
    m_save = new wxButton(side, wxID_ANY, _("Save"));
    buttons->Add(m_revert, wxSizerFlags().Border(wxRIGHT, Px(side, Space::Medium)));
    buttons->Add(m_save);
    column->Add(buttons, wxSizerFlags().Expand().Border(wxTOP, Px(side, Space::Medium)));
    auto* padded = new wxBoxSizer(wxVERTICAL); // clear of the splitter's sash
    padded->Add(column, wxSizerFlags(1).Expand().Border(wxLEFT, Px(side, Space::Medium)));
    side->SetSizer(padded);

    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Save(); });
    m_revert->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Revert(); });
    m_rotate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnRotate(); });
    return side;
}

wxWindow* FacilitiesView::BuildForm(wxWindow* parent, NodeKind kind) {
    auto* page = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    wxFlexGridSizer* grid = layout::NewFormGrid(page);
    switch (kind) {
    case NodeKind::Jurisdiction:
        AddTextField(page, grid, kind, field::kName, _("Name"));
        break;
    case NodeKind::Facility:
        AddTextField(page, grid, kind, field::kName, _("Name"));
        // TRANSLATORS: the jurisdiction a facility belongs to; changing it moves the facility.
        AddPickerField(page, grid, kind, field::kJurisdictionId, _("Jurisdiction"),
                       _("Choose a jurisdiction"));
        AddTextField(page, grid, kind, field::kAddress, _("Address"));
        AddTextField(page, grid, kind, field::kPhone, _("Phone"));
        AddTextField(page, grid, kind, field::kNotes, _("Notes"), wxTE_MULTILINE);
        break;
    case NodeKind::Terminal:
        AddTextField(page, grid, kind, field::kName, _("Name"));
        AddChoiceField(page, grid, kind, field::kKind, _("Kind"));
        AddPickerField(page, grid, kind, field::kFacilityId, _("Facility"),
                       _("Choose a facility"));
        AddTextField(page, grid, kind, field::kIpAddress, _("IP address"));
        AddTextField(page, grid, kind, field::kModel, _("Model"));
        AddTextField(page, grid, kind, field::kSerial, _("Serial number"));
        break;
    }
    column->Add(grid, wxSizerFlags().Expand());
    if (kind == NodeKind::Terminal) {
        column->Add(BuildTerminalStatus(page),
                    wxSizerFlags().Expand().Border(wxTOP, Px(page, Space::Large)));
    }
    page->SetSizer(column);
    return page;
}

void FacilitiesView::AddTextField(wxWindow* page, wxSizer* grid, NodeKind kind, const char* name,
                                  const wxString& label, long style) {
    grid->Add(new wxStaticText(page, wxID_ANY, label),
              style & wxTE_MULTILINE ? wxSizerFlags().Right().Top() : layout::FormLabel());
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* text = new wxTextCtrl(
        page, wxID_ANY, wxString(), wxDefaultPosition,
        style & wxTE_MULTILINE ? page->FromDIP(wxSize(-1, 80)) : wxDefaultSize, style);
    column->Add(text, wxSizerFlags().Expand());
    auto* error = new wxStaticText(page, wxID_ANY, wxString());
    error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    error->Hide();
    column->Add(error, wxSizerFlags().Expand().Border(wxTOP, Px(page, Space::Small)));
    grid->Add(column, layout::FormField());
    m_fields[{kind, name}] = {kind, text, error};
    const std::string key = name;
    text->Bind(wxEVT_TEXT, [this, text, key](wxCommandEvent&) {
        m_presenter.SetValue(key, ToUtf8(text->GetValue()));
        UpdateButtons();
    });
}

void FacilitiesView::AddChoiceField(wxWindow* page, wxSizer* grid, NodeKind kind, const char* name,
                                    const wxString& label) {
    grid->Add(new wxStaticText(page, wxID_ANY, label), layout::FormLabel());
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* choice = new wxChoice(page, wxID_ANY);
    column->Add(choice, wxSizerFlags().Expand());
    auto* error = new wxStaticText(page, wxID_ANY, wxString());
    error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    error->Hide();
    column->Add(error, wxSizerFlags().Expand().Border(wxTOP, Px(page, Space::Small)));
    grid->Add(column, layout::FormField());
    m_fields[{kind, name}] = {kind, choice, error};
    const std::string key = name;
    choice->Append(TerminalKindText(model::TerminalKind::Kiosk)); // the one choice: Kind
    choice->Append(TerminalKindText(model::TerminalKind::AgentPc));
    choice->Bind(wxEVT_CHOICE, [this, choice, key](wxCommandEvent&) {
        const int selection = choice->GetSelection();
        if (selection == wxNOT_FOUND) {
            return;
        }
        const std::string value = selection == 0 ? "kiosk" : "agent_pc";
        m_presenter.SetValue(key, value);
        UpdateButtons();
    });
}

wxSizer* FacilitiesView::BuildTerminalStatus(wxWindow* parent) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, _("Status"));
    wxWindow* boxWindow = box->GetStaticBox();
    wxFlexGridSizer* grid = layout::NewFormGrid(boxWindow);
    const std::pair<const char*, wxString> rows[] = {
        {"status", _("Connection")},
        {"state", _("State")},
        // TRANSLATORS: the value is a date and time in Japan Standard Time.
        {"last_seen", _("Last seen (JST)")},
        {"app_version", _("App version")},
        {"ip", _("Reported IP address")},
        // TRANSLATORS: the remote configuration version a terminal should run and runs.
        {"config", _("Configuration")},
    };
    for (const auto& [key, label] : rows) {
        grid->Add(new wxStaticText(boxWindow, wxID_ANY, label), wxSizerFlags().Right().Top());
        auto* value = new wxStaticText(boxWindow, wxID_ANY, wxString());
        grid->Add(value, layout::FormField());
        m_statusRows[key] = value;
    }
    box->Add(grid, layout::Padded(boxWindow, Space::Medium).Expand());
    m_statusBox = boxWindow;
    return box;
}

wxWindow* FacilitiesView::FieldControl(const std::string& name) const {
    const auto& draft = m_presenter.Draft();
    const NodeKind kind = draft ? draft->ref.kind : NodeKind::Jurisdiction;
    const auto it = m_fields.find({kind, name});
    return it == m_fields.end() ? nullptr : it->second.control;
}

wxStaticText* FacilitiesView::FieldError(const std::string& name) const {
    const auto& draft = m_presenter.Draft();
    const NodeKind kind = draft ? draft->ref.kind : NodeKind::Jurisdiction;
    const auto it = m_fields.find({kind, name});
    return it == m_fields.end() ? nullptr : it->second.error;
}

void FacilitiesView::AddPickerField(wxWindow* page, wxSizer* grid, NodeKind kind,
                                    const char* name, const wxString& label,
                                    const wxString& dialogTitle) {
    grid->Add(new wxStaticText(page, wxID_ANY, label), layout::FormLabel());
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* picker = new PickerField(page, dialogTitle);
    column->Add(picker, wxSizerFlags().Expand());
    auto* error = new wxStaticText(page, wxID_ANY, wxString());
    error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    error->Hide();
    column->Add(error, wxSizerFlags().Expand().Border(wxTOP, Px(page, Space::Small)));
    grid->Add(column, layout::FormField());
    m_fields[{kind, name}] = {kind, picker, error};
    const std::string key = name;
    picker->OnChosen([this, key](const std::string& id) {
        m_presenter.SetValue(key, id);
        UpdateButtons();
    });
}

void FacilitiesView::FillChoices() {
    if (!m_choicesStale) {
        return;
    }
    m_choicesStale = false;
    const FacilityTree& tree = m_presenter.Tree();
    const FacilityData& data = tree.Data();
    auto byLabel = [](const PickItem& a, const PickItem& b) { return a.label.CmpNoCase(b.label) < 0; };
    std::vector<PickItem> items;
    items.reserve(data.jurisdictions.size());
    for (const auto& j : data.jurisdictions) {
        items.push_back({j.id, FromUtf8(j.name)});
    }
    std::sort(items.begin(), items.end(), byLabel);
    static_cast<PickerField*>(m_fields[{NodeKind::Facility, field::kJurisdictionId}].control)
        ->SetItems(std::move(items));
    items.clear();
    items.reserve(data.facilities.size());
    for (const auto& f : data.facilities) {
        const model::Jurisdiction* j = tree.FindJurisdiction(f.jurisdictionId);
        // TRANSLATORS: a facility in the facility picker, after its jurisdiction.
        items.push_back({f.id, wxString::Format(_("%s / %s"), j ? FromUtf8(j->name) : wxString(),
                                                FromUtf8(f.name))});
    }
    std::sort(items.begin(), items.end(), byLabel);
    static_cast<PickerField*>(m_fields[{NodeKind::Terminal, field::kFacilityId}].control)
        ->SetItems(std::move(items));
}

void FacilitiesView::ShowDraft() {
    const auto& draft = m_presenter.Draft();
    if (!draft) {
        m_pages->ChangeSelection(kEmptyPage);
        m_title->SetLabel(wxString());
        UpdateButtons();
        return;
    }
    const NodeKind kind = draft->ref.kind;
    m_pages->ChangeSelection(kind == NodeKind::Jurisdiction ? kJurisdictionPage
                             : kind == NodeKind::Facility   ? kFacilityPage
                                                            : kTerminalPage);
    FillChoices();
    if (draft->IsNew()) {
        m_title->SetLabel(kind == NodeKind::Jurisdiction ? _("New jurisdiction")
                          : kind == NodeKind::Facility   ? _("New facility")
                                                         : _("New terminal"));
    } else {
        const wxString what = kind == NodeKind::Jurisdiction ? _("Jurisdiction")
                              : kind == NodeKind::Facility   ? _("Facility")
                                                             : _("Terminal");
        // TRANSLATORS: the detail panel's title: the kind of item, then its name.
        m_title->SetLabel(
            wxString::Format(_("%s: %s"), what, FromUtf8(m_presenter.NameOf(draft->ref))));
    }
    for (auto& [key, row] : m_fields) {
        if (key.first != kind) {
            continue;
        }
        const std::string value = draft->Value(key.second);
        if (auto* text = dynamic_cast<wxTextCtrl*>(row.control)) {
            if (ToUtf8(text->GetValue()) != value) {
                text->ChangeValue(FromUtf8(value));
            }
        } else if (auto* choice = dynamic_cast<wxChoice*>(row.control)) {
            choice->SetSelection(value == "agent_pc" ? 1 : 0);
        } else if (auto* picker = dynamic_cast<PickerField*>(row.control)) {
            picker->SetSelectedId(value);
        }
        const auto error = draft->errors.find(key.second);
        if (error != draft->errors.end()) {
            row.error->SetLabel(FieldErrorText(error->second));
            row.error->Show();
        } else if (row.error->IsShown()) {
            row.error->Hide();
        }
    }
    if (kind == NodeKind::Terminal) {
        ShowTerminalStatus(draft->IsNew() ? nullptr
                                          : m_presenter.Tree().FindTerminal(draft->ref.id));
    }
    m_pages->GetCurrentPage()->Layout();
    UpdateButtons();
}

void FacilitiesView::ShowTerminalStatus(const model::Terminal* terminal) {
    m_statusBox->Show(terminal != nullptr);
    if (!terminal) {
        return;
    }
    const TerminalStatus status = StatusOf(*terminal);
    m_statusRows["status"]->SetLabel(terminal->online ? _("Online") : _("Offline"));
    m_statusRows["state"]->SetLabel(terminal->state ? TerminalStateText(*terminal->state)
                                                    : _("Not reported yet"));
    m_statusRows["last_seen"]->SetLabel(
        terminal->lastSeenAt ? FromUtf8(model::FormatJstDateTime(*terminal->lastSeenAt))
                             : _("Never"));
    m_statusRows["app_version"]->SetLabel(terminal->appVersion ? FromUtf8(*terminal->appVersion)
                                                               : _("Not reported yet"));
    wxString ip = terminal->reportedIp ? FromUtf8(*terminal->reportedIp) : _("Not reported yet");
    if (terminal->ipMismatch) {
        ip = wxString::Format(_("%s - WARNING: differs from the registered address %s. Check "
                                "the terminal's network or correct the registration."),
                              ip, FromUtf8(terminal->ipAddress));
    }
    // Japanese has no spaces to break at: the shared wrapper breaks it by its own rules.
    SetWrappedLabel(*m_statusRows["ip"], ip, m_statusBox->FromDIP(380));
    m_statusRows["ip"]->SetForegroundColour(terminal->ipMismatch ? wxColour(0xB0, 0x00, 0x20)
                                                                 : GetForegroundColour());
    wxString config;
    switch (status == TerminalStatus::ConfigFailed    ? model::ConfigState::Failed
            : status == TerminalStatus::ConfigPending ? model::ConfigState::Pending
                                                      : terminal->configState) {
    case model::ConfigState::Applied:
        config = wxString::Format(_("Version %d applied"), terminal->appliedConfigVersion);
        break;
    case model::ConfigState::Pending:
        config = wxString::Format(_("Version %d pending (the terminal runs version %d)"),
                                  terminal->desiredConfigVersion, terminal->appliedConfigVersion);
        break;
    case model::ConfigState::Failed:
        config = wxString::Format(_("Version %d failed: %s (the terminal runs version %d)"),
                                  terminal->desiredConfigVersion,
                                  FromUtf8(terminal->configError.value_or("")),
                                  terminal->appliedConfigVersion);
        break;
    }
    SetWrappedLabel(*m_statusRows["config"], config, m_statusBox->FromDIP(380));
}

wxString FacilitiesView::TerminalDetailText() const {
    wxString text;
    for (const char* key : {"status", "state", "last_seen", "app_version", "ip", "config"}) {
        wxString row = m_statusRows.at(key)->GetLabel();
        row.Replace(wxS("\n"), wxString()); // undo the wrapping: one row, one line
        text << row << wxS("\n");
    }
    return text;
}

} // namespace resv::views
