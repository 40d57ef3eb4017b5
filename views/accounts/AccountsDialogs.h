#pragma once
// The Accounts screen's smaller dialogs: a one-time password shown once with Copy, the import's
// row-by-row preview with Apply, and the export's busy dialog with Cancel.

#include "views/accounts/AccountsPresenter.h"
#include "views/common/ErrorMessages.h"

#include <wx/dialog.h>
#include <wx/timer.h>

class wxButton;
class wxGauge;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

class OneTimePasswordDialog final : public wxDialog {
public:
    OneTimePasswordDialog(wxWindow* parent, const IssuedPassword& issued);
    wxTextCtrl* Password() const { return m_password; }
    wxButton* CopyButton() const { return m_copy; }

private:
    wxTextCtrl* m_password = nullptr;
    wxButton* m_copy = nullptr;
};

/// Every row of the dry run; Apply (when no row has an error) asks the presenter for the real
/// run, and the view ends the dialog when it is done.
class ImportPreviewDialog final : public wxDialog {
public:
    ImportPreviewDialog(wxWindow* parent, AccountsPresenter& presenter);
    /// The real run failed: say so in the dialog, which stays open.
    void ShowError(const ErrorMessage& message);

    wxListCtrl* Rows() const { return m_rows; }
    wxButton* ApplyButton() const { return m_apply; }
    wxStaticText* Summary() const { return m_summary; }

private:
    AccountsPresenter& m_presenter;
    wxListCtrl* m_rows = nullptr;
    wxStaticText* m_summary = nullptr;
    wxStaticText* m_error = nullptr;
    wxButton* m_apply = nullptr;
};

/// "Exporting accounts..." with a pulsing bar and Cancel; the view ends it when the bytes came.
class ExportProgressDialog final : public wxDialog {
public:
    ExportProgressDialog(wxWindow* parent, AccountsPresenter& presenter);
    ~ExportProgressDialog() override;

private:
    wxGauge* m_gauge = nullptr;
    wxTimer m_pulse;
};

} // namespace resv::views
