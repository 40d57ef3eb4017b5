#include "views/login/PasswordChangeDialog.h"

#include "views/common/ApiErrors.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Icons.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/stockitem.h>
#include <wx/textctrl.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

constexpr int kFieldWidthDip = 300;
constexpr int kTextWidthDip = 460;

const wxColour& IssueColour() {
    static const wxColour colour(0xB0, 0x1C, 0x1C);
    return colour;
}

} // namespace

wxString PasswordChangeDialog::IssueMessage(PasswordField field, PasswordIssue issue) {
    switch (issue) {
    case PasswordIssue::None:
        return {};
    case PasswordIssue::Required:
        switch (field) {
        case PasswordField::Current:
            return _("Enter your current password.");
        case PasswordField::New:
            return _("Enter a new password.");
        case PasswordField::Confirm:
            return _("Enter the new password again.");
        }
        break;
    case PasswordIssue::TooShort:
        return wxString::Format(_("Too short: use at least %d characters."),
                                static_cast<int>(kMinPasswordLength));
    case PasswordIssue::TooLong:
        return wxString::Format(_("Too long: use at most %d characters."),
                                static_cast<int>(kMaxPasswordLength));
    case PasswordIssue::Mismatch:
        return _("This does not match the new password.");
    case PasswordIssue::ContainsLoginId:
        return _("The password must not contain your login ID.");
    case PasswordIssue::DictionaryWord:
        return _("This is based on a dictionary word, which is easy to guess. Add unrelated "
                 "words or characters.");
    case PasswordIssue::CommonPassword:
        return _("This is one of the most commonly used passwords. Choose one of your own.");
    case PasswordIssue::TooSimple:
        return _("This is too simple (for example a keyboard row or a repeated pattern). Mix "
                 "unrelated words, digits and symbols.");
    case PasswordIssue::InvalidCharacters:
        return _("The password contains characters that cannot be used, such as tabs or line "
                 "breaks.");
    case PasswordIssue::SameAsCurrent:
        return _("The new password must differ from the current one.");
    case PasswordIssue::IncorrectCurrent:
        return _("This is not your current password.");
    case PasswordIssue::Rejected:
        return _("The server did not accept this password. Choose another one.");
    }
    return {};
}

PasswordChangeDialog::PasswordChangeDialog(wxWindow* parent,
                                           std::unique_ptr<PasswordChangePresenter> presenter,
                                           Mode mode, Callbacks callbacks)
    : wxDialog(parent, wxID_ANY,
               mode == Mode::Forced ? _("Set your own password") : _("Change password"))
    , m_presenter(std::move(presenter))
    , m_mode(mode)
    , m_callbacks(std::move(callbacks)) {
    SetIcons(AppIcons());
    BuildLayout();
    m_presenter->SetCallbacks({[this] { Render(); },
                               [this](const model::Me& me) {
                                   Finish([this, me] {
                                       if (m_callbacks.changed) {
                                           m_callbacks.changed(me);
                                       }
                                   });
                               }});
    Render();
    CentreOnScreen();
    m_fields[Index(PasswordField::Current)]->SetFocus();
    m_changeButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnChange(); });
    m_cancelButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnCancel(); });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { OnCancel(); });
}

PasswordChangeDialog::~PasswordChangeDialog() {
    m_presenter->SetCallbacks({});
}

void PasswordChangeDialog::BuildLayout() {
    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(BuildPolicy(), layout::Padded(this, Space::Large).Expand());
    top->Add(new wxStaticLine(this),
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, Px(this, Space::Large)));
    auto* grid = layout::NewFormGrid(this);
    AddField(grid, PasswordField::Current,
             m_mode == Mode::Forced ? _("One-time password:") : _("Current password:"));
    AddField(grid, PasswordField::New, _("New password:"));
    AddField(grid, PasswordField::Confirm, _("New password again:"));
    top->Add(grid, layout::Padded(this, Space::Large).Expand());

    m_error = new wxStaticText(this, wxID_ANY, wxString());
    m_error->SetForegroundColour(IssueColour());
    m_error->SetFont(layout::Emphasized(this));
    m_error->Hide();
    top->Add(m_error,
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, Px(this, Space::Large)));
    top->Add(BuildButtons(),
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, Px(this, Space::Large)));
    SetSizerAndFit(top);
}

wxSizer* PasswordChangeDialog::BuildPolicy() {
    auto* column = new wxBoxSizer(wxVERTICAL);
    const int width = FromDIP(kTextWidthDip);
    if (m_mode == Mode::Forced) {
        auto* intro = new wxStaticText(this, wxID_ANY, wxString());
        intro->SetFont(layout::Emphasized(this));
        SetWrappedLabel(*intro,
                        _("You logged in with a one-time password. Choose your own password "
                          "before you continue."),
                        width);
        column->Add(intro, wxSizerFlags().Border(wxBOTTOM, Px(this, Space::Medium)));
    }
    auto* rules = new wxStaticText(this, wxID_ANY, wxString());
    const wxString bullet = wxString(wxUniChar(0x2022)) + wxS(" ");
    const wxString policy =
        _("The new password must:") + wxS("\n") + bullet +
        wxString::Format(
            // TRANSLATORS: a line of the password policy, e.g. "be 12 to 128 characters long".
            _("be %d to %d characters long (Japanese and other scripts are allowed)"),
            static_cast<int>(kMinPasswordLength), static_cast<int>(kMaxPasswordLength)) +
        wxS("\n") + bullet + _("not contain your login ID") + wxS("\n") + bullet +
        _("not be a dictionary word or a commonly used password");
    SetWrappedLabel(*rules, policy, width);
    column->Add(rules);
    auto* note = new wxStaticText(this, wxID_ANY, wxString());
    note->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    SetWrappedLabel(*note,
                    _("A long phrase of several unrelated words is easy to remember and hard to "
                      "guess. Your other sessions end when the password changes."),
                    width);
    column->Add(note, wxSizerFlags().Border(wxTOP, Px(this, Space::Medium)));
    return column;
}

void PasswordChangeDialog::AddField(wxFlexGridSizer* grid, PasswordField field,
                                    const wxString& label) {
    auto* labelText = new wxStaticText(this, wxID_ANY, label);
    auto* ctrl =
        new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition,
                       wxSize(FromDIP(kFieldWidthDip), -1), wxTE_PASSWORD | wxTE_PROCESS_ENTER);
    auto* issue = new wxStaticText(this, wxID_ANY, wxString());
    issue->SetForegroundColour(IssueColour());
    issue->Hide();
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(ctrl, wxSizerFlags().Expand());
    if (field == PasswordField::New) {
        m_counter = new wxStaticText(this, wxID_ANY, wxString());
        m_counter->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        column->Add(m_counter, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    }
    column->Add(issue, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    grid->Add(labelText, wxSizerFlags().Right().Border(wxTOP, FromDIP(5)));
    grid->Add(column, layout::FormField());
    m_fields[Index(field)] = ctrl;
    m_issues[Index(field)] = issue;
    ctrl->Bind(wxEVT_TEXT, [this, field, ctrl](wxCommandEvent&) {
        m_presenter->SetValue(field, ToUtf8(ctrl->GetValue()));
    });
    ctrl->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { OnChange(); });
}

wxSizer* PasswordChangeDialog::BuildButtons() {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_busy = new wxActivityIndicator(this);
    m_busy->Hide();
    row->Add(m_busy, wxSizerFlags().CenterVertical());
    row->AddStretchSpacer();
    // Not wxID_CANCEL: GTK's stock label stays English without a system locale.
    m_cancelButton = new wxButton(this, wxID_ANY,
                                  m_mode == Mode::Forced ? _("Cancel and log out")
                                                         : wxGetStockLabel(wxID_CANCEL));
    SetEscapeId(m_cancelButton->GetId());
    m_changeButton = new wxButton(this, wxID_ANY, _("Change password"));
    m_changeButton->SetDefault();
    row->Add(m_cancelButton, wxSizerFlags().CenterVertical());
    row->Add(m_changeButton,
             wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    return row;
}

void PasswordChangeDialog::Render() {
    bool relayout = false;
    const int width = FromDIP(kFieldWidthDip);
    for (std::size_t i = 0; i < kPasswordFieldCount; ++i) {
        const auto field = static_cast<PasswordField>(i);
        const wxString message = IssueMessage(field, m_presenter->Issue(field));
        if (message != m_shownIssues[i]) {
            m_shownIssues[i] = message;
            SetWrappedLabel(*m_issues[i], message, width);
            m_issues[i]->Show(!message.empty());
            relayout = true;
        }
    }
    const int length = static_cast<int>(m_presenter->NewLength());
    // TRANSLATORS: under the new password: how many characters it has, and the least allowed.
    m_counter->SetLabel(wxString::Format(
        wxPLURAL("%d character (at least %d)", "%d characters (at least %d)", length), length,
        static_cast<int>(kMinPasswordLength)));
    const auto& error = m_presenter->Error();
    const wxString errorText = error ? DescribeError(*error).Full() : wxString();
    if (errorText != m_shownError) {
        m_shownError = errorText;
        SetWrappedLabel(*m_error, errorText, FromDIP(kTextWidthDip));
        m_error->Show(!errorText.empty());
        relayout = true;
    }
    const bool busy = m_presenter->Busy();
    for (wxTextCtrl* ctrl : m_fields) {
        ctrl->Enable(!busy);
    }
    m_changeButton->Enable(!busy);
    if (m_busy->IsShown() != busy) {
        m_busy->Show(busy);
        busy ? m_busy->Start() : m_busy->Stop();
        relayout = true;
    }
    if (relayout) {
        Layout();
        Fit();
    }
}

void PasswordChangeDialog::OnChange() {
    if (!m_presenter->Submit()) {
        if (const auto field = m_presenter->FirstIssue()) {
            m_fields[Index(*field)]->SetFocus();
        }
    }
}

void PasswordChangeDialog::OnCancel() {
    Finish([this] {
        if (m_callbacks.cancelled) {
            m_callbacks.cancelled();
        }
    });
}

void PasswordChangeDialog::Finish(const std::function<void()>& callback) {
    if (m_finished) {
        return;
    }
    m_finished = true;
    callback();
    Destroy();
}

} // namespace resv::views
