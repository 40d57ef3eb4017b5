#include "views/usage/AuditEventList.h"

#include "views/common/Settings.h"
#include "views/common/Text.h"
#include "views/usage/AuditWords.h"

#include "resv/model/Time.h"

#include <wx/menu.h>
#include <wx/settings.h>
#include <wx/tokenzr.h>

#include <algorithm>

namespace resv::views {
namespace {

struct ColumnInfo {
    const char* key; ///< in the settings
    int width;       ///< DIPs, at first
    bool flexible;   ///< shares the list's width with the other flexible ones
};

constexpr ColumnInfo kColumns[AuditEventList::kColumnCount] = {
    {"time", 145, false},  {"user", 175, true},   {"action", 160, true},
    {"target", 165, true}, {"result", 60, false}, {"source_ip", 100, false},
};

} // namespace

AuditEventList::AuditEventList(wxWindow* parent, UsageHistoryPresenter& presenter,
                               ISettings& settings)
    : wxListView(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxBORDER_THEME)
    , m_presenter(presenter)
    , m_settings(settings)
    , m_placeholder(std::make_unique<wxItemAttr>())
    , m_denied(std::make_unique<wxItemAttr>())
    , m_failed(std::make_unique<wxItemAttr>()) {
    m_placeholder->SetTextColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    m_denied->SetTextColour(AuditResultColour(model::AuditResult::Denied));
    m_failed->SetTextColour(AuditResultColour(model::AuditResult::Failed));
    for (int column = 0; column < kColumnCount; ++column) {
        m_shown[column] = true;
        m_widths[column] = kColumns[column].width;
    }
    LoadSettings();
    RebuildColumns();

    // Visible rows change on scrolling, resizing and the keyboard; idle time notices them all.
    Bind(wxEVT_IDLE, [this](wxIdleEvent& event) {
        event.Skip();
        CheckVisibleRows();
    });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        CallAfter([this] { FitColumns(); });
    });
    Bind(wxEVT_LIST_COL_RIGHT_CLICK, [this](wxListEvent&) { ShowColumnMenu(); });
    Bind(wxEVT_LIST_COL_END_DRAG, [this](wxListEvent& event) {
        event.Skip();
        // The new width is set after this event: read it once it is.
        CallAfter([this] {
            RememberWidths();
            SaveSettings();
        });
    });
}

wxString AuditEventList::Title(Column column) {
    switch (column) {
    case kTime:
        // TRANSLATORS: a column header; the times under it are Japan Standard Time.
        return _("Time (JST)");
    case kUser:
        return _("User");
    case kAction:
        // TRANSLATORS: a column header of the usage history: what was done.
        return _("Action");
    case kTarget:
        // TRANSLATORS: a column header of the usage history: what it was done to.
        return _("Target");
    case kResult:
        return _("Result");
    case kSourceIp:
        // TRANSLATORS: a column header: the IP address the request came from.
        return _("Source IP");
    case kColumnCount:
        break;
    }
    return {};
}

void AuditEventList::LoadSettings() {
    // "time:150,user:170,-source_ip:110": widths in DIPs, '-' before a hidden column.
    wxStringTokenizer items(FromUtf8(m_settings.ListColumns(kSettingsName)), wxS(","));
    while (items.HasMoreTokens()) {
        wxString item = items.GetNextToken().Trim().Trim(false);
        const bool hidden = item.StartsWith(wxS("-"), &item);
        const wxString key = item.BeforeFirst(':');
        long width = 0;
        const bool hasWidth = item.AfterFirst(':').ToLong(&width);
        for (int column = 0; column < kColumnCount; ++column) {
            if (key == wxString::FromAscii(kColumns[column].key)) {
                m_shown[column] = !hidden;
                if (hasWidth && width >= 30 && width <= 1000) {
                    m_widths[column] = static_cast<int>(width);
                }
            }
        }
    }
    if (std::none_of(m_shown.begin(), m_shown.end(), [](bool shown) { return shown; })) {
        m_shown[kTime] = true;
    }
}

void AuditEventList::SaveSettings() {
    std::string text;
    for (int column = 0; column < kColumnCount; ++column) {
        if (!text.empty()) {
            text += ',';
        }
        text += (m_shown[column] ? "" : "-") + std::string(kColumns[column].key) + ":" +
                std::to_string(m_widths[column]);
    }
    m_settings.SetListColumns(kSettingsName, text);
}

void AuditEventList::RememberWidths() {
    for (std::size_t index = 0; index < m_columns.size(); ++index) {
        m_widths[m_columns[index]] = ToDIP(GetColumnWidth(static_cast<int>(index)));
    }
}

void AuditEventList::RebuildColumns() {
    DeleteAllColumns();
    m_columns.clear();
    for (int column = 0; column < kColumnCount; ++column) {
        if (m_shown[column]) {
            m_columns.push_back(static_cast<Column>(column));
            AppendColumn(Title(static_cast<Column>(column)), wxLIST_FORMAT_LEFT,
                         FromDIP(m_widths[column]));
        }
    }
    m_fittedWidth = 0;
    FitColumns();
    Refresh();
}

void AuditEventList::FitColumns() {
    // The flexible columns share what the fixed ones leave, in the proportions of their
    // remembered widths (not of their current ones, which a tiny first size would have evened
    // out), so that every shown column stays on screen in a narrow window.
    const int width = GetClientSize().x;
    if (width <= 0 || width == m_fittedWidth || m_columns.empty()) {
        return;
    }
    m_fittedWidth = width;
    int fixedWidth = 0;
    int flexibleWidth = 0; ///< DIPs
    for (std::size_t index = 0; index < m_columns.size(); ++index) {
        if (kColumns[m_columns[index]].flexible) {
            flexibleWidth += m_widths[m_columns[index]];
        } else {
            fixedWidth += GetColumnWidth(static_cast<int>(index));
        }
    }
    // Leave room for the vertical scroll bar, whether it shows now or once rows arrive.
    const int room = width - fixedWidth - wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, this);
    const int minimum = FromDIP(80);
    if (flexibleWidth <= 0 || room < minimum) {
        return;
    }
    for (std::size_t index = 0; index < m_columns.size(); ++index) {
        if (kColumns[m_columns[index]].flexible) {
            SetColumnWidth(static_cast<int>(index),
                           std::max(minimum, m_widths[m_columns[index]] * room / flexibleWidth));
        }
    }
}

void AuditEventList::ShowColumn(Column column, bool show) {
    if (column < 0 || column >= kColumnCount || m_shown[column] == show) {
        return;
    }
    const auto shownCount = std::count(m_shown.begin(), m_shown.end(), true);
    if (!show && shownCount <= 1) {
        return;
    }
    RememberWidths();
    m_shown[column] = show;
    RebuildColumns();
    SaveSettings();
}

bool AuditEventList::IsShown(Column column) const {
    return column >= 0 && column < kColumnCount && m_shown[column];
}

AuditEventList::Column AuditEventList::ColumnAt(long index) const {
    return index >= 0 && static_cast<std::size_t>(index) < m_columns.size()
               ? m_columns[static_cast<std::size_t>(index)]
               : kColumnCount;
}

void AuditEventList::ShowColumnMenu() {
    wxMenu menu;
    const auto shownCount = std::count(m_shown.begin(), m_shown.end(), true);
    for (int column = 0; column < kColumnCount; ++column) {
        wxMenuItem* item = menu.AppendCheckItem(wxID_ANY, Title(static_cast<Column>(column)));
        item->Check(m_shown[column]);
        item->Enable(!m_shown[column] || shownCount > 1); // one column always stays
        menu.Bind(
            wxEVT_MENU,
            [this, column](wxCommandEvent&) {
                ShowColumn(static_cast<Column>(column), !m_shown[column]);
            },
            item->GetId());
    }
    PopupMenu(&menu);
}

void AuditEventList::Reset() {
    m_syncing = true;
    const long count = static_cast<long>(m_presenter.RowCount());
    if (GetItemCount() != count) {
        SetItemCount(count);
    }
    const auto selected = m_presenter.SelectedIndex();
    for (long item = GetFirstSelected(); item != -1; item = GetNextSelected(item)) {
        if (!selected || item != static_cast<long>(*selected)) {
            Select(item, false);
        }
    }
    if (selected && static_cast<long>(*selected) < count && !IsSelected(*selected)) {
        Select(static_cast<long>(*selected));
    }
    if (count > 0) {
        RefreshItems(0, count - 1);
    }
    for (std::size_t index = 0; index < m_columns.size(); ++index) {
        if (m_columns[index] == kTime) {
            ShowSortIndicator(static_cast<int>(index), !m_presenter.AppliedFilters().newestFirst);
        }
    }
    m_syncing = false;
    m_firstVisible = m_lastVisible = -1; // the rows changed: look again
}

void AuditEventList::RowsLoaded(std::size_t first, std::size_t last) {
    const long count = GetItemCount();
    if (count == 0 || static_cast<long>(first) >= count) {
        return;
    }
    RefreshItems(static_cast<long>(first), std::min(static_cast<long>(last), count - 1));
}

void AuditEventList::CheckVisibleRows() {
    const long count = GetItemCount();
    if (count == 0) {
        return;
    }
    const long first = std::clamp(GetTopItem(), 0L, count - 1);
    const long last = std::min(first + std::max(GetCountPerPage(), 1), count - 1);
    if (first != m_firstVisible || last != m_lastVisible) {
        m_firstVisible = first;
        m_lastVisible = last;
        m_presenter.RowsVisible(static_cast<std::size_t>(first), static_cast<std::size_t>(last));
    }
}

wxString AuditEventList::CellText(long item, Column column) const {
    if (item < 0) {
        return {};
    }
    const UsageRow row = m_presenter.Row(static_cast<std::size_t>(item));
    if (row.event == nullptr) {
        return {};
    }
    const model::AuditEvent& event = *row.event;
    switch (column) {
    case kTime:
        return FromUtf8(model::FormatJstDateTime(event.at)); // the header says JST
    case kUser:
        return AuditActorText(event.actor);
    case kAction:
        return AuditActionName(event.action);
    case kTarget:
        return AuditTargetText(event.target);
    case kResult:
        return AuditResultName(event.result);
    case kSourceIp:
        return FromUtf8(event.sourceIp.value_or(""));
    case kColumnCount:
        break;
    }
    return {};
}

wxString AuditEventList::OnGetItemText(long item, long column) const {
    if (item < 0 || static_cast<std::size_t>(item) >= m_presenter.RowCount()) {
        return {};
    }
    const UsageRow row = m_presenter.Row(static_cast<std::size_t>(item));
    if (row.event == nullptr) {
        // TRANSLATORS: a row of the usage history whose events are still on their way.
        return column == 0 ? (row.loading ? _("Loading...") : wxString(wxS("\u2026"))) : wxString();
    }
    return CellText(item, ColumnAt(column));
}

wxItemAttr* AuditEventList::OnGetItemAttr(long item) const {
    if (item < 0 || static_cast<std::size_t>(item) >= m_presenter.RowCount()) {
        return nullptr;
    }
    const UsageRow row = m_presenter.Row(static_cast<std::size_t>(item));
    if (row.event == nullptr) {
        return m_placeholder.get();
    }
    switch (row.event->result) {
    case model::AuditResult::Denied:
        return m_denied.get();
    case model::AuditResult::Failed:
        return m_failed.get();
    case model::AuditResult::Success:
        break;
    }
    return nullptr;
}

} // namespace resv::views
