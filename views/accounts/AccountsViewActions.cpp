#include "views/accounts/AccountDialog.h"
#include "views/accounts/AccountList.h"
#include "views/accounts/AccountWords.h"
#include "views/accounts/AccountsDialogs.h"
#include "views/accounts/AccountsView.h"
#include "views/accounts/SessionsDialog.h"
#include "views/common/Text.h"

#include <wx/button.h>
#include <wx/file.h>
#include <wx/filedlg.h>
#include <wx/infobar.h>
#include <wx/msgdlg.h>

#include <algorithm>

// What the Accounts screen's actions do: the confirmations naming the account, the account
// dialog, the one-time password, and the CSV import and export with their files.

namespace resv::views {
namespace {

const wxString kCsvWildcard() {
    // TRANSLATORS: a file type in the open/save dialogs.
    return _("CSV files (*.csv)|*.csv|All files|*");
}

bool WriteFile(const wxString& path, const std::string& bytes) {
    wxFile file;
    if (!file.Create(path, true, wxS_IRUSR | wxS_IWUSR)) { // owner only: it may hold passwords
        return false;
    }
    return file.Write(bytes.data(), bytes.size()) == bytes.size() && file.Close();
}

bool ReadFile(const wxString& path, std::string& bytes) {
    wxFile file(path);
    if (!file.IsOpened()) {
        return false;
    }
    const wxFileOffset length = file.Length();
    bytes.resize(static_cast<std::size_t>(std::max<wxFileOffset>(length, 0)));
    return file.Read(bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
}

} // namespace

void AccountsView::Do(AccountAction action) {
    if (!m_presenter.Can(action)) {
        return;
    }
    switch (action) {
    case AccountAction::New:
        return OnNewOrEdit(true);
    case AccountAction::Edit:
        return OnNewOrEdit(false);
    case AccountAction::Disable:
    case AccountAction::Enable:
        return OnDisableOrEnable();
    case AccountAction::Unlock:
        return m_presenter.Unlock();
    case AccountAction::ResetPassword:
        return OnResetPassword();
    case AccountAction::SignOut:
        return OnSignOut();
    case AccountAction::Delete:
        return OnDelete();
    case AccountAction::Import:
        return OnImport();
    }
}

bool AccountsView::Confirm(const wxString& question, const wxString& title, const wxString& yes) {
    wxMessageDialog ask(this, question, title, wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    ask.SetYesNoLabels(yes, _("Cancel"));
    return ask.ShowModal() == wxID_YES;
}

void AccountsView::OnNewOrEdit(bool isNew) {
    std::optional<model::Account> existing;
    if (!isNew) {
        existing = *m_presenter.Selected();
    }
    AccountDialog dialog(this, m_api, m_facilities, existing, m_presenter.Roles(), m_runner, m_ui);
    dialog.Start();
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    if (const auto& created = dialog.Created()) {
        m_presenter.Saved(created->account);
        ShowPassword({created->account, created->oneTimePassword, true});
    } else if (const auto& updated = dialog.Updated()) {
        m_presenter.Saved(*updated);
        m_messages->ShowMessage(
            wxString::Format(_("The account %s has been saved."), AccountName(*updated)),
            wxICON_INFORMATION);
    }
}

void AccountsView::OnDisableOrEnable() {
    const model::Account account = *m_presenter.Selected();
    if (m_presenter.Can(AccountAction::Enable)) {
        return m_presenter.Enable();
    }
    if (Confirm(wxString::Format(_("Disable the account %s?\n\nIt can no longer log in, and its "
                                   "sessions end at once. You can enable it again later."),
                                 AccountName(account)),
                _("Disable account"), _("Disable"))) {
        m_presenter.Disable();
    }
}

void AccountsView::OnResetPassword() {
    const model::Account account = *m_presenter.Selected();
    if (Confirm(wxString::Format(_("Reset the password of %s?\n\nThe current password stops "
                                   "working and the account's sessions end. You will see a "
                                   "one-time password to give to its owner."),
                                 AccountName(account)),
                _("Reset password"), _("Reset password"))) {
        m_presenter.ResetPassword();
    }
}

void AccountsView::OnSignOut() {
    SessionsDialog dialog(this, m_api, *m_presenter.Selected(), m_runner, m_ui);
    dialog.Start();
    dialog.ShowModal();
    if (const auto& ended = dialog.SessionEnded()) {
        ShowError(*ended); // this console's own session is over: back to the login
    }
}

void AccountsView::OnDelete() {
    const model::Account account = *m_presenter.Selected();
    if (Confirm(wxString::Format(_("Delete the account %s?\n\nThis cannot be undone. Its sessions "
                                   "end at once; the usage history keeps its login ID. To stop "
                                   "the account for a while, disable it instead."),
                                 AccountName(account)),
                _("Delete account"), _("Delete"))) {
        m_presenter.Delete();
    }
}

void AccountsView::ActionDone(AccountAction action, const model::Account& account) {
    const wxString name = AccountName(account);
    wxString text;
    switch (action) {
    case AccountAction::Disable:
        text = wxString::Format(_("%s has been disabled and signed out."), name);
        break;
    case AccountAction::Enable:
        text = wxString::Format(_("%s has been enabled."), name);
        break;
    case AccountAction::Unlock:
        text = wxString::Format(_("%s has been unlocked."), name);
        break;
    case AccountAction::Delete:
        text = wxString::Format(_("%s has been deleted."), name);
        break;
    default:
        return;
    }
    m_messages->ShowMessage(text, wxICON_INFORMATION);
}

void AccountsView::ShowPassword(const IssuedPassword& issued) {
    OneTimePasswordDialog dialog(this, issued);
    dialog.ShowModal();
}

void AccountsView::OnImport() {
    wxFileDialog choose(this, _("Choose the CSV file of accounts to import"), wxString(),
                        wxString(), kCsvWildcard(), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (choose.ShowModal() != wxID_OK) {
        return;
    }
    std::string bytes;
    if (!ReadFile(choose.GetPath(), bytes)) {
        m_messages->ShowMessage(
            wxString::Format(_("The file %s could not be read."), choose.GetPath()),
            wxICON_WARNING);
        return;
    }
    m_messages->ShowMessage(_("Checking the file..."), wxICON_INFORMATION);
    m_presenter.CheckImport(std::move(bytes)); // a dry run; ShowImportPreview follows
}

void AccountsView::ShowImportPreview() {
    m_messages->Dismiss();
    m_imported.reset();
    const std::map<std::string, std::string> names = m_presenter.Preview()->displayNames;
    ImportPreviewDialog dialog(this, m_presenter);
    m_importDialog = &dialog;
    const int answer = dialog.ShowModal();
    m_importDialog = nullptr;
    m_presenter.DiscardImport();
    if (answer == wxID_OK && m_imported) {
        const model::ImportResult result = *m_imported;
        m_imported.reset();
        SaveOneTimePasswords(result, names);
    }
}

void AccountsView::SaveOneTimePasswords(const model::ImportResult& result,
                                        const std::map<std::string, std::string>& names) {
    const int created =
        static_cast<int>(std::count_if(result.rows.begin(), result.rows.end(),
                                       [](const auto& row) { return row.oneTimePassword; }));
    for (;;) {
        wxFileDialog save(this,
                          wxString::Format(wxPLURAL("%d account created: save its one-time "
                                                    "password",
                                                    "%d accounts created: save their one-time "
                                                    "passwords",
                                                    created),
                                           created),
                          wxString(), wxS("one-time-passwords.csv"), kCsvWildcard(),
                          wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (save.ShowModal() == wxID_OK) {
            if (WriteFile(save.GetPath(), OneTimePasswordCsv(result, names))) {
                wxMessageBox(
                    wxString::Format(_("The one-time passwords have been saved to %s.\n\nKeep "
                                       "this file safe: anyone who has it can log in as these "
                                       "accounts. Give each person their password, then delete "
                                       "the file. The passwords expire in 7 days."),
                                     save.GetPath()),
                    _("Import accounts"), wxOK | wxICON_WARNING, this);
                return;
            }
            wxMessageBox(wxString::Format(_("The file %s could not be written. Choose another "
                                            "place."),
                                          save.GetPath()),
                         _("Import accounts"), wxOK | wxICON_ERROR, this);
            continue;
        }
        if (Confirm(_("Without the file, the one-time passwords of the new accounts are lost: "
                      "you would have to reset each password. Continue without saving?"),
                    _("Import accounts"), _("Continue without saving"))) {
            return;
        }
    }
}

void AccountsView::OnExport() {
    wxFileDialog save(this, _("Export the accounts as CSV"), wxString(), wxS("accounts.csv"),
                      kCsvWildcard(), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (save.ShowModal() != wxID_OK) {
        return;
    }
    m_exportPath = save.GetPath();
    m_presenter.Export();
    ExportProgressDialog progress(this, m_presenter);
    m_exportDialog = &progress;
    progress.ShowModal();
    m_exportDialog = nullptr;
}

void AccountsView::WriteExport(const std::string& csv) {
    if (m_exportDialog != nullptr) {
        m_exportDialog->EndModal(wxID_OK);
    }
    if (WriteFile(m_exportPath, csv)) {
        m_messages->ShowMessage(
            wxString::Format(_("The accounts have been exported to %s."), m_exportPath),
            wxICON_INFORMATION);
    } else {
        m_messages->ShowMessage(
            wxString::Format(_("The file %s could not be written."), m_exportPath), wxICON_WARNING);
    }
}

} // namespace resv::views
