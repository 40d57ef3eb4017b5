// The sessions of one account (the Accounts screen's "Sign out sessions...") over the fake API,
// with a runner and a dispatcher the test drives.
#include "FakeAccountsApi.h"
#include "Fakes.h"

#include "views/accounts/SessionsPresenter.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::views;
using namespace std::chrono_literals;
using test::FakeAccountsApi;
using Notice = SessionsPresenter::Notice;
using Unavailable = SessionsPresenter::Unavailable;

namespace {

model::SessionInfo Session(std::string id, std::chrono::minutes signedInAgo, bool current = false) {
    model::SessionInfo s;
    s.id = std::move(id);
    s.createdAt = test::SampleTime() - signedInAgo;
    s.lastUsedAt = test::SampleTime();
    s.expiresAt = s.createdAt + 12h;
    s.sourceIp = "192.0.2.10";
    s.current = current;
    return s;
}

struct Fixture {
    std::shared_ptr<FakeAccountsApi> api = std::make_shared<FakeAccountsApi>();
    test::ManualRunner runner;
    test::ManualDispatcher ui;
    std::vector<client::ApiError> failures;
    std::vector<Notice> notices;
    int changes = 0;

    Fixture() {
        test::FillAccounts(*api);
        // The front desk PC signed in two hours ago, the office PC an hour ago.
        api->sessions["acc_2"] = {Session("ses_desk", 120min), Session("ses_office", 60min)};
    }

    void Run() {
        while (runner.Pending() > 0 || ui.Pending() > 0) {
            runner.RunAll();
            ui.RunAll();
        }
    }

    std::unique_ptr<SessionsPresenter> Presenter(const std::string& accountId = "acc_2") {
        auto p = std::make_unique<SessionsPresenter>(api, accountId, runner, ui);
        p->SetCallbacks({
            [this] { ++changes; },
            [this](Notice notice) { notices.push_back(notice); },
            [this](const client::ApiError& error) { failures.push_back(error); },
        });
        p->Load();
        Run();
        return p;
    }

    std::vector<std::string> Calls(const std::string& prefix) {
        std::vector<std::string> matching;
        for (const auto& call : api->Calls()) {
            if (call.starts_with(prefix)) {
                matching.push_back(call);
            }
        }
        return matching;
    }
};

std::vector<std::string> Ids(const SessionsPresenter& p) {
    std::vector<std::string> ids;
    for (const auto& s : p.Rows()) {
        ids.push_back(s.id);
    }
    return ids;
}

} // namespace

TEST_CASE("the sessions of the account load off the UI thread, newest sign-in first",
          "[sessions]") {
    Fixture f;
    SessionsPresenter p(f.api, "acc_2", f.runner, f.ui);
    p.Load();
    CHECK(p.Loading());
    CHECK_FALSE(p.Loaded());
    CHECK(p.Rows().empty());
    CHECK(f.api->Calls().empty()); // nothing runs until the runner does

    f.Run();
    CHECK(p.Loaded());
    CHECK_FALSE(p.Loading());
    CHECK(Ids(p) == std::vector<std::string>{"ses_office", "ses_desk"});
    CHECK(p.Rows()[1].sourceIp == "192.0.2.10");
    CHECK(f.api->Calls() == std::vector<std::string>{"ListSessions acc_2"});
    CHECK_FALSE(p.IncludesCurrent());
    CHECK(p.CanRevokeAll());
}

TEST_CASE("an account with no session loads as an empty list with nothing to sign out",
          "[sessions]") {
    Fixture f;
    auto p = f.Presenter("acc_3");
    CHECK(p->Loaded());
    CHECK(p->Rows().empty());
    CHECK_FALSE(p->CanRevokeAll());
    CHECK(p->WhyNotRevoke("ses_desk") == Unavailable::NoSelection);
}

TEST_CASE("signing out one session sends its id and reloads the list without it", "[sessions]") {
    Fixture f;
    auto p = f.Presenter();
    p->Select("ses_desk");
    REQUIRE(p->Selected() != nullptr);
    REQUIRE(p->WhyNotRevoke("ses_desk") == Unavailable::None);

    p->Revoke("ses_desk");
    CHECK(p->Busy());
    CHECK(p->WhyNotRevoke("ses_office") == Unavailable::Busy); // one change at a time
    CHECK_FALSE(p->CanRevokeAll());
    p->Revoke("ses_office"); // ignored while busy
    f.Run();

    CHECK_FALSE(p->Busy());
    CHECK(f.Calls("Revoke") == std::vector<std::string>{"RevokeSession acc_2 ses_desk"});
    CHECK(f.Calls("ListSessions").size() == 2); // loaded again after the change
    CHECK(Ids(*p) == std::vector<std::string>{"ses_office"});
    CHECK(p->Selected() == nullptr); // the selected session is gone
    CHECK(f.notices == std::vector<Notice>{Notice::SignedOut});
    CHECK(f.failures.empty());
}

TEST_CASE("the selection is kept across a reload while its session lasts", "[sessions]") {
    Fixture f;
    auto p = f.Presenter();
    p->Select("ses_office");
    f.api->sessions["acc_2"].push_back(Session("ses_new", 1min));
    p->Load();
    f.Run();
    CHECK(Ids(*p) == std::vector<std::string>{"ses_new", "ses_office", "ses_desk"});
    REQUIRE(p->Selected() != nullptr);
    CHECK(p->Selected()->id == "ses_office");
}

TEST_CASE("sign out all ends every session of another account at once", "[sessions]") {
    Fixture f;
    auto p = f.Presenter();
    p->RevokeAll();
    CHECK(p->Busy());
    f.Run();
    CHECK(f.Calls("Revoke") == std::vector<std::string>{"RevokeSessions acc_2"});
    CHECK(p->Rows().empty());
    CHECK_FALSE(p->CanRevokeAll());
    CHECK(f.notices == std::vector<Notice>{Notice::AllSignedOut});
}

TEST_CASE("this PC's own session stays: it is not signed out, and all means all the others",
          "[sessions]") {
    Fixture f;
    f.api->sessions["acc_1"] = {Session("ses_desk", 300min), Session("ses_here", 10min, true),
                                Session("ses_tablet", 30min)};
    auto p = f.Presenter("acc_1");
    CHECK(p->IncludesCurrent());
    CHECK(p->WhyNotRevoke("ses_here") == Unavailable::Current);
    p->Revoke("ses_here");
    CHECK_FALSE(p->Busy());

    p->RevokeAll();
    f.Run();
    CHECK(f.Calls("Revoke") == std::vector<std::string>{"RevokeSession acc_1 ses_tablet",
                                                        "RevokeSession acc_1 ses_desk"});
    CHECK(Ids(*p) == std::vector<std::string>{"ses_here"});
    CHECK_FALSE(p->CanRevokeAll()); // only this PC's is left
    CHECK(f.notices == std::vector<Notice>{Notice::OthersSignedOut});
    CHECK(f.failures.empty());
}

TEST_CASE("a session that ended meanwhile reloads the list with a notice, not an error",
          "[sessions]") {
    Fixture f;
    auto p = f.Presenter();
    f.api->sessions["acc_2"].erase(f.api->sessions["acc_2"].begin()); // ses_desk logged out
    p->Revoke("ses_desk");
    f.Run();
    CHECK(f.Calls("Revoke") == std::vector<std::string>{"RevokeSession acc_2 ses_desk"});
    CHECK(f.failures.empty());
    CHECK(f.notices == std::vector<Notice>{Notice::AlreadyEnded});
    CHECK(Ids(*p) == std::vector<std::string>{"ses_office"});

    SECTION("one of the others ending meanwhile does not stop the rest") {
        f.api->sessions["acc_2"].push_back(Session("ses_here", 1min, true));
        f.api->sessions["acc_2"].push_back(Session("ses_gone", 5min));
        p->Load();
        f.Run();
        f.api->sessions["acc_2"].pop_back(); // ses_gone expired after the list was loaded
        p->RevokeAll();
        f.Run();
        CHECK(f.failures.empty());
        CHECK(f.Calls("Revoke") == std::vector<std::string>{"RevokeSession acc_2 ses_desk",
                                                            "RevokeSession acc_2 ses_gone",
                                                            "RevokeSession acc_2 ses_office"});
        CHECK(Ids(*p) == std::vector<std::string>{"ses_here"});
        CHECK(f.notices.back() == Notice::OthersSignedOut);
    }
}

TEST_CASE("a refused change reports the error and keeps the rows", "[sessions]") {
    Fixture f;
    auto p = f.Presenter();
    const auto before = p->Rows();
    const int loads = static_cast<int>(f.Calls("ListSessions").size());

    f.api->nextError = test::HttpError(403, "forbidden");
    p->Revoke("ses_desk");
    f.Run();
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].Code() == "forbidden");
    CHECK(p->Rows() == before);
    CHECK_FALSE(p->Busy());
    CHECK(f.notices.empty());
    CHECK(static_cast<int>(f.Calls("ListSessions").size()) == loads); // no reload

    f.api->nextError = test::HttpError(500, "internal_error");
    p->RevokeAll();
    f.Run();
    CHECK(f.failures.size() == 2);
    CHECK(p->Rows() == before);
    CHECK(p->CanRevokeAll());

    f.api->nextError = client::ApiError(client::ApiError::Kind::Network, "connection refused");
    p->Load();
    f.Run();
    REQUIRE(f.failures.size() == 3);
    CHECK(f.failures[2].GetKind() == client::ApiError::Kind::Network);
    CHECK(p->Rows() == before);
    CHECK_FALSE(p->Loading());
}

TEST_CASE("results arriving after the dialog has closed are dropped", "[sessions]") {
    Fixture f;
    auto p = f.Presenter();
    const int changesBefore = f.changes;
    p->Revoke("ses_desk");
    p->Load();
    p.reset(); // the dialog closed with a sign-out and a load on their way
    f.Run();   // the jobs still run; their results find no presenter
    CHECK(f.Calls("Revoke") == std::vector<std::string>{"RevokeSession acc_2 ses_desk"});
    CHECK(f.changes == changesBefore + 2); // only the two "busy/loading" notifications
    CHECK(f.notices.empty());
    CHECK(f.failures.empty());

    SECTION("a failure too") {
        auto q = f.Presenter();
        f.api->nextError = test::HttpError(500, "internal_error");
        q->Load();
        q.reset();
        f.Run();
        CHECK(f.failures.empty());
    }
}

TEST_CASE("a newer load drops the answer of an older one", "[sessions]") {
    Fixture f;
    SessionsPresenter p(f.api, "acc_2", f.runner, f.ui);
    p.SetCallbacks({[&] { ++f.changes; }, {}, {}});
    p.Load();
    f.runner.RunAll(); // the first answer is posted: two sessions
    f.api->sessions["acc_2"].pop_back();
    p.Load();
    f.Run();
    CHECK(Ids(p) == std::vector<std::string>{"ses_desk"});
}
