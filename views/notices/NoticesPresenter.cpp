#include "views/notices/NoticesPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Role.h"

#include <algorithm>

namespace resv::views {
namespace {

bool Has(const model::Me& me, std::string_view permission) {
    return std::find(me.permissions.begin(), me.permissions.end(), permission) !=
           me.permissions.end();
}

/// Every page of a list, up to kMaxItems; the first page's `unread` counts the whole list.
template <typename T, typename List>
model::InboxPage<T> LoadAll(List list) {
    client::InboxQuery query;
    model::InboxPage<T> all;
    bool first = true;
    do {
        auto page = list(query);
        if (first) {
            all.unread = page.unread;
            first = false;
        }
        std::move(page.items.begin(), page.items.end(), std::back_inserter(all.items));
        query.cursor = page.nextCursor;
    } while (query.cursor && all.items.size() < NoticesPresenter::kMaxItems);
    return all;
}

} // namespace

NoticePermissions NoticePermissionsFor(const model::Me& me) {
    namespace p = model::permission;
    NoticePermissions permissions;
    permissions.notices = Has(me, p::kNoticesRead);
    permissions.incidents = Has(me, p::kMonitoringRead);
    permissions.acknowledge = Has(me, p::kNoticesAck);
    permissions.publishIncidents = Has(me, p::kIncidentsPublish);
    permissions.publishNotices = Has(me, p::kNoticesPublish);
    // The designated contacts are a customer tenant's: a provider session outside tenants has
    // none to show.
    permissions.contactsWrite = Has(me, p::kTenantContactsWrite);
    permissions.contactsRead =
        !permissions.Publisher() && (permissions.contactsWrite || permissions.incidents);
    return permissions;
}

const std::string& InboxItem::Id() const {
    return std::visit([](const auto& value) -> const std::string& { return value.id; }, item);
}

const std::string& InboxItem::Title() const {
    return std::visit([](const auto& value) -> const std::string& { return value.title; }, item);
}

model::TimePoint InboxItem::PublishedAt() const {
    return std::visit([](const auto& value) { return value.publishedAt; }, item);
}

bool InboxItem::Acknowledged() const {
    return std::visit([](const auto& value) { return value.acknowledged; }, item);
}

const std::vector<model::Acknowledgement>& InboxItem::Acknowledgements() const {
    return std::visit(
        [](const auto& value) -> const std::vector<model::Acknowledgement>& {
            return value.acknowledgements;
        },
        item);
}

void SortNewestFirst(std::vector<InboxItem>& items) {
    std::stable_sort(items.begin(), items.end(), [](const InboxItem& a, const InboxItem& b) {
        if (a.PublishedAt() != b.PublishedAt()) {
            return a.PublishedAt() > b.PublishedAt();
        }
        return a.Id() > b.Id();
    });
}

NoticesPresenter::NoticesPresenter(std::shared_ptr<client::INoticesApi> api,
                                   NoticePermissions permissions, std::string selfId,
                                   ITaskRunner& runner, IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_permissions(permissions)
    , m_selfId(std::move(selfId))
    , m_listScope(runner, ui)
    , m_detailScope(runner, ui)
    , m_actionScope(runner, ui) {}

void NoticesPresenter::Notify(const std::function<void()>& callback) const {
    if (callback) {
        callback();
    }
}

void NoticesPresenter::NotifyUnread() const {
    if (m_callbacks.unreadChanged) {
        m_callbacks.unreadChanged(Unread());
    }
}

void NoticesPresenter::Refresh() {
    m_listScope.DropPending();
    m_loading = true;
    auto api = m_api;
    const bool incidents = m_permissions.incidents;
    const bool notices = m_permissions.notices;
    m_listScope.Run(
        [api, incidents, notices] {
            LoadedItems loaded;
            if (incidents) {
                auto page = LoadAll<model::Incident>(
                    [&](const client::InboxQuery& q) { return api->ListIncidents(q); });
                loaded.unread += page.unread;
                for (auto& incident : page.items) {
                    loaded.items.push_back({std::move(incident)});
                }
            }
            if (notices) {
                auto page = LoadAll<model::Notice>(
                    [&](const client::InboxQuery& q) { return api->ListNotices(q); });
                loaded.unread += page.unread;
                for (auto& notice : page.items) {
                    loaded.items.push_back({std::move(notice)});
                }
            }
            SortNewestFirst(loaded.items);
            return loaded;
        },
        [this](TaskResult<LoadedItems> result) {
            m_loading = false;
            if (!result.Ok()) {
                Notify(m_callbacks.stateChanged);
                return Failed(ToApiError(result.Error()));
            }
            m_items = std::move(result.Value().items);
            m_unread = result.Value().unread;
            m_loaded = true;
            Notify(m_callbacks.rowsChanged);
            Notify(m_callbacks.stateChanged);
            NotifyUnread();
        });
    Notify(m_callbacks.stateChanged);
}

std::optional<std::size_t> NoticesPresenter::IndexOf(const std::string& id) const {
    const auto it = std::find_if(m_items.begin(), m_items.end(),
                                 [&](const InboxItem& item) { return item.Id() == id; });
    return it == m_items.end() ? std::nullopt : std::optional<std::size_t>(it - m_items.begin());
}

const InboxItem* NoticesPresenter::Selected() const {
    if (!m_selectedId) {
        return nullptr;
    }
    const auto index = IndexOf(*m_selectedId);
    return index ? &m_items[*index] : nullptr;
}

void NoticesPresenter::Select(std::optional<std::string> id) {
    if (id == m_selectedId) {
        return;
    }
    m_selectedId = std::move(id);
    m_detailScope.DropPending();
    Notify(m_callbacks.stateChanged);
    const InboxItem* selected = Selected();
    if (selected == nullptr) {
        return;
    }
    auto api = m_api;
    const bool incident = selected->IsIncident();
    m_detailScope.Run(
        [api, incident, id = selected->Id()]() -> InboxItem {
            if (incident) {
                return {api->GetIncident(id)};
            }
            return {api->GetNotice(id)};
        },
        [this](TaskResult<InboxItem> result) {
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            Apply(std::move(result.Value()));
            Notify(m_callbacks.stateChanged);
        });
}

bool NoticesPresenter::CanAcknowledge() const {
    const InboxItem* selected = Selected();
    return m_permissions.acknowledge && selected != nullptr && !selected->Acknowledged() && !m_busy;
}

void NoticesPresenter::Acknowledge() {
    if (!CanAcknowledge()) {
        return;
    }
    m_busy = true;
    const InboxItem* selected = Selected();
    auto api = m_api;
    m_actionScope.Run(
        [api, incident = selected->IsIncident(), id = selected->Id()]() -> InboxItem {
            if (incident) {
                return {api->AcknowledgeIncident(id)};
            }
            return {api->AcknowledgeNotice(id)};
        },
        [this](TaskResult<InboxItem> result) {
            m_busy = false;
            if (!result.Ok()) {
                Notify(m_callbacks.stateChanged);
                return Failed(ToApiError(result.Error()));
            }
            const auto index = IndexOf(result.Value().Id());
            const bool wasUnread = index && !m_items[*index].Acknowledged();
            Apply(std::move(result.Value()));
            if (wasUnread && m_unread > 0) {
                --m_unread;
                NotifyUnread();
            }
            if (m_loading) {
                Refresh(); // a reload that started before the acknowledgement would undo it
            }
            Notify(m_callbacks.stateChanged);
        });
    Notify(m_callbacks.stateChanged);
}

std::optional<model::TimePoint> NoticesPresenter::AcknowledgedAt() const {
    const InboxItem* selected = Selected();
    if (selected == nullptr || !selected->Acknowledged()) {
        return std::nullopt;
    }
    for (const auto& ack : selected->Acknowledgements()) {
        if (ack.accountId == m_selfId) {
            return ack.at;
        }
    }
    return std::nullopt;
}

void NoticesPresenter::Apply(InboxItem item) {
    if (const auto index = IndexOf(item.Id())) {
        m_items[*index] = std::move(item);
    } else {
        m_items.push_back(std::move(item));
        SortNewestFirst(m_items);
    }
    Notify(m_callbacks.rowsChanged);
}

void NoticesPresenter::Published(InboxItem item) {
    const std::string id = item.Id();
    Apply(std::move(item));
    m_selectedId = id;
    Notify(m_callbacks.stateChanged);
}

void NoticesPresenter::Failed(const client::ApiError& error) {
    if (error.GetKind() == client::ApiError::Kind::Cancelled) {
        return;
    }
    if (m_callbacks.failed) {
        m_callbacks.failed(error);
    }
}

} // namespace resv::views
