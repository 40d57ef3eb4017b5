// Accounts over the API (issue 4): registration with a one-time password that expires and must be
// changed first, the password change, the last-manager rule, session revocation on disable,
// delete and reset, tenant isolation and the audit events of every change.

#include "support/Accounts.h"
#include "support/SqliteFile.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;
using client::ApiError;

namespace {

std::string ManagerId(const TestServer& server) {
    return ManagerClient(server)->GetMe().id;
}

} // namespace

TEST_CASE("A created account gets a one-time password that must be changed within 7 days") {
    TestServer server;
    auto manager = ManagerClient(server);
    model::AccountInput input = NewAccountInput("tanaka.k");
    input.email = "tanaka@example.jp";
    const model::AccountCreated created = manager->CreateAccount(input);

    CHECK(created.account.loginId == "tanaka.k");
    CHECK(created.account.displayName == "Test tanaka.k");
    CHECK(created.account.roles == std::vector<std::string>{"customeremployee"});
    CHECK(created.account.mustChangePassword);
    CHECK(created.account.scope.all);
    CHECK(created.oneTimePassword.size() >= 16);
    CHECK(created.oneTimePassword.find_first_of("0O1lI") == std::string::npos);
    const auto rows = QueryRows(server.DataDir() / "resv.db",
                                "SELECT otp_expires_at, password_hash FROM accounts WHERE id = ?1",
                                {created.account.id});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("otp_expires_at") ==
          (TestEpoch() + std::chrono::hours(7 * 24)).time_since_epoch().count());
    CHECK(rows[0].at("password_hash").get<std::string>().rfind("$argon2id$", 0) == 0);
    CHECK(manager->GetAccount(created.account.id) == created.account);

    const TestAccount account{created.account, input.loginId, created.oneTimePassword};
    SECTION("just before the 7 days it still logs in") {
        server.Clock().Advance(std::chrono::hours(7 * 24) - std::chrono::seconds(1));
        CHECK(SignIn(server, account)->GetMe().mustChangePassword);
    }
    SECTION("at 7 days it is refused like a wrong password") {
        server.Clock().Advance(std::chrono::hours(7 * 24));
        const ApiError error = ApiErrorOf([&] { SignIn(server, account); });
        CHECK(error.Status() == 401);
        CHECK(error.Code() == "invalid_credentials");
    }
}

TEST_CASE("A session with a one-time password may only read /me, change it and log out") {
    TestServer server;
    TestAccount account = CreateAccount(server, NewAccountInput("first.login"));
    auto client = SignIn(server, account);

    CHECK(client->GetMe().mustChangePassword);
    for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
             {"GET", "/api/v1/facilities"},
             {"GET", "/api/v1/jurisdictions"},
             {"GET", "/api/v1/accounts"},
             {"GET", "/api/v1/accounts/" + account.account.id}}) {
        INFO(method << " " << path);
        const ApiError error = ApiErrorOf([&] { client->Send(method, path); });
        CHECK(error.Status() == 403);
        CHECK(error.Code() == "password_change_required");
    }

    ChangePassword(*client, account);
    CHECK_FALSE(client->GetMe().mustChangePassword);
    CHECK(client->Send("GET", "/api/v1/facilities").contains("items"));
    // The new password works and the one-time one no longer does.
    CHECK_FALSE(SignIn(server, account)->GetMe().mustChangePassword);
    client->Logout();
}

TEST_CASE("Changing the password checks the current one and the policy, and ends other sessions") {
    TestServer server;
    TestAccount account = CreateAccount(server, NewAccountInput("change.me"));
    auto client = SignIn(server, account);
    auto other = SignIn(server, account);

    const ApiError wrongCurrent =
        ApiErrorOf([&] { client->ChangeMyPassword({"not-the-password", kGoodPassword}); });
    CHECK(wrongCurrent.Status() == 400);
    CHECK(wrongCurrent.Code() == "invalid_field");
    CHECK(FirstField(wrongCurrent) == "current_password");

    const std::vector<std::pair<std::string, std::string>> weak{
        {"short-one", "too_short"},
        {"xK9#change.meQ2", "contains_login_id"},
        {"internationally", "dictionary_word"},
        {"Password1234", "common_password"},
        {account.password, "same_as_current"},
    };
    for (const auto& [password, reason] : weak) {
        INFO(password);
        const ApiError error =
            ApiErrorOf([&] { client->ChangeMyPassword({account.password, password}); });
        CHECK(error.Status() == 400);
        CHECK(error.Code() == "weak_password");
        CHECK(FirstField(error) == "new_password");
        CHECK(FirstFieldCode(error) == reason);
    }
    CHECK(other->GetMe().mustChangePassword); // nothing changed yet

    ChangePassword(*client, account);
    CHECK(client->GetMe().id == account.account.id);
    const ApiError ended = ApiErrorOf([&] { other->GetMe(); });
    CHECK(ended.Status() == 401);
    CHECK(ended.Code() == "unauthenticated");

    const auto events = AuditEvents(server, "account.password_change", account.account.id);
    REQUIRE(events.size() == 2);
    CHECK(events[0].at("result") == "failed");
    CHECK(events[1].at("result") == "success");
    CHECK(events[1].at("details_json").get<std::string>().find(kGoodPassword) ==
          std::string::npos);
}

TEST_CASE("Bad input for a new account names the field and writes nothing") {
    TestServer server;
    auto manager = ManagerClient(server);
    const auto countAccounts = [&] {
        return QueryRows(server.DataDir() / "resv.db", "SELECT COUNT(*) AS n FROM accounts")[0]
            .at("n")
            .get<int>();
    };
    const int before = countAccounts();

    model::AccountInput unknownRole = NewAccountInput("someone", {"customeremployee", "nosuch"});
    const ApiError role = ApiErrorOf([&] { manager->CreateAccount(unknownRole); });
    CHECK(role.Status() == 400);
    CHECK(role.Code() == "invalid_field");
    CHECK(FirstField(role) == "roles[1]");

    const ApiError operatorRole =
        ApiErrorOf([&] { manager->CreateAccount(NewAccountInput("someone", {"operator"})); });
    CHECK(operatorRole.Status() == 400);
    CHECK(FirstField(operatorRole) == "roles[0]");
    CHECK(FirstFieldCode(operatorRole) == "role_not_allowed");

    model::AccountInput foreignScope = NewAccountInput("someone");
    foreignScope.scope.all = false;
    foreignScope.scope.facilities = {"fac_doesnotexist"};
    const ApiError scope = ApiErrorOf([&] { manager->CreateAccount(foreignScope); });
    CHECK(scope.Status() == 400);
    CHECK(FirstField(scope) == "scope.facilities[0]");

    const ApiError taken =
        ApiErrorOf([&] { manager->CreateAccount(NewAccountInput("staff01")); });
    CHECK(taken.Status() == 409);
    CHECK(taken.Code() == "conflict");

    const auto badLogin = manager->SendRaw(
        "POST", "/api/v1/accounts",
        R"({"login_id":"Bad Login","display_name":"x","roles":["customeremployee"],)"
        R"("scope":{"all":true}})",
        "application/json");
    CHECK(badLogin.status == 400);
    CHECK(countAccounts() == before);
}

TEST_CASE("The last active customer manager cannot be disabled, deleted or demoted") {
    TestServer server;
    auto manager = ManagerClient(server);
    const std::string managerId = ManagerId(server);

    // Nobody may do it to their own account either.
    for (const auto& call : std::vector<std::function<void()>>{
             [&] { manager->DisableAccount(managerId); },
             [&] { manager->DeleteAccount(managerId); },
             [&] {
                 model::AccountPatch demote;
                 demote.roles = std::vector<std::string>{"customermanager_viewer"};
                 manager->UpdateAccount(managerId, demote);
             }}) {
        const ApiError error = ApiErrorOf(call);
        CHECK(error.Status() == 409);
        CHECK(error.Code() == "last_manager");
    }

    // A second manager may not remove the first while it is the only other one... but may
    // when two remain; and the last one standing is protected from the other side too.
    TestAccount second = CreateAccount(server, NewAccountInput("manager2", {"customermanager"}));
    auto secondClient = SignIn(server, second);
    ChangePassword(*secondClient, second);
    secondClient->DisableAccount(managerId);
    const ApiError last = ApiErrorOf([&] { manager->GetMe(); });
    CHECK(last.Status() == 401); // disabling ended the first manager's session
    const ApiError lastOne = ApiErrorOf([&] { secondClient->DisableAccount(second.account.id); });
    CHECK(lastOne.Code() == "last_manager");

    // An operator acting in the tenant cannot remove the last manager either.
    model::LoginRequest operatorLogin = RequestFor(kSupport);
    operatorLogin.actAsTenant = "demo";
    auto provider = server.Client();
    provider->Login(operatorLogin);
    const ApiError byOperator = ApiErrorOf([&] { provider->DeleteAccount(second.account.id); });
    CHECK(byOperator.Status() == 409);
    CHECK(byOperator.Code() == "last_manager");
    // Once the first is enabled again, the second may go.
    provider->EnableAccount(managerId);
    provider->DeleteAccount(second.account.id);
    CHECK(ApiErrorOf([&] { provider->GetAccount(second.account.id); }).Status() == 404);
}

TEST_CASE("An operator acting in a tenant registers managers and employees, not operators") {
    TestServer server;
    model::LoginRequest operatorLogin = RequestFor(kSupport);
    operatorLogin.actAsTenant = "demo";
    auto provider = server.Client();
    provider->Login(operatorLogin);
    CHECK(provider->CreateAccount(NewAccountInput("new.manager", {"customermanager"}))
              .account.tier == model::Tier::Manager);
    CHECK(provider->CreateAccount(NewAccountInput("new.staff")).account.tier ==
          model::Tier::Employee);
    CHECK(FirstFieldCode(ApiErrorOf([&] {
              provider->CreateAccount(NewAccountInput("new.operator", {"operator"}));
          })) == "role_not_allowed");
    // A provider session not acting in a tenant has no tenant accounts.
    auto plain = server.Client();
    plain->Login(RequestFor(kSupport));
    CHECK(ApiErrorOf([&] { plain->ListAccounts({}); }).Status() == 403);
}

TEST_CASE("Disable, delete and reset-password end every session of the account at once") {
    TestServer server;
    auto manager = ManagerClient(server);
    TestAccount account = CreateAccount(server, NewAccountInput("revoke.me"));
    auto first = SignIn(server, account);
    ChangePassword(*first, account);
    auto second = SignIn(server, account);
    CHECK(manager->ListSessions(account.account.id).size() == 2);

    const auto expectEnded = [](client::ApiClient& client) {
        const ApiError error = ApiErrorOf([&] { client.GetMe(); });
        CHECK(error.Status() == 401);
        CHECK(error.Code() == "unauthenticated");
    };
    SECTION("disable") {
        const model::Account disabled = manager->DisableAccount(account.account.id);
        CHECK(disabled.status == model::AccountStatus::Disabled);
        expectEnded(*first);
        expectEnded(*second);
        CHECK(manager->ListSessions(account.account.id).empty());
        CHECK(ApiErrorOf([&] { SignIn(server, account); }).Code() == "invalid_credentials");
        CHECK(manager->EnableAccount(account.account.id).status == model::AccountStatus::Active);
        CHECK(SignIn(server, account)->GetMe().id == account.account.id);
        const auto events = AuditEvents(server, "account.disable", account.account.id);
        REQUIRE(events.size() == 1);
        const auto details = model::Json::parse(events[0].at("details_json").get<std::string>());
        CHECK(details.at("before").at("status") == "active");
        CHECK(details.at("after").at("status") == "disabled");
        CHECK(details.at("sessions_revoked") == 2);
    }
    SECTION("delete") {
        manager->DeleteAccount(account.account.id);
        expectEnded(*first);
        expectEnded(*second);
        CHECK(ApiErrorOf([&] { manager->GetAccount(account.account.id); }).Status() == 404);
        CHECK(AuditEvents(server, "account.delete", account.account.id).size() == 1);
    }
    SECTION("reset-password") {
        const model::AccountCreated reset = manager->ResetPassword(account.account.id);
        CHECK(reset.account.mustChangePassword);
        CHECK(reset.oneTimePassword != account.password);
        expectEnded(*first);
        expectEnded(*second);
        account.password = reset.oneTimePassword;
        CHECK(SignIn(server, account)->GetMe().mustChangePassword);
        CHECK(AuditEvents(server, "account.reset_password", account.account.id).size() == 1);
    }
    SECTION("sign out one session, then all") {
        const auto sessions = manager->ListSessions(account.account.id);
        manager->RevokeSession(account.account.id, sessions.front().id);
        CHECK(manager->ListSessions(account.account.id).size() == 1);
        manager->RevokeSessions(account.account.id);
        expectEnded(*first);
        expectEnded(*second);
        CHECK(AuditEvents(server, "session.revoke", account.account.id).size() == 2);
        CHECK(ApiErrorOf([&] { manager->RevokeSession(account.account.id, sessions.front().id); })
                  .Status() == 404);
    }
}

TEST_CASE("Another tenant's account is not found, whatever is asked of it") {
    TestServer server;
    auto other = server.Client();
    other->Login(RequestFor(kOtherManager));
    const std::string otherManagerId = other->GetMe().id;
    auto manager = ManagerClient(server);
    for (const auto& call : std::vector<std::function<void()>>{
             [&] { manager->GetAccount(otherManagerId); },
             [&] { manager->UpdateAccount(otherManagerId, model::AccountPatch{"x", {}, {}, {}}); },
             [&] { manager->DisableAccount(otherManagerId); },
             [&] { manager->ResetPassword(otherManagerId); },
             [&] { manager->ListSessions(otherManagerId); },
             [&] { manager->RevokeSessions(otherManagerId); },
             [&] { manager->DeleteAccount(otherManagerId); }}) {
        const ApiError error = ApiErrorOf(call);
        CHECK(error.Status() == 404);
        CHECK(error.Code() == "not_found");
    }
    CHECK(other->GetMe().id == otherManagerId); // its session survived
}

TEST_CASE("A PATCH changes only what it names, checks roles and scope, and is audited") {
    TestServer server;
    auto manager = ManagerClient(server);
    TestAccount account = CreateAccount(server, NewAccountInput("patch.me"));
    const auto jurisdiction = manager->Send("POST", "/api/v1/jurisdictions", {{"name", "関東"}});

    model::AccountPatch patch;
    patch.displayName = "田中 一郎";
    patch.scope = model::Scope{false, {jurisdiction.at("id").get<std::string>()}, {}};
    const model::Account updated = manager->UpdateAccount(account.account.id, patch);
    CHECK(updated.displayName == "田中 一郎");
    CHECK(updated.roles == account.account.roles);
    CHECK_FALSE(updated.scope.all);
    CHECK(updated.scope.jurisdictions == patch.scope->jurisdictions);
    CHECK(manager->GetAccount(account.account.id) == updated);

    model::AccountPatch badRole;
    badRole.roles = std::vector<std::string>{"nosuch"};
    CHECK(FirstField(ApiErrorOf([&] { manager->UpdateAccount(account.account.id, badRole); })) ==
          "roles[0]");

    const auto events = AuditEvents(server, "account.update", account.account.id);
    REQUIRE(events.size() == 1);
    const auto details = model::Json::parse(events[0].at("details_json").get<std::string>());
    CHECK(details.at("before").at("display_name") == "Test patch.me");
    CHECK(details.at("after").at("display_name") == "田中 一郎");
    CHECK(model::Json::parse(events[0].at("actor_json").get<std::string>()).at("login_id") ==
          "manager");
    CHECK(AuditEvents(server, "account.create", account.account.id).size() == 1);
}

TEST_CASE("Read-only roles read accounts but change nothing") {
    TestServer server;
    auto viewer = server.Client();
    viewer->Login(RequestFor(kViewer));
    CHECK_FALSE(viewer->ListAccounts({}).items.empty());
    const ApiError write = ApiErrorOf([&] { viewer->CreateAccount(NewAccountInput("nope")); });
    CHECK(write.Status() == 403);
    CHECK(write.Code() == "forbidden");
    auto staff = server.Client();
    staff->Login(RequestFor(kStaff));
    CHECK(ApiErrorOf([&] { staff->ListAccounts({}); }).Code() == "forbidden");
}
