#include "views/accounts/AccountsDialogs.h"

#include "views/accounts/AccountWords.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"

#include <wx/button.h>
#include <wx/clipbrd.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

constexpr int kTextWidth = 460;

wxStaticText* WrappedText(wxWindow* parent, const wxString& text, int width = kTextWidth) {
    auto* label = new wxStaticText(parent, wxID_ANY, wxString());
    SetWrappedLabel(*label, text, parent->FromDIP(width));
    return label;
}

} // namespace

OneTimePasswordDialog::OneTimePasswordDialog(wxWindow* parent, const IssuedPassword& issued)
    : wxDialog(parent, wxID_ANY, _("One-time password")) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    const wxString who = AccountName(issued.account);
    const wxString intro =
        issued.created
            ? wxString::Format(_("The account %s has been created. Give this one-time password "
                                 "to its owner:"),
                               who)
            : wxString::Format(_("The password of %s has been reset and its sessions have "
                                 "ended. Give this one-time password to its owner:"),
                               who);
    column->Add(WrappedText(this, intro),
                layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxTOP));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_password = new wxTextCtrl(this, wxID_ANY, FromUtf8(issued.password), wxDefaultPosition,
                                FromDIP(wxSize(340, -1)), wxTE_READONLY);
    m_password->SetFont(
        wxFont(wxFontInfo(m_password->GetFont().GetPointSize() + 2).Family(wxFONTFAMILY_TELETYPE)));
    row->Add(m_password, wxSizerFlags(1).CenterVertical());
    m_copy = new wxButton(this, wxID_ANY, _("Copy"));
    row->Add(m_copy, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    column->Add(row, layout::Padded(this, Space::Large).Expand());
    auto* warning = new wxStaticText(this, wxID_ANY, wxString());
    warning->SetFont(layout::Emphasized(this)); // before wrapping: bold text is wider
    SetWrappedLabel(*warning,
                    _("This password will not be shown again. It expires in 7 days, and must be "
                      "changed at the first login. If it is lost, reset the password again."),
                    FromDIP(kTextWidth));
    column->Add(warning, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxBOTTOM));
    column->Add(CreateSeparatedButtonSizer(wxOK), layout::Padded(this, Space::Large).Expand());
    SetSizerAndFit(column);
    m_copy->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (wxTheClipboard->Open()) {
            wxTheClipboard->SetData(new wxTextDataObject(m_password->GetValue()));
            wxTheClipboard->Close();
            m_copy->SetLabel(_("Copied"));
        }
    });
    CentreOnParent();
}

ImportPreviewDialog::ImportPreviewDialog(wxWindow* parent, AccountsPresenter& presenter)
    : wxDialog(parent, wxID_ANY, _("Import accounts"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
    , m_presenter(presenter) {
    const model::ImportResult& result = presenter.Preview()->result;
    auto* column = new wxBoxSizer(wxVERTICAL);
    const int rows = static_cast<int>(result.rows.size());
    wxString summary =
        result.invalid == 0
            ? wxString::Format(wxPLURAL("The check found %d account ready to create. Nothing "
                                        "has been created yet.",
                                        "The check found %d accounts ready to create. Nothing "
                                        "has been created yet.",
                                        rows),
                               rows)
            : wxString::Format(wxPLURAL("%d row has errors. Correct the file and choose it "
                                        "again; nothing is created until every row is right.",
                                        "%d rows have errors. Correct the file and choose it "
                                        "again; nothing is created until every row is right.",
                                        result.invalid),
                               result.invalid);
    m_summary = WrappedText(this, summary, 620);
    column->Add(m_summary, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxTOP));

    m_rows = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(660, 300)),
                            wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME);
    // TRANSLATORS: a column header: the line number in the CSV file.
    m_rows->AppendColumn(_("Line"), wxLIST_FORMAT_RIGHT, FromDIP(60));
    m_rows->AppendColumn(_("Login ID"), wxLIST_FORMAT_LEFT, FromDIP(140));
    m_rows->AppendColumn(_("Result"), wxLIST_FORMAT_LEFT, FromDIP(90));
    m_rows->AppendColumn(_("Errors"), wxLIST_FORMAT_LEFT, FromDIP(360));
    for (const model::ImportRow& row : result.rows) {
        const long item =
            m_rows->InsertItem(m_rows->GetItemCount(), wxString::Format(wxS("%d"), row.line));
        m_rows->SetItem(item, 1, FromUtf8(row.loginId));
        m_rows->SetItem(item, 2, ImportStatusText(row.status));
        m_rows->SetItem(item, 3, ImportErrorsText(row.errors));
        if (!row.errors.empty()) {
            m_rows->SetItemTextColour(item, wxColour(0xB0, 0x00, 0x20));
        }
    }
    column->Add(m_rows, layout::Padded(this, Space::Large).Expand().Proportion(1));
    m_error = new wxStaticText(this, wxID_ANY, wxString());
    m_error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    m_error->Hide();
    column->Add(m_error, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxBOTTOM));

    auto* buttons = new wxStdDialogButtonSizer;
    // TRANSLATORS: creates the previewed accounts for real.
    m_apply = new wxButton(this, wxID_OK, _("Apply"));
    m_apply->Enable(result.invalid == 0 && rows > 0);
    if (!m_apply->IsEnabled()) {
        m_apply->SetToolTip(_("Every row must be ready before anything is created."));
    }
    buttons->AddButton(m_apply);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
    buttons->Realize();
    column->Add(buttons, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxBOTTOM).Expand());
    SetSizerAndFit(column);
    m_apply->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_apply->Enable(false);
        m_apply->SetLabel(_("Creating..."));
        m_error->Hide();
        Layout();
        m_presenter.ApplyImport(); // the view ends the dialog when it is done
    });
    CentreOnParent();
}

void ImportPreviewDialog::ShowError(const ErrorMessage& message) {
    SetWrappedLabel(*m_error, message.Full(), FromDIP(620));
    m_error->Show();
    m_apply->SetLabel(_("Apply"));
    m_apply->Enable(!m_presenter.Importing());
    Layout();
    Fit();
}

ExportProgressDialog::ExportProgressDialog(wxWindow* parent, AccountsPresenter& presenter)
    : wxDialog(parent, wxID_ANY, _("Export accounts")) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(this, wxID_ANY, _("Downloading the accounts from the server...")),
                layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxTOP));
    m_gauge = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, FromDIP(wxSize(360, -1)));
    column->Add(m_gauge, layout::Padded(this, Space::Large).Expand());
    column->Add(CreateSeparatedButtonSizer(wxCANCEL), layout::Padded(this, Space::Large).Expand());
    SetSizerAndFit(column);
    m_pulse.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { m_gauge->Pulse(); });
    m_pulse.Start(100);
    Bind(
        wxEVT_BUTTON,
        [this, &presenter](wxCommandEvent&) {
            presenter.CancelExport();
            EndModal(wxID_CANCEL);
        },
        wxID_CANCEL);
    CentreOnParent();
}

ExportProgressDialog::~ExportProgressDialog() {
    m_pulse.Stop();
}

} // namespace resv::views
