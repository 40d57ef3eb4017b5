// Issue 5: what the usage history records. Each login, failure, lockout, logout, password change,
// change of an account, role, facility, terminal or configuration, KIOSK call, denied request and
// export is exactly one event with the right action, result, actor and target; no event holds a
// password or a token. And who may read it: a scoped manager-tier role sees tenant-wide events
// but not those about a place outside its scope; another tenant's manager sees none of demo's.

#include "support/Accounts.h"
#include "support/AuditHistory.h"
#include "support/StoredAccounts.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace resv;
using namespace resv::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

/// Reads the demo tenant's history as the demo manager (a session of its own).
class History {
public:
    explicit History(const TestServer& server)
        : m_reader(LoggedIn(server, kManager)) {}

    std::int64_t Latest() {
        return m_reader->Send("GET", std::string(kAuditEvents) + "/count")
            .at("latest_sequence")
            .get<std::int64_t>();
    }

    /// The events after `sequence`, in sequence order.
    std::vector<json> Since(std::int64_t sequence) {
        std::vector<json> events;
        for (auto& event : AllEvents(*m_reader, "order=asc")) {
            if (event.at("sequence").get<std::int64_t>() > sequence) {
                events.push_back(std::move(event));
            }
        }
        std::sort(events.begin(), events.end(), [](const json& a, const json& b) {
            return a.at("sequence").get<std::int64_t>() < b.at("sequence").get<std::int64_t>();
        });
        return events;
    }

    /// The one event `action` made; fails (returning null) when it made none or more.
    json OneEvent(const std::function<void()>& action) {
        const std::int64_t before = Latest();
        action();
        const auto events = Since(before);
        std::string actions;
        for (const auto& event : events) {
            actions += " " + event.at("action").get<std::string>();
        }
        INFO("new events:" << actions);
        CHECK(events.size() == 1);
        return events.size() == 1 ? events[0] : json();
    }

    client::ApiClient& Reader() { return *m_reader; }

private:
    std::unique_ptr<client::ApiClient> m_reader;
};

json Target(const std::string& type, const std::string& id, const std::string& label) {
    return json{{"type", type}, {"id", id}, {"label", label}};
}

void CheckActor(const json& event, const std::string& loginId, const std::string& role) {
    INFO(event.dump());
    CHECK(event.at("actor").at("login_id") == loginId);
    CHECK(event.at("actor").at("role") == role);
    CHECK(event.at("actor").at("id").is_string());
    CHECK(event.at("source_ip") == "127.0.0.1");
}

void CheckEvent(const json& event, const std::string& action, const std::string& result) {
    INFO(event.dump());
    CHECK(event.value("action", "") == action);
    CHECK(event.value("result", "") == result);
}

int LoginStatus(const TestServer& server, const std::string& loginId, const std::string& password) {
    const model::LoginRequest request{"demo", loginId, password, std::nullopt};
    return server.Client()
        ->SendRaw("POST", "/api/v1/sessions", json(request).dump(), "application/json")
        .status;
}

} // namespace

TEST_CASE("Recorded: a login, a failed login, a lockout, a logout and a password change, each "
          "once, with no password in them") {
    TestServer server;
    History history(server);
    const StoredAccount user = StoreAccount(server, "rec.user", {"customeremployee"});
    const std::vector<std::string> secrets{user.password, "Wrong-Guess#123", kGoodPassword};

    std::unique_ptr<client::ApiClient> client;
    std::string token;
    const json login = history.OneEvent([&] {
        client = server.Client();
        token = client->Login({"demo", user.loginId, user.password, std::nullopt}).token;
    });
    CheckEvent(login, "session.login", "success");
    CheckActor(login, user.loginId, "customeremployee");
    CHECK(login.at("actor").at("id") == user.id);
    CHECK(login.at("target").at("type") == "session");
    CHECK(login.at("target").at("label") == user.loginId);

    const json failed =
        history.OneEvent([&] { CHECK(LoginStatus(server, user.loginId, secrets[1]) == 401); });
    CheckEvent(failed, "session.login_failed", "failed");
    CHECK(failed.at("actor").at("login_id") == user.loginId);
    CHECK(failed.at("target") == Target("account", user.id, user.loginId));

    const json logout = history.OneEvent([&] { client->Logout(); });
    CheckEvent(logout, "session.logout", "success");
    CheckActor(logout, user.loginId, "customeremployee");
    CHECK(logout.at("target") == login.at("target")); // the same session

    auto signedIn = LoggedIn(server, user);
    const json change = history.OneEvent([&] {
        signedIn->ChangeMyPassword({user.password, kGoodPassword});
    });
    CheckEvent(change, "account.password_change", "success");
    CheckActor(change, user.loginId, "customeremployee");
    CHECK(change.at("target") == Target("account", user.id, user.loginId));

    // Ten failures in a row (the login since reset the count): the tenth locks, once.
    const std::int64_t beforeLockout = history.Latest();
    for (int i = 0; i < 10; ++i) {
        CHECK(LoginStatus(server, user.loginId, secrets[1]) == 401);
    }
    const auto lockoutRun = history.Since(beforeLockout);
    const auto count = [&](const char* action) {
        return std::count_if(lockoutRun.begin(), lockoutRun.end(),
                             [action](const json& e) { return e.at("action") == action; });
    };
    CHECK(count("session.login_failed") == 10);
    CHECK(count("account.lockout") == 1);
    CHECK(lockoutRun.size() == 11);
    for (const auto& event : lockoutRun) {
        if (event.at("action") == "account.lockout") {
            CHECK(event.at("target") == Target("account", user.id, user.loginId));
            CHECK(event.at("result") == "success");
        }
    }

    for (const auto& event : AllEvents(history.Reader(), "")) {
        const std::string text = event.dump();
        for (const auto& secret : secrets) {
            CHECK(text.find(secret) == std::string::npos);
        }
        CHECK(text.find(token) == std::string::npos);
        CHECK(text.find(kManager.password) == std::string::npos);
    }
}

TEST_CASE("Recorded: account, role, facility, terminal and configuration changes, each once, "
          "updates with before and after") {
    TestServer server;
    History history(server);
    auto manager = LoggedIn(server, kManager);
    const std::string managerId = manager->GetMe().id;
    const auto byManager = [&](const json& event) {
        CheckActor(event, "manager", "customermanager");
        CHECK(event.at("actor").at("id") == managerId);
        CHECK(event.at("actor").at("display_name") == "山田 花子");
    };

    model::AccountCreated created;
    const json create =
        history.OneEvent([&] { created = manager->CreateAccount(NewAccountInput("rec.account")); });
    CheckEvent(create, "account.create", "success");
    byManager(create);
    CHECK(create.at("target") == Target("account", created.account.id, "rec.account"));

    model::AccountPatch rename;
    rename.displayName = "新しい 名前";
    const json update =
        history.OneEvent([&] { manager->UpdateAccount(created.account.id, rename); });
    CheckEvent(update, "account.update", "success");
    byManager(update);
    CHECK(update.at("target").at("id") == created.account.id);
    INFO(update.dump());
    CHECK(update.at("details").at("before").at("display_name") == "Test rec.account");
    CHECK(update.at("details").at("after").at("display_name") == "新しい 名前");

    const json remove = history.OneEvent([&] { manager->DeleteAccount(created.account.id); });
    CheckEvent(remove, "account.delete", "success");
    CHECK(remove.at("target") == Target("account", created.account.id, "rec.account"));

    model::Role role;
    const json roleCreate = history.OneEvent([&] {
        model::RoleInput input;
        input.name = "記録係";
        input.tier = model::Tier::Employee;
        input.permissions = std::vector<std::string>{"facilities.read"};
        role = manager->CreateRole(input);
    });
    CheckEvent(roleCreate, "role.create", "success");
    byManager(roleCreate);
    CHECK(roleCreate.at("target") == Target("role", role.id, "記録係"));

    const auto jurisdiction = manager->CreateJurisdiction({"記録管轄"});
    model::Facility facility;
    const json facilityCreate = history.OneEvent([&] {
        model::FacilityPatch input;
        input.name = "記録ホテル";
        input.jurisdictionId = jurisdiction.id;
        facility = manager->CreateFacility(input);
    });
    CheckEvent(facilityCreate, "facility.create", "success");
    byManager(facilityCreate);
    CHECK(facilityCreate.at("target") == Target("facility", facility.id, "記録ホテル"));

    model::TerminalWithToken terminal;
    const json terminalCreate = history.OneEvent([&] {
        terminal = manager->CreateTerminal(
            NewTerminal(facility.id, "記録 KIOSK", model::TerminalKind::Kiosk, "192.0.2.60"));
    });
    CheckEvent(terminalCreate, "terminal.create", "success");
    byManager(terminalCreate);
    CHECK(terminalCreate.at("target") == Target("terminal", terminal.terminal.id, "記録 KIOSK"));
    CHECK(terminalCreate.dump().find(terminal.deviceToken) == std::string::npos);

    const json configUpdate = history.OneEvent([&] {
        manager->PutTerminalConfig(terminal.terminal.id, {{"volume", 42}}, 1);
    });
    CheckEvent(configUpdate, "terminal.config.update", "success");
    byManager(configUpdate);
    CHECK(configUpdate.at("target").at("type") == "terminal");
    CHECK(configUpdate.at("target").at("id") == terminal.terminal.id);
    INFO(configUpdate.dump());
    CHECK(configUpdate.at("details").contains("before"));
    CHECK(configUpdate.at("details").contains("after"));
    CHECK(configUpdate.at("details").dump().find("42") != std::string::npos);
}

TEST_CASE("Recorded: a KIOSK call, a request an employee may not make, and an export") {
    TestServer server;
    History history(server);
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "rec");
    auto kiosk = Device(server, site.kiosk.deviceToken);

    const json call = history.OneEvent([&] {
        kiosk->Send("POST", "/api/v1/terminal/calls",
                    json{{"agent_terminal_id", site.agent.terminal.id},
                         {"started_at", model::FormatRfc3339Utc(TestEpoch() - 10min)},
                         {"ended_at", model::FormatRfc3339Utc(TestEpoch() - 6min)},
                         {"result", "completed"}});
    });
    CheckEvent(call, "terminal.call", "success");
    CHECK(call.at("actor").at("id") == site.kiosk.terminal.id);
    CHECK(call.at("target").at("type") == "terminal");
    CHECK(call.at("target").at("id") == site.kiosk.terminal.id);
    CHECK(call.dump().find(site.kiosk.deviceToken) == std::string::npos);

    auto staff = LoggedIn(server, kStaff);
    const json denied = history.OneEvent([&] {
        CHECK(staff->SendRaw("GET", "/api/v1/accounts?q=secret", "", "application/json").status ==
              403);
    });
    CheckEvent(denied, "request.denied", "denied");
    CheckActor(denied, "staff01", "customeremployee");
    INFO(denied.dump());
    CHECK(denied.at("target").at("type") == "route");
    CHECK(denied.at("target").at("id") == "GET /api/v1/accounts");
    CHECK(denied.dump().find("secret") == std::string::npos); // the route, never the query

    const json exported = history.OneEvent([&] {
        CHECK(
            manager
                ->SendRaw("GET", std::string(kAuditEvents) + "/export.csv?action=session.", "", "")
                .status == 200);
    });
    CheckEvent(exported, "audit.export", "success");
    CheckActor(exported, "manager", "customermanager");
    CHECK(exported.at("target").at("type") == "audit_log");

    // A refused export is a denied request, not an export.
    auto viewer = LoggedIn(server, kViewer);
    const json refused = history.OneEvent([&] {
        CHECK(viewer->SendRaw("GET", std::string(kAuditEvents) + "/export.csv", "", "").status ==
              403);
    });
    CheckEvent(refused, "request.denied", "denied");
    CHECK(refused.at("target").at("id") == "GET /api/v1/audit-events/export.csv");
}

TEST_CASE("Usage history scope: a manager-tier role with usage.read and a limited scope sees "
          "tenant-wide events and those inside its scope, in the list, count and export") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site inside = MakeSite(*manager, "内");
    const Site outside = MakeSite(*manager, "外");
    model::RoleInput role;
    role.name = "履歴担当";
    role.tier = model::Tier::Manager;
    role.permissions = std::vector<std::string>{"usage.read", "usage.export"};
    manager->CreateRole(role);
    manager->CreateAccount(NewAccountInput("tenant.wide"));
    const StoredAccount auditor = StoreAccount(server, "scoped.auditor", {"履歴担当"},
                                               LimitedScope({inside.jurisdiction.id}, {}));
    auto scoped = LoggedIn(server, auditor);

    const auto all = AllEvents(*manager, "order=asc");
    const auto seen = AllEvents(*scoped, "order=asc");
    std::set<std::string> seenTargets;
    std::set<std::string> seenActions;
    for (const auto& event : seen) {
        if (event.at("target").is_object() && event.at("target").at("id").is_string()) {
            seenTargets.insert(event.at("target").at("id").get<std::string>());
        }
        seenActions.insert(event.at("action").get<std::string>());
    }
    for (const auto& id : {outside.jurisdiction.id, outside.facility.id, outside.kiosk.terminal.id,
                           outside.agent.terminal.id}) {
        INFO("outside: " << id);
        CHECK(seenTargets.count(id) == 0);
    }
    for (const auto& id : {inside.jurisdiction.id, inside.facility.id, inside.kiosk.terminal.id,
                           inside.agent.terminal.id}) {
        INFO("inside: " << id);
        CHECK(seenTargets.count(id) == 1);
    }
    CHECK(seenActions.count("account.create") == 1); // tenant-wide
    CHECK(seenActions.count("role.create") == 1);
    CHECK(seenActions.count("session.login") == 1);
    CHECK(seen.size() < all.size());
    // Nothing it sees is hidden from the manager, and nothing is made up.
    std::set<std::string> allHashes;
    for (const auto& event : all) {
        allHashes.insert(event.at("hash").get<std::string>());
    }
    for (const auto& event : seen) {
        CHECK(allHashes.count(event.at("hash").get<std::string>()) == 1);
    }

    const auto count = scoped->Send("GET", std::string(kAuditEvents) + "/count");
    CHECK(count.at("count") == seen.size());
    const auto csv =
        scoped->SendRaw("GET", std::string(kAuditEvents) + "/export.csv?order=asc", "", "");
    REQUIRE(csv.status == 200);
    const auto records = CsvRecords(csv.body);
    CHECK(records.size() == seen.size() + 1);
    CHECK(csv.body.find(outside.facility.id) == std::string::npos);
    CHECK(csv.body.find(outside.kiosk.terminal.id) == std::string::npos);
}

TEST_CASE("Usage history: another tenant's manager sees none of demo's events through the list, "
          "count, export and verify") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    manager->CreateAccount(NewAccountInput("demo.only"));
    const auto demo = AllEvents(*manager, "");
    REQUIRE_FALSE(demo.empty());
    std::set<std::string> demoHashes;
    for (const auto& event : demo) {
        demoHashes.insert(event.at("hash").get<std::string>());
    }

    auto other = LoggedIn(server, kOtherManager);
    const auto seen = AllEvents(*other, "");
    REQUIRE_FALSE(seen.empty()); // its own login at least
    for (const auto& event : seen) {
        INFO(event.dump());
        CHECK(demoHashes.count(event.at("hash").get<std::string>()) == 0);
        CHECK(event.at("actor").at("login_id") != "demo.only");
        CHECK(event.dump().find("demo.only") == std::string::npos);
    }
    for (const char* filters : {"q=demo.only", "actor=demo.only", "action=account.create"}) {
        INFO(filters);
        for (const auto& event : AllEvents(*other, filters)) {
            CHECK(event.dump().find("demo.only") == std::string::npos);
        }
    }
    const auto count = other->Send("GET", std::string(kAuditEvents) + "/count");
    CHECK(count.at("count") == seen.size());
    const auto mine = *std::max_element(seen.begin(), seen.end(), [](const json& a, const json& b) {
        return a.at("sequence") < b.at("sequence");
    });
    CHECK(count.at("latest_sequence") == mine.at("sequence"));
    const auto csv = other->SendRaw("GET", std::string(kAuditEvents) + "/export.csv", "", "");
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find("demo.only") == std::string::npos);
    CHECK(CsvRecords(csv.body).size() == seen.size() + 1);
    const auto verification = Verify(*other);
    CHECK(verification.at("ok") == true);
    // Everything of its own, the export's audit.export event included.
    CHECK(verification.at("checked") ==
          other->Send("GET", std::string(kAuditEvents) + "/count").at("latest_sequence"));
}

//: today the server decides a terminal's or facility's place from the live tables, so
// once one is deleted its whole history (its creation and its deletion included) disappears for a
// scoped reader whose scope held it. Reported to the lead; drop the tag when the server keeps it.
TEST_CASE("Usage history scope: a deleted facility and terminal inside the scope keep their "
          "history, deletion included, for the scoped reader",
          "[usage]") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site inside = MakeSite(*manager, "内");
    model::FacilityPatch extra;
    extra.name = "消える ホテル";
    extra.jurisdictionId = inside.jurisdiction.id;
    const auto gone = manager->CreateFacility(extra);
    const auto goneKiosk = manager->CreateTerminal(
        NewTerminal(gone.id, "消える KIOSK", model::TerminalKind::Kiosk, "192.0.2.70"));
    model::RoleInput role;
    role.name = "履歴担当";
    role.tier = model::Tier::Manager;
    role.permissions = std::vector<std::string>{"usage.read"};
    manager->CreateRole(role);
    const StoredAccount auditor = StoreAccount(server, "scoped.auditor", {"履歴担当"},
                                               LimitedScope({inside.jurisdiction.id}, {}));
    auto scoped = LoggedIn(server, auditor);
    manager->DeleteTerminal(goneKiosk.terminal.id);
    manager->DeleteFacility(gone.id);

    std::multiset<std::string> seen;
    for (const auto& event : AllEvents(*scoped, "order=asc")) {
        const auto& target = event.at("target");
        if (target.is_object() &&
            (target.at("id") == gone.id || target.at("id") == goneKiosk.terminal.id)) {
            seen.insert(event.at("action").get<std::string>());
        }
    }
    CHECK(seen == std::multiset<std::string>{"facility.create", "facility.delete",
                                             "terminal.create", "terminal.delete"});
}
