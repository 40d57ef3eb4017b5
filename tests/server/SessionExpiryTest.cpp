// Sessions end 30 minutes after their last use and 12 hours after login, by the injected clock.

#include "support/TestServer.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;
using namespace std::chrono_literals;

TEST_CASE("A session unused for 30 minutes has expired") {
    TestServer server;
    auto client = server.Client();
    client->Login(RequestFor(kManager));

    server.Clock().Advance(29min);
    CHECK(client->GetMe().session.idleExpiresAt == TestEpoch() + 29min + 30min);

    server.Clock().Advance(31min);
    const auto error = ApiErrorOf([&] { client->GetMe(); });
    CHECK(error.Status() == 401);
    CHECK(error.Code() == "session_expired");
    // Logging out of an expired session is refused the same way.
    CHECK(ApiErrorOf([&] { client->Send("DELETE", "/api/v1/sessions/current"); }).Code() ==
          "session_expired");
}

TEST_CASE("The idle limit is exact: at 30 minutes the session is over") {
    TestServer server;
    auto client = server.Client();
    client->Login(RequestFor(kViewer));
    server.Clock().Advance(30min - 1ms);
    CHECK_NOTHROW(client->GetMe());
    server.Clock().Advance(30min);
    CHECK(ApiErrorOf([&] { client->GetMe(); }).Code() == "session_expired");
}

TEST_CASE("A session in constant use still ends 12 hours after login") {
    TestServer server;
    auto client = server.Client();
    const auto login = client->Login(RequestFor(kStaff));
    REQUIRE(login.expiresAt == TestEpoch() + 12h);

    for (auto elapsed = 20min; elapsed < 12h; elapsed += 20min) {
        server.Clock().Set(TestEpoch() + elapsed);
        INFO("after " << elapsed.count() << " minutes");
        const model::Me me = client->GetMe();
        // Never promised beyond the absolute end.
        CHECK(me.session.idleExpiresAt <= login.expiresAt);
    }
    server.Clock().Set(TestEpoch() + 12h);
    const auto error = ApiErrorOf([&] { client->GetMe(); });
    CHECK(error.Status() == 401);
    CHECK(error.Code() == "session_expired");
}

TEST_CASE("The health check works whatever the time, with no session") {
    TestServer server;
    server.Clock().Advance(24h * 365);
    CHECK(server.Client()->GetHealth().serverTime == TestEpoch() + 24h * 365);
}
