#include "views/monitoring/MonitoringView.h"

#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"
#include "views/monitoring/ComponentStatusDialog.h"
#include "views/monitoring/ComponentTile.h"
#include "views/monitoring/MonitoringWords.h"

#include <wx/button.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;
using Operation = MonitoringPresenter::Operation;

const wxColour kInk(0x20, 0x21, 0x24);
const wxColour kStaleBackground(0xFF, 0xF4, 0xD6);

enum TerminalColumn { kFacilityColumn, kOnlineColumn, kOfflineColumn };

wxString Count(int n) {
    return wxString::Format(wxS("%d"), n);
}

} // namespace

// WxRefreshTimer ---------------------------------------------------------------------------------

WxRefreshTimer::WxRefreshTimer(std::function<void()> fire)
    : m_fire(std::move(fire)) {
    m_timer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (m_fire) {
            m_fire();
        }
    });
}

WxRefreshTimer::~WxRefreshTimer() {
    m_timer.Stop();
}

void WxRefreshTimer::Schedule(std::chrono::milliseconds delay) {
    m_scheduled = delay;
    m_timer.StartOnce(static_cast<int>(delay.count()));
}

void WxRefreshTimer::Cancel() {
    m_timer.Stop();
}

// MonitoringView ---------------------------------------------------------------------------------

MonitoringView::MonitoringView(wxWindow* parent, ISession& session,
                               std::shared_ptr<client::IMonitoringApi> api,
                               MonitoringPermissions permissions, ITaskRunner& runner,
                               IUiDispatcher& ui, MonitoringPresenter::Clock clock)
    : wxPanel(parent)
    , m_session(session)
    , m_api(api)
    , m_runner(runner)
    , m_ui(ui)
    , m_timer([this] { OnTimer(); })
    , m_presenter(session, std::move(api), permissions, runner, ui, m_timer, std::move(clock)) {
    const int gap = Px(this, Space::Medium);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(BuildBanner(), wxSizerFlags().Expand().Border(wxALL, gap));
    column->Add(BuildStaleNotice(),
                wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
    m_messages = new wxInfoBar(this);
    m_messages->AddButton(wxID_CLOSE, _("Close")); // GTK's own label would stay in English
    column->Add(m_messages, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));

    auto* body = new wxBoxSizer(wxHORIZONTAL);
    m_tilesArea = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL);
    m_tilesArea->SetScrollRate(0, FromDIP(12));
    auto* tiles = new wxBoxSizer(wxVERTICAL);
    m_placeholder = new wxStaticText(m_tilesArea, wxID_ANY, _("Loading the service status..."));
    tiles->Add(m_placeholder, wxSizerFlags().Border(wxALL, gap));
    m_tilesArea->SetSizer(tiles);
    body->Add(m_tilesArea, wxSizerFlags(3).Expand());
    m_terminals = BuildTerminals(this);
    body->Add(m_terminals, wxSizerFlags(2).Expand().Border(wxLEFT, gap));
    column->Add(body, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
    SetSizer(column);

    MonitoringPresenter::Callbacks callbacks;
    callbacks.changed = [this] { OnChanged(); };
    callbacks.failed = [this](Operation operation, const client::ApiError& error) {
        OnFailed(operation, error);
    };
    callbacks.cleared = [this](const model::ComponentStatus& component) {
        // TRANSLATORS: after Return to automatic; %s is the component, e.g. "Database".
        ShowMessage(
            wxString::Format(_("%s is back under the automatic checks."), ComponentName(component)),
            wxICON_INFORMATION);
    };
    m_presenter.SetCallbacks(std::move(callbacks));
    m_refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Refresh(); });
    m_messages->Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { m_messages->Dismiss(); }, wxID_CLOSE);
    // A refresh that fell due while another screen was in front runs when this one shows again.
    Bind(wxEVT_SHOW, [this](wxShowEvent& event) {
        event.Skip();
        if (event.IsShown() && m_refreshDue) {
            m_refreshDue = false;
            CallAfter([this] { m_presenter.Refresh(); });
        }
    });
    OnChanged();
}

MonitoringView::~MonitoringView() {
    m_timer.Cancel();
}

void MonitoringView::Start() {
    m_presenter.Start();
}

wxPanel* MonitoringView::BuildBanner() {
    m_banner = new wxPanel(this);
    const int gap = Px(this, Space::Medium);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_overallBadge = new StatusBadge(m_banner, 1.1);
    row->Add(m_overallBadge, wxSizerFlags().CenterVertical().Border(wxALL, gap));
    m_headline = new wxStaticText(m_banner, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                  wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
    m_headline->SetFont(layout::Emphasized(this, 1.15));
    m_headline->SetForegroundColour(kInk);
    // The headline takes the width (several affected components make it long); when the data
    // was read goes under it.
    auto* texts = new wxBoxSizer(wxVERTICAL);
    texts->Add(m_headline, wxSizerFlags().Expand());
    m_updated = new wxStaticText(m_banner, wxID_ANY, wxString());
    m_updated->SetForegroundColour(kInk);
    m_updated->SetToolTip(_("Times are Japan Standard Time (JST). The screen refreshes every 30 "
                            "seconds while it is open."));
    texts->Add(m_updated, wxSizerFlags().Border(wxTOP, 2));
    row->Add(texts, wxSizerFlags(1).CenterVertical().Border(wxTOP | wxBOTTOM, gap));
    // TRANSLATORS: the button that reads the service status again now.
    m_refresh = new wxButton(m_banner, wxID_ANY, _("Refresh"));
    row->Add(m_refresh, wxSizerFlags().CenterVertical().Border(wxALL, gap));
    m_banner->SetSizer(row);
    return m_banner;
}

wxPanel* MonitoringView::BuildStaleNotice() {
    m_stale = new wxPanel(this);
    m_stale->SetBackgroundColour(kStaleBackground);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_staleText = new wxStaticText(m_stale, wxID_ANY, wxString());
    m_staleText->SetForegroundColour(kInk);
    row->Add(m_staleText, wxSizerFlags(1).CenterVertical().Border(wxALL, Px(this, Space::Medium)));
    m_stale->SetSizer(row);
    m_stale->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        CallAfter([this] { ShowStale(); });
    });
    m_stale->Hide();
    return m_stale;
}

wxPanel* MonitoringView::BuildTerminals(wxWindow* parent) {
    auto* panel = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    // TRANSLATORS: heading of the list of terminals online per facility (施設).
    auto* heading = new wxStaticText(panel, wxID_ANY, _("Terminals online"));
    heading->SetFont(layout::Emphasized(this));
    column->Add(heading, wxSizerFlags().Border(wxBOTTOM, Px(this, Space::Small)));
    m_terminalList = new wxListCtrl(panel, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(240, 120)),
                                    wxLC_REPORT | wxLC_SINGLE_SEL);
    // TRANSLATORS: column of the terminals list.
    m_terminalList->AppendColumn(_("Facility"), wxLIST_FORMAT_LEFT, FromDIP(130));
    // TRANSLATORS: column of the terminals list: terminals reporting in the last 90 seconds.
    m_terminalList->AppendColumn(_("Online"), wxLIST_FORMAT_RIGHT, FromDIP(64));
    // TRANSLATORS: column of the terminals list: terminals not heard from for 90 seconds.
    m_terminalList->AppendColumn(_("Offline"), wxLIST_FORMAT_RIGHT, FromDIP(64));
    // The counts' columns as wide as their headers (オンライン is wider than "Online").
    for (const int count : {kOnlineColumn, kOfflineColumn}) {
        wxListItem header;
        header.SetMask(wxLIST_MASK_TEXT);
        m_terminalList->GetColumn(count, header);
        const int width = GetTextExtent(header.GetText()).x + FromDIP(28);
        m_terminalList->SetColumnWidth(count, std::max(width, FromDIP(56)));
    }
    m_terminalList->SetToolTip(_("A terminal is online when it has reported within the last 90 "
                                 "seconds."));
    column->Add(m_terminalList, wxSizerFlags(1).Expand());
    m_terminalTotals = new wxStaticText(panel, wxID_ANY, wxString());
    column->Add(m_terminalTotals, wxSizerFlags().Expand().Border(wxTOP, Px(this, Space::Small)));
    panel->SetSizer(column);
    panel->SetMinSize(wxSize(FromDIP(220), -1)); // facility names stay readable at 960 x 640
    // The facility column takes what the counts leave.
    m_terminalList->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        const int counts = m_terminalList->GetColumnWidth(kOnlineColumn) +
                           m_terminalList->GetColumnWidth(kOfflineColumn);
        const int width = m_terminalList->GetClientSize().x - counts;
        if (width > FromDIP(60)) {
            m_terminalList->SetColumnWidth(kFacilityColumn, width);
        }
    });
    return panel;
}

void MonitoringView::OnTimer() {
    if (IsShownOnScreen()) {
        m_presenter.Refresh();
    } else {
        m_refreshDue = true; // nobody is looking: no call keeps the session awake for nothing
    }
}

void MonitoringView::OnChanged() {
    ShowBanner();
    ShowStale();
    ShowTiles();
    ShowTerminals();
    m_refresh->Enable(!m_presenter.Loading() && !m_presenter.Ended());
    Layout();
}

void MonitoringView::ShowBanner() {
    const auto& status = m_presenter.Status();
    wxString headline;
    model::ComponentState worst = model::ComponentState::Operational;
    if (status) {
        worst = WorstState(status->components);
        const auto affected = Affected(status->components);
        if (affected.empty()) {
            headline = OverallHeadline(worst);
        } else {
            for (const auto* component : affected) {
                if (!headline.empty()) {
                    // TRANSLATORS: between the affected components in the banner.
                    headline += _(", ");
                }
                // TRANSLATORS: an affected component in the banner, e.g. "Database: Degraded
                // performance".
                headline += wxString::Format(_("%s: %s"), ComponentName(*component),
                                             ComponentStateName(component->status));
            }
        }
    } else if (m_presenter.Stale()) {
        headline = _("The service status could not be loaded.");
    } else {
        headline = _("Loading the service status...");
    }
    m_overallBadge->Show(status.has_value());
    m_overallBadge->SetState(worst);
    if (m_headline->GetLabelText() != headline) {
        m_headline->SetLabelText(headline);
        m_headline->SetToolTip(headline);
    }
    m_banner->SetBackgroundColour(status ? ComponentStateTint(worst) : wxColour(0xF1, 0xF3, 0xF4));

    wxString updated;
    const std::string time = m_presenter.UpdatedTime();
    if (!time.empty()) {
        updated = m_presenter.Stale()
                      // TRANSLATORS: when the data shown was read, and that it is out of date
                      // (the server could not be reached since), e.g. "Updated 17:10:49 JST (out
                      // of date)".
                      ? wxString::Format(_("Updated %s (out of date)"), FromUtf8(time))
                      // TRANSLATORS: when the data shown was read, e.g. "Updated 17:10:49 JST".
                      : wxString::Format(_("Updated %s"), FromUtf8(time));
    }
    if (m_updated->GetLabelText() != updated) {
        m_updated->SetLabelText(updated);
    }
    m_banner->Layout();
    m_banner->Refresh();
}

void MonitoringView::ShowStale() {
    const bool stale = m_presenter.Stale() && !m_presenter.Ended();
    if (stale) {
        wxString text;
        if (const auto& error = m_presenter.LastError()) {
            text = DescribeError(*error).what;
            // Sentences follow each other with a space, except after a Japanese full stop.
            if (!text.EndsWith(wxString::FromUTF8("\xE3\x80\x82"))) {
                text += wxS(" ");
            }
        }
        const wxString next = m_presenter.NextRefreshAt()
                                  ? FromUtf8(model::FormatJstTime(*m_presenter.NextRefreshAt()))
                                  : wxString();
        if (m_presenter.Status()) {
            // TRANSLATORS: under the banner while the server cannot be reached; the first %s is
            // when the data shown was read, the second when the screen tries again (JST times).
            text += wxString::Format(_("The status shown is from %s and may be out of date. "
                                       "Trying again at %s."),
                                     FromUtf8(m_presenter.UpdatedTime()), next);
        } else if (!next.empty()) {
            // TRANSLATORS: under the banner when the status could not be loaded yet; %s is when
            // the screen tries again (JST).
            text += wxString::Format(_("Trying again at %s."), next);
        }
        const int width = m_stale->GetClientSize().x - FromDIP(24);
        const wxString wrapped =
            WrapText(*m_staleText, text, width > FromDIP(200) ? width : FromDIP(700));
        if (m_staleText->GetLabelText() != wrapped) {
            SetWrappedLabel(*m_staleText, text, width > FromDIP(200) ? width : FromDIP(700));
            Layout();
        }
    }
    if (m_stale->IsShown() != stale) {
        m_stale->Show(stale);
        Layout();
    }
}

void MonitoringView::ShowTiles() {
    const auto& status = m_presenter.Status();
    m_placeholder->Show(!status);
    if (!status) {
        m_placeholder->SetLabelText(m_presenter.Stale()
                                        ? _("The service status could not be loaded.")
                                        : _("Loading the service status..."));
        return;
    }
    // The tiles follow the components the server lists (built again only if those change).
    bool same = m_tiles.size() == status->components.size();
    for (std::size_t i = 0; same && i < m_tiles.size(); ++i) {
        same = m_tiles[i]->ComponentId() == status->components[i].id;
    }
    wxSizer* sizer = m_tilesArea->GetSizer();
    if (!same) {
        for (ComponentTile* tile : m_tiles) {
            tile->Destroy();
        }
        m_tiles.clear();
        ComponentTile::Actions actions;
        actions.setStatus = [this](const std::string& id) { OpenSetStatus(id); };
        actions.returnToAutomatic = [this](const std::string& id) { ReturnToAutomatic(id); };
        for (std::size_t i = 0; i < status->components.size(); ++i) {
            auto* tile =
                new ComponentTile(m_tilesArea, m_presenter.Permissions().setStatus, actions);
            sizer->Add(tile, wxSizerFlags().Expand().Border(wxBOTTOM, Px(this, Space::Medium)));
            m_tiles.push_back(tile);
        }
    }
    for (std::size_t i = 0; i < m_tiles.size(); ++i) {
        const auto& component = status->components[i];
        m_tiles[i]->ShowComponent(component, m_presenter.Clearing(component.id));
    }
    m_tilesArea->FitInside();
    m_tilesArea->Layout();
}

void MonitoringView::ShowTerminals() {
    const bool shown = m_presenter.TerminalsAvailable();
    if (m_terminals->IsShown() != shown) {
        m_terminals->Show(shown);
    }
    const auto& terminals = m_presenter.Terminals();
    if (!terminals) {
        m_terminalList->DeleteAllItems();
        m_terminalTotals->SetLabelText(wxString());
        return;
    }
    const long count = static_cast<long>(terminals->items.size());
    if (m_terminalList->GetItemCount() != count) {
        m_terminalList->DeleteAllItems();
        for (long row = 0; row < count; ++row) {
            m_terminalList->InsertItem(row, wxString());
        }
    }
    for (long row = 0; row < count; ++row) {
        const auto& facility = terminals->items[static_cast<std::size_t>(row)];
        m_terminalList->SetItem(row, kFacilityColumn, FromUtf8(facility.facilityName));
        m_terminalList->SetItem(row, kOnlineColumn, Count(facility.online));
        m_terminalList->SetItem(row, kOfflineColumn, Count(facility.offline));
    }
    const wxString totals =
        count == 0 ? _("No facilities with terminals in your scope.")
                   // TRANSLATORS: under the terminals list, e.g. "Total: 12 online, 3 offline".
                   : wxString::Format(_("Total: %d online, %d offline"), terminals->online,
                                      terminals->offline);
    if (m_terminalTotals->GetLabelText() != totals) {
        m_terminalTotals->SetLabelText(totals);
    }
}

void MonitoringView::ShowMessage(const wxString& text, int icon) {
    m_lastMessage = text;
    m_messages->ShowMessage(text, icon);
}

void MonitoringView::OnFailed(Operation operation, const client::ApiError& error) {
    switch (operation) {
    case Operation::Refresh: // the notice under the banner says it, and the next try is set
        break;
    case Operation::ClearStatus:
        ShowMessage(_("The component could not be returned to automatic.") + wxS("\n") +
                        DescribeError(error).Full(),
                    wxICON_WARNING);
        break;
    }
}

void MonitoringView::OpenSetStatus(const std::string& id) {
    const model::ComponentStatus* component = m_presenter.Component(id);
    if (component == nullptr || !m_presenter.Permissions().setStatus) {
        return;
    }
    ComponentStatusDialog dialog(this, m_api, *component, m_runner, m_ui);
    const int answer = dialog.ShowModal();
    if (const auto& ended = dialog.SessionEnded()) {
        m_session.Expired(*ended);
        return;
    }
    if (answer == wxID_OK && dialog.Saved()) {
        const model::ComponentStatus saved = *dialog.Saved();
        m_presenter.StatusSet(saved);
        // TRANSLATORS: after Set status; e.g. "Database now shows Under maintenance to every
        // customer."
        ShowMessage(wxString::Format(_("%s now shows %s to every customer."), ComponentName(saved),
                                     ComponentStateName(saved.status)),
                    wxICON_INFORMATION);
    }
}

void MonitoringView::ReturnToAutomatic(const std::string& id) {
    m_presenter.ClearStatus(id);
}

ComponentTile* MonitoringView::Tile(std::string_view id) const {
    for (ComponentTile* tile : m_tiles) {
        if (tile->ComponentId() == id) {
            return tile;
        }
    }
    return nullptr;
}

wxString MonitoringView::Headline() const {
    return m_headline->GetLabelText();
}

wxString MonitoringView::UpdatedText() const {
    return m_updated->GetLabelText();
}

bool MonitoringView::StaleShown() const {
    return m_stale->IsShown();
}

wxString MonitoringView::StaleText() const {
    return m_staleText->GetLabelText();
}

wxString MonitoringView::TerminalTotals() const {
    return m_terminalTotals->GetLabelText();
}

bool MonitoringView::TerminalsShown() const {
    return m_terminals->IsShown();
}

} // namespace resv::views
