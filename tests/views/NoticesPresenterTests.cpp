// The Notices screen's presenters over a fake API, with a runner and a dispatcher the test
// drives: incidents and notices merged newest first, the unread count, acknowledging, who sees
// what, the designated contacts and the operator's editor.
#include "FakeNoticesApi.h"
#include "Fakes.h"

#include "views/notices/ContactsPresenter.h"
#include "views/notices/NoticesPresenter.h"
#include "views/notices/PublishPresenter.h"

#include "resv/model/Role.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::views;
using test::FakeNoticesApi;

namespace {

struct Fixture {
    std::shared_ptr<FakeNoticesApi> api = std::make_shared<FakeNoticesApi>();
    test::ManualRunner runner;
    test::ManualDispatcher ui;
    std::vector<client::ApiError> failures;
    std::vector<int> unreadSeen;

    Fixture() {
        api->now = test::SampleTime();
        api->incidents = {test::SampleIncident("inc_1", api->now, 5),
                          test::SampleIncident("inc_2", api->now, 1)};
        api->notices = {test::SampleNotice("ntc_1", api->now, 3),
                        test::SampleNotice("ntc_2", api->now, 10)};
        api->notices[1].acknowledged = true;
    }

    void Run() {
        while (runner.Pending() > 0 || ui.Pending() > 0) {
            runner.RunAll();
            ui.RunAll();
        }
    }

    std::unique_ptr<NoticesPresenter> Presenter(NoticePermissions permissions) {
        auto p = std::make_unique<NoticesPresenter>(api, permissions, "acc_1", runner, ui);
        NoticesPresenter::Callbacks callbacks;
        callbacks.failed = [this](const client::ApiError& e) { failures.push_back(e); };
        callbacks.unreadChanged = [this](int unread) { unreadSeen.push_back(unread); };
        p->SetCallbacks(std::move(callbacks));
        p->Refresh();
        Run();
        return p;
    }
};

NoticePermissions Manager() {
    model::Me me = test::SampleMe();
    me.permissions = {"monitoring.read", "notices.ack", "notices.read", "tenant.contacts.write"};
    return NoticePermissionsFor(me);
}

std::vector<std::string> Ids(const NoticesPresenter& p) {
    std::vector<std::string> ids;
    for (const auto& item : p.Items()) {
        ids.push_back(item.Id());
    }
    return ids;
}

client::ApiError FieldProblem(std::vector<model::FieldError> errors) {
    model::Problem problem;
    problem.status = 400;
    problem.code = "invalid_field";
    problem.title = "invalid_field";
    problem.errors = std::move(errors);
    return client::ApiError(problem);
}

model::Me MeWith(std::vector<std::string> permissions) {
    model::Me me = test::SampleMe();
    me.permissions = std::move(permissions);
    return me;
}

} // namespace

TEST_CASE("incidents and notices in one list, newest published first, with the unread count",
          "[notices]") {
    Fixture f;
    f.api->pageSize = 1; // every page is followed
    auto p = f.Presenter(Manager());
    CHECK(Ids(*p) == std::vector<std::string>{"inc_2", "ntc_1", "inc_1", "ntc_2"});
    CHECK(p->Unread() == 3);
    CHECK(f.unreadSeen.back() == 3);
    CHECK(p->IsUnread(p->Items()[0]));
    CHECK_FALSE(p->IsUnread(p->Items()[3]));
    CHECK(p->Loaded());
}

TEST_CASE("who sees what: employees only notices, viewers no acknowledging, no badge",
          "[notices]") {
    namespace perm = model::permission;
    SECTION("an employee: notices only, no incidents are asked for") {
        Fixture f;
        auto p = f.Presenter(NoticePermissionsFor(MeWith({"notices.read"})));
        CHECK(Ids(*p) == std::vector<std::string>{"ntc_1", "ntc_2"});
        const auto calls = f.api->Calls();
        CHECK(std::find(calls.begin(), calls.end(), "ListIncidents") == calls.end());
        CHECK_FALSE(p->Permissions().contactsRead);
        CHECK(p->Unread() == 0);
    }
    SECTION("a viewer: incidents too, contacts read-only, nothing to acknowledge") {
        Fixture f;
        const auto permissions = NoticePermissionsFor(MeWith({"monitoring.read", "notices.read"}));
        CHECK(permissions.contactsRead);
        CHECK_FALSE(permissions.contactsWrite);
        CHECK_FALSE(permissions.Publisher());
        auto p = f.Presenter(permissions);
        CHECK(p->Items().size() == 4);
        CHECK(p->Unread() == 0);
        CHECK_FALSE(p->IsUnread(p->Items()[0]));
        p->Select("inc_2");
        f.Run();
        CHECK_FALSE(p->CanAcknowledge());
    }
    SECTION("a provider operator outside tenants: the editor, no contacts") {
        const auto permissions = NoticePermissionsFor(
            MeWith({"incidents.publish", "monitoring.read", "notices.publish", "notices.read"}));
        CHECK(permissions.publishIncidents);
        CHECK(permissions.publishNotices);
        CHECK_FALSE(permissions.contactsRead);
        CHECK_FALSE(permissions.acknowledge);
    }
    SECTION("a customer manager: everything of the tenant, no editor") {
        const auto permissions = Manager();
        CHECK(permissions.acknowledge);
        CHECK(permissions.contactsWrite);
        CHECK(permissions.contactsRead);
        CHECK_FALSE(permissions.Publisher());
    }
}

TEST_CASE("acknowledging: once, the badge goes down, the acknowledgement names the account",
          "[notices]") {
    Fixture f;
    auto p = f.Presenter(Manager());
    p->Select("inc_1");
    f.Run();
    REQUIRE(p->Selected());
    CHECK(p->CanAcknowledge());
    p->Acknowledge();
    CHECK(p->Busy());
    CHECK_FALSE(p->CanAcknowledge());
    f.Run();
    CHECK_FALSE(p->Busy());
    CHECK(p->Selected()->Acknowledged());
    REQUIRE(p->Selected()->Acknowledgements().size() == 1);
    CHECK(p->Selected()->Acknowledgements()[0].loginId == "manager");
    CHECK(p->AcknowledgedAt() == std::optional<model::TimePoint>(f.api->now));
    CHECK(p->Unread() == 2);
    CHECK(f.unreadSeen.back() == 2);
    CHECK_FALSE(p->CanAcknowledge());
    // The next reload agrees.
    p->Refresh();
    f.Run();
    CHECK(p->Unread() == 2);
    CHECK(p->Selected()->Acknowledged());
}

TEST_CASE("an acknowledgement that fails is reported and changes nothing", "[notices]") {
    Fixture f;
    auto p = f.Presenter(Manager());
    p->Select("ntc_1");
    f.Run();
    f.api->nextError = test::HttpError(403, "forbidden");
    p->Acknowledge();
    f.Run();
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].Code() == "forbidden");
    CHECK_FALSE(p->Selected()->Acknowledged());
    CHECK(p->Unread() == 3);
    CHECK(p->CanAcknowledge()); // it may be tried again
}

TEST_CASE("a result that arrives after the screen closed is dropped", "[notices]") {
    Fixture f;
    auto p = std::make_unique<NoticesPresenter>(f.api, Manager(), "acc_1", f.runner, f.ui);
    int changes = 0;
    NoticesPresenter::Callbacks callbacks;
    callbacks.rowsChanged = [&] { ++changes; };
    p->SetCallbacks(callbacks);
    p->Refresh();
    f.runner.RunAll();
    p.reset(); // closed while the answer is on its way
    f.ui.RunAll();
    CHECK(changes == 0);
}

TEST_CASE("an item published by the operator shows in the list, selected", "[notices]") {
    Fixture f;
    auto p = f.Presenter(Manager());
    InboxItem item{test::SampleIncident("inc_9", f.api->now, 0)};
    p->Published(item);
    CHECK(p->SelectedId() == std::optional<std::string>("inc_9"));
    CHECK(Ids(*p).front() == "inc_9");
}

TEST_CASE("contacts: checked per row before sending, nothing typed lost", "[notices][contacts]") {
    Fixture f;
    f.api->contacts.emails = {"ops@example.jp"};
    ContactsPresenter c(f.api, true, f.runner, f.ui);
    c.Start();
    f.Run();
    REQUIRE(c.Rows().size() == 1);
    CHECK_FALSE(c.Dirty());
    REQUIRE(c.Add());
    c.SetRow(1, "not an address");
    REQUIRE(c.Add());
    c.SetRow(2, "OPS@example.jp");
    REQUIRE(c.Add()); // an empty row is left out, never an error
    CHECK(c.Dirty());
    c.Save();
    f.Run();
    CHECK(f.api->Calls().back() == "GetContacts"); // nothing sent
    REQUIRE(c.Rows()[1].error);
    CHECK(c.Rows()[1].error->code == "invalid_email");
    REQUIRE(c.Rows()[2].error);
    CHECK(c.Rows()[2].error->code == "duplicate");
    CHECK_FALSE(c.Rows()[3].error);
    CHECK(c.Rows()[1].text == "not an address");

    c.SetRow(1, "front@example.jp");
    CHECK_FALSE(c.Rows()[1].error); // typing clears the row's error
    c.Remove(2);
    c.Save();
    f.Run();
    CHECK(f.api->contacts.emails == std::vector<std::string>{"ops@example.jp", "front@example.jp"});
    CHECK_FALSE(c.Dirty());
}

TEST_CASE("contacts: the server's errors land on the row they name", "[notices][contacts]") {
    Fixture f;
    ContactsPresenter c(f.api, true, f.runner, f.ui);
    int saved = 0;
    c.SetCallbacks({{}, [&] { ++saved; }, {}});
    c.Start();
    f.Run();
    c.Add();
    c.SetRow(0, "a@example.jp");
    c.Add(); // empty: not sent, so the server's emails[1] is the third row
    c.Add();
    c.SetRow(2, "b@example.jp");
    f.api->nextError = FieldProblem({{"emails[1]", "invalid_email", "bad"}});
    c.Save();
    f.Run();
    CHECK(saved == 0);
    CHECK_FALSE(c.Rows()[0].error);
    REQUIRE(c.Rows()[2].error);
    CHECK(c.Rows()[2].error->code == "invalid_email");
    CHECK(c.Rows()[2].text == "b@example.jp");

    f.api->nextError = FieldProblem({{"emails", "too_many", "too many"}});
    c.Save();
    f.Run();
    REQUIRE(c.ListError());
    CHECK(c.ListError()->code == "too_many");
    CHECK(c.Rows().size() == 3);
}

TEST_CASE("contacts: read-only without tenant.contacts.write", "[notices][contacts]") {
    Fixture f;
    f.api->contacts.emails = {"ops@example.jp"};
    ContactsPresenter c(f.api, false, f.runner, f.ui);
    c.Start();
    f.Run();
    CHECK_FALSE(c.Add());
    c.Remove(0);
    CHECK(c.Rows().size() == 1);
    c.Save();
    f.Run();
    const auto calls = f.api->Calls();
    CHECK(std::find(calls.begin(), calls.end(), "PutContacts") == calls.end());
}

TEST_CASE("contacts: at most 20", "[notices][contacts]") {
    Fixture f;
    ContactsPresenter c(f.api, true, f.runner, f.ui);
    c.Start();
    f.Run();
    for (int i = 0; i < 20; ++i) {
        REQUIRE(c.Add());
        c.SetRow(static_cast<std::size_t>(i), "user" + std::to_string(i) + "@example.jp");
    }
    CHECK_FALSE(c.Add());
    CHECK(EmailIndexOf("emails[12]") == std::optional<std::size_t>(12));
    CHECK_FALSE(EmailIndexOf("emails"));
    CHECK_FALSE(EmailIndexOf("emails[x]"));
}

TEST_CASE("JST dates and times typed in the editor", "[notices][publish]") {
    const auto t = ParseJstDateTime("2026-11-25", "17:10");
    REQUIRE(t);
    CHECK(model::FormatRfc3339Utc(*t) == "2026-11-25T08:10:00.000Z");
    CHECK(JstDateAndTime(*t) == std::pair<std::string, std::string>{"2026-11-25", "17:10"});
    CHECK(ParseJstDateTime(" 2026-12-01 ", "0:05"));
    CHECK_FALSE(ParseJstDateTime("2026-02-30", "10:00"));
    CHECK_FALSE(ParseJstDateTime("2026-11-25", "24:00"));
    CHECK_FALSE(ParseJstDateTime("2026/11/25", "10:00"));
    CHECK_FALSE(ParseJstDateTime("2026-11-25", ""));
    CHECK(PublishControlOf("tenants[2]") == "tenants");
    CHECK(PublishControlOf("effective_at") == "when");
    CHECK(PublishControlOf("body") == "message");
}

TEST_CASE("a new incident: checked, sent, selected", "[notices][publish]") {
    Fixture f;
    f.api->tenants = {{"demo", "Demo Hotel Group"}, {"kyoto", "Kyoto Inn"}};
    PublishPresenter p(f.api, PublishMode::NewIncident, std::nullopt, f.runner, f.ui);
    std::vector<InboxItem> published;
    p.SetCallbacks({{}, [&](const InboxItem& item) { published.push_back(item); }, {}});
    p.Start();
    f.Run();
    CHECK(p.Tenants().size() == 2);
    p.Publish();
    f.Run();
    CHECK(p.Errors().count(publish_field::kTitle) == 1);
    CHECK(p.Errors().count(publish_field::kMessage) == 1);
    CHECK(p.Errors().count(publish_field::kTenants) == 1);
    CHECK(p.Errors().count(publish_field::kWhen) == 0); // empty: detected now
    CHECK(published.empty());

    p.Form().title = "API down";
    p.Form().message = "Investigating.";
    p.Form().tenants = {"kyoto"};
    p.Form().components = {"api"};
    p.Form().severity = model::IncidentSeverity::Critical;
    p.Form().date = "2026-11-25";
    p.Form().time = "16:00";
    p.Publish();
    f.Run();
    REQUIRE(published.size() == 1);
    REQUIRE(f.api->incidentInputs.size() == 1);
    const auto& input = f.api->incidentInputs[0];
    CHECK(input.tenants == model::TenantSelection{false, {"kyoto"}});
    CHECK(input.severity == model::IncidentSeverity::Critical);
    CHECK(input.detectedAt == ParseJstDateTime("2026-11-25", "16:00"));
    CHECK(published[0].IsIncident());
}

TEST_CASE("a new notice refused for its lead time keeps every input and marks the date",
          "[notices][publish]") {
    Fixture f;
    PublishPresenter p(f.api, PublishMode::NewNotice, std::nullopt, f.runner, f.ui);
    int failures = 0;
    p.SetCallbacks({{}, {}, [&](const client::ApiError&) { ++failures; }});
    p.Form().kind = model::NoticeKind::Change;
    p.Form().title = "New login screen";
    p.Form().message = "The login screen changes.";
    p.Form().allTenants = true;
    p.Form().date = "2026-11-27";
    p.Form().time = "10:00";
    CHECK(p.LeadTimeShort(test::SampleTime()));
    f.api->nextError = FieldProblem({{"effective_at", "lead_time", "7 days"}});
    p.Publish();
    f.Run();
    CHECK(failures == 0);
    REQUIRE(p.Errors().count(publish_field::kWhen) == 1);
    CHECK(p.Errors().at(publish_field::kWhen).code == "lead_time");
    CHECK(p.Form().title == "New login screen");
    CHECK(p.Form().date == "2026-11-27");
    CHECK_FALSE(p.Busy());

    // An emergency needs a reason; with one it goes.
    p.Form().emergency = true;
    p.Changed(publish_field::kWhen);
    CHECK_FALSE(p.LeadTimeShort(test::SampleTime()));
    p.Publish();
    f.Run();
    CHECK(p.Errors().count(publish_field::kReason) == 1);
    p.Form().reason = "A vulnerability is being exploited.";
    p.Publish();
    f.Run();
    REQUIRE(f.api->noticeInputs.size() == 1);
    CHECK(f.api->noticeInputs[0].emergency);
    CHECK(f.api->noticeInputs[0].reason ==
          std::optional<std::string>("A vulnerability is being exploited."));
    CHECK(f.api->noticeInputs[0].tenants.all);
}

TEST_CASE("an incident update sends the message and only what changed", "[notices][publish]") {
    Fixture f;
    InboxItem existing{f.api->incidents[0]};
    PublishPresenter p(f.api, PublishMode::IncidentUpdate, existing, f.runner, f.ui);
    std::vector<InboxItem> published;
    p.SetCallbacks({{}, [&](const InboxItem& item) { published.push_back(item); }, {}});
    CHECK(p.Form().title == existing.Title());
    p.Form().status = model::IncidentStatus::Resolved;
    p.Form().message = "Fixed.";
    p.Publish();
    f.Run();
    REQUIRE(published.size() == 1);
    const model::Incident* incident = published[0].Incident();
    REQUIRE(incident);
    CHECK(incident->status == model::IncidentStatus::Resolved);
    CHECK(incident->updates.back().message == "Fixed.");
    CHECK(incident->severity == model::IncidentSeverity::Major);
}
