// Lockout timing and per-IP throttling of logins (issue 4), on the injected clock: the 10th
// failure in a row locks for 60 s, each further lock doubles up to 15 min, a success resets; one
// address failing 30 times in 5 minutes is answered 429 with Retry-After.

#include "support/Accounts.h"
#include "support/RawTls.h"
#include "support/SqliteFile.h"

#include "auth/LoginThrottle.h"
#include "resv/model/Json.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;
using client::ApiError;

namespace {

std::int64_t LockedUntil(const TestServer& server, const char* loginId) {
    const auto rows =
        QueryRows(server.DataDir() / "resv.db",
                  "SELECT locked_until FROM accounts WHERE login_id = ?1 AND tenant_id = "
                  "(SELECT id FROM tenants WHERE code = 'demo')",
                  {loginId});
    return rows.at(0).at("locked_until").is_null() ? 0
                                                   : rows[0].at("locked_until").get<std::int64_t>();
}

std::int64_t Millis(model::TimePoint t) {
    return t.time_since_epoch().count();
}

int LoginStatus(client::ApiClient& client, const model::LoginRequest& request) {
    return client
        .SendRaw("POST", "/api/v1/sessions", model::Json(request).dump(), "application/json")
        .status;
}

} // namespace

TEST_CASE("Each further lock doubles from 60 s up to 15 minutes and a success resets it") {
    TestServer server;
    auto client = server.Client();
    model::LoginRequest wrong = RequestFor(kStaff);
    wrong.password = "not-the-password";
    for (int i = 0; i < 9; ++i) {
        CHECK(LoginStatus(*client, wrong) == 401);
    }
    CHECK(LockedUntil(server, kStaff.loginId) == 0); // nine are not enough
    CHECK(LoginStatus(*client, wrong) == 401);

    for (const int seconds : {60, 120, 240, 480, 900, 900}) {
        INFO(seconds);
        const model::TimePoint now = server.Clock().Now();
        CHECK(LockedUntil(server, kStaff.loginId) == Millis(now + std::chrono::seconds(seconds)));
        // One second before the end the right password is still refused like a wrong one.
        server.Clock().Advance(std::chrono::seconds(seconds - 1));
        const ApiError locked = ApiErrorOf([&] { server.Client()->Login(RequestFor(kStaff)); });
        CHECK(locked.Status() == 401);
        CHECK(locked.Code() == "invalid_credentials");
        server.Clock().Advance(std::chrono::seconds(1));
        CHECK(LoginStatus(*client, wrong) == 401); // the next failure in a row locks again
    }

    // A manager sees the lock and may lift it.
    auto manager = ManagerClient(server);
    client::AccountQuery byLogin;
    byLogin.q = kStaff.loginId;
    const auto staff = manager->ListAccounts(byLogin).items.at(0);
    CHECK(staff.status == model::AccountStatus::Locked);
    CHECK(staff.lockedUntil == server.Clock().Now() + std::chrono::seconds(900));
    CHECK(manager->UnlockAccount(staff.id).status == model::AccountStatus::Active);
    CHECK(AuditEvents(server, "account.unlock", staff.id).size() == 1);

    // Unlocked, the right password works, and the count starts again from zero.
    CHECK(server.Client()->Login(RequestFor(kStaff)).account.status ==
          model::AccountStatus::Active);
    for (int i = 0; i < 9; ++i) {
        CHECK(LoginStatus(*client, wrong) == 401);
    }
    CHECK(LockedUntil(server, kStaff.loginId) == 0);
    CHECK(LoginStatus(*client, wrong) == 401);
    CHECK(LockedUntil(server, kStaff.loginId) ==
          Millis(server.Clock().Now() + std::chrono::seconds(60)));
}

TEST_CASE("A success before the 10th failure resets the count") {
    TestServer server;
    auto client = server.Client();
    model::LoginRequest wrong = RequestFor(kViewer);
    wrong.password = "not-the-password";
    for (int i = 0; i < 9; ++i) {
        LoginStatus(*client, wrong);
    }
    client->Login(RequestFor(kViewer));
    for (int i = 0; i < 9; ++i) {
        LoginStatus(*client, wrong);
    }
    CHECK(LockedUntil(server, kViewer.loginId) == 0);
}

TEST_CASE("One address that fails 30 times in 5 minutes gets 429 with Retry-After") {
    TestServer server;
    auto client = server.Client();
    model::LoginRequest unknown = RequestFor(kManager);
    // Spread over many login IDs, so that no account's own lockout is what stops it.
    for (int i = 0; i < 30; ++i) {
        unknown.loginId = "nobody" + std::to_string(i);
        CHECK(LoginStatus(*client, unknown) == 401);
        server.Clock().Advance(std::chrono::seconds(5));
    }
    // t = 150 s: the first failure leaves the window at 300 s.
    const std::string body = model::Json(RequestFor(kManager)).dump();
    const auto answer = HttpsRequest(server.Port(), server.CaFile(), "POST", "/api/v1/sessions",
                                     body, "Content-Type: application/json\r\n");
    CHECK(answer.status == 429);
    CHECK(model::Json::parse(answer.body).at("code") == "too_many_requests");
    CHECK(answer.headers.at("retry-after") == "150");
    // Even the right password waits: the address is throttled, not the account.
    CHECK(ApiErrorOf([&] { server.Client()->Login(RequestFor(kManager)); }).Status() == 429);

    server.Clock().Advance(std::chrono::seconds(150));
    CHECK(server.Client()->Login(RequestFor(kManager)).account.loginId == "manager");
    // One failure left the window: one more may fail before the next 429.
    unknown.loginId = "nobody-again";
    CHECK(LoginStatus(*client, unknown) == 401);
    CHECK(LoginStatus(*client, unknown) == 429);
}

TEST_CASE("The throttle counts per address and forgets failures that left the window") {
    auto clock = std::make_shared<server::ManualClock>(TestEpoch());
    server::auth::LoginThrottle throttle(clock, {3, std::chrono::seconds(60), 2});
    for (int i = 0; i < 3; ++i) {
        CHECK_FALSE(throttle.RetryAfter("10.0.0.1"));
        throttle.RecordFailure("10.0.0.1");
        clock->Advance(std::chrono::seconds(10));
    }
    CHECK(throttle.RetryAfter("10.0.0.1") == std::chrono::seconds(30));
    CHECK_THROWS_AS(throttle.Check("10.0.0.1"), server::auth::LoginThrottled);
    CHECK_FALSE(throttle.RetryAfter("10.0.0.2"));
    clock->Advance(std::chrono::seconds(30));
    CHECK_FALSE(throttle.RetryAfter("10.0.0.1"));
    // Bounded memory: a third address evicts rather than grows past two.
    throttle.RecordFailure("10.0.0.2");
    throttle.RecordFailure("10.0.0.3");
    throttle.RecordFailure("10.0.0.4");
    CHECK_NOTHROW(throttle.Check("10.0.0.4"));
}
