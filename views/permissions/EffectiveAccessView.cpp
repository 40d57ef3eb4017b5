#include "views/permissions/EffectiveAccessView.h"

#include "views/accounts/AccountDialog.h"
#include "views/common/ApiErrors.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Words.h"
#include "views/common/Wrap.h"
#include "views/permissions/PermissionWords.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

constexpr int kTextWidthDip = 520;

wxString JoinNames(const std::vector<std::string>& names) {
    wxString joined;
    for (const std::string& name : names) {
        if (!joined.empty()) {
            joined += _(", ");
        }
        joined += FromUtf8(name);
    }
    return joined;
}

/// The last column takes whatever width the others leave, so "Given by" and "Via" show in full
/// in a 960 px window instead of running off the right edge.
void StretchLastColumn(wxListCtrl* list) {
    list->Bind(wxEVT_SIZE, [list](wxSizeEvent& event) {
        event.Skip();
        list->CallAfter([list] {
            const int last = list->GetColumnCount() - 1;
            int others = 0;
            for (int column = 0; column < last; ++column) {
                others += list->GetColumnWidth(column);
            }
            const int room = list->GetClientSize().x - others -
                             wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, list);
            list->SetColumnWidth(last, std::max(room, list->FromDIP(120)));
        });
    });
}

} // namespace

EffectiveAccessView::EffectiveAccessView(wxWindow* parent, ISession& session,
                                         std::shared_ptr<client::IAccountsApi> api,
                                         std::shared_ptr<client::IFacilitiesApi> facilities,
                                         RoleAccess access, ITaskRunner& runner, IUiDispatcher& ui)
    : wxPanel(parent)
    , m_session(session)
    , m_api(api)
    , m_facilitiesApi(std::move(facilities))
    , m_runner(runner)
    , m_ui(ui)
    , m_presenter(std::move(api), runner, ui)
    , m_enabled(access.readAccounts)
    , m_canEdit(access.readAccounts && access.writeAccounts) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(BuildPicker(this), wxSizerFlags().Expand().Border(wxALL, Px(this, Space::Medium)));
    row->Add(BuildDetail(this),
             wxSizerFlags(1).Expand().Border(wxTOP | wxBOTTOM | wxRIGHT, Px(this, Space::Medium)));
    SetSizer(row);
    m_presenter.SetCallbacks({[this] { ShowAccounts(); }, [this] { ShowAccess(); },
                              [this](const client::ApiError& error) { ShowError(error); }});
    m_searchTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        m_presenter.Search(ToUtf8(m_search->GetValue().Strip(wxString::both)));
    });
    ShowAccess();
}

EffectiveAccessView::~EffectiveAccessView() {
    m_searchTimer.Stop();
}

void EffectiveAccessView::Activate() {
    // The first search waits until the tab is looked at: nothing is asked for meanwhile.
    if (m_enabled && !m_searched) {
        m_searched = true;
        m_presenter.Search({});
    }
}

wxWindow* EffectiveAccessView::BuildPicker(wxWindow* parent) {
    auto* side = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(side, wxID_ANY, _("Account:")));
    m_search = new wxSearchCtrl(side, wxID_ANY);
    m_search->ShowCancelButton(true);
    m_search->SetDescriptiveText(_("Search by login ID or name"));
    column->Add(m_search, wxSizerFlags().Expand().Border(wxTOP | wxBOTTOM, Px(side, Space::Small)));
    m_accountList =
        new wxListCtrl(side, wxID_ANY, wxDefaultPosition, side->FromDIP(wxSize(280, -1)),
                       wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME);
    m_accountList->AppendColumn(_("Login ID"), wxLIST_FORMAT_LEFT, side->FromDIP(110));
    m_accountList->AppendColumn(_("Display name"), wxLIST_FORMAT_LEFT, side->FromDIP(160));
    column->Add(m_accountList, wxSizerFlags(1).Expand());
    m_more = new wxStaticText(side, wxID_ANY, wxString());
    m_more->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    column->Add(m_more, wxSizerFlags().Border(wxTOP, Px(side, Space::Small)));
    side->SetSizer(column);

    if (!m_enabled) {
        const wxString reason = _("Your role cannot view accounts, so their access cannot be "
                                  "shown here.");
        m_search->Enable(false);
        m_search->SetToolTip(reason);
        m_accountList->Enable(false);
        SetWrappedLabel(*m_more, reason, side->FromDIP(320));
    }
    m_search->Bind(wxEVT_TEXT,
                   [this](wxCommandEvent&) { m_searchTimer.StartOnce(kSearchDelayMs); });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { m_search->Clear(); });
    m_accountList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        const auto& accounts = m_presenter.Accounts();
        const long row = event.GetIndex();
        if (row >= 0 && row < static_cast<long>(accounts.size())) {
            m_presenter.Choose(accounts[static_cast<std::size_t>(row)].id);
        }
    });
    return side;
}

wxWindow* EffectiveAccessView::BuildDetail(wxWindow* parent) {
    auto* side = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_summary = new wxStaticText(side, wxID_ANY, wxString());
    m_summary->SetFont(layout::Emphasized(side, 1.15));
    column->Add(m_summary, wxSizerFlags().Expand().Border(wxBOTTOM, Px(side, Space::Medium)));
    m_scope = new wxStaticText(side, wxID_ANY, wxString());
    column->Add(m_scope, wxSizerFlags().Expand().Border(wxBOTTOM, Px(side, Space::Medium)));
    // TRANSLATORS: a button on the effective-access tab: opens the chosen account's dialog.
    m_edit = new wxButton(side, wxID_ANY, _("Edit roles and scope..."));
    column->Add(m_edit, wxSizerFlags().Border(wxBOTTOM, Px(side, Space::Large)));
    m_edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EditChosen(); });

    column->Add(new wxStaticText(side, wxID_ANY, _("What it can do:")));
    m_permissions = new wxListCtrl(side, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME);
    m_permissions->AppendColumn(_("Permission"), wxLIST_FORMAT_LEFT, side->FromDIP(190));
    m_permissions->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, side->FromDIP(140));
    // TRANSLATORS: a column: the roles through which the account holds the permission.
    m_permissions->AppendColumn(_("Given by"), wxLIST_FORMAT_LEFT, side->FromDIP(200));
    column->Add(m_permissions,
                wxSizerFlags(3).Expand().Border(wxTOP | wxBOTTOM, Px(side, Space::Small)));

    column->Add(new wxStaticText(side, wxID_ANY, _("Where:")),
                wxSizerFlags().Border(wxTOP, Px(side, Space::Medium)));
    m_facilities = new wxListCtrl(side, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME);
    m_facilities->AppendColumn(_("Facility"), wxLIST_FORMAT_LEFT, side->FromDIP(170));
    m_facilities->AppendColumn(_("Jurisdiction"), wxLIST_FORMAT_LEFT, side->FromDIP(120));
    // TRANSLATORS: a column: why the account reaches the facility.
    m_facilities->AppendColumn(_("Via"), wxLIST_FORMAT_LEFT, side->FromDIP(240));
    column->Add(m_facilities, wxSizerFlags(2).Expand().Border(wxTOP, Px(side, Space::Small)));
    side->SetSizer(column);
    StretchLastColumn(m_permissions);
    StretchLastColumn(m_facilities);
    return side;
}

void EffectiveAccessView::ShowAccounts() {
    const auto& accounts = m_presenter.Accounts();
    m_accountList->Freeze();
    m_accountList->DeleteAllItems();
    long selected = -1;
    for (std::size_t i = 0; i < accounts.size(); ++i) {
        const long row =
            m_accountList->InsertItem(static_cast<long>(i), FromUtf8(accounts[i].loginId));
        m_accountList->SetItem(row, 1, FromUtf8(accounts[i].displayName));
        if (accounts[i].id == m_presenter.Chosen()) {
            selected = row;
        }
    }
    if (selected >= 0) {
        m_accountList->SetItemState(selected, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    }
    m_accountList->Thaw();
    m_more->SetLabel(m_presenter.MoreAccounts()
                         ? wxString::Format(_("Only the first %d are listed: type more of the "
                                              "name to narrow the search."),
                                            EffectiveAccessPresenter::kSearchLimit)
                     : accounts.empty() ? wxString(_("No account matches."))
                                        : wxString());
    Layout();
}

void EffectiveAccessView::ShowAccess() {
    const auto& access = m_presenter.Access();
    m_permissions->DeleteAllItems();
    m_facilities->DeleteAllItems();
    const int width = FromDIP(kTextWidthDip);
    if (!access) {
        m_summary->SetLabel(m_presenter.LoadingAccess() ? _("Loading...")
                                                        : _("Choose an account on the left."));
        m_scope->SetLabel(wxString());
        UpdateEditButton();
        Layout();
        return;
    }
    // TRANSLATORS: the chosen account: login ID, tier and status, e.g. "tanaka - Employee, Active".
    m_summary->SetLabel(wxString::Format(_("%s - %s tier, %s"), FromUtf8(access->loginId),
                                         TierName(access->tier),
                                         AccountStatusWord(access->status)));
    wxString scope;
    if (access->allScope) {
        scope = _("Scope: all jurisdictions and facilities of the tenant.");
    } else {
        scope = _("Scope:");
        if (!access->scopeJurisdictions.empty()) {
            scope += wxS("\n  ") + wxString::Format(_("Jurisdictions: %s"),
                                                    JoinNames(access->scopeJurisdictions));
        }
        if (!access->scopeFacilities.empty()) {
            scope += wxS("\n  ") +
                     wxString::Format(_("Facilities: %s"), JoinNames(access->scopeFacilities));
        }
        if (access->scopeJurisdictions.empty() && access->scopeFacilities.empty()) {
            scope += wxS(" ") + _("nothing (the account reaches no facility).");
        }
    }
    SetWrappedLabel(*m_scope, scope, width);
    for (const auto& grant : access->permissions) {
        const long row = m_permissions->InsertItem(m_permissions->GetItemCount(),
                                                   PermissionTitle(grant.permission));
        m_permissions->SetItem(row, 1, FromUtf8(grant.permission));
        m_permissions->SetItem(row, 2, RoleNames(grant.roles));
    }
    for (const auto& facility : access->facilities) {
        const long row =
            m_facilities->InsertItem(m_facilities->GetItemCount(), FromUtf8(facility.facility));
        m_facilities->SetItem(row, 1, FromUtf8(facility.jurisdiction));
        m_facilities->SetItem(row, 2, ReachViaText(facility.via));
    }
    UpdateEditButton();
    Layout();
}

const model::Account* EffectiveAccessView::ChosenAccount() const {
    for (const auto& account : m_presenter.Accounts()) {
        if (account.id == m_presenter.Chosen()) {
            return &account;
        }
    }
    return nullptr;
}

void EffectiveAccessView::UpdateEditButton() {
    const bool shown = m_presenter.Access().has_value() && ChosenAccount() != nullptr;
    m_edit->Enable(m_canEdit && shown);
    m_edit->SetToolTip(!m_canEdit ? _("Your role cannot change accounts.")
                       : !shown   ? _("Choose an account on the left.")
                                  : _("Change the account's roles and the jurisdictions and "
                                        "facilities it may reach."));
}

void EffectiveAccessView::EditChosen() {
    const model::Account* chosen = ChosenAccount();
    if (!m_canEdit || chosen == nullptr) {
        return;
    }
    // The roles are left for the dialog to load: it lists the tenant's current ones.
    AccountDialog dialog(this, m_api, m_facilitiesApi, *chosen, {}, m_runner, m_ui);
    dialog.Start();
    if (dialog.ShowModal() != wxID_OK || !dialog.Updated()) {
        return;
    }
    // Show what the change gives at once: the access again, and the list's copy of the account.
    // (The chosen account stays the one edited: nothing else could be chosen while it was open.)
    m_presenter.Search(ToUtf8(m_search->GetValue().Strip(wxString::both)));
    m_presenter.Reload();
}

void EffectiveAccessView::ShowError(const client::ApiError& error) {
    if (EndsSession(error)) {
        m_session.Expired(error);
        return;
    }
    SetWrappedLabel(*m_scope, DescribeError(error).Full(), FromDIP(kTextWidthDip));
    Layout();
}

} // namespace resv::views
