#pragma once
// お知らせ: incidents and notices in one list (newest first, unread in bold with a dot), the
// selected one in full beside it with Acknowledge, reloaded every minute. The designated
// contacts open from a button; a provider operator gets New incident, Post update, New notice
// and Post follow-up. The unread count goes to the navigation entry through a callback.

#include "views/common/Session.h"
#include "views/notices/NoticesPresenter.h"

#include <wx/panel.h>
#include <wx/timer.h>

#include <functional>
#include <map>
#include <memory>

class wxButton;
class wxInfoBar;
class wxListCtrl;
class wxListEvent;
class wxStaticText;

namespace resv::views {

class NoticeDetailPane;
enum class PublishMode;

class NoticesView final : public wxPanel {
public:
    static constexpr int kRefreshIntervalMs = 60000;

    enum Column { kUnreadColumn, kKindColumn, kTitleColumn, kStateColumn, kPublishedColumn };

    NoticesView(wxWindow* parent, ISession& session, std::shared_ptr<client::INoticesApi> api,
                NoticePermissions permissions, ITaskRunner& runner, IUiDispatcher& ui);
    ~NoticesView() override;

    NoticesPresenter& Presenter() { return m_presenter; }
    /// The first load and the minute's refresh.
    void Start();
    /// Called with the unread count whenever it changes (the navigation's badge).
    void SetOnUnreadChanged(std::function<void(int)> callback) { m_onUnread = std::move(callback); }

    // For GUI tests.
    wxListCtrl* List() const { return m_list; }
    NoticeDetailPane* Detail() const { return m_detail; }
    wxInfoBar* Messages() const { return m_messages; }
    wxButton* ContactsButton() const { return m_contacts; }
    /// Null when the session may not publish that.
    wxButton* PublishButton(PublishMode mode) const;
    wxStaticText* StatusLine() const { return m_statusLine; }
    /// Selects the item's row as a click would.
    void SelectItem(const std::string& id);
    /// Opens the designated contacts (what the button does).
    void OpenContacts();
    /// Opens the editor (what the operator's buttons do).
    void OpenPublish(PublishMode mode);

private:
    wxSizer* BuildActions();
    void SyncRows();
    void SyncState();
    void UpdateStatusLine();
    void ShowError(const client::ApiError& error);

    ISession& m_session;
    std::shared_ptr<client::INoticesApi> m_api;
    ITaskRunner& m_runner;
    IUiDispatcher& m_ui;
    NoticesPresenter m_presenter;
    std::function<void(int)> m_onUnread;
    wxButton* m_refresh = nullptr;
    wxButton* m_contacts = nullptr;
    std::map<PublishMode, wxButton*> m_publish;
    wxInfoBar* m_messages = nullptr;
    wxListCtrl* m_list = nullptr;
    NoticeDetailPane* m_detail = nullptr;
    wxStaticText* m_statusLine = nullptr;
    std::vector<std::string> m_rowIds;
    wxTimer m_refreshTimer;
    bool m_syncing = false;
};

} // namespace resv::views
