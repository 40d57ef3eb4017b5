// The designated contacts (A.12.1.2, A.12.6.1: "ご指定いただいた連絡先"): each address validated,
// the list replaced as a whole and audited with before and after, read by the manager tier, and
// where incident and notice mail goes.

#include "NoticeTestSupport.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;

TEST_CASE("A manager replaces the designated contacts; the change is audited with before and "
          "after, and mail goes to the new list") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    CHECK(manager->GetContacts().emails == std::vector<std::string>{"security@demo-hotel.example"});

    const model::TenantContacts saved =
        manager->PutContacts({{" ops@demo-hotel.example ", "Night.Desk@demo-hotel.example"}});
    CHECK(saved.emails ==
          std::vector<std::string>{"ops@demo-hotel.example", "Night.Desk@demo-hotel.example"});
    CHECK(manager->GetContacts() == saved);
    CHECK(LoggedIn(server, kViewer)->GetContacts() == saved);

    const auto events = QueryRows(DatabaseOf(server),
                                  "SELECT e.details_json, t.code FROM audit_events e JOIN tenants "
                                  "t ON t.id = e.tenant_id WHERE e.action = "
                                  "'tenant.contacts_update'");
    REQUIRE(events.size() == 1);
    CHECK(events[0].at("code") == "demo");
    const auto details = nlohmann::json::parse(events[0].at("details_json").get<std::string>());
    CHECK(details.at("before").at("emails") ==
          nlohmann::json::array({"security@demo-hotel.example"}));
    CHECK(details.at("after").at("emails") ==
          nlohmann::json::array({"ops@demo-hotel.example", "Night.Desk@demo-hotel.example"}));

    const model::Incident incident = PublisherClient(server)->CreateIncident(IncidentFor({"demo"}));
    const auto mails = MailAbout(server, incident.id);
    REQUIRE(mails.size() == 1);
    CHECK(RecipientsOf(mails[0]) == saved.emails);

    // An empty list falls back to the tenant's active customer managers.
    CHECK(manager->PutContacts({}).emails.empty());
    const model::Incident fallback = PublisherClient(server)->CreateIncident(IncidentFor({"demo"}));
    CHECK(RecipientsOf(MailAbout(server, fallback.id).at(0)) ==
          std::vector<std::string>{"yamada@example.jp"});
}

TEST_CASE("Contacts are validated address by address, and a refused list changes nothing") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto before = CountRows(server, "audit_events");
    const auto put = [&](const nlohmann::json& body) {
        return Send(*manager, "PUT", "/api/v1/tenant/contacts", body);
    };
    const auto fieldOf = [](const client::HttpResult& result) {
        const auto problem = nlohmann::json::parse(result.body);
        return problem.at("errors").at(0).at("field").get<std::string>() + " " +
               problem.at("errors").at(0).at("code").get<std::string>();
    };

    auto result = put({{"emails", {"ok@demo-hotel.example", "not-an-address"}}});
    CHECK(result.status == 400);
    CHECK(fieldOf(result) == "emails[1] invalid_email");
    result = put({{"emails", {"a@demo-hotel.example", "x\r\nBcc: evil@example.com"}}});
    CHECK(fieldOf(result) == "emails[1] invalid_email");
    result = put({{"emails", {"A@demo-hotel.example", "a@DEMO-hotel.example"}}});
    CHECK(fieldOf(result) == "emails[1] duplicate");
    nlohmann::json many = nlohmann::json::array();
    for (int i = 0; i < 21; ++i) {
        many.push_back("c" + std::to_string(i) + "@demo-hotel.example");
    }
    result = put({{"emails", many}});
    CHECK(fieldOf(result) == "emails too_many");
    CHECK(put({{"addresses", nlohmann::json::array()}}).status == 400);

    CHECK(manager->GetContacts().emails == std::vector<std::string>{"security@demo-hotel.example"});
    CHECK(QueryRows(DatabaseOf(server), "SELECT COUNT(*) AS n FROM audit_events WHERE action = "
                                        "'tenant.contacts_update'")
              .front()
              .at("n") == 0);
    CHECK(CountRows(server, "audit_events") == before);
}

TEST_CASE("Contacts: the manager tier reads them, only tenant.contacts.write changes them") {
    TestServer server;
    const model::TenantContacts next{{"ops@demo-hotel.example"}};
    auto viewer = LoggedIn(server, kViewer);
    CHECK(viewer->GetContacts().emails.size() == 1);
    CHECK(ApiErrorOf([&] { viewer->PutContacts(next); }).Status() == 403);

    auto staff = LoggedIn(server, kStaff);
    CHECK(ApiErrorOf([&] { staff->GetContacts(); }).Status() == 403);
    CHECK(ApiErrorOf([&] { staff->PutContacts(next); }).Status() == 403);

    auto acting = ActingOperatorClient(server);
    CHECK(acting->GetContacts().emails.size() == 1);
    CHECK(ApiErrorOf([&] { acting->PutContacts(next); }).Status() == 403);

    auto publisher = PublisherClient(server);
    CHECK(ApiErrorOf([&] { publisher->GetContacts(); }).Status() == 403);
    CHECK(ApiErrorOf([&] { publisher->PutContacts(next); }).Status() == 403);

    // Each tenant has its own list.
    auto other = LoggedIn(server, kOtherManager);
    CHECK(other->GetContacts().emails.empty());
    other->PutContacts({{"it@other.example"}});
    CHECK(LoggedIn(server, kManager)->GetContacts().emails ==
          std::vector<std::string>{"security@demo-hotel.example"});
}
