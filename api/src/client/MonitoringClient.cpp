// ApiClient's calls for monitoring (監視) and notices (お知らせ): the service's status, incidents,
// notices, acknowledgements, the designated contacts, and an operator's publishing.

#include "Parsing.h"
#include "resv/client/ApiClient.h"

#include <fmt/format.h>

namespace resv::client {
namespace {

using detail::Parse;
using detail::ParseAll;
using detail::PercentEncode;

std::string ComponentPath(const std::string& id) {
    return "/api/v1/status/components/" + PercentEncode(id);
}

std::string IncidentPath(const std::string& id) {
    return "/api/v1/incidents/" + PercentEncode(id);
}

std::string NoticePath(const std::string& id) {
    return "/api/v1/notices/" + PercentEncode(id);
}

std::string PageQuery(const InboxQuery& query) {
    std::string out = fmt::format("?limit={}", query.limit);
    if (query.cursor) {
        out += "&cursor=" + PercentEncode(*query.cursor);
    }
    return out;
}

} // namespace

model::ServiceStatus ApiClient::GetServiceStatus() {
    return Parse<model::ServiceStatus>(Send("GET", "/api/v1/status"), "status");
}

model::TerminalPresence ApiClient::GetTerminalPresence() {
    return Parse<model::TerminalPresence>(Send("GET", "/api/v1/status/terminals"),
                                          "terminal presence");
}

model::ComponentStatus ApiClient::SetComponentStatus(const std::string& componentId,
                                                     const model::ComponentOverride& input) {
    return Parse<model::ComponentStatus>(
        Send("PUT", ComponentPath(componentId), model::Json(input)), "component status");
}

model::ComponentStatus ApiClient::ClearComponentStatus(const std::string& componentId) {
    return Parse<model::ComponentStatus>(Send("DELETE", ComponentPath(componentId)),
                                         "component status");
}

model::InboxPage<model::Incident> ApiClient::ListIncidents(const InboxQuery& query) {
    return Parse<model::InboxPage<model::Incident>>(
        Send("GET", "/api/v1/incidents" + PageQuery(query)), "incidents");
}

model::Incident ApiClient::GetIncident(const std::string& id) {
    return Parse<model::Incident>(Send("GET", IncidentPath(id)), "incident");
}

model::Incident ApiClient::AcknowledgeIncident(const std::string& id) {
    return Parse<model::Incident>(Send("POST", IncidentPath(id) + "/ack", model::Json::object()),
                                  "incident");
}

model::InboxPage<model::Notice> ApiClient::ListNotices(const InboxQuery& query) {
    return Parse<model::InboxPage<model::Notice>>(Send("GET", "/api/v1/notices" + PageQuery(query)),
                                                  "notices");
}

model::Notice ApiClient::GetNotice(const std::string& id) {
    return Parse<model::Notice>(Send("GET", NoticePath(id)), "notice");
}

model::Notice ApiClient::AcknowledgeNotice(const std::string& id) {
    return Parse<model::Notice>(Send("POST", NoticePath(id) + "/ack", model::Json::object()),
                                "notice");
}

model::TenantContacts ApiClient::GetContacts() {
    return Parse<model::TenantContacts>(Send("GET", "/api/v1/tenant/contacts"), "contacts");
}

model::TenantContacts ApiClient::PutContacts(const model::TenantContacts& contacts) {
    return Parse<model::TenantContacts>(
        Send("PUT", "/api/v1/tenant/contacts", model::Json(contacts)), "contacts");
}

std::vector<TenantSummary> ApiClient::ListTenants() {
    std::vector<TenantSummary> tenants;
    for (const auto& item : ListAll("/api/v1/tenants")) {
        try {
            tenants.push_back(
                {item.at("code").get<std::string>(), item.at("name").get<std::string>()});
        } catch (const model::Json::exception& e) {
            throw ApiError(ApiError::Kind::Parse, fmt::format("tenant: {}", e.what()));
        }
    }
    return tenants;
}

model::Incident ApiClient::CreateIncident(const model::IncidentInput& input) {
    return Parse<model::Incident>(Send("POST", "/api/v1/incidents", model::Json(input)),
                                  "incident");
}

model::Incident ApiClient::UpdateIncident(const std::string& id,
                                          const model::IncidentPatch& patch) {
    return Parse<model::Incident>(Send("PATCH", IncidentPath(id), model::Json(patch)), "incident");
}

model::Notice ApiClient::CreateNotice(const model::NoticeInput& input) {
    return Parse<model::Notice>(Send("POST", "/api/v1/notices", model::Json(input)), "notice");
}

model::Notice ApiClient::UpdateNotice(const std::string& id, const model::NoticePatch& patch) {
    return Parse<model::Notice>(Send("PATCH", NoticePath(id), model::Json(patch)), "notice");
}

} // namespace resv::client
