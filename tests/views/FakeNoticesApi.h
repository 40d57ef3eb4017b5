#pragma once
// An INoticesApi in memory for presenter and GUI tests: lists page newest first and count the
// unread as the server does; an acknowledgement records the signed-in account; a test may set
// the error the next call throws; calls are recorded under a lock (GUI tests call from the
// worker thread).

#include "resv/client/ApiError.h"
#include "resv/client/MonitoringApi.h"
#include "resv/model/Problem.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace resv::views::test {

class FakeNoticesApi final : public client::INoticesApi {
public:
    std::vector<model::Incident> incidents;
    std::vector<model::Notice> notices;
    model::TenantContacts contacts;
    std::vector<client::TenantSummary> tenants;
    model::Acknowledgement me{"acc_1", "manager", "Yamada Hanako", {}};
    model::TimePoint now{};
    std::optional<client::ApiError> nextError; ///< thrown by the next call, then cleared
    std::vector<std::string> calls;
    std::vector<model::IncidentInput> incidentInputs;
    std::vector<model::NoticeInput> noticeInputs;
    int pageSize = 100;
    int nextId = 100;

    std::vector<std::string> Calls() {
        std::lock_guard lock(m_mutex);
        return calls;
    }

    model::InboxPage<model::Incident> ListIncidents(const client::InboxQuery& query) override {
        Call("ListIncidents");
        return Page(incidents, query);
    }
    model::Incident GetIncident(const std::string& id) override {
        Call("GetIncident " + id);
        return *Find(incidents, id);
    }
    model::Incident AcknowledgeIncident(const std::string& id) override {
        Call("AcknowledgeIncident " + id);
        return Ack(*Find(incidents, id));
    }
    model::InboxPage<model::Notice> ListNotices(const client::InboxQuery& query) override {
        Call("ListNotices");
        return Page(notices, query);
    }
    model::Notice GetNotice(const std::string& id) override {
        Call("GetNotice " + id);
        return *Find(notices, id);
    }
    model::Notice AcknowledgeNotice(const std::string& id) override {
        Call("AcknowledgeNotice " + id);
        return Ack(*Find(notices, id));
    }
    model::TenantContacts GetContacts() override {
        Call("GetContacts");
        return contacts;
    }
    model::TenantContacts PutContacts(const model::TenantContacts& value) override {
        Call("PutContacts");
        contacts = value;
        return contacts;
    }
    std::vector<client::TenantSummary> ListTenants() override {
        Call("ListTenants");
        return tenants;
    }
    model::Incident CreateIncident(const model::IncidentInput& input) override {
        Call("CreateIncident");
        incidentInputs.push_back(input);
        model::Incident incident;
        incident.id = "inc_" + std::to_string(nextId++);
        incident.title = input.title;
        incident.severity = input.severity;
        incident.status = input.status;
        incident.tenants = input.tenants;
        incident.components = input.components;
        incident.detectedAt = input.detectedAt.value_or(now);
        incident.notifyBy = incident.detectedAt + model::kIncidentNotifyWithin;
        incident.publishedAt = now;
        incident.updatedAt = now;
        incident.updates = {{now, input.status, input.message, "Operator"}};
        incidents.push_back(incident);
        return incident;
    }
    model::Incident UpdateIncident(const std::string& id,
                                   const model::IncidentPatch& patch) override {
        Call("UpdateIncident " + id);
        model::Incident& incident = *Find(incidents, id);
        incident.status = patch.status.value_or(incident.status);
        incident.severity = patch.severity.value_or(incident.severity);
        incident.title = patch.title.value_or(incident.title);
        incident.updates.push_back({now, incident.status, patch.message, "Operator"});
        return incident;
    }
    model::Notice CreateNotice(const model::NoticeInput& input) override {
        Call("CreateNotice");
        noticeInputs.push_back(input);
        model::Notice notice;
        notice.id = "ntc_" + std::to_string(nextId++);
        notice.kind = input.kind;
        notice.title = input.title;
        notice.body = input.body;
        notice.tenants = input.tenants;
        notice.effectiveAt = input.effectiveAt;
        notice.emergency = input.emergency;
        notice.reason = input.reason;
        notice.publishedAt = now;
        notice.updatedAt = now;
        notices.push_back(notice);
        return notice;
    }
    model::Notice UpdateNotice(const std::string& id, const model::NoticePatch& patch) override {
        Call("UpdateNotice " + id);
        model::Notice& notice = *Find(notices, id);
        notice.updates.push_back({now, patch.body, "Operator"});
        notice.effectiveAt = patch.effectiveAt.value_or(notice.effectiveAt);
        return notice;
    }

private:
    void Call(const std::string& name) {
        std::lock_guard lock(m_mutex);
        calls.push_back(name);
        if (nextError) {
            const client::ApiError error = *nextError;
            nextError.reset();
            throw error;
        }
    }

    template <typename T>
    T* Find(std::vector<T>& items, const std::string& id) {
        const auto it =
            std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
        if (it == items.end()) {
            model::Problem problem;
            problem.status = 404;
            problem.code = "not_found";
            problem.title = "not_found";
            throw client::ApiError(problem);
        }
        return &*it;
    }

    template <typename T>
    T Ack(T& item) {
        if (!item.acknowledged) {
            item.acknowledged = true;
            model::Acknowledgement ack = me;
            ack.at = now;
            item.acknowledgements.push_back(ack);
        }
        return item;
    }

    template <typename T>
    model::InboxPage<T> Page(std::vector<T> items, const client::InboxQuery& query) {
        std::stable_sort(items.begin(), items.end(),
                         [](const T& a, const T& b) { return a.publishedAt > b.publishedAt; });
        model::InboxPage<T> page;
        page.unread = static_cast<int>(
            std::count_if(items.begin(), items.end(), [](const T& i) { return !i.acknowledged; }));
        const std::size_t start = query.cursor ? std::stoul(*query.cursor) : 0;
        const std::size_t limit = static_cast<std::size_t>(std::min(query.limit, pageSize));
        for (std::size_t i = start; i < items.size() && page.items.size() < limit; ++i) {
            page.items.push_back(items[i]);
        }
        if (start + page.items.size() < items.size()) {
            page.nextCursor = std::to_string(start + page.items.size());
        }
        return page;
    }

    std::mutex m_mutex;
};

/// An incident published `hoursAgo` before `now`, detected an hour before that.
inline model::Incident SampleIncident(const std::string& id, model::TimePoint now, int hoursAgo) {
    model::Incident incident;
    incident.id = id;
    incident.title = "API responses delayed";
    incident.severity = model::IncidentSeverity::Major;
    incident.status = model::IncidentStatus::Identified;
    incident.tenants = {false, {"demo"}};
    incident.components = {"api", "database"};
    incident.publishedAt = now - std::chrono::hours(hoursAgo);
    incident.updatedAt = incident.publishedAt;
    incident.detectedAt = incident.publishedAt - std::chrono::hours(1);
    incident.notifyBy = incident.detectedAt + model::kIncidentNotifyWithin;
    incident.notifiedAt = incident.publishedAt + std::chrono::minutes(2);
    incident.updates = {{incident.publishedAt, model::IncidentStatus::Investigating,
                         "We are investigating.", "Suzuki"},
                        {incident.publishedAt + std::chrono::minutes(30),
                         model::IncidentStatus::Identified, "The database was overloaded.",
                         "Suzuki"}};
    return incident;
}

inline model::Notice SampleNotice(const std::string& id, model::TimePoint now, int hoursAgo,
                                  model::NoticeKind kind = model::NoticeKind::Maintenance) {
    model::Notice notice;
    notice.id = id;
    notice.kind = kind;
    notice.title = "Scheduled maintenance";
    notice.body = "The service stops for 30 minutes.";
    notice.tenants = {true, {}};
    notice.publishedAt = now - std::chrono::hours(hoursAgo);
    notice.updatedAt = notice.publishedAt;
    notice.effectiveAt = notice.publishedAt + std::chrono::days(8);
    return notice;
}

} // namespace resv::views::test
