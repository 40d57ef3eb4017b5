#pragma once
// The main window: navigation on the left (only screens that exist), the screen on the right, a
// status bar with server, user, role and a JST clock, and Log out.

#include "views/common/SessionPresenter.h"

#include <wx/eventfilter.h>
#include <wx/frame.h>
#include <wx/timer.h>

#include <functional>
#include <memory>

class wxListbook;

namespace resv::views {
class AccountsView;
class FacilitiesView;
class HomeView;
class PermissionsView;
class ISettings;
class UsageHistoryView;
class NoticesView;
class MonitoringView;
}

namespace resv::console {

class MainFrame final : public wxFrame {
public:
    enum StatusField { kServerField, kUserField, kRoleField, kClockField, kStatusFieldCount };

    struct Callbacks {
        /// Log out finished (whatever the server said): show the login dialog.
        std::function<void()> loggedOut;
        /// The user closed the window: the application ends.
        std::function<void()> closed;
    };

    /// `settings` (the remembered list columns) must outlive the frame.
    MainFrame(std::shared_ptr<views::ISession> session, views::ISettings& settings,
              views::ITaskRunner& runner, views::IUiDispatcher& ui, Callbacks callbacks);
    ~MainFrame() override;

    /// /me changed: show it everywhere.
    void SessionChanged();
    /// Starts Log out (what the menu and the toolbar do).
    void Logout();
    /// Closes without calling back (the shell replaces the window).
    void Dismiss();
    /// Opens the password change dialog (the account menu's "Change password...").
    void ChangePassword();

    // For GUI tests.
    views::HomeView* Home() const { return m_home; }
    /// Null when the account may not read facilities.
    views::FacilitiesView* Facilities() const { return m_facilities; }
    /// Null when the session may not read accounts.
    views::AccountsView* Accounts() const { return m_accounts; }
    /// Null without roles.read.
    views::PermissionsView* Permissions() const { return m_permissions; }
    /// Null without usage.read.
    views::UsageHistoryView* UsageHistory() const { return m_usageHistory; }
    /// Null without monitoring.read.
    views::MonitoringView* Monitoring() const { return m_monitoring; }
    /// Null without notices.read.
    views::NoticesView* Notices() const { return m_notices; }
    views::SessionPresenter& SessionCheck() { return m_sessionPresenter; }
    wxListbook* Navigation() const { return m_navigation; }
    int LogoutToolId() const { return m_logoutId; }

private:
    void BuildMenu();
    void BuildToolBar();
    void BuildNavigation(views::ITaskRunner& runner, views::IUiDispatcher& ui);
    void BuildStatusBar();
    void UpdateTitle();
    void UpdateStatus();
    void UpdateClock();
    void OnClose(wxCloseEvent& event);

    /// Notes keys and clicks anywhere in the application, for the session check.
    class ActivityFilter final : public wxEventFilter {
    public:
        explicit ActivityFilter(views::SessionPresenter& presenter)
            : m_presenter(presenter) {}
        int FilterEvent(wxEvent& event) override;

    private:
        views::SessionPresenter& m_presenter;
    };

    std::shared_ptr<views::ISession> m_session;
    views::SessionPresenter m_sessionPresenter;
    Callbacks m_callbacks;
    ActivityFilter m_activityFilter{m_sessionPresenter};
    wxListbook* m_navigation = nullptr;
    views::HomeView* m_home = nullptr;
    views::FacilitiesView* m_facilities = nullptr;
    views::AccountsView* m_accounts = nullptr;
    views::PermissionsView* m_permissions = nullptr;
    views::UsageHistoryView* m_usageHistory = nullptr;
    views::MonitoringView* m_monitoring = nullptr;
    views::NoticesView* m_notices = nullptr;
    views::ISettings& m_settings;
    views::ITaskRunner& m_runner;
    views::IUiDispatcher& m_ui;
    wxTimer m_clockTimer;
    wxTimer m_checkTimer;
    int m_logoutId = wxID_NONE;
    bool m_dismissed = false;
};

} // namespace resv::console
