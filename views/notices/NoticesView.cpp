#include "views/notices/NoticesView.h"

#include "views/common/ApiErrors.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/notices/ContactsDialog.h"
#include "views/notices/NoticeDetailPane.h"
#include "views/notices/NoticeWords.h"
#include "views/notices/PublishDialog.h"

#include <wx/button.h>
#include <wx/dcmemory.h>
#include <wx/imaglist.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/wrapsizer.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

/// A filled circle in `colour`, the kind's mark in the list.
wxBitmap KindMark(const wxWindow* window, const wxColour& colour) {
    const int size = window->FromDIP(12);
    wxBitmap bitmap(size, size, 32);
    bitmap.UseAlpha();
    {
        wxMemoryDC dc(bitmap);
        dc.SetBackground(*wxTRANSPARENT_BRUSH);
        dc.Clear();
        dc.SetBrush(wxBrush(colour));
        dc.SetPen(wxPen(colour));
        dc.DrawEllipse(1, 1, size - 2, size - 2);
    }
    return bitmap;
}

} // namespace

NoticesView::NoticesView(wxWindow* parent, ISession& session,
                         std::shared_ptr<client::INoticesApi> api, NoticePermissions permissions,
                         ITaskRunner& runner, IUiDispatcher& ui)
    : wxPanel(parent)
    , m_session(session)
    , m_api(api)
    , m_runner(runner)
    , m_ui(ui)
    , m_presenter(std::move(api), permissions, session.Me().id, runner, ui) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    const int gap = Px(this, Space::Medium);
    column->Add(BuildActions(), wxSizerFlags().Expand().Border(wxALL, gap));
    m_messages = new wxInfoBar(this);
    m_messages->AddButton(wxID_CLOSE, _("Close"));
    column->Add(m_messages, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));

    auto* panes = new wxBoxSizer(wxHORIZONTAL);
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(420, 300)),
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->AppendColumn(wxString(), wxLIST_FORMAT_CENTER, FromDIP(28));
    // TRANSLATORS: list column: incident, change, maintenance or vulnerability.
    m_list->AppendColumn(_("Kind"), wxLIST_FORMAT_LEFT, FromDIP(100));
    m_list->AppendColumn(_("Title"), wxLIST_FORMAT_LEFT, FromDIP(190));
    // TRANSLATORS: list column: an incident's status, or when a notice takes effect.
    m_list->AppendColumn(_("Status / effective (JST)"), wxLIST_FORMAT_LEFT, FromDIP(200));
    // TRANSLATORS: list column: when the item was published, in JST.
    m_list->AppendColumn(_("Published (JST)"), wxLIST_FORMAT_LEFT, FromDIP(165));
    auto* marks = new wxImageList(FromDIP(12), FromDIP(12));
    const auto sample = [](auto value) { return InboxItem{std::move(value)}; };
    model::Incident open;
    model::Incident resolved;
    resolved.status = model::IncidentStatus::Resolved;
    model::Notice change, maintenance, vulnerability;
    maintenance.kind = model::NoticeKind::Maintenance;
    vulnerability.kind = model::NoticeKind::Vulnerability;
    for (const InboxItem& item : {sample(open), sample(resolved), sample(change),
                                  sample(maintenance), sample(vulnerability)}) {
        marks->Add(KindMark(this, ItemKindColour(item)));
    }
    m_list->AssignImageList(marks, wxIMAGE_LIST_SMALL);
    m_detail = new NoticeDetailPane(this, m_presenter);
    m_detail->SetMinSize(FromDIP(wxSize(360, -1)));
    // The list gets the room its columns want first; the detail the rest.
    panes->Add(m_list, wxSizerFlags(3).Expand());
    panes->Add(m_detail, wxSizerFlags(2).Expand().Border(wxLEFT, gap));
    column->Add(panes, wxSizerFlags(1).Expand().Border(wxALL, gap));
    m_statusLine = new wxStaticText(this, wxID_ANY, wxString());
    column->Add(m_statusLine, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
    SetSizer(column);

    NoticesPresenter::Callbacks callbacks;
    callbacks.rowsChanged = [this] { SyncRows(); };
    callbacks.stateChanged = [this] { SyncState(); };
    callbacks.unreadChanged = [this](int unread) {
        if (m_onUnread) {
            m_onUnread(unread);
        }
    };
    callbacks.failed = [this](const client::ApiError& error) { ShowError(error); };
    m_presenter.SetCallbacks(std::move(callbacks));

    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        const auto row = static_cast<std::size_t>(event.GetIndex());
        if (!m_syncing && row < m_rowIds.size()) {
            m_presenter.Select(m_rowIds[row]);
        }
    });
    m_refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Refresh(); });
    m_refreshTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        // Also while another screen shows: the navigation's badge counts on it.
        if (!m_presenter.Loading() && !m_presenter.Busy()) {
            m_presenter.Refresh();
        }
    });
    SyncState();
}

NoticesView::~NoticesView() {
    m_refreshTimer.Stop();
}

void NoticesView::Start() {
    m_presenter.Refresh();
    m_refreshTimer.Start(kRefreshIntervalMs);
}

wxSizer* NoticesView::BuildActions() {
    auto* row = new wxWrapSizer(wxHORIZONTAL);
    const wxSizerFlags flags = wxSizerFlags().Border(wxRIGHT | wxBOTTOM, Px(this, Space::Small));
    m_refresh = new wxButton(this, wxID_ANY, _("Refresh"));
    row->Add(m_refresh, flags);
    const NoticePermissions& p = m_presenter.Permissions();
    if (p.contactsRead) {
        // TRANSLATORS: opens the list of the tenant's designated contacts (指定連絡先).
        m_contacts = new wxButton(this, wxID_ANY, _("Designated contacts..."));
        row->Add(m_contacts, flags);
        m_contacts->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OpenContacts(); });
    }
    const std::pair<PublishMode, wxString> actions[] = {
        {PublishMode::NewIncident, _("New incident...")},
        {PublishMode::IncidentUpdate, _("Post update...")},
        {PublishMode::NewNotice, _("New notice...")},
        {PublishMode::NoticeFollowUp, _("Post follow-up...")},
    };
    for (const auto& [mode, label] : actions) {
        const bool incident =
            mode == PublishMode::NewIncident || mode == PublishMode::IncidentUpdate;
        if (incident ? !p.publishIncidents : !p.publishNotices) {
            continue;
        }
        auto* button = new wxButton(this, wxID_ANY, label);
        m_publish[mode] = button;
        row->Add(button, flags);
        button->Bind(wxEVT_BUTTON, [this, mode = mode](wxCommandEvent&) { OpenPublish(mode); });
    }
    return row;
}

wxButton* NoticesView::PublishButton(PublishMode mode) const {
    const auto it = m_publish.find(mode);
    return it == m_publish.end() ? nullptr : it->second;
}

void NoticesView::SyncRows() {
    m_syncing = true;
    m_list->Freeze();
    const auto& items = m_presenter.Items();
    if (m_list->GetItemCount() != static_cast<int>(items.size())) {
        m_list->DeleteAllItems();
        for (std::size_t i = 0; i < items.size(); ++i) {
            m_list->InsertItem(static_cast<long>(i), wxString());
        }
    }
    m_rowIds.clear();
    const wxFont normal = m_list->GetFont();
    const wxFont bold = normal.Bold();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const InboxItem& item = items[i];
        const long row = static_cast<long>(i);
        const bool unread = m_presenter.IsUnread(item);
        m_rowIds.push_back(item.Id());
        m_list->SetItem(row, kUnreadColumn, unread ? wxString(wxUniChar(0x25CF)) : wxString());
        int mark = 2;
        if (const model::Incident* incident = item.Incident()) {
            mark = incident->status == model::IncidentStatus::Resolved ? 1 : 0;
        } else {
            mark = 2 + static_cast<int>(item.Notice()->kind);
        }
        m_list->SetItem(row, kKindColumn, ItemKindText(item), mark);
        m_list->SetItem(row, kTitleColumn, FromUtf8(item.Title()));
        m_list->SetItem(row, kStateColumn, ItemStateText(item));
        m_list->SetItem(row, kPublishedColumn,
                        FromUtf8(model::FormatJstDateTime(item.PublishedAt())));
        m_list->SetItemFont(row, unread ? bold : normal);
    }
    m_list->Thaw();
    m_syncing = false;
    SyncState();
}

void NoticesView::SyncState() {
    m_syncing = true;
    const auto& selected = m_presenter.SelectedId();
    for (long row = 0; row < static_cast<long>(m_rowIds.size()); ++row) {
        const bool want = selected && m_rowIds[static_cast<std::size_t>(row)] == *selected;
        if (want != (m_list->GetItemState(row, wxLIST_STATE_SELECTED) != 0)) {
            m_list->SetItemState(row, want ? wxLIST_STATE_SELECTED : 0, wxLIST_STATE_SELECTED);
            if (want) {
                m_list->EnsureVisible(row);
            }
        }
    }
    m_syncing = false;
    const InboxItem* item = m_presenter.Selected();
    const bool incident = item != nullptr && item->IsIncident();
    if (auto* update = PublishButton(PublishMode::IncidentUpdate)) {
        update->Enable(incident);
    }
    if (auto* followUp = PublishButton(PublishMode::NoticeFollowUp)) {
        followUp->Enable(item != nullptr && !incident);
    }
    m_detail->Show();
    UpdateStatusLine();
}

void NoticesView::UpdateStatusLine() {
    wxString text;
    if (!m_presenter.Loaded()) {
        text = _("Loading incidents and notices...");
    } else {
        const int n = static_cast<int>(m_presenter.Items().size());
        text = wxString::Format(wxPLURAL("%d item", "%d items", n), n);
        if (m_presenter.Permissions().acknowledge) {
            const int unread = m_presenter.Unread();
            // TRANSLATORS: appended to the count: how many the user has not acknowledged yet.
            text += wxString::Format(wxPLURAL(", %d unread", ", %d unread", unread), unread);
        }
        if (m_presenter.Loading()) {
            text += wxS("  ") + _("Updating...");
        }
    }
    if (m_statusLine->GetLabel() != text) {
        m_statusLine->SetLabel(text);
    }
}

void NoticesView::SelectItem(const std::string& id) {
    m_presenter.Select(id);
}

void NoticesView::ShowError(const client::ApiError& error) {
    if (EndsSession(error)) {
        m_refreshTimer.Stop();
        m_session.Expired(error);
        return;
    }
    m_messages->ShowMessage(DescribeError(error).Full(), wxICON_WARNING);
}

void NoticesView::OpenContacts() {
    ContactsDialog dialog(this, m_api, m_presenter.Permissions().contactsWrite, m_runner, m_ui);
    dialog.Start();
    dialog.ShowModal();
}

void NoticesView::OpenPublish(PublishMode mode) {
    std::optional<InboxItem> existing;
    if (mode == PublishMode::IncidentUpdate || mode == PublishMode::NoticeFollowUp) {
        const InboxItem* item = m_presenter.Selected();
        if (item == nullptr || item->IsIncident() != (mode == PublishMode::IncidentUpdate)) {
            return;
        }
        existing = *item;
    }
    PublishDialog dialog(this, m_api, mode, existing, m_runner, m_ui);
    dialog.Start();
    if (dialog.ShowModal() == wxID_OK && dialog.Published()) {
        m_presenter.Published(*dialog.Published());
    }
}

} // namespace resv::views
