#include "views/accounts/AccountList.h"

#include "views/accounts/AccountWords.h"
#include "views/common/Text.h"
#include "views/common/Words.h"

#include <wx/settings.h>

#include <algorithm>
#include <iterator>

namespace resv::views {

AccountList::AccountList(wxWindow* parent, AccountsPresenter& presenter)
    : wxListView(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxBORDER_THEME)
    , m_presenter(presenter)
    , m_inactive(std::make_unique<wxItemAttr>())
    , m_locked(std::make_unique<wxItemAttr>()) {
    m_inactive->SetTextColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    m_locked->SetTextColour(wxColour(0xA0, 0x30, 0x00));
    const struct {
        wxString title;
        int width;
    } columns[kColumnCount] = {
        {_("Login ID"), 100},
        {_("Display name"), 130},
        {_("Roles"), 190},
        {_("Status"), 140},
        // TRANSLATORS: a column header; the times under it are Japan Standard Time.
        {_("Last login (JST)"), 145},
        // TRANSLATORS: a column header: the jurisdictions and facilities an account may reach.
        {_("Scope"), 170},
    };
    for (int i = 0; i < kColumnCount; ++i) {
        AppendColumn(columns[i].title, wxLIST_FORMAT_LEFT, FromDIP(columns[i].width));
    }
    // Visible rows change on scrolling, resizing and the keyboard; idle time notices them all.
    Bind(wxEVT_IDLE, [this](wxIdleEvent& event) {
        event.Skip();
        CheckVisibleRows();
    });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        CallAfter([this] { FitColumns(); });
    });
}

void AccountList::FitColumns() {
    const int width = GetClientSize().x;
    if (width <= 0 || width == m_fittedWidth) {
        return;
    }
    m_fittedWidth = width;
    const int flexible[] = {kDisplayName, kRoles, kScope};
    int fixedWidth = 0;
    for (int column = 0; column < kColumnCount; ++column) {
        if (std::find(std::begin(flexible), std::end(flexible), column) == std::end(flexible)) {
            fixedWidth += GetColumnWidth(column);
        }
    }
    int flexibleWidth = 0;
    for (const int column : flexible) {
        flexibleWidth += GetColumnWidth(column);
    }
    // Leave room for the vertical scroll bar, whether it shows now or once more rows load.
    const int room = width - fixedWidth - wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, this);
    const int minimum = FromDIP(70);
    if (flexibleWidth <= 0 || room < minimum * 3) {
        return;
    }
    for (const int column : flexible) {
        SetColumnWidth(column, std::max(minimum, GetColumnWidth(column) * room / flexibleWidth));
    }
}

const char* AccountList::SortKeyOf(int column) {
    switch (column) {
    case kLoginId:
        return sort_key::kLoginId;
    case kDisplayName:
        return sort_key::kDisplayName;
    case kStatus:
        return sort_key::kStatus;
    case kLastLogin:
        return sort_key::kLastLogin;
    default:
        return nullptr;
    }
}

void AccountList::Sync() {
    m_syncing = true;
    const long count = static_cast<long>(m_presenter.RowCount()) + (m_presenter.HasMore() ? 1 : 0);
    if (GetItemCount() != count) {
        SetItemCount(count);
    }
    if (count > 0) {
        RefreshItems(0, count - 1);
    }
    for (int column = 0; column < kColumnCount; ++column) {
        const char* key = SortKeyOf(column);
        if (key != nullptr && key == m_presenter.SortKey()) {
            ShowSortIndicator(column, !m_presenter.SortDescending());
        }
    }
    const long wanted = SelectedRow();
    for (long item = GetFirstSelected(); item != -1; item = GetNextSelected(item)) {
        if (item != wanted) {
            SetItemState(item, 0, wxLIST_STATE_SELECTED);
        }
    }
    if (wanted != -1 && !IsSelected(wanted)) {
        SetItemState(wanted, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                     wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
    m_syncing = false;
    m_lastVisible = -1; // the rows changed: look again
}

long AccountList::SelectedRow() const {
    const auto& id = m_presenter.SelectedId();
    if (!id) {
        return -1;
    }
    const auto index = m_presenter.IndexOf(*id);
    return index ? static_cast<long>(*index) : -1;
}

void AccountList::CheckVisibleRows() {
    if (GetItemCount() == 0) {
        return;
    }
    const long last = std::min<long>(GetTopItem() + GetCountPerPage(), GetItemCount() - 1);
    if (last != m_lastVisible) {
        m_lastVisible = last;
        m_presenter.RowsVisible(static_cast<std::size_t>(std::max(0L, last)));
    }
}

wxString AccountList::OnGetItemText(long item, long column) const {
    if (item < 0 || static_cast<std::size_t>(item) >= m_presenter.RowCount()) {
        // TRANSLATORS: the last row of the accounts list while the next page is on its way.
        return column == kLoginId ? _("Loading more...") : wxString();
    }
    const model::Account& account = m_presenter.Row(static_cast<std::size_t>(item));
    switch (column) {
    case kLoginId:
        return FromUtf8(account.loginId);
    case kDisplayName:
        return FromUtf8(account.displayName);
    case kRoles:
        return RoleNames(account.roles);
    case kStatus:
        return AccountStatusText(account);
    case kLastLogin:
        return LastLoginText(account);
    case kScope:
        return ScopeText(account.scope);
    default:
        return {};
    }
}

wxItemAttr* AccountList::OnGetItemAttr(long item) const {
    if (item < 0 || static_cast<std::size_t>(item) >= m_presenter.RowCount()) {
        return m_inactive.get();
    }
    switch (m_presenter.Row(static_cast<std::size_t>(item)).status) {
    case model::AccountStatus::Disabled:
        return m_inactive.get();
    case model::AccountStatus::Locked:
        return m_locked.get();
    default:
        return nullptr;
    }
}

} // namespace resv::views
