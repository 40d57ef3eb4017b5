#include "views/usage/UsageHistoryView.h"

#include "views/common/ApiErrors.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Text.h"
#include "views/usage/AuditWords.h"

#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/infobar.h>
#include <wx/progdlg.h>

#include <algorithm>
#include <climits>

// Export CSV...: where to save and in which encoding, the progress with Cancel, and the result.

namespace resv::views {
namespace {

wxString ProgressText(std::int64_t rows, std::int64_t total) {
    // TRANSLATORS: the export's progress, e.g. "1,200 of 5,000 events written".
    return wxString::Format(_("%s of %s events written"), GroupDigits(rows), GroupDigits(total));
}

} // namespace

void UsageHistoryView::OnExport() {
    if (!m_presenter.CanExport()) {
        return;
    }
    // "usage-history-20261128.csv": today in Japan.
    wxString day = FromUtf8(FormatJstDate(m_presenter.Today()));
    day.Replace(wxS("-"), wxString());
    const wxString name = wxS("usage-history-") + day + wxS(".csv");
    wxFileDialog save(this, _("Export the usage history as CSV"), wxString(), name,
                      // TRANSLATORS: the file types of the export. Keep "|*.csv" as it is.
                      _("CSV, UTF-8 (*.csv)|*.csv|CSV, Shift_JIS for older Excel (*.csv)|*.csv"),
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (save.ShowModal() == wxID_OK) {
        ExportTo(save.GetPath(), EncodingOfFileType(save.GetFilterIndex()));
    }
}

client::CsvEncoding UsageHistoryView::EncodingOfFileType(int filterIndex) {
    // The file dialog's second file type is Shift_JIS, for Excel versions that cannot read UTF-8.
    return filterIndex == 1 ? client::CsvEncoding::ShiftJis : client::CsvEncoding::Utf8WithBom;
}

void UsageHistoryView::ExportTo(const wxString& path, client::CsvEncoding encoding) {
    if (path.empty() || !m_presenter.CanExport()) {
        return;
    }
    wxFileName file(path);
    if (!file.HasExt()) {
        file.SetExt(wxS("csv"));
    }
    m_exportResult.reset();
    m_presenter.Export(std::filesystem::path(static_cast<const char*>(file.GetFullPath().fn_str())),
                       encoding);
    if (!m_presenter.Exporting()) {
        return;
    }
    const std::int64_t total = m_presenter.CurrentExportProgress().total;
    m_exportProgress =
        new wxProgressDialog(_("Export usage history"), ProgressText(0, total),
                             static_cast<int>(std::clamp<std::int64_t>(total, 1, INT_MAX)), this,
                             wxPD_CAN_ABORT | wxPD_APP_MODAL | wxPD_ELAPSED_TIME | wxPD_SMOOTH);
    // GTK's stock label stays English without a system locale.
    if (wxWindow* cancel = m_exportProgress->FindWindow(wxID_CANCEL)) {
        cancel->SetLabel(_("Cancel"));
    }
    m_exportTimer.Start(kExportTickMs);
}

void UsageHistoryView::TickExport() {
    if (m_exportProgress == nullptr || m_exportResult || !m_presenter.Exporting()) {
        FinishExport();
        return;
    }
    const auto progress = m_presenter.CurrentExportProgress();
    // Below the maximum: reaching it would end the dialog before the file is complete.
    const int value = static_cast<int>(
        std::clamp<std::int64_t>(progress.rows, 0, m_exportProgress->GetRange() - 1));
    if (!m_exportProgress->Update(value, ProgressText(progress.rows, progress.total))) {
        m_presenter.CancelExport();
    }
}

void UsageHistoryView::FinishExport() {
    if (m_presenter.Exporting() && !m_exportResult) {
        return; // Cancel was pressed: the result follows
    }
    m_exportTimer.Stop();
    if (m_exportProgress != nullptr) {
        m_exportProgress->Destroy();
        m_exportProgress = nullptr;
    }
    if (!m_exportResult) {
        return;
    }
    const UsageHistoryPresenter::ExportResult result = *m_exportResult;
    m_exportResult.reset();
    const wxString path = wxString(result.file.c_str(), *wxConvFileName);
    switch (result.outcome) {
    case UsageHistoryPresenter::ExportOutcome::Succeeded:
        ShowMessage(
            wxString::Format(
                wxPLURAL("%s event has been exported to %s.", "%s events have been exported to %s.",
                         static_cast<int>(std::min<std::int64_t>(result.rows, 1000000))),
                GroupDigits(result.rows), path),
            wxICON_INFORMATION);
        break;
    case UsageHistoryPresenter::ExportOutcome::Cancelled:
        ShowMessage(_("The export was cancelled; no file was written."), wxICON_INFORMATION);
        break;
    case UsageHistoryPresenter::ExportOutcome::Failed:
        if (result.error && EndsSession(*result.error)) {
            m_session.Expired(*result.error);
            return;
        }
        ShowMessage(_("The usage history could not be exported; no file was written.") + wxS("\n") +
                        (result.error ? DescribeError(*result.error).Full() : wxString()),
                    wxICON_WARNING);
        break;
    }
    OnStateChanged();
}

} // namespace resv::views
