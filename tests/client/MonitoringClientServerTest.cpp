// IMonitoringApi and INoticesApi against the real server in-process: the Monitoring and Notices
// screens work through exactly these calls, so a change on either side of the contract (paths,
// 200 against 201, field names) fails here where the screens' fakes could not tell.

#include "NoticeTestSupport.h"

#include "resv/client/MonitoringApi.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace resv;
using namespace resv::test;
using client::ApiError;

TEST_CASE("The Monitoring screen's calls read the status and the terminals, and an operator "
          "sets and clears a component's status") {
    TestServer server;
    auto manager = ManagerClient(server);
    client::IMonitoringApi& api = *manager;

    const model::ServiceStatus status = api.GetServiceStatus();
    REQUIRE(status.components.size() == 4);
    CHECK(status.components[0].id == "api");
    CHECK(status.components[3].id == "notifications");
    for (const auto& component : status.components) {
        CHECK(component.uptime.size() == 90);
    }
    const model::TerminalPresence presence = api.GetTerminalPresence();
    CHECK_FALSE(presence.items.empty());
    int online = 0;
    int offline = 0;
    for (const auto& facility : presence.items) {
        online += facility.online;
        offline += facility.offline;
    }
    CHECK(online == presence.online);
    CHECK(offline == presence.offline);

    auto publisher = PublisherClient(server);
    client::IMonitoringApi& operatorApi = *publisher;
    const auto set = operatorApi.SetComponentStatus(
        "database", {model::ComponentState::Maintenance, "定期メンテナンス"});
    CHECK(set.status == model::ComponentState::Maintenance);
    CHECK(set.setByOperator);
    CHECK(api.GetServiceStatus().components[1].status == model::ComponentState::Maintenance);
    const auto cleared = operatorApi.ClearComponentStatus("database");
    CHECK_FALSE(cleared.setByOperator);
    CHECK_THROWS_AS(api.SetComponentStatus("database", {model::ComponentState::Degraded, "x"}),
                    ApiError);
}

TEST_CASE("The Notices screen's calls publish, list, read and acknowledge an incident and a "
          "notice, and keep the designated contacts") {
    TestServer server;
    auto publisher = PublisherClient(server);
    auto manager = ManagerClient(server);
    client::INoticesApi& operatorApi = *publisher;
    client::INoticesApi& api = *manager;

    const auto tenants = operatorApi.ListTenants();
    CHECK(std::any_of(tenants.begin(), tenants.end(),
                      [](const client::TenantSummary& t) { return t.code == "demo"; }));

    const int unreadBefore = api.ListIncidents({}).unread;
    const model::Incident created = operatorApi.CreateIncident(IncidentFor({"demo"}));
    CHECK(created.notifyBy == created.detectedAt + model::kIncidentNotifyWithin);
    const auto page = api.ListIncidents({});
    CHECK(page.unread == unreadBefore + 1);
    CHECK(page.items.front().id == created.id);

    model::IncidentPatch patch;
    patch.message = "原因を特定しました。";
    patch.status = model::IncidentStatus::Identified;
    CHECK(operatorApi.UpdateIncident(created.id, patch).updates.size() == 2);

    const model::Incident acknowledged = api.AcknowledgeIncident(created.id);
    CHECK(acknowledged.acknowledged);
    REQUIRE(acknowledged.acknowledgements.size() == 1);
    CHECK(acknowledged.acknowledgements[0].loginId == "manager");
    CHECK(api.GetIncident(created.id).status == model::IncidentStatus::Identified);
    CHECK(api.ListIncidents({}).unread == unreadBefore);

    model::NoticeInput notice;
    notice.kind = model::NoticeKind::Maintenance;
    notice.title = "定期メンテナンス";
    notice.body = "12 月 10 日 02:00–04:00 JST に実施します。";
    notice.tenants.all = true;
    notice.effectiveAt = server.Clock().Now() + std::chrono::days(8);
    const model::Notice published = operatorApi.CreateNotice(notice);
    CHECK(api.GetNotice(published.id).title == notice.title);
    CHECK(api.AcknowledgeNotice(published.id).acknowledged);
    model::NoticePatch followUp;
    followUp.body = "予定どおり完了しました。";
    CHECK(operatorApi.UpdateNotice(published.id, followUp).updates.size() == 1);
    const auto notices = api.ListNotices({});
    CHECK(std::any_of(notices.items.begin(), notices.items.end(),
                      [&](const model::Notice& n) { return n.id == published.id; }));

    const model::TenantContacts saved =
        api.PutContacts({{"security@demo-hotel.example", "ops@demo-hotel.example"}});
    CHECK(saved.emails.size() == 2);
    CHECK(api.GetContacts() == saved);
    try {
        api.PutContacts({{"ok@demo-hotel.example", "not an address"}});
        FAIL("an invalid address was accepted");
    } catch (const ApiError& error) {
        CHECK(FirstField(error) == "emails[1]");
        CHECK(FirstFieldCode(error) == "invalid_email");
    }
    CHECK(api.GetContacts() == saved);
}
