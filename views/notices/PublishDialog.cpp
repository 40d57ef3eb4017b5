#include "views/notices/PublishDialog.h"

#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Words.h"
#include "views/common/Wrap.h"
#include "views/notices/NoticeWords.h"

#include "resv/model/Monitoring.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;
namespace f = publish_field;

constexpr int kFieldWidth = 420;

wxColour ErrorColour() {
    return {0xB0, 0x00, 0x20};
}

const model::IncidentSeverity kSeverities[] = {model::IncidentSeverity::Minor,
                                               model::IncidentSeverity::Major,
                                               model::IncidentSeverity::Critical};
const model::IncidentStatus kStatuses[] = {
    model::IncidentStatus::Investigating, model::IncidentStatus::Identified,
    model::IncidentStatus::Monitoring, model::IncidentStatus::Resolved};
const model::NoticeKind kKinds[] = {model::NoticeKind::Change, model::NoticeKind::Maintenance,
                                    model::NoticeKind::Vulnerability};

wxString TitleOf(PublishMode mode) {
    switch (mode) {
    case PublishMode::NewIncident:
        return _("New incident");
    case PublishMode::IncidentUpdate:
        // TRANSLATORS: a dialog's title: a new entry in an incident's timeline.
        return _("Post an update");
    case PublishMode::NewNotice:
        return _("New notice");
    case PublishMode::NoticeFollowUp:
        return _("Post a follow-up");
    }
    return {};
}

template <typename T, std::size_t N>
int IndexOf(const T (&values)[N], T value) {
    for (std::size_t i = 0; i < N; ++i) {
        if (values[i] == value) {
            return static_cast<int>(i);
        }
    }
    return 0;
}

} // namespace

PublishDialog::PublishDialog(wxWindow* parent, std::shared_ptr<client::INoticesApi> api,
                             PublishMode mode, std::optional<InboxItem> existing,
                             ITaskRunner& runner, IUiDispatcher& ui)
    : wxDialog(parent, wxID_ANY, TitleOf(mode), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
    , m_presenter(std::move(api), mode, std::move(existing), runner, ui) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* grid = layout::NewFormGrid(this);
    const PublishForm& form = m_presenter.Form();
    m_title = new wxTextCtrl(this, wxID_ANY, FromUtf8(form.title), wxDefaultPosition,
                             FromDIP(wxSize(kFieldWidth, -1)));
    AddField(grid, _("Title"), m_title, f::kTitle);
    if (m_presenter.IsIncident()) {
        BuildIncidentFields(grid);
    } else {
        BuildNoticeFields(grid);
    }
    if (m_presenter.IsNew()) {
        BuildTenants(grid);
    }
    m_message = new wxTextCtrl(this, wxID_ANY, FromUtf8(form.message), wxDefaultPosition,
                               FromDIP(wxSize(kFieldWidth, 120)), wxTE_MULTILINE);
    AddField(grid,
             m_presenter.IsIncident() ? _("Message")
             : m_presenter.IsNew()    ? _("Body")
                                      : _("Follow-up"),
             m_message, f::kMessage,
             m_presenter.IsNew() ? _("E-mailed to the designated contacts of the tenants chosen.")
                                 : _("Added below the earlier text, and e-mailed again."));
    if (m_presenter.Mode() != PublishMode::IncidentUpdate) {
        wxSizer* when = BuildWhen();
        AddField(grid, m_presenter.IsIncident() ? _("Detected at") : _("Effective at"), nullptr,
                 f::kWhen,
                 m_presenter.IsIncident()
                     ? _("Leave empty if it was detected just now. Customers must be notified "
                         "within 72 hours of detection.")
                     : _("Changes and maintenance are announced at least 7 days before they take "
                         "effect, unless it is an emergency."),
                 when);
    }
    if (!m_presenter.IsIncident()) {
        // TRANSLATORS: a check box: the notice cannot wait the 7 days.
        m_emergency = new wxCheckBox(this, wxID_ANY, _("Emergency: publish with less than 7 days"));
        m_emergency->SetValue(form.emergency);
        AddField(grid, wxString(), m_emergency, "emergency");
        m_reason = new wxTextCtrl(this, wxID_ANY, FromUtf8(form.reason));
        AddField(grid, _("Reason"), m_reason, f::kReason);
    }
    column->Add(grid, layout::Padded(this, Space::Large).Expand().Proportion(1));

    auto* general = new wxStaticText(this, wxID_ANY, wxString());
    general->SetForegroundColour(ErrorColour());
    general->Hide();
    m_errors[f::kGeneral] = general;
    column->Add(general, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT));

    auto* buttons = new wxStdDialogButtonSizer;
    // TRANSLATORS: the editor's button: publish and e-mail it.
    m_publish = new wxButton(this, wxID_OK, m_presenter.IsNew() ? _("Publish") : _("Post"));
    m_publish->SetDefault();
    buttons->AddButton(m_publish);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
    buttons->Realize();
    column->Add(buttons, layout::Padded(this, Space::Large).Expand());
    SetSizerAndFit(column);

    m_presenter.SetCallbacks({
        [this] { ShowState(); },
        [this](const InboxItem& item) {
            m_published = item;
            EndModal(wxID_OK);
        },
        [this](const client::ApiError& error) {
            SetWrappedLabel(*m_errors[f::kGeneral], DescribeError(error).Full(),
                            FromDIP(kFieldWidth + 100));
            m_errors[f::kGeneral]->Show();
            ShowState();
        },
    });
    BindEvents();
    ShowState();
    CentreOnParent();
}

void PublishDialog::Start() {
    m_presenter.Start();
}

void PublishDialog::BuildIncidentFields(wxSizer* grid) {
    const PublishForm& form = m_presenter.Form();
    m_severity = new wxChoice(this, wxID_ANY);
    for (const auto severity : kSeverities) {
        m_severity->Append(SeverityText(severity));
    }
    m_severity->SetSelection(IndexOf(kSeverities, form.severity));
    AddField(grid, _("Severity"), m_severity, f::kSeverity);
    m_status = new wxChoice(this, wxID_ANY);
    for (const auto status : kStatuses) {
        m_status->Append(IncidentStatusText(status));
    }
    m_status->SetSelection(IndexOf(kStatuses, form.status));
    AddField(grid, _("Status"), m_status, f::kStatus);
    if (m_presenter.IsNew()) {
        m_components =
            new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 80)));
        for (const auto id : model::ComponentIds()) {
            m_components->Append(ComponentText(id));
        }
        AddField(grid, _("Components"), m_components, f::kComponents);
    }
}

void PublishDialog::BuildNoticeFields(wxSizer* grid) {
    m_kind = new wxChoice(this, wxID_ANY);
    for (const auto kind : kKinds) {
        m_kind->Append(NoticeKindText(kind));
    }
    m_kind->SetSelection(IndexOf(kKinds, m_presenter.Form().kind));
    m_kind->Enable(m_presenter.IsNew());
    AddField(grid, _("Kind"), m_kind, "kind");
}

void PublishDialog::BuildTenants(wxSizer* grid) {
    auto* cell = new wxBoxSizer(wxVERTICAL);
    // TRANSLATORS: a check box: the incident or notice concerns every customer tenant.
    m_allTenants = new wxCheckBox(this, wxID_ANY, _("All tenants"));
    cell->Add(m_allTenants);
    m_tenants = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 100)));
    cell->Add(m_tenants, wxSizerFlags().Expand().Border(wxTOP, Px(this, Space::Small)));
    // TRANSLATORS: a label: the customer tenants an incident or notice concerns.
    AddField(grid, _("Tenants"), nullptr, f::kTenants, {}, cell);
}

wxSizer* PublishDialog::BuildWhen() {
    const PublishForm& form = m_presenter.Form();
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_date = new wxTextCtrl(this, wxID_ANY, FromUtf8(form.date), wxDefaultPosition,
                            FromDIP(wxSize(110, -1)));
    m_date->SetHint(wxS("YYYY-MM-DD"));
    m_time = new wxTextCtrl(this, wxID_ANY, FromUtf8(form.time), wxDefaultPosition,
                            FromDIP(wxSize(70, -1)));
    m_time->SetHint(wxS("HH:MM"));
    row->Add(m_date, wxSizerFlags().CenterVertical());
    row->Add(m_time, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Small)));
    row->Add(new wxStaticText(this, wxID_ANY, wxS("JST")),
             wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Small)));
    auto* cell = new wxBoxSizer(wxVERTICAL);
    cell->Add(row);
    if (!m_presenter.IsIncident()) {
        m_leadHint = new wxStaticText(this, wxID_ANY, wxString());
        m_leadHint->SetForegroundColour(wxColour(0x9A, 0x5B, 0x00));
        SetWrappedLabel(*m_leadHint,
                        _("Less than 7 days from now: the server will refuse it unless it is "
                          "marked as an emergency with a reason."),
                        FromDIP(kFieldWidth));
        m_leadHint->Hide();
        cell->Add(m_leadHint, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    }
    return cell;
}

void PublishDialog::AddField(wxSizer* grid, const wxString& label, wxWindow* control,
                             const char* field, const wxString& note, wxSizer* cellContent) {
    const bool tall = dynamic_cast<wxCheckListBox*>(control) != nullptr || control == m_message ||
                      cellContent != nullptr;
    grid->Add(new wxStaticText(this, wxID_ANY, label),
              tall ? wxSizerFlags().Top().Right() : layout::FormLabel());
    auto* cell = new wxBoxSizer(wxVERTICAL);
    if (control != nullptr) {
        cell->Add(control, wxSizerFlags(control == m_message ? 1 : 0).Expand());
    }
    if (cellContent != nullptr) {
        cell->Add(cellContent, wxSizerFlags().Expand());
    }
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
}

void PublishDialog::BindEvents() {
    PublishForm& form = m_presenter.Form();
    m_title->Bind(wxEVT_TEXT, [this, &form](wxCommandEvent&) {
        form.title = ToUtf8(m_title->GetValue());
        m_presenter.Changed(f::kTitle);
    });
    m_message->Bind(wxEVT_TEXT, [this, &form](wxCommandEvent&) {
        form.message = ToUtf8(m_message->GetValue());
        m_presenter.Changed(f::kMessage);
    });
    if (m_severity != nullptr) {
        m_severity->Bind(wxEVT_CHOICE, [this, &form](wxCommandEvent&) {
            form.severity = kSeverities[m_severity->GetSelection()];
        });
        m_status->Bind(wxEVT_CHOICE, [this, &form](wxCommandEvent&) {
            form.status = kStatuses[m_status->GetSelection()];
        });
    }
    if (m_components != nullptr) {
        m_components->Bind(wxEVT_CHECKLISTBOX, [this, &form](wxCommandEvent&) {
            form.components.clear();
            const auto& ids = model::ComponentIds();
            for (unsigned i = 0; i < m_components->GetCount() && i < ids.size(); ++i) {
                if (m_components->IsChecked(i)) {
                    form.components.emplace_back(ids[i]);
                }
            }
            m_presenter.Changed(f::kComponents);
        });
    }
    if (m_kind != nullptr) {
        m_kind->Bind(wxEVT_CHOICE, [this, &form](wxCommandEvent&) {
            form.kind = kKinds[m_kind->GetSelection()];
            ShowState();
        });
    }
    if (m_allTenants != nullptr) {
        m_allTenants->Bind(wxEVT_CHECKBOX, [this, &form](wxCommandEvent&) {
            form.allTenants = m_allTenants->GetValue();
            m_presenter.Changed(f::kTenants);
            ShowState();
        });
        m_tenants->Bind(wxEVT_CHECKLISTBOX, [this, &form](wxCommandEvent&) {
            form.tenants.clear();
            const auto& tenants = m_presenter.Tenants();
            for (unsigned i = 0; i < m_tenants->GetCount() && i < tenants.size(); ++i) {
                if (m_tenants->IsChecked(i)) {
                    form.tenants.push_back(tenants[i].code);
                }
            }
            m_presenter.Changed(f::kTenants);
        });
    }
    if (m_date != nullptr) {
        const auto when = [this, &form](wxCommandEvent&) {
            form.date = ToUtf8(m_date->GetValue());
            form.time = ToUtf8(m_time->GetValue());
            m_presenter.Changed(f::kWhen);
            ShowState();
        };
        m_date->Bind(wxEVT_TEXT, when);
        m_time->Bind(wxEVT_TEXT, when);
    }
    if (m_emergency != nullptr) {
        m_emergency->Bind(wxEVT_CHECKBOX, [this, &form](wxCommandEvent&) {
            form.emergency = m_emergency->GetValue();
            m_presenter.Changed(f::kReason);
            m_presenter.Changed(f::kWhen);
            ShowState();
        });
        m_reason->Bind(wxEVT_TEXT, [this, &form](wxCommandEvent&) {
            form.reason = ToUtf8(m_reason->GetValue());
            m_presenter.Changed(f::kReason);
        });
    }
    m_publish->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_errors[f::kGeneral]->Hide();
        m_presenter.Publish(); // the dialog ends when the server has accepted it
    });
}

void PublishDialog::FillTenants() {
    m_tenants->Clear();
    for (const auto& tenant : m_presenter.Tenants()) {
        const int index = m_tenants->Append(NameWithCode(tenant.name, tenant.code));
        const auto& chosen = m_presenter.Form().tenants;
        m_tenants->Check(index,
                         std::find(chosen.begin(), chosen.end(), tenant.code) != chosen.end());
    }
    m_tenantsFilled = true;
}

void PublishDialog::ShowState() {
    if (m_tenants != nullptr) {
        if (m_presenter.TenantsLoaded() && !m_tenantsFilled) {
            FillTenants();
        }
        m_tenants->Enable(!m_presenter.Form().allTenants);
    }
    if (m_reason != nullptr) {
        m_reason->Enable(m_presenter.Form().emergency);
    }
    bool grew = false;
    if (m_leadHint != nullptr) {
        // The server's own lead_time error says it better once it is there.
        const bool show =
            m_presenter.LeadTimeShort(model::Now()) && m_presenter.Errors().count(f::kWhen) == 0;
        grew |= show && !m_leadHint->IsShown();
        m_leadHint->Show(show);
    }
    for (const auto& [field, label] : m_errors) {
        if (field == f::kGeneral) {
            continue;
        }
        const auto error = m_presenter.Errors().find(field);
        const bool show = error != m_presenter.Errors().end();
        if (show) {
            const wxString text = NoticeFieldErrorText(error->second);
            if (label->GetLabel() != text) {
                SetWrappedLabel(*label, text, FromDIP(kFieldWidth));
            }
        }
        grew |= show && !label->IsShown();
        label->Show(show);
    }
    m_publish->Enable(!m_presenter.Busy());
    Layout();
    if (grew) {
        wxSize size = GetSize();
        size.IncTo(GetBestSize());
        SetSize(size);
    }
}

wxString PublishDialog::ErrorShown(const std::string& control) const {
    const auto it = m_errors.find(control);
    return it != m_errors.end() && it->second->IsShown() ? it->second->GetLabel() : wxString();
}

} // namespace resv::views
