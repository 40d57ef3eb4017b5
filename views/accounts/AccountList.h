#pragma once
// The accounts as a virtual report list: it only reads the presenter's loaded rows; a last row
// "Loading more..." stands for the pages not loaded yet, and asks for them when it shows.

#include "views/accounts/AccountsPresenter.h"

#include <wx/listctrl.h>

#include <memory>

namespace resv::views {

class AccountList final : public wxListView {
public:
    enum Column { kLoginId, kDisplayName, kRoles, kStatus, kLastLogin, kScope, kColumnCount };

    AccountList(wxWindow* parent, AccountsPresenter& presenter);

    /// The presenter's rows, sort and selection changed: show them.
    void Sync();
    /// The API's sort key of a column, or nullptr when the server does not sort by it.
    static const char* SortKeyOf(int column);
    /// The row index of the selected account, -1 when none is shown.
    long SelectedRow() const;
    /// True while Sync changes the selection (its events are not the user's).
    bool Syncing() const { return m_syncing; }

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    void CheckVisibleRows();
    /// Shares the list's width out among the name, roles and scope columns in their current
    /// proportions, so every column stays on screen in a narrow window.
    void FitColumns();

    AccountsPresenter& m_presenter;
    std::unique_ptr<wxItemAttr> m_inactive;
    std::unique_ptr<wxItemAttr> m_locked;
    long m_lastVisible = -1;
    bool m_syncing = false;
    int m_fittedWidth = 0; ///< the client width the columns were last fitted to
};

} // namespace resv::views
