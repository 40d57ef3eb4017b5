#include "views/login/LoginDialog.h"

#include "views/common/ErrorMessages.h"
#include "views/common/Icons.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"

#include "resv/model/Problem.h"

#include <wx/activityindicator.h>
#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/stockitem.h>
#include <wx/textctrl.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

constexpr int kFieldWidthDip = 300;
constexpr int kErrorWrapDip = 400;

const wxColour& IssueColour() {
    static const wxColour colour(0xB0, 0x1C, 0x1C);
    return colour;
}

wxString IssueMessage(LoginField field, FieldIssue issue) {
    switch (issue) {
    case FieldIssue::None:
        return {};
    case FieldIssue::NotHttps:
        return _("The address must begin with https:// (the console connects only securely).");
    case FieldIssue::InvalidUrl:
        return _("This is not a server address. Example: https://resv.example.jp:8443");
    case FieldIssue::Required:
        break;
    }
    switch (field) {
    case LoginField::ServerUrl:
        return _("Enter the server's address, e.g. https://resv.example.jp");
    case LoginField::Tenant:
        return _("Enter your tenant code.");
    case LoginField::LoginId:
        return _("Enter your login ID.");
    case LoginField::Password:
        return _("Enter your password.");
    case LoginField::ActAsTenant:
        break;
    }
    return _("This field is required.");
}

} // namespace

LoginDialog::LoginDialog(wxWindow* parent, std::unique_ptr<LoginPresenter> presenter,
                         Callbacks callbacks)
    : wxDialog(parent, wxID_ANY, _("Log in to RESV Customer Mgr"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE)
    , m_presenter(std::move(presenter))
    , m_callbacks(std::move(callbacks)) {
    SetIcons(AppIcons());
    BuildLayout();
    LoadFields();
    m_presenter->SetView(this);
    LoginStateChanged();
    CentreOnScreen();
    FocusFirstEmptyField();

    m_loginButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnLogin(); });
    m_cancelButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnCancel(); });
    Bind(wxEVT_CLOSE_WINDOW, &LoginDialog::OnClose, this);
}

LoginDialog::~LoginDialog() {
    // The presenter cancels a login in flight and drops its result; it must not call back here.
    m_presenter->SetView(nullptr);
}

void LoginDialog::BuildLayout() {
    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(BuildHeader(), layout::Padded(this, Space::Large).Expand());
    top->Add(new wxStaticLine(this),
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, Px(this, Space::Large)));

    auto* grid = layout::NewFormGrid(this);
    AddField(grid, LoginField::ServerUrl, _("Server URL:"));
    AddField(grid, LoginField::Tenant, _("Tenant code:"));
    AddField(grid, LoginField::LoginId, _("Login ID:"));
    AddField(grid, LoginField::Password, _("Password:"), wxTE_PASSWORD);
    // TRANSLATORS: for the provider's support operators: the customer tenant to work in.
    AddField(grid, LoginField::ActAsTenant, _("Act as tenant:"));
    m_fields[Index(LoginField::ServerUrl)]->SetHint(wxS("https://"));
    m_fields[Index(LoginField::ActAsTenant)]->SetHint(_("Customer tenant code (optional)"));
    // The note sits under the act-as field; its issue text is never used.
    m_actAsNote = m_issues[Index(LoginField::ActAsTenant)];
    m_actAsNote->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    SetWrappedLabel(*m_actAsNote,
                    _("Operators only. Leave empty to publish incidents and notices."),
                    FromDIP(kFieldWidthDip));
    m_actAsNote->Show();
    top->Add(grid, layout::Padded(this, Space::Large).Expand());

    top->Add(BuildErrorArea(),
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, Px(this, Space::Large)));
    top->Add(BuildButtons(),
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, Px(this, Space::Large)));
    SetSizerAndFit(top);
}

wxSizer* LoginDialog::BuildHeader() {
    auto* header = new wxBoxSizer(wxHORIZONTAL);
    header->Add(new wxStaticBitmap(this, wxID_ANY, IconBundle(Icon::App, 48)),
                wxSizerFlags().CenterVertical());
    auto* titles = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, _("RESV Customer Mgr"));
    title->SetFont(layout::Emphasized(this, 1.4));
    titles->Add(title);
    auto* subtitle =
        new wxStaticText(this, wxID_ANY, _("Log in with your tenant code, login ID and password."));
    titles->Add(subtitle, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    header->Add(titles, wxSizerFlags(1).CenterVertical().Border(wxLEFT, Px(this, Space::Large)));
    return header;
}

void LoginDialog::AddField(wxFlexGridSizer* grid, LoginField field, const wxString& label,
                           long style) {
    auto* labelText = new wxStaticText(this, wxID_ANY, label);
    auto* ctrl = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition,
                                wxSize(FromDIP(kFieldWidthDip), -1), style);
    auto* issue = new wxStaticText(this, wxID_ANY, wxString());
    issue->SetForegroundColour(IssueColour());
    issue->Hide();

    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(ctrl, wxSizerFlags().Expand());
    column->Add(issue, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    // The label lines up with the field, not with the field and its note together.
    grid->Add(labelText, wxSizerFlags().Right().Border(wxTOP, FromDIP(5)));
    grid->Add(column, layout::FormField());

    m_labels[Index(field)] = labelText;
    m_fields[Index(field)] = ctrl;
    m_issues[Index(field)] = issue;
    ctrl->Bind(wxEVT_TEXT, [this, field, ctrl](wxCommandEvent&) {
        m_presenter->SetValue(field, ToUtf8(ctrl->GetValue()));
    });
}

wxSizer* LoginDialog::BuildErrorArea() {
    auto* area = new wxBoxSizer(wxHORIZONTAL);
    m_errorIcon = new wxStaticBitmap(
        this, wxID_ANY, wxArtProvider::GetBitmapBundle(wxART_WARNING, wxART_OTHER, wxSize(24, 24)));
    m_errorWhat = new wxStaticText(this, wxID_ANY, wxString());
    m_errorWhat->SetFont(layout::Emphasized(this));
    m_errorAdvice = new wxStaticText(this, wxID_ANY, wxString());
    auto* texts = new wxBoxSizer(wxVERTICAL);
    texts->Add(m_errorWhat);
    texts->Add(m_errorAdvice, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    area->Add(m_errorIcon, wxSizerFlags().Top());
    area->Add(texts, wxSizerFlags(1).Border(wxLEFT, Px(this, Space::Medium)));
    m_errorIcon->Hide();
    m_errorWhat->Hide();
    m_errorAdvice->Hide();
    return area;
}

wxSizer* LoginDialog::BuildButtons() {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_busyIndicator = new wxActivityIndicator(this);
    m_busyText = new wxStaticText(this, wxID_ANY, _("Connecting to the server..."));
    m_busyIndicator->Hide();
    m_busyText->Hide();
    row->Add(m_busyIndicator, wxSizerFlags().CenterVertical());
    row->Add(m_busyText, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    row->AddStretchSpacer();
    // Not wxID_CANCEL: for a stock ID wxGTK shows GTK's own label, which stays English without
    // a system locale. Escape still presses it.
    m_cancelButton = new wxButton(this, wxID_ANY, wxGetStockLabel(wxID_CANCEL));
    SetEscapeId(m_cancelButton->GetId());
    // TRANSLATORS: the button that sends the login.
    m_loginButton = new wxButton(this, wxID_ANY, _("&Log in"));
    m_loginButton->SetDefault();
    row->Add(m_cancelButton, wxSizerFlags().CenterVertical());
    row->Add(m_loginButton,
             wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    return row;
}

void LoginDialog::LoadFields() {
    for (std::size_t i = 0; i < kLoginFieldCount; ++i) {
        m_fields[i]->ChangeValue(FromUtf8(m_presenter->Value(static_cast<LoginField>(i))));
    }
}

void LoginDialog::FocusFirstEmptyField() {
    for (const LoginField field :
         {LoginField::ServerUrl, LoginField::Tenant, LoginField::LoginId, LoginField::Password}) {
        if (m_fields[Index(field)]->IsEmpty()) {
            m_fields[Index(field)]->SetFocus();
            return;
        }
    }
    m_fields[Index(LoginField::Password)]->SetFocus();
}

void LoginDialog::LoginStateChanged() {
    const bool wasBusy = !m_loginButton->IsEnabled();
    bool layoutChanged = RenderIssues();
    layoutChanged = RenderError() || layoutChanged;
    RenderBusy();
    if (layoutChanged) {
        Relayout();
    }
    if (wasBusy && !m_presenter->Busy()) {
        const auto& error = m_presenter->Error();
        if (error && error->Code() == model::error_code::kInvalidCredentials) {
            // Keep what was typed, but make retyping the password one step.
            m_fields[Index(LoginField::Password)]->SetFocus();
            m_fields[Index(LoginField::Password)]->SelectAll();
        } else {
            m_loginButton->SetFocus();
        }
    }
}

bool LoginDialog::RenderIssues() {
    bool changed = false;
    for (const LoginField field :
         {LoginField::ServerUrl, LoginField::Tenant, LoginField::LoginId, LoginField::Password}) {
        wxStaticText* text = m_issues[Index(field)];
        const wxString message = IssueMessage(field, m_presenter->Issue(field));
        wxString& shown = m_issueMessages[Index(field)];
        if (shown != message) {
            shown = message;
            SetWrappedLabel(*text, message, FromDIP(kFieldWidthDip));
            changed = true;
        }
        if (text->IsShown() != !message.empty()) {
            text->Show(!message.empty());
            changed = true;
        }
    }
    const bool actAs = m_presenter->ActAsApplies();
    if (m_fields[Index(LoginField::ActAsTenant)]->IsShown() != actAs) {
        m_labels[Index(LoginField::ActAsTenant)]->Show(actAs);
        m_fields[Index(LoginField::ActAsTenant)]->Show(actAs);
        m_actAsNote->Show(actAs);
        changed = true;
    }
    return changed;
}

bool LoginDialog::RenderError() {
    const auto& error = m_presenter->Error();
    const ErrorMessage message = error ? DescribeError(*error) : ErrorMessage{};
    const wxString shown = message.Full();
    if (m_errorWhat->IsShown() == error.has_value() && m_shownError == shown) {
        return false;
    }
    m_shownError = shown;
    SetWrappedLabel(*m_errorWhat, message.what, FromDIP(kErrorWrapDip));
    SetWrappedLabel(*m_errorAdvice, message.advice, FromDIP(kErrorWrapDip));
    m_errorIcon->Show(error.has_value());
    m_errorWhat->Show(error.has_value());
    m_errorAdvice->Show(error.has_value() && !message.advice.empty());
    return true;
}

void LoginDialog::RenderBusy() {
    const bool busy = m_presenter->Busy();
    for (wxTextCtrl* field : m_fields) {
        field->Enable(!busy);
    }
    m_loginButton->Enable(!busy);
    if (m_busyIndicator->IsShown() != busy) {
        m_busyIndicator->Show(busy);
        m_busyText->Show(busy);
        if (busy) {
            m_busyIndicator->Start();
        } else {
            m_busyIndicator->Stop();
        }
        Layout();
    }
}

void LoginDialog::Relayout() {
    Layout();
    Fit();
}

void LoginDialog::LoggedIn(const LoginSuccess& success) {
    if (m_finished) {
        return;
    }
    m_finished = true;
    if (m_callbacks.loggedIn) {
        m_callbacks.loggedIn(success);
    }
}

void LoginDialog::OnLogin() {
    if (!m_presenter->Submit()) {
        if (const auto field = m_presenter->FirstIssue()) {
            m_fields[Index(*field)]->SetFocus();
        }
    }
}

void LoginDialog::OnCancel() {
    if (m_presenter->Cancel()) {
        return; // the request stopped; the dialog and what was typed stay
    }
    Close();
}

void LoginDialog::OnClose(wxCloseEvent&) {
    m_presenter->Cancel();
    if (!m_finished) {
        m_finished = true;
        if (m_callbacks.closed) {
            m_callbacks.closed();
        }
    }
    Destroy();
}

} // namespace resv::views
