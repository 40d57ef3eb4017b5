#include "views/notices/ContactsDialog.h"

#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/UnsavedChanges.h"
#include "views/common/Wrap.h"
#include "views/notices/NoticeWords.h"

#include <wx/button.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

constexpr int kFieldWidth = 360;

wxColour ErrorColour() {
    return {0xB0, 0x00, 0x20};
}

} // namespace

ContactsDialog::ContactsDialog(wxWindow* parent, std::shared_ptr<client::INoticesApi> api,
                               bool writable, ITaskRunner& runner, IUiDispatcher& ui)
    : wxDialog(parent, wxID_ANY, _("Designated contacts"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
    , m_presenter(std::move(api), writable, runner, ui) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(this, wxID_ANY, wxString());
    SetWrappedLabel(*intro,
                    writable
                        ? _("Incidents and notices are sent by e-mail to these addresses, as well "
                            "as shown here. At most 20.")
                        : _("Incidents and notices are sent by e-mail to these addresses. Only a "
                            "customer manager can change them."),
                    FromDIP(kFieldWidth + 80));
    column->Add(intro, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxTOP));

    m_rowsPanel = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition,
                                       FromDIP(wxSize(kFieldWidth + 120, 260)), wxVSCROLL);
    m_rowsPanel->SetScrollRate(0, FromDIP(12));
    m_rowsPanel->SetSizer(new wxBoxSizer(wxVERTICAL));
    column->Add(m_rowsPanel, layout::Padded(this, Space::Large).Expand().Proportion(1));

    m_listError = new wxStaticText(this, wxID_ANY, wxString());
    m_listError->SetForegroundColour(ErrorColour());
    m_listError->Hide();
    column->Add(m_listError, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    // TRANSLATORS: adds an empty row for one more e-mail address.
    m_add = new wxButton(this, wxID_ANY, _("Add address"));
    buttons->Add(m_add);
    buttons->AddStretchSpacer();
    m_save = new wxButton(this, wxID_SAVE, _("Save"));
    buttons->Add(m_save, wxSizerFlags().Border(wxRIGHT, Px(this, Space::Medium)));
    m_close = new wxButton(this, wxID_CANCEL, writable ? _("Cancel") : _("Close"));
    buttons->Add(m_close);
    m_add->Show(writable);
    m_save->Show(writable);
    column->Add(buttons, layout::Padded(this, Space::Large).Expand());
    SetSizerAndFit(column);

    m_presenter.SetCallbacks({
        [this] { ShowState(); },
        [this] { EndModal(wxID_OK); },
        [this](const client::ApiError& error) {
            SetWrappedLabel(*m_listError, DescribeError(error).Full(), FromDIP(kFieldWidth + 80));
            m_listError->Show();
            Layout();
        },
    });
    m_add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_presenter.Add() && !m_rows.empty()) {
            m_rows.back().field->SetFocus();
        }
    });
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_listError->Hide();
        m_presenter.Save();
    });
    m_close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnClose(); });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { OnClose(); });
    ShowState();
    CentreOnParent();
}

void ContactsDialog::Start() {
    m_presenter.Start();
}

void ContactsDialog::OnClose() {
    if (m_presenter.Dirty()) {
        switch (AskAboutUnsavedChanges(this)) {
        case UnsavedChoice::Save:
            m_presenter.Save(); // the dialog ends when the server has taken it
            return;
        case UnsavedChoice::Discard:
            break;
        case UnsavedChoice::Cancel:
            return;
        }
    }
    EndModal(wxID_CANCEL);
}

void ContactsDialog::Rebuild() {
    m_rowsPanel->Freeze();
    m_rowsPanel->GetSizer()->Clear(true);
    m_rows.clear();
    const bool writable = m_presenter.Writable();
    for (std::size_t i = 0; i < m_presenter.Rows().size(); ++i) {
        RowControls row;
        auto* line = new wxBoxSizer(wxHORIZONTAL);
        row.field = new wxTextCtrl(m_rowsPanel, wxID_ANY, FromUtf8(m_presenter.Rows()[i].text),
                                   wxDefaultPosition, FromDIP(wxSize(kFieldWidth, -1)),
                                   writable ? 0 : wxTE_READONLY);
        line->Add(row.field, wxSizerFlags(1).CenterVertical());
        // TRANSLATORS: removes one address from the designated contacts.
        row.remove = new wxButton(m_rowsPanel, wxID_ANY, _("Remove"));
        row.remove->Show(writable);
        line->Add(row.remove,
                  wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Small)));
        m_rowsPanel->GetSizer()->Add(line,
                                     wxSizerFlags().Expand().Border(wxTOP, Px(this, Space::Small)));
        row.error = new wxStaticText(m_rowsPanel, wxID_ANY, wxString());
        row.error->SetForegroundColour(ErrorColour());
        row.error->Hide();
        m_rowsPanel->GetSizer()->Add(row.error);
        row.field->Bind(wxEVT_TEXT, [this, i](wxCommandEvent&) {
            m_presenter.SetRow(i, ToUtf8(m_rows[i].field->GetValue()));
        });
        row.remove->Bind(wxEVT_BUTTON, [this, i](wxCommandEvent&) {
            // After this handler: Remove rebuilds the rows, this button among them.
            CallAfter([this, i] { m_presenter.Remove(i); });
        });
        m_rows.push_back(row);
    }
    if (m_presenter.Rows().empty() && m_presenter.Loaded()) {
        auto* none = new wxStaticText(m_rowsPanel, wxID_ANY,
                                      _("No addresses yet: incidents and notices are only shown "
                                        "in the console."));
        none->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        m_rowsPanel->GetSizer()->Add(none, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    }
    m_rowsPanel->FitInside();
    m_rowsPanel->Thaw();
}

void ContactsDialog::ShowState() {
    if (m_rows.size() != m_presenter.Rows().size() || m_rowsPanel->GetChildren().empty()) {
        Rebuild();
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto& error = m_presenter.Rows()[i].error;
        wxStaticText* label = m_rows[i].error;
        if (error) {
            const wxString text = NoticeFieldErrorText(*error);
            if (label->GetLabel() != text) {
                SetWrappedLabel(*label, text, FromDIP(kFieldWidth));
            }
        }
        label->Show(error.has_value());
        const wxString value = FromUtf8(m_presenter.Rows()[i].text);
        if (m_rows[i].field->GetValue() != value) {
            m_rows[i].field->ChangeValue(value);
        }
    }
    if (const auto& listError = m_presenter.ListError()) {
        SetWrappedLabel(*m_listError, NoticeFieldErrorText(*listError), FromDIP(kFieldWidth + 80));
        m_listError->Show();
    } else if (!m_presenter.Busy()) {
        m_listError->Hide();
    }
    m_add->Enable(m_presenter.Loaded() &&
                  m_presenter.Rows().size() < ContactsPresenter::kMaxContacts);
    m_save->Enable(m_presenter.Loaded() && !m_presenter.Busy());
    m_rowsPanel->FitInside();
    m_rowsPanel->Layout();
    Layout();
}

wxTextCtrl* ContactsDialog::Field(std::size_t row) const {
    return row < m_rows.size() ? m_rows[row].field : nullptr;
}

wxString ContactsDialog::RowError(std::size_t row) const {
    return row < m_rows.size() && m_rows[row].error->IsShown() ? m_rows[row].error->GetLabel()
                                                               : wxString();
}

wxString ContactsDialog::ListError() const {
    return m_listError->IsShown() ? m_listError->GetLabel() : wxString();
}

} // namespace resv::views
