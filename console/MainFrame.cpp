#include "console/MainFrame.h"

#include "views/accounts/AccountWords.h"
#include "views/accounts/AccountsView.h"
#include "views/common/Icons.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Words.h"
#include "views/facilities/FacilitiesView.h"
#include "views/home/HomeView.h"
#include "views/login/PasswordChangeDialog.h"
#include "views/monitoring/MonitoringView.h"
#include "views/monitoring/MonitoringWords.h"
#include "views/notices/NoticeWords.h"
#include "views/notices/NoticesView.h"
#include "views/permissions/PermissionsView.h"
#include "views/usage/AuditWords.h"
#include "views/usage/UsageHistoryView.h"

#include "resv/model/Time.h"

#include <wx/aboutdlg.h>
#include <wx/listbook.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/statusbr.h>
#include <wx/toolbar.h>

#include <chrono>

namespace resv::console {
namespace {

constexpr std::chrono::seconds kSessionCheckInterval{60};
constexpr int kClockIntervalMs = 1000;

} // namespace

MainFrame::MainFrame(std::shared_ptr<views::ISession> session, views::ISettings& settings,
                     views::ITaskRunner& runner, views::IUiDispatcher& ui, Callbacks callbacks)
    : wxFrame(nullptr, wxID_ANY, _("RESV Customer Mgr"))
    , m_session(std::move(session))
    , m_sessionPresenter(*m_session, runner, ui)
    , m_callbacks(std::move(callbacks))
    , m_settings(settings)
    , m_runner(runner)
    , m_ui(ui) {
    SetIcons(views::AppIcons());
    BuildMenu();
    BuildToolBar();
    BuildNavigation(runner, ui);
    BuildStatusBar();
    UpdateTitle();
    UpdateStatus();
    UpdateClock();
    SetMinSize(FromDIP(wxSize(720, 480)));
    SetSize(FromDIP(wxSize(960, 640)));
    CentreOnScreen();

    m_sessionPresenter.SetOnChanged([this] { UpdateStatus(); });
    m_clockTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { UpdateClock(); });
    m_clockTimer.Start(kClockIntervalMs);
    wxEvtHandler::AddFilter(&m_activityFilter);
    m_checkTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { m_sessionPresenter.CheckIfActive(); });
    m_checkTimer.Start(static_cast<int>(std::chrono::milliseconds(kSessionCheckInterval).count()));
    Bind(wxEVT_CLOSE_WINDOW, &MainFrame::OnClose, this);
}

MainFrame::~MainFrame() {
    wxEvtHandler::RemoveFilter(&m_activityFilter);
    m_clockTimer.Stop();
    m_checkTimer.Stop();
}

int MainFrame::ActivityFilter::FilterEvent(wxEvent& event) {
    const wxEventType type = event.GetEventType();
    if (type == wxEVT_KEY_DOWN || type == wxEVT_LEFT_DOWN || type == wxEVT_RIGHT_DOWN ||
        type == wxEVT_MOUSEWHEEL) {
        m_presenter.NoteActivity();
    }
    return Event_Skip;
}

void MainFrame::BuildMenu() {
    auto* file = new wxMenu;
    // TRANSLATORS: menu item; ends the session and shows the login dialog.
    auto* logout =
        new wxMenuItem(file, wxID_ANY, _("&Log out"), _("End the session on the server"));
    logout->SetBitmap(views::IconBundle(views::Icon::Logout, 16)); // before Append, or GTK balks
    file->Append(logout);
    // TRANSLATORS: menu item; opens the dialog to change one's own password.
    auto* password =
        file->Append(wxID_ANY, _("Change &password..."), _("Change your own password"));
    file->AppendSeparator();
    file->Append(wxID_EXIT);
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT);

    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);

    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Logout(); }, logout->GetId());
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { ChangePassword(); }, password->GetId());
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            wxAboutDialogInfo info;
            info.SetName(_("RESV Customer Mgr"));
            info.SetVersion(wxString::FromAscii(RESV_VERSION));
            info.SetDescription(_("Manages the accounts, facilities, terminals and usage history "
                                  "of your RESV service."));
            info.SetIcon(views::AppIcons().GetIcon(wxSize(64, 64)));
            wxAboutBox(info, this);
        },
        wxID_ABOUT);
}

void MainFrame::BuildToolBar() {
    wxToolBar* toolBar = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_HORZ_LAYOUT);
    toolBar->AddStretchableSpace();
    wxToolBarToolBase* logout =
        toolBar->AddTool(wxID_ANY, _("Log out"), views::IconBundle(views::Icon::Logout, 24),
                         _("End the session on the server"));
    m_logoutId = logout->GetId();
    toolBar->Realize();
    Bind(
        wxEVT_TOOL, [this](wxCommandEvent&) { Logout(); }, m_logoutId);
}

void MainFrame::BuildNavigation(views::ITaskRunner& runner, views::IUiDispatcher& ui) {
    m_navigation = new wxListbook(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLB_LEFT);
    wxWithImages::Images images;
    images.push_back(views::IconBundle(views::Icon::Home, 32));
    images.push_back(views::IconBundle(views::Icon::Facilities, 32));
    images.push_back(views::AccountsIcon(32));
    m_navigation->SetImages(images);
    m_home = new views::HomeView(m_navigation, *m_session);
    // TRANSLATORS: the navigation entry of the home screen.
    m_navigation->AddPage(m_home, _("Home"), true, 0);

    // Only for accounts that may read facilities, and only with a client that offers them.
    const views::FacilityPermissions permissions = views::PermissionsFor(m_session->Me());
    auto facilitiesApi = std::dynamic_pointer_cast<client::IFacilitiesApi>(m_session->Client());
    if (permissions.read && facilitiesApi) {
        m_facilities = new views::FacilitiesView(m_navigation, *m_session, facilitiesApi,
                                                 permissions, runner, ui);
        // TRANSLATORS: the navigation entry of the Facilities & Terminals screen (施設と端末).
        m_navigation->AddPage(m_facilities, _("Facilities & Terminals"), false, 1);
        m_facilities->Start();
    }

    // Accounts (A.9.2): for sessions with accounts.read; writing is decided from /me too.
    const views::AccountPermissions accounts = views::AccountPermissionsFor(m_session->Me());
    if (auto accountsApi = std::dynamic_pointer_cast<client::IAccountsApi>(m_session->Client());
        accounts.read && accountsApi) {
        m_accounts = new views::AccountsView(m_navigation, *m_session, accountsApi,
                                             permissions.read ? facilitiesApi : nullptr, accounts,
                                             runner, ui);
        // TRANSLATORS: the navigation entry of the Accounts screen (アカウント).
        m_navigation->AddPage(m_accounts, _("Accounts"), false, 2);
        m_accounts->Start();
    }

    // Permissions (権限): for accounts with roles.read.
    const views::RoleAccess roleAccess = views::RoleAccessFor(m_session->Me());
    auto accountsApi = std::dynamic_pointer_cast<client::IAccountsApi>(m_session->Client());
    if (roleAccess.read && accountsApi) {
        m_permissions = new views::PermissionsView(m_navigation, *m_session, accountsApi,
                                                   permissions.read ? facilitiesApi : nullptr,
                                                   roleAccess, runner, ui);
        images.push_back(views::IconBundle(views::Icon::Account, 32));
        m_navigation->SetImages(images);
        // TRANSLATORS: the navigation entry of the Permissions screen (権限).
        m_navigation->AddPage(m_permissions, _("Permissions"), false,
                              static_cast<int>(images.size()) - 1);
        m_permissions->Start();
    }

    // Usage history (利用履歴, A.12.4.1): for accounts with usage.read; Export needs usage.export.
    const views::UsagePermissions usage = views::UsagePermissionsFor(m_session->Me());
    if (auto auditApi = std::dynamic_pointer_cast<client::IAuditApi>(m_session->Client());
        usage.read && auditApi) {
        m_usageHistory = new views::UsageHistoryView(m_navigation, *m_session, auditApi, usage,
                                                     m_settings, runner, ui);
        images.push_back(views::UsageIcon(32));
        m_navigation->SetImages(images);
        // TRANSLATORS: the navigation entry of the Usage history screen (利用履歴).
        m_navigation->AddPage(m_usageHistory, _("Usage history"), false,
                              static_cast<int>(images.size()) - 1);
        m_usageHistory->Start();
    }

    // Monitoring (監視, CLD.12.4.5): for accounts with monitoring.read (manager tier and the
    // provider's operators); a provider session outside tenants also sets components' status.
    const views::MonitoringPermissions monitoring =
        views::MonitoringPermissionsFor(m_session->Me());
    if (auto monitoringApi =
            std::dynamic_pointer_cast<client::IMonitoringApi>(m_session->Client());
        monitoring.read && monitoringApi) {
        m_monitoring = new views::MonitoringView(m_navigation, *m_session, monitoringApi,
                                                 monitoring, runner, ui);
        images.push_back(views::MonitoringIcon(32));
        m_navigation->SetImages(images);
        // TRANSLATORS: the navigation entry of the Monitoring screen (監視).
        m_navigation->AddPage(m_monitoring, _("Monitoring"), false,
                              static_cast<int>(images.size()) - 1);
        m_monitoring->Start();
    }

    // Notices (お知らせ, A.16.1.1, A.12.1.2, A.12.6.1): for accounts with notices.read; incidents
    // with monitoring.read; the badge counts what this account has not acknowledged.
    const views::NoticePermissions notices = views::NoticePermissionsFor(m_session->Me());
    if (auto noticesApi = std::dynamic_pointer_cast<client::INoticesApi>(m_session->Client());
        (notices.notices || notices.Publisher()) && noticesApi) {
        m_notices =
            new views::NoticesView(m_navigation, *m_session, noticesApi, notices, runner, ui);
        images.push_back(views::NoticesIcon(32));
        m_navigation->SetImages(images);
        m_navigation->AddPage(m_notices, views::NoticesNavigationLabel(0), false,
                              static_cast<int>(images.size()) - 1);
        m_notices->SetOnUnreadChanged([this](int unread) {
            const int page = m_navigation->FindPage(m_notices);
            if (page != wxNOT_FOUND) {
                m_navigation->SetPageText(static_cast<size_t>(page),
                                          views::NoticesNavigationLabel(unread));
            }
        });
        m_notices->Start();
    }
}

void MainFrame::BuildStatusBar() {
    wxStatusBar* bar = CreateStatusBar(kStatusFieldCount);
    // Room for the text, the field's margins and, in the last field, the size grip.
    const int clockWidth = bar->GetTextExtent(wxS("00:00:00 JST")).x + FromDIP(40);
    const int widths[kStatusFieldCount] = {-2, -2, -3, clockWidth};
    bar->SetStatusWidths(kStatusFieldCount, widths);
}

void MainFrame::UpdateTitle() {
    const model::Me& me = m_session->Me();
    const model::TenantRef& tenant = me.actingAs ? *me.actingAs : me.tenant;
    // TRANSLATORS: the main window's title: the tenant's name, then the product's.
    SetTitle(wxString::Format(_("%s - RESV Customer Mgr"), views::FromUtf8(tenant.name)));
}

void MainFrame::UpdateStatus() {
    const model::Me& me = m_session->Me();
    const wxString server = views::FromUtf8(m_session->ServerUrl());
    SetStatusText(m_sessionPresenter.Problem()
                      ? wxString::Format(_("Server: %s (not reachable)"), server)
                      : wxString::Format(_("Server: %s"), server),
                  kServerField);
    SetStatusText(wxString::Format(_("User: %s"), views::NameWithCode(me.displayName, me.loginId)),
                  kUserField);
    const wxString roles = views::RoleNames(me.roles);
    SetStatusText(me.actingAs ? wxString::Format(_("Role: %s, acting as %s"), roles,
                                                 views::FromUtf8(me.actingAs->code))
                              : wxString::Format(_("Role: %s"), roles),
                  kRoleField);
}

void MainFrame::UpdateClock() {
    SetStatusText(views::FromUtf8(model::FormatJstTime(model::Now())), kClockField);
}

void MainFrame::SessionChanged() {
    UpdateTitle();
    UpdateStatus();
    m_home->ShowSession();
}

void MainFrame::Logout() {
    if (m_sessionPresenter.LoggingOut()) {
        return;
    }
    GetToolBar()->EnableTool(m_logoutId, false);
    SetStatusText(_("Logging out..."), kServerField);
    m_sessionPresenter.Logout([this] {
        m_dismissed = true;
        if (m_callbacks.loggedOut) {
            m_callbacks.loggedOut();
        }
    });
}

void MainFrame::ChangePassword() {
    auto accounts = std::dynamic_pointer_cast<client::IAccountsApi>(m_session->Client());
    if (!accounts) {
        return;
    }
    views::PasswordChangeDialog::Callbacks callbacks;
    callbacks.changed = [this](const model::Me& me) {
        m_session->UpdateMe(me);
        SetStatusText(_("Your password has been changed; your other sessions have ended."),
                      kServerField);
    };
    auto* dialog = new views::PasswordChangeDialog(
        this,
        std::make_unique<views::PasswordChangePresenter>(accounts, m_session->Client(),
                                                         m_session->Me().loginId, m_runner, m_ui),
        views::PasswordChangeDialog::Mode::Voluntary, std::move(callbacks));
    dialog->Show();
}

void MainFrame::Dismiss() {
    m_dismissed = true;
    m_clockTimer.Stop();
    m_checkTimer.Stop();
    Destroy();
}

void MainFrame::OnClose(wxCloseEvent&) {
    m_clockTimer.Stop();
    m_checkTimer.Stop();
    if (!m_dismissed) {
        m_dismissed = true;
        if (m_callbacks.closed) {
            m_callbacks.closed();
        }
    }
    Destroy();
}

} // namespace resv::console
