// Notices (A.12.1.2 changes and maintenance at least 7 days ahead unless an emergency with a
// reason, A.12.6.1 vulnerabilities): the lead time against the server's clock, follow-ups that
// mail again, acknowledgement per account, who may read and publish, the operator's tenant list.

#include "NoticeTestSupport.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;
using namespace std::chrono_literals;

namespace {

using model::NoticeKind;

} // namespace

TEST_CASE("A change or maintenance notice is published at least 7 days ahead unless it is an "
          "emergency with a reason; a vulnerability needs no lead") {
    TestServer server;
    auto publisher = PublisherClient(server);
    const auto notices = CountRows(server, "notices");
    const auto mails = CountRows(server, "mail_outbox");

    auto early = NoticeFor({"demo"}, NoticeKind::Maintenance, TestEpoch() + 6 * 24h + 23h);
    auto error = ApiErrorOf([&] { publisher->CreateNotice(early); });
    CHECK(error.Status() == 400);
    CHECK(error.Code() == "invalid_field");
    CHECK(FirstField(error) == "effective_at");
    CHECK(FirstFieldCode(error) == "lead_time");
    // The earliest allowed time, in JST and UTC.
    CHECK(error.Problem().errors.front().message.find("2026-12-02 17:00 JST") != std::string::npos);
    CHECK(error.Problem().errors.front().message.find("2026-12-02T08:00:00.000Z") !=
          std::string::npos);
    auto change = NoticeFor({"demo"}, NoticeKind::Change, TestEpoch() + 24h);
    CHECK(FirstFieldCode(ApiErrorOf([&] { publisher->CreateNotice(change); })) == "lead_time");

    auto withoutReason = early;
    withoutReason.emergency = true;
    const auto raw = Send(*publisher, "POST", "/api/v1/notices", model::Json(withoutReason));
    CHECK(raw.status == 400);
    CHECK(raw.body.find("\"reason\"") != std::string::npos);
    CHECK(CountRows(server, "notices") == notices);
    CHECK(CountRows(server, "mail_outbox") == mails);

    auto sevenDays = NoticeFor({"demo"}, NoticeKind::Maintenance, TestEpoch() + 7 * 24h);
    const model::Notice onTime = publisher->CreateNotice(sevenDays);
    CHECK(onTime.effectiveAt == TestEpoch() + 7 * 24h);
    CHECK(onTime.publishedAt == TestEpoch());
    CHECK_FALSE(onTime.emergency);

    auto emergency = early;
    emergency.emergency = true;
    emergency.reason = "重大な脆弱性への対処のため";
    const model::Notice urgent = publisher->CreateNotice(emergency);
    CHECK(urgent.emergency);
    CHECK(urgent.reason == std::optional<std::string>("重大な脆弱性への対処のため"));

    auto vulnerability = NoticeFor({"demo"}, NoticeKind::Vulnerability, TestEpoch());
    vulnerability.title = "OpenSSL の脆弱性";
    const model::Notice vuln = publisher->CreateNotice(vulnerability);
    CHECK(vuln.kind == NoticeKind::Vulnerability);

    CHECK(CountRows(server, "notices") == notices + 3);
    const auto vulnMail = MailAbout(server, vuln.id);
    REQUIRE(vulnMail.size() == 1);
    CHECK(vulnMail[0].at("subject") == "[RESV] 【脆弱性のお知らせ】OpenSSL の脆弱性");
    CHECK(MailAbout(server, onTime.id)[0].at("subject") ==
          "[RESV] 【メンテナンスのお知らせ】メンテナンスのお知らせ");
    const std::string body = MailAbout(server, onTime.id)[0].at("body");
    CHECK(body.find("実施日時: 2026-12-02 17:00 JST") != std::string::npos);
    CHECK(body.find("30分間停止します。") != std::string::npos);
    CHECK(AuditEvents(server, "notice.publish", onTime.id).size() == 1);
}

TEST_CASE("A notice's follow-up mails again, and a new effective_at is held to the same rule") {
    TestServer server;
    auto publisher = PublisherClient(server);
    auto input = NoticeFor({"other"}, NoticeKind::Change, TestEpoch() + 10 * 24h);
    input.title = "ログイン画面の変更";
    const model::Notice created = publisher->CreateNotice(input);
    server.Clock().Advance(2 * 24h);
    publisher = PublisherClient(server); // the session expired meanwhile

    model::NoticePatch patch;
    patch.body = "実施日を前倒しします。";
    patch.effectiveAt = TestEpoch() + 8 * 24h; // 6 days after now
    const auto error = ApiErrorOf([&] { publisher->UpdateNotice(created.id, patch); });
    CHECK(FirstField(error) == "effective_at");
    CHECK(FirstFieldCode(error) == "lead_time");
    CHECK(publisher->GetNotice(created.id).updates.empty());
    CHECK(MailAbout(server, created.id).size() == 1);

    patch.effectiveAt = TestEpoch() + 9 * 24h;
    const model::Notice moved = publisher->UpdateNotice(created.id, patch);
    CHECK(moved.effectiveAt == TestEpoch() + 9 * 24h);
    REQUIRE(moved.updates.size() == 1);
    CHECK(moved.updates[0].body == "実施日を前倒しします。");
    CHECK(moved.updates[0].author == "保守デスク");
    CHECK(moved.updatedAt == TestEpoch() + 2 * 24h);
    const auto mails = MailAbout(server, created.id);
    REQUIRE(mails.size() == 2);
    CHECK(mails[1].at("subject") == "[RESV] 【続報】【変更のお知らせ】ログイン画面の変更");
    CHECK(RecipientsOf(mails[1]) == std::vector<std::string>{"takahashi@example.com"});
    CHECK(AuditEvents(server, "notice.update", created.id).size() == 1);

    // An emergency follow-up may move it closer, with its reason.
    patch.effectiveAt = TestEpoch() + 3 * 24h;
    patch.emergency = true;
    patch.reason = "障害対応のため";
    const model::Notice urgent = publisher->UpdateNotice(created.id, patch);
    CHECK(urgent.emergency);
    CHECK(urgent.effectiveAt == TestEpoch() + 3 * 24h);
}

TEST_CASE("Notices: employees read them, only managers acknowledge, per account") {
    TestServer server;
    const model::Notice created = PublisherClient(server)->CreateNotice(
        NoticeFor({"demo"}, NoticeKind::Maintenance, TestEpoch() + 8 * 24h));

    auto staff = LoggedIn(server, kStaff);
    const auto page = staff->ListNotices({});
    REQUIRE_FALSE(page.items.empty());
    CHECK(page.items.front().id == created.id); // newest published first
    CHECK(page.unread == 0);                    // an employee acknowledges nothing
    CHECK(staff->GetNotice(created.id).title == "メンテナンスのお知らせ");
    CHECK(ApiErrorOf([&] { staff->AcknowledgeNotice(created.id); }).Status() == 403);
    CHECK(ApiErrorOf([&] { LoggedIn(server, kViewer)->AcknowledgeNotice(created.id); }).Status() ==
          403);

    auto managerA = LoggedIn(server, kManager);
    auto managerB = LoggedIn(server, StoreAccount(server, "second.manager", {"customermanager"}));
    const int unread = managerA->ListNotices({}).unread;
    CHECK(unread == 3); // the demo's two and this one
    server.Clock().Advance(1min);
    const model::Notice acked = managerA->AcknowledgeNotice(created.id);
    CHECK(acked.acknowledged);
    REQUIRE(acked.acknowledgements.size() == 1);
    CHECK(acked.acknowledgements[0].displayName == "山田 花子");
    CHECK(managerA->ListNotices({}).unread == unread - 1);
    CHECK(managerB->ListNotices({}).unread == unread);
    CHECK_FALSE(managerB->GetNotice(created.id).acknowledged);
    server.Clock().Advance(1min);
    CHECK(managerA->AcknowledgeNotice(created.id).acknowledgements[0].at == TestEpoch() + 1min);
    CHECK(AuditEvents(server, "notice.ack", created.id).size() == 1);
}

TEST_CASE("Notices: another tenant sees only its own; only the operator outside tenants "
          "publishes and lists the customer tenants") {
    TestServer server;
    auto publisher = PublisherClient(server);
    const model::Notice otherOnly =
        publisher->CreateNotice(NoticeFor({"other"}, NoticeKind::Vulnerability, TestEpoch()));
    auto demo = LoggedIn(server, kManager);
    CHECK(ApiErrorOf([&] { demo->GetNotice(otherOnly.id); }).Status() == 404);
    CHECK(ApiErrorOf([&] { demo->AcknowledgeNotice(otherOnly.id); }).Status() == 404);
    for (const auto& item : demo->ListNotices({}).items) {
        CHECK(item.id != otherOnly.id);
    }
    CHECK(LoggedIn(server, kOtherManager)->GetNotice(otherOnly.id).tenants.codes ==
          std::vector<std::string>{"other"});

    const auto input = NoticeFor({"demo"}, NoticeKind::Vulnerability, TestEpoch());
    CHECK(ApiErrorOf([&] { demo->CreateNotice(input); }).Status() == 403);
    auto acting = ActingOperatorClient(server);
    CHECK(ApiErrorOf([&] { acting->CreateNotice(input); }).Status() == 403);
    CHECK(ApiErrorOf([&] { acting->ListTenants(); }).Status() == 403);
    CHECK(ApiErrorOf([&] { demo->ListTenants(); }).Status() == 403);

    const auto tenants = publisher->ListTenants();
    REQUIRE(tenants.size() == 2);
    CHECK(tenants[0].code == "demo");
    CHECK(tenants[0].name == "デモホテルグループ");
    CHECK(tenants[1].code == "other");
    const auto firstPage = Send(*publisher, "GET", "/api/v1/tenants?limit=1");
    CHECK(model::Json::parse(firstPage.body) ==
          model::Json{{"items", {{{"code", "demo"}, {"name", "デモホテルグループ"}}}},
                      {"next_cursor", "demo"}});
    const auto lastPage = Send(*publisher, "GET", "/api/v1/tenants?limit=1&cursor=demo");
    CHECK(model::Json::parse(lastPage.body).at("items").at(0).at("code") == "other");
    CHECK(model::Json::parse(lastPage.body).at("next_cursor").is_null());
    // The operator outside tenants reads every notice, with every tenant it concerns.
    CHECK(publisher->GetNotice(otherOnly.id).tenants.codes == std::vector<std::string>{"other"});
    CHECK(publisher->ListNotices({}).unread == 0);
}

TEST_CASE("The demo has incidents and notices in Japanese, mailed in time, and its contacts") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto incidents = manager->ListIncidents({});
    REQUIRE(incidents.items.size() == 2);
    const auto& open = incidents.items[0];
    CHECK(open.status == model::IncidentStatus::Investigating);
    CHECK(open.detectedAt == TestEpoch() - 2h);
    CHECK_FALSE(open.overdue);
    const auto& resolved = incidents.items[1];
    CHECK(resolved.status == model::IncidentStatus::Resolved);
    CHECK(resolved.updates.size() == 3);
    CHECK(resolved.resolvedAt);
    CHECK(resolved.notifiedAt);
    CHECK_FALSE(resolved.overdue);
    const auto notices = manager->ListNotices({});
    REQUIRE(notices.items.size() == 2);
    CHECK(notices.items[0].kind == NoticeKind::Maintenance);
    CHECK(notices.items[0].effectiveAt == TestEpoch() + 10 * 24h);
    CHECK(notices.items[1].kind == NoticeKind::Vulnerability);
    CHECK(manager->GetContacts().emails == std::vector<std::string>{"security@demo-hotel.example"});
    CHECK(
        QueryRows(DatabaseOf(server), "SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL")
            .front()
            .at("n") == 0);
    // Seeding again adds nothing.
    server.Server().SeedDemo();
    CHECK(CountRows(server, "incidents") == 2);
    CHECK(CountRows(server, "notices") == 2);
}
