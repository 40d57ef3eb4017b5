#pragma once
// 監視 and お知らせ: what the Monitoring and Notices screens need of the API. ApiClient implements
// both interfaces; presenters' tests fake them.

#include "resv/model/Monitoring.h"
#include "resv/model/Notices.h"

#include <optional>
#include <string>
#include <vector>

namespace resv::client {

/// GET /api/v1/status and /status/terminals (monitoring.read), and an operator's hand-set
/// component status (incidents.publish, from a provider session outside customer tenants).
class IMonitoringApi {
public:
    virtual ~IMonitoringApi() = default;

    virtual model::ServiceStatus GetServiceStatus() = 0;
    virtual model::TerminalPresence GetTerminalPresence() = 0;
    /// PUT /api/v1/status/components/{id}.
    virtual model::ComponentStatus SetComponentStatus(const std::string& componentId,
                                                      const model::ComponentOverride& input) = 0;
    /// DELETE /api/v1/status/components/{id}: the probes decide again.
    virtual model::ComponentStatus ClearComponentStatus(const std::string& componentId) = 0;
};

/// Paging of /incidents and /notices: newest first.
struct InboxQuery {
    std::optional<std::string> cursor;
    int limit = 100; ///< 1–500

    bool operator==(const InboxQuery&) const = default;
};

/// A customer tenant as an operator picks it for an incident or notice (GET /api/v1/tenants).
struct TenantSummary {
    std::string code;
    std::string name;

    bool operator==(const TenantSummary&) const = default;
};

/// Incidents, notices, acknowledgements and the designated contacts; the operator's publishing.
class INoticesApi {
public:
    virtual ~INoticesApi() = default;

    virtual model::InboxPage<model::Incident> ListIncidents(const InboxQuery& query) = 0;
    virtual model::Incident GetIncident(const std::string& id) = 0;
    /// POST /api/v1/incidents/{id}/ack (notices.ack); acknowledging twice changes nothing.
    virtual model::Incident AcknowledgeIncident(const std::string& id) = 0;
    virtual model::InboxPage<model::Notice> ListNotices(const InboxQuery& query) = 0;
    virtual model::Notice GetNotice(const std::string& id) = 0;
    /// POST /api/v1/notices/{id}/ack.
    virtual model::Notice AcknowledgeNotice(const std::string& id) = 0;

    /// GET|PUT /api/v1/tenant/contacts.
    virtual model::TenantContacts GetContacts() = 0;
    virtual model::TenantContacts PutContacts(const model::TenantContacts& contacts) = 0;

    // A provider operator outside customer tenants (incidents.publish / notices.publish).
    virtual std::vector<TenantSummary> ListTenants() = 0;
    virtual model::Incident CreateIncident(const model::IncidentInput& input) = 0;
    virtual model::Incident UpdateIncident(const std::string& id,
                                           const model::IncidentPatch& patch) = 0;
    virtual model::Notice CreateNotice(const model::NoticeInput& input) = 0;
    virtual model::Notice UpdateNotice(const std::string& id, const model::NoticePatch& patch) = 0;
};

} // namespace resv::client
