#pragma once
// The usage history as a virtual report list over the presenter's page cache: it only reads
// rows that are there (a row not loaded yet reads "Loading..." until its page arrives), tells
// the presenter which rows are on screen, and sets denied and failed events apart by colour.
// A right-click on the header shows or hides columns; widths and hidden columns are remembered
// in the settings.

#include "views/usage/UsageHistoryPresenter.h"

#include <wx/listctrl.h>

#include <array>
#include <memory>
#include <vector>

namespace resv::views {

class ISettings;

class AuditEventList final : public wxListView {
public:
    /// The columns whatever is shown; the list's own column indices follow Shown().
    enum Column { kTime, kUser, kAction, kTarget, kResult, kSourceIp, kColumnCount };
    /// The name the settings keep the columns under.
    static constexpr const char* kSettingsName = "usage-history";

    AuditEventList(wxWindow* parent, UsageHistoryPresenter& presenter, ISettings& settings);

    /// The presenter has a new list (count and first page): every row repaints.
    void Reset();
    /// Rows `first` to `last` have their events now.
    void RowsLoaded(std::size_t first, std::size_t last);
    /// True while Reset changes the selection (its events are not the user's).
    bool Syncing() const { return m_syncing; }

    /// Shows or hides a column (the last shown one stays) and remembers it.
    void ShowColumn(Column column, bool show);
    bool IsShown(Column column) const;
    /// The column a list column index shows, or kColumnCount.
    Column ColumnAt(long index) const;
    /// The text of a cell by column, whether shown or not (tests read what a row says).
    wxString CellText(long item, Column column) const;
    /// The header's context menu (a right-click on the header).
    void ShowColumnMenu();
    /// "Time (JST)", "User", ...
    static wxString Title(Column column);

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    void CheckVisibleRows();
    void RebuildColumns();
    void FitColumns();
    void RememberWidths();
    void LoadSettings();
    void SaveSettings();

    UsageHistoryPresenter& m_presenter;
    ISettings& m_settings;
    std::array<bool, kColumnCount> m_shown{};
    std::array<int, kColumnCount> m_widths{}; ///< in DIPs
    std::vector<Column> m_columns;            ///< the list's columns, in order
    std::unique_ptr<wxItemAttr> m_placeholder;
    std::unique_ptr<wxItemAttr> m_denied;
    std::unique_ptr<wxItemAttr> m_failed;
    long m_firstVisible = -1;
    long m_lastVisible = -1;
    bool m_syncing = false;
    int m_fittedWidth = 0;
};

} // namespace resv::views
