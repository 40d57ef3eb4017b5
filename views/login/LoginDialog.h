#pragma once
// The login dialog: labelled fields with their problems under them, a busy indicator while the
// worker connects, and the server's answer in words. Modeless, so nothing waits on it: the shell
// hears the outcome through the callbacks.

#include "views/login/LoginPresenter.h"

#include <wx/dialog.h>

#include <array>
#include <functional>
#include <memory>

class wxActivityIndicator;
class wxButton;
class wxStaticBitmap;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

class LoginDialog final : public wxDialog, private ILoginView {
public:
    struct Callbacks {
        std::function<void(const LoginSuccess&)> loggedIn;
        /// The user closed the dialog without logging in.
        std::function<void()> closed;
    };

    LoginDialog(wxWindow* parent, std::unique_ptr<LoginPresenter> presenter, Callbacks callbacks);
    ~LoginDialog() override;

    LoginPresenter& Presenter() { return *m_presenter; }

    // For GUI tests, which drive the real controls.
    wxTextCtrl* FieldCtrl(LoginField field) const { return m_fields[Index(field)]; }
    wxButton* LoginButton() const { return m_loginButton; }
    wxButton* CancelButton() const { return m_cancelButton; }
    wxStaticText* ErrorText() const { return m_errorWhat; }
    wxStaticText* IssueText(LoginField field) const { return m_issues[Index(field)]; }
    wxActivityIndicator* BusyIndicator() const { return m_busyIndicator; }

private:
    static std::size_t Index(LoginField field) { return static_cast<std::size_t>(field); }

    void BuildLayout();
    wxSizer* BuildHeader();
    void AddField(wxFlexGridSizer* grid, LoginField field, const wxString& label, long style = 0);
    wxSizer* BuildErrorArea();
    wxSizer* BuildButtons();
    void LoadFields();
    void FocusFirstEmptyField();

    void LoginStateChanged() override;
    void LoggedIn(const LoginSuccess& success) override;
    bool RenderIssues();
    bool RenderError();
    void RenderBusy();
    void Relayout();

    void OnLogin();
    void OnCancel();
    void OnClose(wxCloseEvent& event);

    std::unique_ptr<LoginPresenter> m_presenter;
    Callbacks m_callbacks;
    std::array<wxTextCtrl*, kLoginFieldCount> m_fields{};
    std::array<wxStaticText*, kLoginFieldCount> m_issues{};
    std::array<wxStaticText*, kLoginFieldCount> m_labels{};
    std::array<wxString, kLoginFieldCount> m_issueMessages; ///< as shown, before wrapping
    wxStaticText* m_actAsNote = nullptr;
    wxStaticBitmap* m_errorIcon = nullptr;
    wxStaticText* m_errorWhat = nullptr;
    wxStaticText* m_errorAdvice = nullptr;
    wxString m_shownError; ///< the error's text as shown, before wrapping
    wxActivityIndicator* m_busyIndicator = nullptr;
    wxStaticText* m_busyText = nullptr;
    wxButton* m_loginButton = nullptr;
    wxButton* m_cancelButton = nullptr;
    bool m_finished = false; ///< logged in or closed: the callbacks have been called
};

} // namespace resv::views
