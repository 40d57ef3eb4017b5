#pragma once
// お知らせ without wx: incidents (A.16.1.1) and notices (A.12.1.2, A.12.6.1) in one list, newest
// first, reloaded every minute; the unread count for the navigation's badge; the selected item's
// detail and its acknowledgement. What the session sees and may do comes from /me.

#include "views/common/Async.h"

#include "resv/client/ApiError.h"
#include "resv/client/MonitoringApi.h"
#include "resv/model/Session.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace resv::views {

/// From /me's permissions.
struct NoticePermissions {
    bool notices = false;          ///< notices.read: the screen
    bool incidents = false;        ///< monitoring.read: incidents too
    bool acknowledge = false;      ///< notices.ack: Acknowledge and the unread badge
    bool contactsRead = false;     ///< the tenant's designated contacts, at least read-only
    bool contactsWrite = false;    ///< tenant.contacts.write
    bool publishIncidents = false; ///< a provider operator outside tenants
    bool publishNotices = false;

    bool Publisher() const { return publishIncidents || publishNotices; }
};
NoticePermissions NoticePermissionsFor(const model::Me& me);

/// One row of the list: an incident or a notice.
struct InboxItem {
    std::variant<model::Incident, model::Notice> item;

    bool IsIncident() const { return std::holds_alternative<model::Incident>(item); }
    const model::Incident* Incident() const { return std::get_if<model::Incident>(&item); }
    const model::Notice* Notice() const { return std::get_if<model::Notice>(&item); }
    const std::string& Id() const;
    const std::string& Title() const;
    model::TimePoint PublishedAt() const;
    bool Acknowledged() const;
    const std::vector<model::Acknowledgement>& Acknowledgements() const;

    bool operator==(const InboxItem&) const = default;
};

/// Newest published first; the same instant in a stable order (by id, descending).
void SortNewestFirst(std::vector<InboxItem>& items);

class NoticesPresenter {
public:
    /// At most this many of each kind are loaded (pages of 100).
    static constexpr std::size_t kMaxItems = 500;

    struct Callbacks {
        std::function<void()> rowsChanged;  ///< the list or an item in it
        std::function<void()> stateChanged; ///< selection, busy, loading
        std::function<void(int unread)> unreadChanged;
        std::function<void(const client::ApiError&)> failed;
    };

    /// `selfId`: the signed-in account, whose acknowledgement the detail shows.
    NoticesPresenter(std::shared_ptr<client::INoticesApi> api, NoticePermissions permissions,
                     std::string selfId, ITaskRunner& runner, IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    const NoticePermissions& Permissions() const { return m_permissions; }

    /// Loads (or reloads) both lists, keeping the selection.
    void Refresh();
    bool Loading() const { return m_loading; }
    bool Loaded() const { return m_loaded; }

    const std::vector<InboxItem>& Items() const { return m_items; }
    std::optional<std::size_t> IndexOf(const std::string& id) const;
    /// Items not yet acknowledged by this account; 0 without notices.ack.
    int Unread() const { return m_permissions.acknowledge ? m_unread : 0; }
    /// Shown in bold with a dot.
    bool IsUnread(const InboxItem& item) const {
        return m_permissions.acknowledge && !item.Acknowledged();
    }

    /// Selects an item and fetches it afresh (the detail shows the list's copy meanwhile).
    void Select(std::optional<std::string> id);
    const std::optional<std::string>& SelectedId() const { return m_selectedId; }
    const InboxItem* Selected() const;

    /// Acknowledge the selected item: only with notices.ack, once.
    bool CanAcknowledge() const;
    void Acknowledge();
    bool Busy() const { return m_busy; }
    /// When this account acknowledged the selected item; nothing when it has not.
    std::optional<model::TimePoint> AcknowledgedAt() const;

    /// An operator published or updated `item`: it shows in the list, selected.
    void Published(InboxItem item);

private:
    struct LoadedItems {
        std::vector<InboxItem> items;
        int unread = 0;
    };

    void Apply(InboxItem item);
    void Failed(const client::ApiError& error);
    void Notify(const std::function<void()>& callback) const;
    void NotifyUnread() const;

    std::shared_ptr<client::INoticesApi> m_api;
    NoticePermissions m_permissions;
    std::string m_selfId;
    Callbacks m_callbacks;
    std::vector<InboxItem> m_items;
    std::optional<std::string> m_selectedId;
    int m_unread = 0;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_busy = false;
    AsyncScope m_listScope;
    AsyncScope m_detailScope;
    AsyncScope m_actionScope;
};

} // namespace resv::views
