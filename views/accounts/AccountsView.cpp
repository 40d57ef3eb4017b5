#include "views/accounts/AccountsView.h"

#include "views/accounts/AccountList.h"
#include "views/accounts/AccountWords.h"
#include "views/accounts/AccountsDialogs.h"
#include "views/common/ApiErrors.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Words.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/infobar.h>
#include <wx/menu.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/wrapsizer.h>

#include <algorithm>

// The panel, its filters, list and status line, and keeping them in step with the presenter.
// What the actions do is in AccountsViewActions.cpp.

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

const model::AccountStatus kStatuses[] = {
    model::AccountStatus::Active, model::AccountStatus::Disabled, model::AccountStatus::Locked};

} // namespace

AccountsView::AccountsView(wxWindow* parent, ISession& session,
                           std::shared_ptr<client::IAccountsApi> api,
                           std::shared_ptr<client::IFacilitiesApi> facilities,
                           AccountPermissions permissions, ITaskRunner& runner, IUiDispatcher& ui)
    : wxPanel(parent)
    , m_session(session)
    , m_api(api)
    , m_facilities(std::move(facilities))
    , m_runner(runner)
    , m_ui(ui)
    , m_presenter(std::move(api), session.Client(), permissions, session.Me().id, runner, ui) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    const int gap = Px(this, Space::Medium);
    column->Add(BuildFilters(), wxSizerFlags().Expand().Border(wxALL, gap));
    column->Add(BuildActions(), wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));
    m_messages = new wxInfoBar(this);
    m_messages->AddButton(wxID_CLOSE, _("Close")); // GTK's own label would stay in English
    column->Add(m_messages, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, gap));
    m_list = new AccountList(this, m_presenter);
    column->Add(m_list, wxSizerFlags(1).Expand().Border(wxALL, gap));
    // The selected account's roles and scope in full, which a narrow column may cut off.
    m_selectionLine = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                       wxST_ELLIPSIZE_END);
    column->Add(m_selectionLine, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));
    m_statusLine = new wxStaticText(this, wxID_ANY, wxString());
    column->Add(m_statusLine,
                wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM | wxTOP, gap));
    SetSizer(column);

    AccountsPresenter::Callbacks callbacks;
    callbacks.rowsChanged = [this] { SyncRows(); };
    callbacks.stateChanged = [this] { SyncState(); };
    callbacks.failed = [this](const client::ApiError& error) { ShowError(error); };
    callbacks.actionDone = [this](AccountAction action, const model::Account& account) {
        ActionDone(action, account);
    };
    callbacks.passwordIssued = [this](const IssuedPassword& issued) { ShowPassword(issued); };
    callbacks.exported = [this](const std::string& csv) { WriteExport(csv); };
    callbacks.importChecked = [this] { ShowImportPreview(); };
    callbacks.imported = [this](const model::ImportResult& result) {
        m_imported = result;
        if (m_importDialog != nullptr) {
            m_importDialog->EndModal(wxID_OK);
        }
    };
    callbacks.importRejected = [this](ImportProblem problem) {
        m_messages->ShowMessage(
            problem == ImportProblem::NotUtf8
                ? _("The file is not UTF-8 text. In Excel, save it as \"CSV UTF-8 (Comma "
                    "delimited)\" and choose it again.")
                : _("The file is empty: it has no header and no accounts."),
            wxICON_WARNING);
    };
    m_presenter.SetCallbacks(std::move(callbacks));
    BindEvents();
    SyncState();
}

AccountsView::~AccountsView() {
    m_searchTimer.Stop();
    m_refreshTimer.Stop();
}

void AccountsView::Start() {
    m_presenter.Start();
    m_refreshTimer.Start(kRefreshIntervalMs);
}

wxSizer* AccountsView::BuildFilters() {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_search = new wxSearchCtrl(this, wxID_ANY);
    m_search->ShowCancelButton(true);
    m_search->SetDescriptiveText(_("Search by login ID or name"));
    row->Add(m_search, wxSizerFlags(1).CenterVertical());
    m_roleFilter = new wxChoice(this, wxID_ANY);
    FillRoleFilter();
    row->Add(m_roleFilter, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    m_statusFilter = new wxChoice(this, wxID_ANY);
    m_statusFilter->Append(_("All statuses"));
    for (const auto status : kStatuses) {
        m_statusFilter->Append(AccountStatusName(status));
    }
    m_statusFilter->SetSelection(0);
    row->Add(m_statusFilter,
             wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    m_refresh = new wxButton(this, wxID_ANY, _("Refresh"));
    row->Add(m_refresh, wxSizerFlags().CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    return row;
}

wxSizer* AccountsView::BuildActions() {
    // Wraps to a second line when a narrow window or longer Japanese labels need it.
    auto* row = new wxWrapSizer(wxHORIZONTAL);
    const std::pair<AccountAction, wxString> actions[] = {
        {AccountAction::New, _("New...")},
        {AccountAction::Edit, _("Edit...")},
        {AccountAction::Disable, _("Disable...")},
        {AccountAction::Unlock, _("Unlock")},
        {AccountAction::ResetPassword, _("Reset password...")},
        {AccountAction::SignOut, _("Sign out sessions...")},
        {AccountAction::Delete, _("Delete...")},
        {AccountAction::Import, _("Import CSV...")},
    };
    const wxSizerFlags flags = wxSizerFlags().Border(wxRIGHT | wxBOTTOM, Px(this, Space::Small));
    for (const auto& [action, label] : actions) {
        auto* button = new wxButton(this, wxID_ANY, label);
        m_buttons[action] = button;
        row->Add(button, flags);
        button->Bind(wxEVT_BUTTON, [this, action = action](wxCommandEvent&) { Do(action); });
    }
    m_export = new wxButton(this, wxID_ANY, _("Export CSV..."));
    row->Add(m_export, flags);
    m_export->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnExport(); });
    return row;
}

void AccountsView::BindEvents() {
    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        m_searchTimer.StartOnce(kSearchDelayMs); // typing restarts it: one query per pause
    });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) {
        m_search->Clear();
        m_searchTimer.Stop();
        m_presenter.SetSearch({});
    });
    m_search->Bind(wxEVT_SEARCHCTRL_SEARCH_BTN, [this](wxCommandEvent&) {
        m_searchTimer.Stop();
        m_presenter.SetSearch(ToUtf8(m_search->GetValue()));
    });
    m_searchTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        m_presenter.SetSearch(ToUtf8(m_search->GetValue()));
    });
    m_roleFilter->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int index = m_roleFilter->GetSelection();
        m_presenter.SetRoleFilter(index > 0 ? std::optional<std::string>(m_roleChoices[index - 1])
                                            : std::nullopt);
    });
    m_statusFilter->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int index = m_statusFilter->GetSelection();
        m_presenter.SetStatusFilter(index > 0 ? std::optional(kStatuses[index - 1]) : std::nullopt);
    });
    m_refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Refresh(); });
    m_refreshTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (!m_presenter.Loading() && !m_presenter.Busy() && IsShownOnScreen()) {
            m_presenter.Refresh();
        }
    });
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        if (m_list->Syncing()) {
            return;
        }
        const auto index = static_cast<std::size_t>(event.GetIndex());
        m_presenter.Select(index < m_presenter.RowCount()
                               ? std::optional<std::string>(m_presenter.Row(index).id)
                               : std::nullopt);
    });
    m_list->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) {
        if (!m_list->Syncing() && m_list->GetSelectedItemCount() == 0) {
            m_presenter.Select(std::nullopt);
        }
    });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { Do(AccountAction::Edit); });
    m_list->Bind(wxEVT_LIST_ITEM_RIGHT_CLICK, [this](wxListEvent&) { ShowContextMenu(); });
    m_list->Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& event) {
        if (const char* key = AccountList::SortKeyOf(event.GetColumn())) {
            m_presenter.SortBy(key);
        }
    });
}

void AccountsView::FillRoleFilter() {
    const int previous = m_roleFilter->GetSelection();
    const std::string selected = previous > 0 && previous <= static_cast<int>(m_roleChoices.size())
                                     ? m_roleChoices[previous - 1]
                                     : std::string();
    m_roleFilter->Clear();
    m_roleChoices.clear();
    m_roleFilter->Append(_("All roles"));
    int selection = 0;
    for (const auto& role : m_presenter.Roles()) {
        m_roleChoices.push_back(role.name);
        m_roleFilter->Append(RoleName(role.name));
        if (role.name == selected) {
            selection = static_cast<int>(m_roleChoices.size());
        }
    }
    m_roleFilter->SetSelection(selection);
}

void AccountsView::SyncRows() {
    if (m_roleChoices.size() != m_presenter.Roles().size()) {
        FillRoleFilter();
        Layout();
    }
    m_list->Sync();
    UpdateStatusLine();
}

void AccountsView::SyncState() {
    for (const auto& [action, button] : m_buttons) {
        const Unavailable reason = m_presenter.WhyNot(action);
        button->Enable(reason == Unavailable::None);
        button->SetToolTip(UnavailableText(reason));
    }
    // One button for both: it says what it will do to the selected account.
    wxButton* toggle = m_buttons[AccountAction::Disable];
    if (m_presenter.Can(AccountAction::Enable)) {
        toggle->SetLabel(_("Enable"));
        toggle->Enable(true);
        toggle->SetToolTip(wxString());
    } else {
        toggle->SetLabel(_("Disable..."));
    }
    m_export->Enable(m_presenter.Permissions().read && !m_presenter.Exporting());
    if (m_list->SelectedRow() != -1 || !m_presenter.SelectedId()) {
        m_list->Sync();
    }
    UpdateStatusLine();
    Layout();
}

void AccountsView::UpdateStatusLine() {
    const int n = static_cast<int>(m_presenter.RowCount());
    wxString text;
    if (!m_presenter.Loaded()) {
        text = _("Loading accounts...");
    } else if (m_presenter.HasMore()) {
        // TRANSLATORS: the accounts list's status line when the server has more pages.
        text = wxString::Format(wxPLURAL("%d account shown; more load as you scroll",
                                         "%d accounts shown; more load as you scroll", n),
                                n);
    } else {
        text = wxString::Format(wxPLURAL("%d account", "%d accounts", n), n);
    }
    const auto& query = m_presenter.Query();
    if (!query.q.empty() || query.role || query.status) {
        // TRANSLATORS: appended to the count when a search or filter is in effect.
        text += _(" (filtered)");
    }
    if (m_presenter.Loaded() && m_presenter.Loading()) {
        text += wxS("  ") + _("Updating...");
    }
    if (m_statusLine->GetLabel() != text) {
        m_statusLine->SetLabel(text);
    }
    wxString selection;
    if (const model::Account* account = m_presenter.Selected()) {
        // TRANSLATORS: under the accounts list, the selected account in full: its name (login
        // ID), its roles and the jurisdictions and facilities it may reach.
        selection = wxString::Format(_("%s    Roles: %s    Scope: %s"), AccountName(*account),
                                     RoleNames(account->roles), ScopeText(account->scope));
    }
    if (m_selectionLine->GetLabel() != selection) {
        m_selectionLine->SetLabel(selection);
        m_selectionLine->SetToolTip(selection);
    }
}

wxButton* AccountsView::Button(AccountAction action) const {
    const auto it = m_buttons.find(action);
    return it == m_buttons.end() ? nullptr : it->second;
}

void AccountsView::SelectAccount(const std::string& id) {
    m_presenter.Select(id);
    const long row = m_list->SelectedRow();
    if (row != -1) {
        m_list->EnsureVisible(row);
    }
}

void AccountsView::ShowContextMenu() {
    wxMenu menu;
    const std::pair<AccountAction, wxString> items[] = {
        {AccountAction::Edit, _("Edit...")},
        {m_presenter.Can(AccountAction::Enable) ? AccountAction::Enable : AccountAction::Disable,
         m_presenter.Can(AccountAction::Enable) ? _("Enable") : _("Disable...")},
        {AccountAction::Unlock, _("Unlock")},
        {AccountAction::ResetPassword, _("Reset password...")},
        {AccountAction::SignOut, _("Sign out sessions...")},
        {AccountAction::Delete, _("Delete...")},
    };
    for (const auto& [action, label] : items) {
        wxMenuItem* item = menu.Append(wxID_ANY, label);
        item->Enable(m_presenter.Can(action));
        menu.Bind(
            wxEVT_MENU, [this, action = action](wxCommandEvent&) { Do(action); }, item->GetId());
    }
    PopupMenu(&menu);
}

void AccountsView::ShowError(const client::ApiError& error) {
    if (EndsSession(error)) {
        m_refreshTimer.Stop();
        m_session.Expired(error);
        return;
    }
    if (m_exportDialog != nullptr) {
        m_exportDialog->EndModal(wxID_CANCEL);
    }
    if (m_importDialog != nullptr) {
        m_importDialog->ShowError(DescribeImportError(error));
        return;
    }
    // The check of an import file that the server could not read at all names "file" or
    // "header" rather than a row.
    const auto& fields = error.Problem().errors;
    const bool unreadableFile =
        std::any_of(fields.begin(), fields.end(), [](const model::FieldError& field) {
            return field.field == "file" || field.field == "header";
        });
    m_messages->ShowMessage(
        (unreadableFile ? DescribeImportError(error) : DescribeAccountError(error)).Full(),
        wxICON_WARNING);
}

} // namespace resv::views
