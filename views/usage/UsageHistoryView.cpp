#include "views/usage/UsageHistoryView.h"

#include "views/common/ApiErrors.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/usage/AuditDetailPane.h"
#include "views/usage/AuditEventList.h"
#include "views/usage/AuditWords.h"
#include "views/usage/VerifyBanner.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/hyperlink.h>
#include <wx/infobar.h>
#include <wx/progdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

// The panel, its filters, list, detail and status line, and keeping them in step with the
// presenter. Export CSV is in UsageHistoryExport.cpp.

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;
using Operation = UsageHistoryPresenter::Operation;
using VerifyState = UsageHistoryPresenter::VerifyStatus::State;

const DatePreset kPresets[] = {DatePreset::Today, DatePreset::Yesterday, DatePreset::Last7Days,
                               DatePreset::ThisMonth, DatePreset::Custom};
const ResultFilter kResults[] = {ResultFilter::Any, ResultFilter::Success, ResultFilter::Denied,
                                 ResultFilter::Failed};

wxString PresetName(DatePreset preset) {
    switch (preset) {
    case DatePreset::Today:
        return _("Today");
    case DatePreset::Yesterday:
        return _("Yesterday");
    case DatePreset::Last7Days:
        return _("Last 7 days");
    case DatePreset::ThisMonth:
        return _("This month");
    case DatePreset::Custom:
        // TRANSLATORS: the date filter's choice for dates the user picks.
        return _("Custom dates");
    }
    return {};
}

JstDate DateOf(const wxDateTime& date) {
    if (!date.IsValid()) {
        return {};
    }
    return std::chrono::year{date.GetYear()} /
           std::chrono::month{static_cast<unsigned>(date.GetMonth()) + 1} /
           std::chrono::day{static_cast<unsigned>(date.GetDay())};
}

wxDateTime DateTimeOf(JstDate date) {
    if (!date.ok()) {
        return wxDefaultDateTime;
    }
    return wxDateTime(static_cast<wxDateTime::wxDateTime_t>(static_cast<unsigned>(date.day())),
                      static_cast<wxDateTime::Month>(static_cast<unsigned>(date.month()) - 1),
                      static_cast<int>(date.year()));
}

std::size_t IndexOf(const std::vector<std::string>& items, const std::string& item) {
    const auto it = std::find(items.begin(), items.end(), item);
    return it == items.end() ? items.size() : static_cast<std::size_t>(it - items.begin());
}

wxStaticText* Label(wxWindow* parent, const wxString& text) {
    return new wxStaticText(parent, wxID_ANY, text);
}

} // namespace

UsageHistoryView::UsageHistoryView(wxWindow* parent, ISession& session,
                                   std::shared_ptr<client::IAuditApi> api,
                                   UsagePermissions permissions, ISettings& settings,
                                   ITaskRunner& runner, IUiDispatcher& ui,
                                   UsageHistoryPresenter::Clock clock)
    : wxPanel(parent)
    , m_session(session)
    , m_settings(settings)
    , m_clock(clock)
    , m_presenter(std::move(api), session.Client(), permissions, runner, ui, std::move(clock)) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    const int gap = Px(this, Space::Medium);
    column->Add(BuildFilters(), wxSizerFlags().Expand().Border(wxALL, gap));
    m_messages = new wxInfoBar(this);
    m_messages->AddButton(wxID_CLOSE, _("Close")); // GTK's own label would stay in English
    column->Add(m_messages, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));
    m_verifyBanner = new VerifyBanner(this);
    column->Add(m_verifyBanner, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));

    m_splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxSP_LIVE_UPDATE | wxSP_3DSASH);
    m_splitter->SetMinimumPaneSize(FromDIP(90));
    m_splitter->SetSashGravity(0.5); // a taller window gives both the room
    m_list = new AuditEventList(m_splitter, m_presenter, m_settings);
    m_detail = new AuditDetailPane(m_splitter);
    m_splitter->SplitHorizontally(m_list, m_detail);
    // The list 45 %, the detail the rest, until the user drags the sash; after that, the
    // gravity shares a resize.
    m_splitter->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        if (!m_sashMoved) {
            CallAfter([this] {
                if (!m_sashMoved) {
                    m_splitter->SetSashPosition(m_splitter->GetClientSize().y * 9 / 20);
                }
            });
        }
    });
    m_splitter->Bind(wxEVT_SPLITTER_SASH_POS_CHANGED, [this](wxSplitterEvent& event) {
        event.Skip();
        m_sashMoved = true;
    });
    column->Add(m_splitter, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, gap));

    column->Add(BuildStatusRow(), wxSizerFlags().Expand().Border(wxALL, gap));
    SetSizer(column);

    UsageHistoryPresenter::Callbacks callbacks;
    callbacks.listReset = [this] { OnListReset(); };
    callbacks.rowsLoaded = [this](std::size_t first, std::size_t last) {
        OnRowsLoaded(first, last);
    };
    callbacks.stateChanged = [this] { OnStateChanged(); };
    // The progress dialog reads the progress on its own tick (see TickExport).
    callbacks.exportProgress = [](const UsageHistoryPresenter::ExportProgress&) {};
    callbacks.exportFinished = [this](const UsageHistoryPresenter::ExportResult& result) {
        m_exportResult = result;
    };
    callbacks.failed = [this](Operation operation, const client::ApiError& error) {
        OnFailed(operation, error);
    };
    m_presenter.SetCallbacks(std::move(callbacks));
    BindEvents();
    ShowFilters(m_presenter.Filters());
    OnStateChanged();
}

UsageHistoryView::~UsageHistoryView() {
    m_pollTimer.Stop();
    m_exportTimer.Stop();
    if (m_exportProgress != nullptr) {
        m_exportProgress->Destroy();
        m_exportProgress = nullptr;
    }
}

void UsageHistoryView::Start() {
    m_presenter.Start();
    m_list->SetFocus(); // not the first field, whose hint the caret would hide
    m_pollTimer.Start(kPollIntervalMs);
}

wxSizer* UsageHistoryView::BuildFilters() {
    const wxSizerFlags labelFlags =
        wxSizerFlags().CenterVertical().Border(wxRIGHT, Px(this, Space::Small));
    const wxSizerFlags fieldFlags =
        wxSizerFlags().CenterVertical().Border(wxRIGHT, Px(this, Space::Large));

    // When and who: the period (its preset's days in the pickers) and a login ID.
    auto* period = new wxBoxSizer(wxHORIZONTAL);
    // TRANSLATORS: the date filter of the usage history.
    period->Add(Label(this, _("Period:")), labelFlags);
    m_preset = new wxChoice(this, wxID_ANY);
    for (const DatePreset preset : kPresets) {
        m_preset->Append(PresetName(preset));
    }
    period->Add(m_preset, wxSizerFlags(fieldFlags).Border(wxRIGHT, Px(this, Space::Medium)));
    m_fromDate = new wxDatePickerCtrl(this, wxID_ANY, wxDefaultDateTime, wxDefaultPosition,
                                      wxDefaultSize, wxDP_DROPDOWN | wxDP_SHOWCENTURY);
    m_fromDate->SetToolTip(_("The first day shown, in Japan Standard Time (JST)"));
    period->Add(m_fromDate, wxSizerFlags().CenterVertical());
    // TRANSLATORS: between the first and the last day of the date filter ("~" in Japanese).
    period->Add(Label(this, wxGETTEXT_IN_CONTEXT("between two dates", "to")),
                wxSizerFlags().CenterVertical().Border(wxLEFT | wxRIGHT, Px(this, Space::Small)));
    m_toDate = new wxDatePickerCtrl(this, wxID_ANY, wxDefaultDateTime, wxDefaultPosition,
                                    wxDefaultSize, wxDP_DROPDOWN | wxDP_SHOWCENTURY);
    m_toDate->SetToolTip(_("The last day shown (included), in Japan Standard Time (JST)"));
    period->Add(m_toDate, wxSizerFlags().CenterVertical());
    // TRANSLATORS: after the date filter: the days and every time on the screen are Japan
    // Standard Time, whatever this PC's time zone.
    auto* zone = Label(this, _("(JST, UTC+9)"));
    zone->SetToolTip(_("Days and times on this screen are Japan Standard Time (UTC+9), "
                       "whatever this PC's time zone."));
    period->Add(zone, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Small)));
    period->AddStretchSpacer();
    period->Add(Label(this, _("User:")), labelFlags);
    m_user = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(120, -1)),
                            wxTE_PROCESS_ENTER);
    m_user->SetHint(_("Login ID"));
    m_user->SetToolTip(_("Only the events of this login ID"));
    period->Add(m_user, wxSizerFlags().CenterVertical());

    // What: the action's category, the result and any text.
    auto* what = new wxBoxSizer(wxHORIZONTAL);
    // TRANSLATORS: the action category filter of the usage history.
    what->Add(Label(this, _("Action:")), labelFlags);
    m_category = new wxChoice(this, wxID_ANY);
    m_category->Append(_("All actions"));
    for (const std::string& category : ActionCategories()) {
        m_category->Append(AuditCategoryName(category));
    }
    what->Add(m_category, fieldFlags);
    what->Add(Label(this, _("Result:")), labelFlags);
    m_result = new wxChoice(this, wxID_ANY);
    m_result->Append(_("All results"));
    m_result->Append(AuditResultName(model::AuditResult::Success));
    m_result->Append(AuditResultName(model::AuditResult::Denied));
    m_result->Append(AuditResultName(model::AuditResult::Failed));
    what->Add(m_result, fieldFlags);
    m_search = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                              wxTE_PROCESS_ENTER);
    m_search->SetHint(_("Search text"));
    m_search->SetToolTip(_("Finds the text in the user, action, target and details"));
    what->Add(m_search, wxSizerFlags(1).CenterVertical());
    m_apply = new wxButton(this, wxID_ANY, _("Apply"));
    what->Add(m_apply, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));

    auto* rows = new wxBoxSizer(wxVERTICAL);
    rows->Add(period, wxSizerFlags().Expand());
    rows->Add(what, wxSizerFlags().Expand().Border(wxTOP, Px(this, Space::Medium)));
    return rows;
}

wxSizer* UsageHistoryView::BuildStatusRow() {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_countLine = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                   wxST_ELLIPSIZE_END);
    row->Add(m_countLine, wxSizerFlags(1).CenterVertical());
    m_newEvents = new wxHyperlinkCtrl(this, wxID_ANY, wxS("-"), wxString(), wxDefaultPosition,
                                      wxDefaultSize, wxHL_ALIGN_RIGHT | wxNO_BORDER);
    m_newEvents->Hide();
    row->Add(m_newEvents, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    m_verify = new wxButton(this, wxID_ANY, _("Verify"));
    m_verify->SetToolTip(_("Check on the server that no event has been changed or removed"));
    row->Add(m_verify, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Large)));
    m_export = new wxButton(this, wxID_ANY, _("Export CSV..."));
    row->Add(m_export, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Small)));
    return row;
}

void UsageHistoryView::BindEvents() {
    m_apply->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ApplyFilters(); });
    m_user->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { ApplyFilters(); });
    m_search->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { ApplyFilters(); });
    // A choice applies at once, as people expect of a drop-down; typed text waits for Enter.
    const auto applyChoice = [this](wxCommandEvent&) {
        if (!m_showingFilters) {
            ApplyFilters();
        }
    };
    m_category->Bind(wxEVT_CHOICE, applyChoice);
    m_result->Bind(wxEVT_CHOICE, applyChoice);
    m_preset->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        if (!m_showingFilters) {
            ShowPresetDays();
            ApplyFilters();
        }
    });
    // Changing a day makes the period custom: the presets' days show in the same pickers.
    const auto dateChanged = [this](wxDateEvent&) {
        if (m_showingFilters) {
            return;
        }
        m_preset->SetSelection(static_cast<int>(std::size(kPresets)) - 1);
        ApplyFilters();
    };
    m_fromDate->Bind(wxEVT_DATE_CHANGED, dateChanged);
    m_toDate->Bind(wxEVT_DATE_CHANGED, dateChanged);
    m_verify->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Verify(); });
    m_export->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnExport(); });
    m_newEvents->Bind(wxEVT_HYPERLINK, [this](wxHyperlinkEvent&) { m_presenter.Refresh(); });
    m_messages->Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { m_messages->Dismiss(); }, wxID_CLOSE);

    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        if (!m_list->Syncing()) {
            m_presenter.Select(static_cast<std::size_t>(event.GetIndex()));
        }
    });
    m_list->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) {
        if (!m_list->Syncing() && m_list->GetSelectedItemCount() == 0) {
            m_presenter.Select(std::nullopt);
        }
    });
    m_list->Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& event) {
        if (m_list->ColumnAt(event.GetColumn()) != AuditEventList::kTime) {
            return;
        }
        // The time column's header turns the order round.
        UsageFilters filters = FiltersFromControls();
        filters.newestFirst = !m_presenter.AppliedFilters().newestFirst;
        m_presenter.Apply(filters);
    });

    m_pollTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (IsShownOnScreen()) {
            m_presenter.Poll();
        }
    });
    m_exportTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { TickExport(); });
}

UsageFilters UsageHistoryView::FiltersFromControls() const {
    UsageFilters filters = m_presenter.Filters();
    const int preset = m_preset->GetSelection();
    filters.preset = preset >= 0 ? kPresets[preset] : DatePreset::Last7Days;
    filters.customFrom = DateOf(m_fromDate->GetValue());
    filters.customTo = DateOf(m_toDate->GetValue());
    // Login IDs are lower case: "Yamada" finds yamada's events.
    filters.user = ToUtf8(m_user->GetValue().Strip(wxString::both).Lower());
    const int category = m_category->GetSelection();
    filters.category =
        category > 0 ? ActionCategories()[static_cast<std::size_t>(category - 1)] : std::string();
    const int result = m_result->GetSelection();
    filters.result = result >= 0 ? kResults[result] : ResultFilter::Any;
    filters.text = ToUtf8(m_search->GetValue().Strip(wxString::both));
    return filters;
}

void UsageHistoryView::ApplyFilters() {
    const FilterProblem problem = m_presenter.Apply(FiltersFromControls());
    ShowFilterProblem(problem);
}

void UsageHistoryView::ShowMessage(const wxString& text, int icon) {
    m_lastMessage = text;
    m_messages->ShowMessage(text, icon);
}

void UsageHistoryView::ShowFilterProblem(FilterProblem problem) {
    switch (problem) {
    case FilterProblem::None:
        return;
    case FilterProblem::CustomFromAfterTo:
        ShowMessage(_("The first day is after the last day. Choose the days again."),
                    wxICON_WARNING);
        return;
    case FilterProblem::InvalidDate:
        ShowMessage(_("Choose the first and the last day of the period."), wxICON_WARNING);
        return;
    }
}

void UsageHistoryView::ShowFilters(const UsageFilters& filters) {
    m_showingFilters = true;
    const auto preset = std::find(std::begin(kPresets), std::end(kPresets), filters.preset);
    m_preset->SetSelection(static_cast<int>(preset - std::begin(kPresets)));
    m_user->ChangeValue(FromUtf8(filters.user));
    const std::size_t category = IndexOf(ActionCategories(), filters.category);
    m_category->SetSelection(category < ActionCategories().size() ? static_cast<int>(category) + 1
                                                                  : 0);
    const auto result = std::find(std::begin(kResults), std::end(kResults), filters.result);
    m_result->SetSelection(static_cast<int>(result - std::begin(kResults)));
    m_search->ChangeValue(FromUtf8(filters.text));
    m_showingFilters = false;
    ShowPresetDays();
}

void UsageHistoryView::ShowPresetDays() {
    // The days a preset covers, in the pickers, so that "Last 7 days" says which days.
    UsageFilters filters = m_presenter.Filters();
    const int preset = m_preset->GetSelection();
    filters.preset = preset >= 0 ? kPresets[preset] : DatePreset::Last7Days;
    if (filters.preset == DatePreset::Custom) {
        return; // the pickers hold the user's days
    }
    const JstDays days = DaysOf(filters, m_clock());
    m_showingFilters = true;
    m_fromDate->SetValue(DateTimeOf(days.first));
    m_toDate->SetValue(DateTimeOf(days.last));
    m_showingFilters = false;
}

void UsageHistoryView::SelectRow(long index) {
    m_list->Select(index);
    m_list->Focus(index);
    if (m_presenter.SelectedIndex() != std::optional<std::size_t>(index)) {
        m_presenter.Select(static_cast<std::size_t>(index));
    }
}

void UsageHistoryView::OnListReset() {
    m_list->Reset();
    UpdateCountLine();
    UpdateDetail();
}

void UsageHistoryView::OnRowsLoaded(std::size_t first, std::size_t last) {
    m_list->RowsLoaded(first, last);
    // A placeholder row the user selected selects its event once it is here.
    const long selected = m_list->GetFirstSelected();
    if (selected >= static_cast<long>(first) && selected <= static_cast<long>(last) &&
        m_presenter.SelectedIndex() != std::optional<std::size_t>(selected)) {
        m_presenter.Select(static_cast<std::size_t>(selected));
    }
}

void UsageHistoryView::OnStateChanged() {
    const UsagePermissions& permissions = m_presenter.Permissions();
    m_verify->Enable(permissions.read && m_presenter.Verification().state != VerifyState::Running);
    m_export->Enable(m_presenter.CanExport());
    if (!permissions.exportCsv) {
        m_export->SetToolTip(_("Your role can view the usage history but not export it (it "
                               "lacks the permission to export the usage history)."));
    } else if (m_presenter.Exporting()) {
        m_export->SetToolTip(_("An export is running."));
    } else {
        m_export->SetToolTip(_("Save the events the list shows as a CSV file"));
    }
    UpdateCountLine();
    UpdateDetail();
    UpdateVerification();
    const std::int64_t fresh = m_presenter.NewEvents();
    const bool showNew =
        fresh > 0 && m_presenter.State() == UsageHistoryPresenter::ListState::Ready;
    if (showNew) {
        // TRANSLATORS: a link under the usage history when events arrived since it was loaded;
        // clicking it loads them.
        const wxString label = wxString::Format(
            wxPLURAL("%s new event: click to refresh", "%s new events: click to refresh",
                     static_cast<int>(std::min<std::int64_t>(fresh, 1000000))),
            GroupDigits(fresh));
        if (m_newEvents->GetLabel() != label) {
            m_newEvents->SetLabel(label);
        }
    }
    if (m_newEvents->IsShown() != showNew) {
        m_newEvents->Show(showNew);
    }
    Layout();
}

void UsageHistoryView::UpdateCountLine() {
    wxString text;
    switch (m_presenter.State()) {
    case UsageHistoryPresenter::ListState::NotStarted:
        break;
    case UsageHistoryPresenter::ListState::Loading:
        text = _("Loading the usage history...");
        break;
    case UsageHistoryPresenter::ListState::Failed:
        text = _("The usage history could not be loaded. Change the filters or press Apply to "
                 "try again.");
        break;
    case UsageHistoryPresenter::ListState::Ready: {
        const auto n = static_cast<std::int64_t>(m_presenter.RowCount());
        const JstDays& days = m_presenter.AppliedDays();
        const wxString range =
            days.first == days.last
                ? FromUtf8(FormatJstDate(days.first))
                // TRANSLATORS: the days the usage history shows, e.g. "2026-11-22 – 2026-11-28".
                : wxString::Format(_("%s to %s"), FromUtf8(FormatJstDate(days.first)),
                                   FromUtf8(FormatJstDate(days.last)));
        // TRANSLATORS: the usage history's count line, e.g. "1,234 events, 2026-11-22 to
        // 2026-11-28" (the days in JST, as the date filter says).
        text = wxString::Format(wxPLURAL("%s event, %s", "%s events, %s",
                                         static_cast<int>(std::min<std::int64_t>(n, 1000000))),
                                GroupDigits(n), range);
        break;
    }
    }
    if (m_countLine->GetLabelText() != text) {
        m_countLine->SetLabelText(text);
    }
}

void UsageHistoryView::UpdateDetail() {
    const model::AuditEvent* selected = m_presenter.Selected();
    const std::optional<std::int64_t> sequence =
        selected ? std::optional(selected->sequence) : std::nullopt;
    if (sequence == m_shownSequence) {
        return;
    }
    m_shownSequence = sequence;
    m_detail->Show(selected, m_presenter.SelectedChanges());
    if (!selected && m_list->GetSelectedItemCount() > 0 && !m_presenter.SelectedIndex()) {
        m_list->Reset(); // the list's selection follows the presenter's
    }
}

void UsageHistoryView::UpdateVerification() {
    const auto& status = m_presenter.Verification();
    if (status.state == m_shownVerify) {
        return;
    }
    m_shownVerify = status.state;
    switch (status.state) {
    case VerifyState::Idle:
        return;
    case VerifyState::Running:
        m_verifyBanner->ShowRunning();
        break;
    case VerifyState::Done:
        if (status.result) {
            m_verifyBanner->ShowResult(*status.result, status.finishedAt.value_or(m_clock()));
        }
        break;
    case VerifyState::Failed:
        if (status.error && EndsSession(*status.error)) {
            return; // OnFailed ends the session
        }
        m_verifyBanner->ShowFailure(status.error ? DescribeError(*status.error)
                                                 : ErrorMessage{_("Unknown error."), {}});
        break;
    }
    Layout();
}

void UsageHistoryView::OnFailed(Operation operation, const client::ApiError& error) {
    if (EndsSession(error)) {
        m_pollTimer.Stop();
        m_session.Expired(error);
        return;
    }
    switch (operation) {
    case Operation::List:
        ShowMessage(DescribeError(error).Full(), wxICON_WARNING);
        break;
    case Operation::Page:
        ShowMessage(_("Some events could not be loaded. Scroll to try again.") + wxS("\n") +
                        DescribeError(error).Full(),
                    wxICON_WARNING);
        break;
    case Operation::Verify: // the banner says it
    case Operation::Export: // the export's result says it
    case Operation::Poll:   // the next poll tries again
        break;
    }
}

} // namespace resv::views
