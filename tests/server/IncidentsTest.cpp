// Incidents (A.16.1.1): notify_by = detected + 72 h in every answer, overdue when no mail went
// out by then, mail per tenant to its contacts (or its managers), a timeline that mails again,
// who may publish and read, and what another tenant sees.

#include "NoticeTestSupport.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;
using namespace std::chrono_literals;

TEST_CASE("An incident carries notify_by = detected_at + 72 h and is overdue only when no mail "
          "reached the mail server by then") {
    TestServer server;
    auto publisher = PublisherClient(server);
    auto other = LoggedIn(server, kOtherManager);
    const model::TimePoint detected = TestEpoch() - 1h;
    auto input = IncidentFor({"other"});
    input.detectedAt = detected;

    const model::Incident created = publisher->CreateIncident(input);
    CHECK(created.detectedAt == detected);
    CHECK(created.notifyBy == detected + 72h);
    CHECK(created.publishedAt == TestEpoch());
    CHECK_FALSE(created.notifiedAt);
    CHECK_FALSE(created.overdue);
    REQUIRE(created.updates.size() == 1);
    CHECK(created.updates[0].author == "保守デスク");

    // Just at notify_by nothing is overdue yet; a millisecond later, with no mail sent, it is.
    // (Sessions expire as the clock moves: each step logs in again.)
    server.Clock().Set(detected + 72h);
    other = LoggedIn(server, kOtherManager);
    CHECK(other->GetIncident(created.id).notifyBy == detected + 72h);
    CHECK_FALSE(other->GetIncident(created.id).overdue);
    server.Clock().Advance(1ms);
    other = LoggedIn(server, kOtherManager);
    const model::Incident late = other->GetIncident(created.id);
    CHECK(late.overdue);
    CHECK_FALSE(late.notifiedAt);
    const auto listed = other->ListIncidents({});
    REQUIRE_FALSE(listed.items.empty());
    CHECK(listed.items.front().id == created.id);
    CHECK(listed.items.front().notifyBy == detected + 72h);
    CHECK(listed.items.front().overdue);

    // Delivered two hours after detection: notified in time.
    MarkSent(server, created.id, "other", detected + 2h);
    const model::Incident delivered = other->GetIncident(created.id);
    CHECK(delivered.notifiedAt == detected + 2h);
    CHECK_FALSE(delivered.overdue);
    CHECK(PublisherClient(server)->GetIncident(created.id).notifiedAt == detected + 2h);

    // Delivered only after notify_by: notified, and overdue all the same.
    server.Clock().Set(TestEpoch());
    const model::Incident second = PublisherClient(server)->CreateIncident(input);
    MarkSent(server, second.id, "other", detected + 73h);
    server.Clock().Set(detected + 80h);
    other = LoggedIn(server, kOtherManager);
    const model::Incident sentLate = other->GetIncident(second.id);
    CHECK(sentLate.notifiedAt == detected + 73h);
    CHECK(sentLate.overdue);
}

TEST_CASE("For the operator an incident is notified when every tenant concerned was, and overdue "
          "when any was not in time") {
    TestServer server;
    auto publisher = PublisherClient(server);
    const model::Incident created = publisher->CreateIncident(IncidentFor({"demo", "other"}));
    CHECK(created.tenants.codes == std::vector<std::string>{"demo", "other"});

    MarkSent(server, created.id, "demo", TestEpoch() + 1min);
    CHECK_FALSE(publisher->GetIncident(created.id).notifiedAt);
    CHECK(LoggedIn(server, kManager)->GetIncident(created.id).notifiedAt == TestEpoch() + 1min);
    server.Clock().Set(TestEpoch() + 73h);
    publisher = PublisherClient(server);
    CHECK(publisher->GetIncident(created.id).overdue); // "other" was never notified
    CHECK_FALSE(LoggedIn(server, kManager)->GetIncident(created.id).overdue);

    MarkSent(server, created.id, "other", TestEpoch() + 5min);
    const model::Incident both = publisher->GetIncident(created.id);
    CHECK(both.notifiedAt == TestEpoch() + 5min);
    CHECK_FALSE(both.overdue);
}

TEST_CASE("Publishing mails each tenant concerned once, to its designated contacts or else its "
          "active customer managers; a tenant with neither gets no mail and shows overdue") {
    TestServer server;
    Execute(DatabaseOf(server),
            "INSERT INTO tenants(id, code, name, created_at) VALUES ('ten_quiet', 'quiet', "
            "'Quiet Hotels', 0)");
    auto publisher = PublisherClient(server);
    const model::Incident created =
        publisher->CreateIncident(IncidentFor({"demo", "other", "quiet"}, "決済連携の停止"));

    const auto mails = MailAbout(server, created.id);
    REQUIRE(mails.size() == 2);
    CHECK(mails[0].at("tenant") == "demo");
    CHECK(RecipientsOf(mails[0]) == std::vector<std::string>{"security@demo-hotel.example"});
    CHECK(mails[1].at("tenant") == "other");
    CHECK(RecipientsOf(mails[1]) == std::vector<std::string>{"takahashi@example.com"});
    CHECK(mails[0].at("subject") == "[RESV] 【障害】決済連携の停止");
    const std::string body = mails[0].at("body");
    CHECK(body.find("検知日時: 2026-11-25 17:00 JST") != std::string::npos);
    CHECK(body.find("2026-11-28 17:00 JST") != std::string::npos); // the 72-hour target
    CHECK(body.find("重大度: 重大") != std::string::npos);
    CHECK(body.find("状況: 調査中") != std::string::npos);
    CHECK(body.find("(English)") != std::string::npos);
    CHECK(body.find("Notification target (72 hours after detection)") != std::string::npos);
    CHECK(body.find("調査中です。 We are investigating.") != std::string::npos);

    // "all": every customer tenant whose contract is active, and never the provider's own.
    const model::Incident everyone = publisher->CreateIncident([] {
        auto input = IncidentFor({});
        input.tenants = model::TenantSelection{true, {}};
        return input;
    }());
    CHECK(everyone.tenants.all);
    CHECK(MailAbout(server, everyone.id).size() == 2); // demo and other; quiet has nobody

    server.Clock().Set(TestEpoch() + 72h + 1s);
    auto quietManager =
        LoggedIn(server, StoreAccount(server, "quiet.boss", {"customermanager"}, {}, "quiet"));
    const model::Incident unseen = quietManager->GetIncident(created.id);
    CHECK_FALSE(unseen.notifiedAt);
    CHECK(unseen.overdue);
    CHECK(unseen.tenants.codes == std::vector<std::string>{"quiet"});
}

TEST_CASE("An update adds a timeline entry and mails again; resolving sets resolved_at and "
          "reopening clears it") {
    TestServer server;
    auto publisher = PublisherClient(server);
    const model::Incident created = publisher->CreateIncident(IncidentFor({"other"}, "遅延"));

    server.Clock().Advance(20min);
    model::IncidentPatch patch;
    patch.message = "原因を特定しました。";
    patch.status = model::IncidentStatus::Identified;
    patch.severity = model::IncidentSeverity::Critical;
    const model::Incident identified = publisher->UpdateIncident(created.id, patch);
    CHECK(identified.status == model::IncidentStatus::Identified);
    CHECK(identified.severity == model::IncidentSeverity::Critical);
    REQUIRE(identified.updates.size() == 2);
    CHECK(identified.updates[1].message == "原因を特定しました。");
    CHECK(identified.updates[1].at == TestEpoch() + 20min);
    CHECK(identified.updatedAt == TestEpoch() + 20min);
    CHECK_FALSE(identified.resolvedAt);

    server.Clock().Advance(1h);
    publisher = PublisherClient(server);
    patch = {};
    patch.message = "復旧しました。";
    patch.status = model::IncidentStatus::Resolved;
    const model::Incident resolved = publisher->UpdateIncident(created.id, patch);
    CHECK(resolved.resolvedAt == TestEpoch() + 80min);

    server.Clock().Advance(1h);
    publisher = PublisherClient(server);
    patch = {};
    patch.message = "再発しました。";
    patch.status = model::IncidentStatus::Investigating;
    patch.title = "遅延 (再発)";
    const model::Incident reopened = publisher->UpdateIncident(created.id, patch);
    CHECK_FALSE(reopened.resolvedAt);
    CHECK(reopened.title == "遅延 (再発)");
    CHECK(reopened.updates.size() == 4);

    const auto mails = MailAbout(server, created.id);
    REQUIRE(mails.size() == 4);
    CHECK(mails[1].at("subject") == "[RESV] 【続報】【障害】遅延");
    CHECK(mails[3].at("subject") == "[RESV] 【続報】【障害】遅延 (再発)");
    CHECK(mails[2].at("body").get<std::string>().find("状況: 解決済み") != std::string::npos);
    CHECK(AuditEvents(server, "incident.update", created.id).size() == 3);
    const auto published = AuditEvents(server, "incident.publish", created.id);
    REQUIRE(published.size() == 1);
    CHECK(
        published[0].at("details_json").get<std::string>().find("\"mailed_tenants\":[\"other\"]") !=
        std::string::npos);
}

TEST_CASE("Bad incident input is 400 with the field, and nothing is written") {
    TestServer server;
    auto publisher = PublisherClient(server);
    const auto incidents = CountRows(server, "incidents");
    const auto mails = CountRows(server, "mail_outbox");
    const auto incidentTenants = CountRows(server, "incident_tenants");

    auto unknown = IncidentFor({"demo", "nope"});
    auto error = ApiErrorOf([&] { publisher->CreateIncident(unknown); });
    CHECK(error.Status() == 400);
    CHECK(error.Code() == "invalid_field");
    CHECK(FirstField(error) == "tenants[1]");
    CHECK(FirstFieldCode(error) == "unknown_tenant");

    auto provider = IncidentFor({"provider"});
    CHECK(FirstFieldCode(ApiErrorOf([&] { publisher->CreateIncident(provider); })) ==
          "unknown_tenant");

    auto future = IncidentFor({"demo"});
    future.detectedAt = TestEpoch() + 1s;
    error = ApiErrorOf([&] { publisher->CreateIncident(future); });
    CHECK(FirstField(error) == "detected_at");
    CHECK(FirstFieldCode(error) == "in_future");

    const auto badSeverity =
        Send(*publisher, "POST", "/api/v1/incidents",
             {{"title", "x"}, {"severity", "apocalyptic"}, {"tenants", "all"}, {"message", "m"}});
    CHECK(badSeverity.status == 400);
    CHECK(badSeverity.body.find("severity") != std::string::npos);
    const auto noMessage = Send(*publisher, "POST", "/api/v1/incidents",
                                {{"title", "x"}, {"severity", "minor"}, {"tenants", "all"}});
    CHECK(noMessage.status == 400);
    const auto badPatch =
        Send(*publisher, "PATCH", "/api/v1/incidents/inc_nothing", {{"message", "m"}});
    CHECK(badPatch.status == 404);
    const auto badCursor = Send(*publisher, "GET", "/api/v1/incidents?cursor=inc_nothing");
    CHECK(badCursor.status == 400);

    CHECK(CountRows(server, "incidents") == incidents);
    CHECK(CountRows(server, "incident_tenants") == incidentTenants);
    CHECK(CountRows(server, "incident_updates") == 4); // the demo's timelines
    CHECK(CountRows(server, "mail_outbox") == mails);
    CHECK(QueryRows(DatabaseOf(server),
                    "SELECT COUNT(*) AS n FROM audit_events WHERE action LIKE 'incident.%'")
              .front()
              .at("n") == 0);
}

TEST_CASE("Only the provider's operator outside tenants publishes; employees cannot read "
          "incidents; the operator acting in a tenant reads what concerns it") {
    TestServer server;
    const auto input = IncidentFor({"demo"});
    const auto forbidden = [&](client::ApiClient& client) {
        return ApiErrorOf([&] { client.CreateIncident(input); }).Status();
    };
    CHECK(forbidden(*LoggedIn(server, kManager)) == 403);
    CHECK(forbidden(*ActingOperatorClient(server)) == 403);
    CHECK(CountRows(server, "incidents") == 2); // the demo's

    const model::Incident created = PublisherClient(server)->CreateIncident(input);
    auto staff = LoggedIn(server, kStaff);
    CHECK(ApiErrorOf([&] { staff->ListIncidents({}); }).Status() == 403);
    CHECK(ApiErrorOf([&] { staff->GetIncident(created.id); }).Status() == 403);
    CHECK(ApiErrorOf([&] { staff->AcknowledgeIncident(created.id); }).Status() == 403);

    auto acting = ActingOperatorClient(server);
    CHECK(acting->GetIncident(created.id).tenants.codes == std::vector<std::string>{"demo"});
    CHECK(acting->ListIncidents({}).unread == 0);
    CHECK(ApiErrorOf([&] { acting->AcknowledgeIncident(created.id); }).Status() == 403);
    model::IncidentPatch patch;
    patch.message = "m";
    CHECK(ApiErrorOf([&] { acting->UpdateIncident(created.id, patch); }).Status() == 403);
}

TEST_CASE("Another tenant sees only the incidents that concern it") {
    TestServer server;
    auto publisher = PublisherClient(server);
    const model::Incident otherOnly = publisher->CreateIncident(IncidentFor({"other"}));
    const model::Incident both = publisher->CreateIncident(IncidentFor({"demo", "other"}));

    auto demo = LoggedIn(server, kManager);
    const auto error = ApiErrorOf([&] { demo->GetIncident(otherOnly.id); });
    CHECK(error.Status() == 404);
    CHECK(error.Code() == "not_found");
    CHECK(ApiErrorOf([&] { demo->AcknowledgeIncident(otherOnly.id); }).Status() == 404);
    const auto list = demo->ListIncidents({});
    for (const auto& item : list.items) {
        CHECK(item.id != otherOnly.id);
        CHECK(item.tenants.codes == std::vector<std::string>{"demo"});
    }
    CHECK(demo->GetIncident(both.id).tenants.codes == std::vector<std::string>{"demo"});
    CHECK(LoggedIn(server, kOtherManager)->GetIncident(both.id).tenants.codes ==
          std::vector<std::string>{"other"});
    CHECK(publisher->GetIncident(both.id).tenants.codes ==
          std::vector<std::string>{"demo", "other"});
}

TEST_CASE("The incident list is newest first, in keyset pages") {
    TestServer server;
    auto publisher = PublisherClient(server);
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        server.Clock().Advance(1min);
        ids.push_back(publisher->CreateIncident(IncidentFor({"other"})).id);
    }
    auto other = LoggedIn(server, kOtherManager);
    const auto first = other->ListIncidents({std::nullopt, 2});
    REQUIRE(first.items.size() == 2);
    CHECK(first.items[0].id == ids[2]);
    CHECK(first.items[1].id == ids[1]);
    REQUIRE(first.nextCursor);
    const auto second = other->ListIncidents({first.nextCursor, 2});
    REQUIRE(second.items.size() == 1);
    CHECK(second.items[0].id == ids[0]);
    CHECK_FALSE(second.nextCursor);
    CHECK(Send(*other, "GET", "/api/v1/incidents?limit=0").status == 400);
    CHECK(Send(*other, "GET", "/api/v1/incidents?limit=501").status == 400);
}

TEST_CASE("Acknowledgement is per account: one manager's leaves another's unread, a second "
          "acknowledgement keeps the first time, and a viewer may not acknowledge") {
    TestServer server;
    const model::Incident created = PublisherClient(server)->CreateIncident(IncidentFor({"demo"}));
    auto managerA = LoggedIn(server, kManager);
    auto managerB = LoggedIn(server, StoreAccount(server, "second.manager", {"customermanager"}));
    const int unreadA = managerA->ListIncidents({}).unread;
    const int unreadB = managerB->ListIncidents({}).unread;
    CHECK(unreadA == 3); // the demo's two and this one
    CHECK(unreadB == 3);

    server.Clock().Advance(5min);
    const model::Incident acked = managerA->AcknowledgeIncident(created.id);
    CHECK(acked.acknowledged);
    REQUIRE(acked.acknowledgements.size() == 1);
    CHECK(acked.acknowledgements[0].loginId == "manager");
    CHECK(acked.acknowledgements[0].displayName == "山田 花子");
    CHECK(acked.acknowledgements[0].at == TestEpoch() + 5min);
    CHECK(managerA->ListIncidents({}).unread == unreadA - 1);

    const model::Incident seenByB = managerB->GetIncident(created.id);
    CHECK_FALSE(seenByB.acknowledged);
    REQUIRE(seenByB.acknowledgements.size() == 1);
    CHECK(seenByB.acknowledgements[0].loginId == "manager");
    CHECK(managerB->ListIncidents({}).unread == unreadB);

    server.Clock().Advance(1h);
    managerA = LoggedIn(server, kManager);
    const model::Incident again = managerA->AcknowledgeIncident(created.id);
    REQUIRE(again.acknowledgements.size() == 1);
    CHECK(again.acknowledgements[0].at == TestEpoch() + 5min);
    CHECK(AuditEvents(server, "incident.ack", created.id).size() == 1);
    CHECK(QueryRows(DatabaseOf(server),
                    "SELECT t.code FROM audit_events e JOIN tenants t ON t.id = e.tenant_id "
                    "WHERE e.action = 'incident.ack' AND e.target_id = ?1",
                    {created.id})
              .front()
              .at("code") == "demo");

    auto viewer = LoggedIn(server, kViewer);
    CHECK(ApiErrorOf([&] { viewer->AcknowledgeIncident(created.id); }).Status() == 403);
    CHECK(viewer->ListIncidents({}).unread == 0);
    CHECK(viewer->GetIncident(created.id).acknowledgements.size() == 1);

    // The other tenant's manager sees none of the demo tenant's acknowledgements; the operator
    // outside tenants sees them all.
    const model::Incident shared =
        PublisherClient(server)->CreateIncident(IncidentFor({"demo", "other"}));
    managerA->AcknowledgeIncident(shared.id);
    CHECK(LoggedIn(server, kOtherManager)->GetIncident(shared.id).acknowledgements.empty());
    CHECK(PublisherClient(server)->GetIncident(shared.id).acknowledgements.size() == 1);
    CHECK(AuditEvents(server, "incident.publish", shared.id).size() == 1);
}
