// Logging in and out: the answers, the same refusal whatever was wrong, lockout, and the
// operator's act_as_tenant.

#include "support/RawTls.h"
#include "support/SqliteFile.h"
#include "support/TestServer.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;
using client::ApiError;

namespace {

/// Status, content type and body of a login attempt, exactly as sent.
client::HttpResult RawLogin(client::ApiClient& client, const model::LoginRequest& request) {
    return client.SendRaw("POST", "/api/v1/sessions", model::Json(request).dump(),
                          "application/json");
}

std::filesystem::path DatabaseOf(const TestServer& server) {
    return server.DataDir() / "resv.db";
}

} // namespace

TEST_CASE("A customer manager logs in and /me says who it is") {
    TestServer server;
    auto client = server.Client();
    const model::LoginResponse login = client->Login(RequestFor(kManager));

    CHECK(login.token.size() == 43); // 32 bytes in base64url without padding
    CHECK(login.token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789-_") == std::string::npos);
    CHECK(login.expiresAt == TestEpoch() + std::chrono::hours(12));
    CHECK(login.idleTimeoutSeconds == 1800);
    CHECK(login.account.loginId == "manager");
    CHECK(login.account.displayName == "山田 花子");
    CHECK(login.account.roles == std::vector<std::string>{"customermanager"});
    CHECK(login.account.tier == model::Tier::Manager);
    CHECK(login.account.status == model::AccountStatus::Active);
    CHECK(login.account.lastLoginAt == TestEpoch());
    CHECK_FALSE(login.account.mustChangePassword);

    server.Clock().Advance(std::chrono::minutes(5));
    const model::Me me = client->GetMe();
    CHECK(me.id == login.account.id);
    CHECK(me.tenant == model::TenantRef{"demo", "デモホテルグループ", "jp"});
    CHECK(me.tier == model::Tier::Manager);
    CHECK(me.session.expiresAt == login.expiresAt);
    CHECK(me.session.idleExpiresAt == TestEpoch() + std::chrono::minutes(5 + 30));
    CHECK_FALSE(me.actingAs.has_value());
}

TEST_CASE("Each demo role logs in with its tier") {
    TestServer server;
    const std::vector<std::pair<DemoLogin, model::Tier>> cases{
        {kViewer, model::Tier::Manager},
        {kStaff, model::Tier::Employee},
        {kOtherManager, model::Tier::Manager},
        {kSupport, model::Tier::Provider},
    };
    for (const auto& [login, tier] : cases) {
        INFO(login.tenant << "/" << login.loginId);
        auto client = server.Client();
        CHECK(client->Login(RequestFor(login)).account.tier == tier);
        CHECK(client->GetMe().tenant.code == login.tenant);
    }
}

TEST_CASE("Unknown user, wrong password, unknown tenant and a disabled account look the same") {
    TestServer server;
    auto client = server.Client();
    model::LoginRequest wrongPassword = RequestFor(kManager);
    wrongPassword.password = "Kanri-Demo#2025";
    model::LoginRequest unknownUser = RequestFor(kManager);
    unknownUser.loginId = "nobody";
    model::LoginRequest unknownTenant = RequestFor(kManager);
    unknownTenant.tenant = "nosuchtenant";
    model::LoginRequest otherTenantsPassword = RequestFor(kManager);
    otherTenantsPassword.password = kOtherManager.password;

    const auto reference = RawLogin(*client, wrongPassword);
    CHECK(reference.status == 401);
    CHECK(reference.contentType == "application/problem+json");
    CHECK(model::Json::parse(reference.body).at("code") == "invalid_credentials");
    for (const auto& request : {unknownUser, unknownTenant, otherTenantsPassword}) {
        const auto result = RawLogin(*client, request);
        CHECK(result.status == reference.status);
        CHECK(result.contentType == reference.contentType);
        CHECK(result.body == reference.body);
    }

    Execute(DatabaseOf(server), "UPDATE accounts SET status = 'disabled' WHERE login_id = ?1",
            {kStaff.loginId});
    const auto disabled = RawLogin(*client, RequestFor(kStaff));
    CHECK(disabled.status == reference.status);
    CHECK(disabled.body == reference.body);
}

TEST_CASE("Logout revokes the session: the token is refused as unauthenticated") {
    TestServer server;
    auto client = server.Client();
    const auto login = client->Login(RequestFor(kViewer));
    client->Logout();
    CHECK_FALSE(client->HasToken());

    client->SetToken(login.token);
    const ApiError error = ApiErrorOf([&] { client->GetMe(); });
    CHECK(error.Status() == 401);
    CHECK(error.Code() == "unauthenticated");
    const ApiError again = ApiErrorOf([&] { client->Send("DELETE", "/api/v1/sessions/current"); });
    CHECK(again.Code() == "unauthenticated");
}

TEST_CASE("No token, a malformed header or an unknown token is unauthenticated") {
    TestServer server;
    auto client = server.Client();
    CHECK(ApiErrorOf([&] { client->GetMe(); }).Code() == "unauthenticated");
    client->SetToken("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    CHECK(ApiErrorOf([&] { client->GetMe(); }).Code() == "unauthenticated");
    for (const char* header : {"Authorization: Basic bWFuYWdlcjp4\r\n", "Authorization: Bearer\r\n",
                               "Authorization: \r\n"}) {
        INFO(header);
        const auto answer =
            HttpsRequest(server.Port(), server.CaFile(), "GET", "/api/v1/me", "", header);
        CHECK(answer.status == 401);
        CHECK(model::Json::parse(answer.body).at("code") == "unauthenticated");
    }
}

TEST_CASE("Ten wrong passwords lock the account, the answer stays the same, it unlocks later") {
    TestServer server;
    auto client = server.Client();
    model::LoginRequest wrong = RequestFor(kStaff);
    wrong.password = "not-the-password";
    const auto reference = RawLogin(*client, wrong);
    for (int i = 2; i <= 10; ++i) {
        CHECK(RawLogin(*client, wrong).body == reference.body);
    }
    const auto rows =
        QueryRows(DatabaseOf(server), "SELECT locked_until FROM accounts WHERE login_id = ?1",
                  {kStaff.loginId});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("locked_until") ==
          (TestEpoch() + std::chrono::seconds(60)).time_since_epoch().count());

    // The right password during the lockout is refused with the very same answer.
    const auto whileLocked = RawLogin(*client, RequestFor(kStaff));
    CHECK(whileLocked.status == 401);
    CHECK(whileLocked.body == reference.body);

    server.Clock().Advance(std::chrono::seconds(61));
    CHECK(client->Login(RequestFor(kStaff)).account.status == model::AccountStatus::Active);
}

TEST_CASE("An operator may act only in a tenant it is assigned to") {
    TestServer server;
    model::LoginRequest actInDemo = RequestFor(kSupport);
    actInDemo.actAsTenant = "demo";
    auto client = server.Client();
    const auto login = client->Login(actInDemo);
    CHECK(login.account.roles == std::vector<std::string>{"operator"});
    const model::Me me = client->GetMe();
    CHECK(me.tenant.code == "provider");
    REQUIRE(me.actingAs.has_value());
    CHECK(*me.actingAs == model::TenantRef{"demo", "デモホテルグループ", "jp"});

    model::LoginRequest actInOther = RequestFor(kSupport);
    actInOther.actAsTenant = "other";
    const ApiError notAssigned = ApiErrorOf([&] { server.Client()->Login(actInOther); });
    CHECK(notAssigned.Status() == 403);
    CHECK(notAssigned.Code() == "forbidden");

    model::LoginRequest actInNowhere = RequestFor(kSupport);
    actInNowhere.actAsTenant = "nosuchtenant";
    CHECK(ApiErrorOf([&] { server.Client()->Login(actInNowhere); }).Code() == "forbidden");

    // A customer manager is no operator, whatever tenant it names.
    model::LoginRequest managerActing = RequestFor(kManager);
    managerActing.actAsTenant = "demo";
    const ApiError notOperator = ApiErrorOf([&] { server.Client()->Login(managerActing); });
    CHECK(notOperator.Status() == 403);
    CHECK(notOperator.Code() == "forbidden");

    // Wrong credentials stay 401, act_as_tenant or not.
    actInDemo.password = "wrong";
    CHECK(ApiErrorOf([&] { server.Client()->Login(actInDemo); }).Code() == "invalid_credentials");
}
