#include "Fakes.h"

#include "views/common/SessionPresenter.h"
#include "views/home/HomePresenter.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::views;
using namespace resv::views::test;

namespace {

struct Fixture {
    std::shared_ptr<FakeApiClient> apiClient = std::make_shared<FakeApiClient>();
    FakeSession session{apiClient, SampleMe()};
    ManualRunner runner;
    ManualDispatcher ui;
    SessionPresenter presenter{session, runner, ui};
    int changes = 0;

    Fixture() {
        presenter.SetOnChanged([this] { ++changes; });
    }
    void Finish() {
        runner.RunAll();
        ui.RunAll();
    }
};

} // namespace

TEST_CASE("a session check brings the fresh /me to the session", "[session]") {
    Fixture f;
    model::Me fresh = SampleMe();
    fresh.session.idleExpiresAt += std::chrono::minutes(5);
    f.apiClient->onGetMe = [fresh] { return fresh; };

    f.presenter.Check();
    CHECK(f.presenter.Checking());
    f.presenter.Check(); // one check at a time
    CHECK(f.runner.Pending() == 1);
    f.Finish();

    CHECK_FALSE(f.presenter.Checking());
    CHECK(f.session.updates == 1);
    CHECK(f.session.Me() == fresh);
    CHECK(f.session.expired.empty());
    CHECK_FALSE(f.presenter.Problem());
}

TEST_CASE("the periodic check runs only after the user did something", "[session]") {
    Fixture f;
    f.presenter.CheckIfActive(); // an unattended console must not keep its session alive
    CHECK(f.runner.Pending() == 0);

    f.presenter.NoteActivity();
    f.presenter.NoteActivity();
    f.presenter.CheckIfActive();
    CHECK(f.runner.Pending() == 1);
    f.Finish();
    CHECK(f.apiClient->meCalls == 1);

    f.presenter.CheckIfActive(); // nothing happened since
    CHECK(f.runner.Pending() == 0);
}

TEST_CASE("a check that finds the session over ends it", "[session]") {
    const char* code =
        GENERATE(model::error_code::kSessionExpired, model::error_code::kUnauthenticated);
    Fixture f;
    f.apiClient->onGetMe = [code]() -> model::Me { throw HttpError(401, code); };
    f.presenter.Check();
    f.Finish();
    REQUIRE(f.session.expired.size() == 1);
    CHECK(f.session.expired[0].Code() == code);
    CHECK(f.session.updates == 0);
}

TEST_CASE("an unreachable server does not end the session but is reported", "[session]") {
    Fixture f;
    f.apiClient->onGetMe = []() -> model::Me {
        throw client::ApiError(client::ApiError::Kind::Network, "Connection refused");
    };
    f.presenter.Check();
    f.Finish();
    CHECK(f.session.expired.empty());
    REQUIRE(f.presenter.Problem());
    CHECK(f.presenter.Problem()->GetKind() == client::ApiError::Kind::Network);
    CHECK(f.changes == 1);

    f.apiClient->onGetMe = [] { return SampleMe(); };
    f.presenter.Check();
    f.Finish();
    CHECK_FALSE(f.presenter.Problem());
    CHECK(f.changes == 2); // back to normal is a change too

    f.presenter.Check();
    f.Finish();
    CHECK(f.changes == 2); // nothing changed
}

TEST_CASE("logging out ends the session on the server and always finishes", "[session]") {
    Fixture f;
    bool done = false;

    SECTION("the server agrees") {
        f.presenter.Logout([&] { done = true; });
        CHECK(f.presenter.LoggingOut());
        f.Finish();
        CHECK(f.apiClient->logoutCalls == 1);
        CHECK(done);
    }
    SECTION("the server cannot be reached: the console still logs out") {
        f.apiClient->onLogout = [] {
            throw client::ApiError(client::ApiError::Kind::Network, "timed out");
        };
        f.presenter.Logout([&] { done = true; });
        f.Finish();
        CHECK(done);
        CHECK_FALSE(f.presenter.LoggingOut());
    }
    SECTION("a check on its way is dropped, so logging out is not reported as expiry") {
        f.apiClient->onGetMe = []() -> model::Me {
            throw HttpError(401, model::error_code::kUnauthenticated);
        };
        f.presenter.Check();
        f.presenter.Logout([&] { done = true; });
        f.presenter.Check(); // ignored while logging out
        f.Finish();
        CHECK(done);
        CHECK(f.session.expired.empty());
        CHECK(f.apiClient->meCalls == 1);
    }
}

TEST_CASE("the home screen shows the session's times in JST", "[home]") {
    model::Me me = SampleMe();
    HomeModel home = BuildHomeModel(me);
    CHECK(home.displayName == "Yamada Hanako");
    CHECK(home.loginId == "manager");
    CHECK(home.roles == std::vector<std::string>{"customermanager"});
    CHECK(home.tenantName == "Demo Hotel Group");
    CHECK(home.tenantCode == "demo");
    CHECK(home.dataRegion == "jp");
    // 08:10:49Z + 12 h = 20:10:49Z = 05:10 JST the next day; + 30 min = 17:40 JST.
    CHECK(home.sessionEndsJst == "2026-11-26 05:10 JST");
    CHECK(home.idleEndsJst == "2026-11-25 17:40 JST");
    CHECK_FALSE(home.actingAs);
    CHECK_FALSE(home.mustChangePassword);

    me.displayName.clear();
    me.actingAs = model::TenantRef{"demo", "Demo Hotel Group", "jp"};
    me.mustChangePassword = true;
    home = BuildHomeModel(me);
    CHECK(home.displayName == "manager"); // an account without a label shows its login ID
    REQUIRE(home.actingAs);
    CHECK(home.actingAs->code == "demo");
    CHECK(home.mustChangePassword);

    FakeSession session(std::make_shared<FakeApiClient>(), SampleMe());
    HomePresenter presenter(session);
    model::Me changed = SampleMe();
    changed.displayName = "Sato Jiro";
    session.UpdateMe(changed);
    CHECK(presenter.Model().displayName == "Sato Jiro"); // always the session's current /me
}
