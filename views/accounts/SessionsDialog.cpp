#include "views/accounts/SessionsDialog.h"

#include "views/accounts/AccountWords.h"
#include "views/common/ApiErrors.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"

#include "resv/model/Time.h"

#include <wx/button.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;
using Notice = SessionsPresenter::Notice;
using Why = SessionsPresenter::Unavailable;

constexpr int kListWidth = 640;
constexpr int kListHeight = 160; ///< six rows: a person rarely has more PCs

enum Column { kSignedIn, kLastActivity, kFrom, kActingAs };

wxString JstCell(model::TimePoint at) {
    return FromUtf8(model::FormatJstDateTime(at)); // the column header says JST
}

wxString FromCell(const model::SessionInfo& session) {
    // TRANSLATORS: a session whose source address the server did not record.
    const wxString address = session.sourceIp ? FromUtf8(*session.sourceIp) : _("Unknown");
    if (session.current) {
        // TRANSLATORS: the address of the session this console itself uses, e.g.
        // "192.0.2.10 (this PC)".
        return wxString::Format(_("%s (this PC)"), address);
    }
    return address;
}

bool ActsAsTenant(const std::vector<model::SessionInfo>& rows) {
    return std::any_of(rows.begin(), rows.end(), [](const auto& s) { return s.actingAs; });
}

} // namespace

SessionsDialog::SessionsDialog(wxWindow* parent, std::shared_ptr<client::IAccountsApi> api,
                               const model::Account& account, ITaskRunner& runner,
                               IUiDispatcher& ui)
    : wxDialog(parent, wxID_ANY,
               // TRANSLATORS: the dialog's title, with the account, e.g. "Sessions of Yamada
               // Hanako (yamada)".
               wxString::Format(_("Sessions of %s"), AccountName(account)), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
    , m_presenter(std::move(api), account.id, runner, ui)
    , m_account(account) {
    BuildLayout();
    m_presenter.SetCallbacks({
        [this] { ShowState(); },
        [this](Notice notice) { OnNotice(notice); },
        [this](const client::ApiError& error) { OnFailed(error); },
    });
    ShowState();
}

void SessionsDialog::Start() {
    m_presenter.Load();
}

void SessionsDialog::BuildLayout() {
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_messages = new wxInfoBar(this);
    // Our own label: GTK's stock one stays English without a system locale. Handled here, so
    // that the dialog's own Close (the same id) does not see it.
    m_messages->AddButton(wxID_CLOSE, _("Close"));
    m_messages->Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { m_messages->Dismiss(); }, wxID_CLOSE);
    column->Add(m_messages, wxSizerFlags().Expand());

    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* heading = new wxStaticText(this, wxID_ANY, AccountName(m_account));
    heading->SetFont(layout::Emphasized(this));
    top->Add(heading);
    auto* intro = new wxStaticText(this, wxID_ANY, wxString());
    SetWrappedLabel(*intro,
                    _("Each row is a PC where this account is logged in. Signing out a session "
                      "ends it at once: that PC has to log in again."),
                    FromDIP(kListWidth));
    top->Add(intro, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    column->Add(top, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxTOP));

    m_list =
        new wxListView(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(kListWidth, kListHeight)),
                       wxLC_REPORT | wxLC_SINGLE_SEL);
    m_emptyText = new wxStaticText(this, wxID_ANY, _("Loading..."));
    m_emptyText->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    m_emptyState = new wxBoxSizer(wxVERTICAL);
    m_emptyState->AddStretchSpacer();
    m_emptyState->Add(m_emptyText, wxSizerFlags().CenterHorizontal());
    m_emptyState->AddStretchSpacer();
    auto* body = new wxBoxSizer(wxVERTICAL);
    body->Add(m_list, wxSizerFlags(1).Expand());
    body->Add(m_emptyState, wxSizerFlags(1).Expand());
    body->Hide(m_emptyState, true); // the dialog is sized for the list
    column->Add(body, layout::Padded(this, Space::Large).Expand().Proportion(1));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    // TRANSLATORS: ends the session selected in the list.
    m_signOut = new wxButton(this, wxID_ANY, _("Sign out"));
    buttons->Add(m_signOut, wxSizerFlags().Border(wxRIGHT, Px(this, Space::Medium)));
    // The longer of its two labels, so that the row does not move when it changes.
    m_signOutAll = new wxButton(this, wxID_ANY, _("Sign out all others"));
    m_signOutAll->SetMinSize(m_signOutAll->GetBestSize());
    buttons->Add(m_signOutAll);
    buttons->AddStretchSpacer();
    // An explicit label: GTK's stock Close label is not translated without a system locale.
    buttons->Add(new wxButton(this, wxID_CLOSE, _("Close")));
    column->Add(buttons, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxBOTTOM).Expand());
    SetSizerAndFit(column);
    SetMinSize(GetSize());
    SetEscapeId(wxID_CLOSE);
    CentreOnParent();

    const auto selectionChanged = [this](wxListEvent&) {
        if (m_filling) {
            return;
        }
        const long row = m_list->GetFirstSelected();
        m_presenter.Select(row >= 0 && static_cast<std::size_t>(row) < m_shown.size()
                               ? std::optional<std::string>(m_shown[row].id)
                               : std::nullopt);
    };
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, selectionChanged);
    m_list->Bind(wxEVT_LIST_ITEM_DESELECTED, selectionChanged);
    m_signOut->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (const model::SessionInfo* selected = m_presenter.Selected()) {
            m_messages->Dismiss();
            m_presenter.Revoke(selected->id); // one session: no question asked
        }
    });
    m_signOutAll->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnSignOutAll(); });
}

void SessionsDialog::ShowState() {
    if (!m_filled || m_shown != m_presenter.Rows()) {
        FillRows();
    }
    const bool loaded = m_presenter.Loaded();
    const bool empty = m_presenter.Rows().empty();
    m_list->Show(!empty);
    m_emptyText->SetLabel(loaded ? _("No active sessions.") : _("Loading..."));
    GetSizer()->Show(m_emptyState, empty, true);

    const model::SessionInfo* selected = m_presenter.Selected();
    const Why why = selected ? m_presenter.WhyNotRevoke(selected->id) : Why::NoSelection;
    m_signOut->Enable(why == Why::None);
    switch (why) {
    case Why::None:
        m_signOut->UnsetToolTip();
        break;
    case Why::NoSelection:
        m_signOut->SetToolTip(_("Select a session in the list first."));
        break;
    case Why::Busy:
        m_signOut->SetToolTip(UnavailableText(Unavailable::Busy));
        break;
    case Why::Current:
        m_signOut->SetToolTip(_("This is your session on this PC. To end it, use Log out in "
                                "the File menu."));
        break;
    }
    m_signOutAll->SetLabel(m_presenter.IncludesCurrent() ? _("Sign out all others")
                                                         : _("Sign out all"));
    m_signOutAll->Enable(m_presenter.CanRevokeAll());
    if (m_presenter.Busy()) {
        m_signOutAll->SetToolTip(UnavailableText(Unavailable::Busy));
    } else if (!m_presenter.CanRevokeAll() && loaded) {
        m_signOutAll->SetToolTip(_("There is no session to sign out."));
    } else {
        m_signOutAll->UnsetToolTip();
    }
    Layout();
}

void SessionsDialog::FillRows() {
    m_filling = true;
    m_shown = m_presenter.Rows();
    m_filled = true;
    m_list->ClearAll();
    m_list->AppendColumn(_("Signed in (JST)"));
    m_list->AppendColumn(_("Last activity (JST)"));
    // TRANSLATORS: the column of the address a session came from.
    m_list->AppendColumn(_("From (IP address)"));
    if (ActsAsTenant(m_shown)) {
        // TRANSLATORS: the column of the customer tenant an operator's session works in.
        m_list->AppendColumn(_("Acting as"));
    }
    for (const auto& session : m_shown) {
        const long row = m_list->GetItemCount();
        m_list->InsertItem(row, JstCell(session.createdAt));
        m_list->SetItem(row, kLastActivity, JstCell(session.lastUsedAt));
        m_list->SetItem(row, kFrom, FromCell(session));
        if (m_list->GetColumnCount() > kActingAs) {
            m_list->SetItem(row, kActingAs, FromUtf8(session.actingAs.value_or("")));
        }
        if (session.current) {
            m_list->SetItemFont(row, layout::Emphasized(m_list));
        }
    }
    if (const model::SessionInfo* selected = m_presenter.Selected()) {
        const auto it = std::find(m_shown.begin(), m_shown.end(), *selected);
        m_list->Select(static_cast<long>(it - m_shown.begin()));
    }
    FitColumns();
    m_filling = false;
}

void SessionsDialog::FitColumns() {
    // Each column as wide as its widest cell or its header; what is left goes to the last one.
    // Cells are measured here, not by wxLIST_AUTOSIZE, which ignores this PC's bold row.
    const wxFont bold = layout::Emphasized(m_list);
    const int padding = FromDIP(16);
    int total = 0;
    const int columns = m_list->GetColumnCount();
    for (int column = 0; column < columns; ++column) {
        m_list->SetColumnWidth(column, wxLIST_AUTOSIZE_USEHEADER);
        int width = m_list->GetColumnWidth(column);
        for (long row = 0; row < m_list->GetItemCount(); ++row) {
            int cell = 0;
            int height = 0;
            m_list->GetTextExtent(m_list->GetItemText(row, column), &cell, &height, nullptr,
                                  nullptr, m_shown[row].current ? &bold : nullptr);
            width = std::max(width, cell + padding);
        }
        m_list->SetColumnWidth(column, width);
        total += width;
    }
    const int room = m_list->GetClientSize().x - total;
    if (room > 0 && columns > 0) {
        m_list->SetColumnWidth(columns - 1, m_list->GetColumnWidth(columns - 1) + room);
    }
}

void SessionsDialog::OnSignOutAll() {
    if (!m_presenter.CanRevokeAll()) {
        return;
    }
    const wxString name = AccountName(m_account);
    const wxString question =
        m_presenter.IncludesCurrent()
            ? wxString::Format(_("Sign out every other session of %s?\n\nThis PC stays logged "
                                 "in; the other PCs have to log in again."),
                               name)
            : wxString::Format(_("Sign out every session of %s?\n\nThe person has to log in "
                                 "again on every PC."),
                               name);
    wxMessageDialog ask(this, question, _("Sign out sessions"),
                        wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    ask.SetYesNoLabels(_("Sign out"), _("Cancel"));
    if (ask.ShowModal() == wxID_YES) {
        SignOutAllNow();
    }
}

void SessionsDialog::SignOutAllNow() {
    m_messages->Dismiss();
    m_presenter.RevokeAll();
}

void SessionsDialog::OnNotice(Notice notice) {
    const wxString name = AccountName(m_account);
    wxString text;
    int icon = wxICON_INFORMATION;
    switch (notice) {
    case Notice::SignedOut:
        text = _("The session has ended: that PC has to log in again.");
        break;
    case Notice::AllSignedOut:
        text = wxString::Format(_("Every session of %s has ended."), name);
        break;
    case Notice::OthersSignedOut:
        text = wxString::Format(_("Every other session of %s has ended; this PC stays logged "
                                  "in."),
                                name);
        break;
    case Notice::AlreadyEnded:
        text = _("That session had already ended (logged out or timed out). The list has been "
                 "updated.");
        icon = wxICON_WARNING;
        break;
    }
    m_messages->ShowMessage(text, icon);
}

void SessionsDialog::OnFailed(const client::ApiError& error) {
    if (EndsSession(error)) {
        m_sessionEnded = error;
        if (IsModal()) {
            EndModal(wxID_CANCEL);
        }
        return;
    }
    m_messages->ShowMessage(DescribeAccountError(error).Full(), wxICON_WARNING);
}

} // namespace resv::views
