#pragma once
// 監視: the service's status for customer managers and viewers (CLD.12.4.5) and for the
// provider's operators. An overall banner (all operational, or the affected components in
// words), one tile per component (status, message, latency, 90-day uptime), the terminals online
// per facility, "Updated 17:10:49 JST" with Refresh, and a notice when the data is out of date
// because the server cannot be reached. An operator outside customer tenants sets a component's
// status by hand and returns it to automatic.

#include "views/common/Session.h"
#include "views/monitoring/MonitoringPresenter.h"

#include <wx/panel.h>
#include <wx/timer.h>

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

class wxButton;
class wxInfoBar;
class wxListCtrl;
class wxScrolledWindow;
class wxStaticText;

namespace resv::views {

class ComponentTile;
class StatusBadge;

/// IRefreshTimer over a one-shot wxTimer.
class WxRefreshTimer final : public IRefreshTimer {
public:
    explicit WxRefreshTimer(std::function<void()> fire);
    ~WxRefreshTimer() override;
    void Schedule(std::chrono::milliseconds delay) override;
    void Cancel() override;
    bool Running() const { return m_timer.IsRunning(); }
    /// The delay last scheduled (for tests).
    std::chrono::milliseconds Scheduled() const { return m_scheduled; }

private:
    wxTimer m_timer;
    std::function<void()> m_fire;
    std::chrono::milliseconds m_scheduled{0};
};

class MonitoringView final : public wxPanel {
public:
    MonitoringView(wxWindow* parent, ISession& session, std::shared_ptr<client::IMonitoringApi> api,
                   MonitoringPermissions permissions, ITaskRunner& runner, IUiDispatcher& ui,
                   MonitoringPresenter::Clock clock = model::Now);
    ~MonitoringView() override;

    MonitoringPresenter& Presenter() { return m_presenter; }
    /// The first refresh; the presenter keeps the rhythm from there.
    void Start();
    /// Set status… of component `id` (what its tile's button does): the dialog, then the tile.
    void OpenSetStatus(const std::string& id);

    // For GUI tests.
    ComponentTile* Tile(std::string_view id) const;
    StatusBadge* OverallBadge() const { return m_overallBadge; }
    wxString Headline() const;
    wxString UpdatedText() const;
    wxButton* RefreshButton() const { return m_refresh; }
    bool StaleShown() const;
    wxString StaleText() const;
    wxListCtrl* TerminalList() const { return m_terminalList; }
    wxString TerminalTotals() const;
    bool TerminalsShown() const;
    wxInfoBar* Messages() const { return m_messages; }
    const wxString& LastMessage() const { return m_lastMessage; }
    const WxRefreshTimer& Timer() const { return m_timer; }

private:
    wxPanel* BuildBanner();
    wxPanel* BuildStaleNotice();
    wxPanel* BuildTerminals(wxWindow* parent);
    void OnTimer();
    void OnChanged();
    void OnFailed(MonitoringPresenter::Operation operation, const client::ApiError& error);
    void ShowBanner();
    void ShowStale();
    void ShowTiles();
    void ShowTerminals();
    void ShowMessage(const wxString& text, int icon);
    void ReturnToAutomatic(const std::string& id);

    ISession& m_session;
    std::shared_ptr<client::IMonitoringApi> m_api;
    ITaskRunner& m_runner;
    IUiDispatcher& m_ui;
    WxRefreshTimer m_timer; ///< before the presenter, which cancels it when it goes
    MonitoringPresenter m_presenter;
    wxPanel* m_banner = nullptr;
    StatusBadge* m_overallBadge = nullptr;
    wxStaticText* m_headline = nullptr;
    wxStaticText* m_updated = nullptr;
    wxButton* m_refresh = nullptr;
    wxPanel* m_stale = nullptr;
    wxStaticText* m_staleText = nullptr;
    wxInfoBar* m_messages = nullptr;
    wxString m_lastMessage;
    wxScrolledWindow* m_tilesArea = nullptr;
    wxStaticText* m_placeholder = nullptr;
    std::vector<ComponentTile*> m_tiles;
    wxPanel* m_terminals = nullptr;
    wxListCtrl* m_terminalList = nullptr;
    wxStaticText* m_terminalTotals = nullptr;
    bool m_refreshDue = false; ///< the timer went off while the screen was hidden
};

} // namespace resv::views
