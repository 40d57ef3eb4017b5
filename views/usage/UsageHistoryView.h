#pragma once
// 利用履歴: the tenant's usage history. Filters (JST days with presets, user, action category,
// result, free text), a virtual list of the events over the presenter's page cache, the selected
// event's detail with before and after side by side, Verify, a "new events" link fed by a poll
// every 30 s, and Export CSV (UTF-8 or Shift_JIS) with progress and Cancel.

#include "views/common/Session.h"
#include "views/usage/UsageHistoryPresenter.h"

#include <wx/panel.h>
#include <wx/timer.h>

#include <memory>
#include <optional>

class wxButton;
class wxChoice;
class wxDatePickerCtrl;
class wxHyperlinkCtrl;
class wxInfoBar;
class wxProgressDialog;
class wxSplitterWindow;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

class AuditDetailPane;
class AuditEventList;
class ISettings;
class VerifyBanner;

class UsageHistoryView final : public wxPanel {
public:
    static constexpr int kPollIntervalMs = 30000;
    static constexpr int kExportTickMs = 100;

    UsageHistoryView(wxWindow* parent, ISession& session, std::shared_ptr<client::IAuditApi> api,
                     UsagePermissions permissions, ISettings& settings, ITaskRunner& runner,
                     IUiDispatcher& ui, UsageHistoryPresenter::Clock clock = model::Now);
    ~UsageHistoryView() override;

    UsageHistoryPresenter& Presenter() { return m_presenter; }
    /// The first load and the poll for new events.
    void Start();

    /// The filters as the controls hold them now.
    UsageFilters FiltersFromControls() const;
    /// Applies the filters the controls hold (what Apply and Enter do).
    void ApplyFilters();
    /// Asks where to save and in which encoding, then exports (what Export CSV... does).
    void OnExport();
    /// Exports what the list shows into `path` (".csv" added when it has no extension), with
    /// the progress dialog; the result shows in the message bar.
    void ExportTo(const wxString& path, client::CsvEncoding encoding);
    /// The encoding of the export dialog's file type `filterIndex`.
    static client::CsvEncoding EncodingOfFileType(int filterIndex);

    // For GUI tests.
    wxChoice* PresetChoice() const { return m_preset; }
    wxDatePickerCtrl* FromDate() const { return m_fromDate; }
    wxDatePickerCtrl* ToDate() const { return m_toDate; }
    wxTextCtrl* UserField() const { return m_user; }
    wxChoice* CategoryChoice() const { return m_category; }
    wxChoice* ResultChoice() const { return m_result; }
    wxTextCtrl* SearchField() const { return m_search; }
    wxButton* ApplyButton() const { return m_apply; }
    wxButton* VerifyButton() const { return m_verify; }
    wxButton* ExportButton() const { return m_export; }
    AuditEventList* List() const { return m_list; }
    AuditDetailPane* Detail() const { return m_detail; }
    VerifyBanner* Verification() const { return m_verifyBanner; }
    wxInfoBar* Messages() const { return m_messages; }
    /// What the message bar was last given to show.
    const wxString& LastMessage() const { return m_lastMessage; }
    wxStaticText* CountLine() const { return m_countLine; }
    wxHyperlinkCtrl* NewEventsLink() const { return m_newEvents; }
    /// Shown while an export runs.
    wxProgressDialog* ExportProgress() const { return m_exportProgress; }
    /// Selects row `index` as a click would.
    void SelectRow(long index);

private:
    wxSizer* BuildFilters();
    wxSizer* BuildStatusRow();
    void BindEvents();
    void ShowFilters(const UsageFilters& filters);
    void ShowPresetDays();
    void OnListReset();
    void OnRowsLoaded(std::size_t first, std::size_t last);
    void OnStateChanged();
    void UpdateCountLine();
    void UpdateDetail();
    void UpdateVerification();
    void OnFailed(UsageHistoryPresenter::Operation operation, const client::ApiError& error);
    void ShowMessage(const wxString& text, int icon);
    void ShowFilterProblem(FilterProblem problem);
    void TickExport();
    void FinishExport();

    ISession& m_session;
    ISettings& m_settings;
    UsageHistoryPresenter::Clock m_clock; ///< "today" for the date pickers
    UsageHistoryPresenter m_presenter;
    wxChoice* m_preset = nullptr;
    wxDatePickerCtrl* m_fromDate = nullptr;
    wxDatePickerCtrl* m_toDate = nullptr;
    wxTextCtrl* m_user = nullptr;
    wxChoice* m_category = nullptr;
    wxChoice* m_result = nullptr;
    wxTextCtrl* m_search = nullptr;
    wxButton* m_apply = nullptr;
    wxButton* m_verify = nullptr;
    wxButton* m_export = nullptr;
    wxInfoBar* m_messages = nullptr;
    wxString m_lastMessage;
    VerifyBanner* m_verifyBanner = nullptr;
    wxSplitterWindow* m_splitter = nullptr;
    AuditEventList* m_list = nullptr;
    AuditDetailPane* m_detail = nullptr;
    wxStaticText* m_countLine = nullptr;
    wxHyperlinkCtrl* m_newEvents = nullptr;
    wxProgressDialog* m_exportProgress = nullptr;
    std::optional<UsageHistoryPresenter::ExportResult> m_exportResult;
    wxTimer m_pollTimer;
    wxTimer m_exportTimer;
    std::optional<std::int64_t> m_shownSequence; ///< the event the detail pane shows
    UsageHistoryPresenter::VerifyStatus::State m_shownVerify =
        UsageHistoryPresenter::VerifyStatus::State::Idle;
    bool m_showingFilters = false; ///< control events from ShowFilters are not the user's
    bool m_sashMoved = false;      ///< the user dragged the splitter's sash
};

} // namespace resv::views
