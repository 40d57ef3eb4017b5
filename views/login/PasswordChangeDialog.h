#pragma once
// The password change dialog: the policy in words, the current (or one-time) password and the
// new one twice, with what is wrong shown under each field. Modeless, so nothing waits on it:
// the caller hears the outcome through the callbacks, and the dialog destroys itself.

#include "views/login/PasswordChangePresenter.h"

#include <wx/dialog.h>

#include <array>
#include <functional>
#include <memory>

class wxActivityIndicator;
class wxButton;
class wxFlexGridSizer;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

class PasswordChangeDialog final : public wxDialog {
public:
    enum class Mode {
        Forced,   ///< after logging in with a one-time password: Cancel logs out
        Voluntary ///< "Change password..." from the main window: Cancel only closes
    };

    struct Callbacks {
        std::function<void(const model::Me&)> changed; ///< with the fresh /me
        std::function<void()> cancelled;
    };

    PasswordChangeDialog(wxWindow* parent, std::unique_ptr<PasswordChangePresenter> presenter,
                         Mode mode, Callbacks callbacks);
    ~PasswordChangeDialog() override;

    PasswordChangePresenter& Presenter() { return *m_presenter; }

    // For GUI tests, which drive the real controls.
    wxTextCtrl* FieldCtrl(PasswordField field) const { return m_fields[Index(field)]; }
    wxStaticText* IssueText(PasswordField field) const { return m_issues[Index(field)]; }
    wxStaticText* ErrorText() const { return m_error; }
    wxButton* ChangeButton() const { return m_changeButton; }
    wxButton* CancelButton() const { return m_cancelButton; }

    /// The words for an issue of `field`, as shown under it.
    static wxString IssueMessage(PasswordField field, PasswordIssue issue);

private:
    static std::size_t Index(PasswordField field) { return static_cast<std::size_t>(field); }

    void BuildLayout();
    wxSizer* BuildPolicy();
    void AddField(wxFlexGridSizer* grid, PasswordField field, const wxString& label);
    wxSizer* BuildButtons();
    void Render();
    void OnChange();
    void OnCancel();
    void Finish(const std::function<void()>& callback);

    std::unique_ptr<PasswordChangePresenter> m_presenter;
    Mode m_mode;
    Callbacks m_callbacks;
    std::array<wxTextCtrl*, kPasswordFieldCount> m_fields{};
    std::array<wxStaticText*, kPasswordFieldCount> m_issues{};
    std::array<wxString, kPasswordFieldCount> m_shownIssues;
    wxStaticText* m_counter = nullptr;
    wxStaticText* m_error = nullptr;
    wxString m_shownError;
    wxActivityIndicator* m_busy = nullptr;
    wxButton* m_changeButton = nullptr;
    wxButton* m_cancelButton = nullptr;
    bool m_finished = false;
};

} // namespace resv::views
