#include "Fakes.h"

#include "views/login/LoginPresenter.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::views;
using namespace resv::views::test;

namespace {

class RecordingView final : public ILoginView {
public:
    int changes = 0;
    std::vector<LoginSuccess> loggedIn;
    void LoginStateChanged() override { ++changes; }
    void LoggedIn(const LoginSuccess& success) override { loggedIn.push_back(success); }
};

struct Fixture {
    std::shared_ptr<FakeApiClient> apiClient = std::make_shared<FakeApiClient>();
    std::vector<std::string> clientUrls;
    MemorySettings settings;
    ManualRunner runner;
    ManualDispatcher ui;
    RecordingView view;
    std::unique_ptr<LoginPresenter> presenter;

    Fixture() {
        apiClient->onLogin = [](const model::LoginRequest&) { return SampleLogin(); };
        apiClient->onGetMe = [] { return SampleMe(); };
        presenter = std::make_unique<LoginPresenter>(
            [this](const std::string& url) {
                clientUrls.push_back(url);
                return apiClient;
            },
            settings, runner, ui);
        presenter->SetView(&view);
    }

    void Fill(const std::string& tenant = "demo", const std::string& loginId = "manager",
              const std::string& password = "Kanri-Demo#2026") {
        presenter->SetValue(LoginField::ServerUrl, "https://127.0.0.1:8443");
        presenter->SetValue(LoginField::Tenant, tenant);
        presenter->SetValue(LoginField::LoginId, loginId);
        presenter->SetValue(LoginField::Password, password);
    }

    void Finish() {
        runner.RunAll();
        ui.RunAll();
    }
};

} // namespace

TEST_CASE("the login form starts with what was remembered, never a password", "[login]") {
    Fixture f;
    f.settings.login = {"https://resv.example.jp", "demo", "manager", ""};
    f.presenter->Load();
    CHECK(f.presenter->Form().serverUrl == "https://resv.example.jp");
    CHECK(f.presenter->Form().tenant == "demo");
    CHECK(f.presenter->Form().loginId == "manager");
    CHECK(f.presenter->Form().password.empty());

    f.presenter->Load("https://127.0.0.1:9443");
    CHECK(f.presenter->Form().serverUrl == "https://127.0.0.1:9443"); // the command line wins
    CHECK(f.presenter->Form().tenant == "demo");
}

TEST_CASE("empty fields are reported next to each field and nothing is sent", "[login]") {
    Fixture f;
    CHECK_FALSE(f.presenter->Submit());
    CHECK(f.presenter->Issue(LoginField::ServerUrl) == FieldIssue::Required);
    CHECK(f.presenter->Issue(LoginField::Tenant) == FieldIssue::Required);
    CHECK(f.presenter->Issue(LoginField::LoginId) == FieldIssue::Required);
    CHECK(f.presenter->Issue(LoginField::Password) == FieldIssue::Required);
    CHECK(f.presenter->FirstIssue() == LoginField::ServerUrl);
    CHECK_FALSE(f.presenter->Busy());
    CHECK(f.runner.Pending() == 0);
    CHECK(f.clientUrls.empty());

    SECTION("typing into a field clears only its issue") {
        f.presenter->SetValue(LoginField::Tenant, "demo");
        CHECK(f.presenter->Issue(LoginField::Tenant) == FieldIssue::None);
        CHECK(f.presenter->Issue(LoginField::LoginId) == FieldIssue::Required);
    }
    SECTION("blanks are empty, but a password of spaces is a password") {
        f.Fill("  ", "manager", "   ");
        CHECK_FALSE(f.presenter->Submit());
        CHECK(f.presenter->Issue(LoginField::Tenant) == FieldIssue::Required);
        CHECK(f.presenter->Issue(LoginField::Password) == FieldIssue::None);
    }
}

TEST_CASE("the server URL must be https with a host and a valid port", "[login]") {
    using P = LoginPresenter;
    CHECK(P::CheckUrl("https://127.0.0.1:8443") == FieldIssue::None);
    CHECK(P::CheckUrl("  HTTPS://Resv.Example.jp/ ") == FieldIssue::None);
    CHECK(P::CheckUrl("https://[::1]:8443") == FieldIssue::None);
    CHECK(P::CheckUrl("https://resv.example.jp/base") == FieldIssue::None);
    CHECK(P::CheckUrl("") == FieldIssue::Required);
    CHECK(P::CheckUrl("http://127.0.0.1:8443") == FieldIssue::NotHttps);
    CHECK(P::CheckUrl("ftp://resv.example.jp") == FieldIssue::NotHttps);
    CHECK(P::CheckUrl("127.0.0.1:8443") == FieldIssue::NotHttps);
    CHECK(P::CheckUrl("https://") == FieldIssue::InvalidUrl);
    CHECK(P::CheckUrl("https://host:0") == FieldIssue::InvalidUrl);
    CHECK(P::CheckUrl("https://host:65536") == FieldIssue::InvalidUrl);
    CHECK(P::CheckUrl("https://host:port") == FieldIssue::InvalidUrl);
    CHECK(P::CheckUrl("https://user@host") == FieldIssue::InvalidUrl);
    CHECK(P::CheckUrl("https://my host") == FieldIssue::InvalidUrl);
    CHECK(P::CheckUrl("https://[::1") == FieldIssue::InvalidUrl);
    CHECK(P::NormalizeUrl(" https://resv.example.jp// ") == "https://resv.example.jp");
}

TEST_CASE("a login runs on the worker and hands over the client, the answer and /me", "[login]") {
    Fixture f;
    f.Fill(" demo ", " manager ");
    REQUIRE(f.presenter->Submit());
    CHECK(f.presenter->Busy());
    CHECK(f.apiClient->logins.empty()); // nothing ran on the calling (UI) thread

    f.runner.RunAll();
    CHECK(f.presenter->Busy()); // the result has not reached the UI thread yet
    CHECK(f.view.loggedIn.empty());
    f.ui.RunAll();

    CHECK_FALSE(f.presenter->Busy());
    REQUIRE(f.apiClient->logins.size() == 1);
    CHECK(f.apiClient->logins[0].tenant == "demo");
    CHECK(f.apiClient->logins[0].loginId == "manager");
    CHECK(f.apiClient->logins[0].password == "Kanri-Demo#2026");
    CHECK_FALSE(f.apiClient->logins[0].actAsTenant);
    CHECK(f.apiClient->meCalls == 1);
    CHECK(f.apiClient->resetCancelCalls == 1);
    REQUIRE(f.view.loggedIn.size() == 1);
    CHECK(f.view.loggedIn[0].client == f.apiClient);
    CHECK(f.view.loggedIn[0].serverUrl == "https://127.0.0.1:8443");
    CHECK(f.view.loggedIn[0].me == SampleMe());
    CHECK(f.view.loggedIn[0].response.token == "token-for-tests");

    // Remembered: everything but the password.
    CHECK(f.settings.loginSaves == 1);
    CHECK(f.settings.login == RememberedLogin{"https://127.0.0.1:8443", "demo", "manager", ""});
    CHECK(f.presenter->Form().password.empty());
}

TEST_CASE("a refused login keeps everything typed and says why", "[login]") {
    Fixture f;
    f.apiClient->onLogin = [](const model::LoginRequest&) -> model::LoginResponse {
        throw HttpError(401, model::error_code::kInvalidCredentials);
    };
    f.Fill("demo", "manager", "wrong-password");
    REQUIRE(f.presenter->Submit());
    f.Finish();

    CHECK_FALSE(f.presenter->Busy());
    REQUIRE(f.presenter->Error());
    CHECK(f.presenter->Error()->Code() == "invalid_credentials");
    CHECK(f.view.loggedIn.empty());
    CHECK(f.settings.loginSaves == 0);
    CHECK(f.presenter->Form().tenant == "demo");
    CHECK(f.presenter->Form().loginId == "manager");
    CHECK(f.presenter->Form().password == "wrong-password");
    CHECK(f.apiClient->meCalls == 0);

    SECTION("the next attempt clears the error and reuses the client") {
        f.apiClient->onLogin = [](const model::LoginRequest&) { return SampleLogin(); };
        REQUIRE(f.presenter->Submit());
        CHECK_FALSE(f.presenter->Error());
        f.Finish();
        CHECK(f.view.loggedIn.size() == 1);
        CHECK(f.clientUrls.size() == 1);
    }
    SECTION("another server URL gets a new client") {
        f.presenter->SetValue(LoginField::ServerUrl, "https://other.example.jp");
        REQUIRE(f.presenter->Submit());
        CHECK(f.clientUrls ==
              std::vector<std::string>{"https://127.0.0.1:8443", "https://other.example.jp"});
    }
}

TEST_CASE("failures of every kind reach the presenter as one ApiError", "[login]") {
    Fixture f;
    SECTION("server unreachable") {
        f.apiClient->onLogin = [](const model::LoginRequest&) -> model::LoginResponse {
            throw client::ApiError(client::ApiError::Kind::Network, "Connection refused");
        };
        f.Fill();
        f.presenter->Submit();
        f.Finish();
        REQUIRE(f.presenter->Error());
        CHECK(f.presenter->Error()->GetKind() == client::ApiError::Kind::Network);
    }
    SECTION("an unexpected exception becomes internal_error, not a crash") {
        f.apiClient->onGetMe = []() -> model::Me { throw std::runtime_error("boom"); };
        f.Fill();
        f.presenter->Submit();
        f.Finish();
        REQUIRE(f.presenter->Error());
        CHECK(f.presenter->Error()->Code() == "internal_error");
        CHECK(f.view.loggedIn.empty());
    }
    SECTION("a client that cannot be made for the URL") {
        Fixture g;
        auto presenter = std::make_unique<LoginPresenter>(
            [](const std::string&) -> std::shared_ptr<client::IApiClient> {
                throw client::ApiError(client::ApiError::Kind::Network, "bad URL");
            },
            g.settings, g.runner, g.ui);
        presenter->SetValue(LoginField::ServerUrl, "https://127.0.0.1:8443");
        presenter->SetValue(LoginField::Tenant, "demo");
        presenter->SetValue(LoginField::LoginId, "manager");
        presenter->SetValue(LoginField::Password, "x");
        CHECK_FALSE(presenter->Submit());
        CHECK_FALSE(presenter->Busy());
        REQUIRE(presenter->Error());
        CHECK(presenter->Error()->GetKind() == client::ApiError::Kind::Network);
    }
}

TEST_CASE("Cancel stops the login and its late result is dropped", "[login]") {
    Fixture f;
    f.Fill();
    REQUIRE(f.presenter->Submit());
    REQUIRE(f.presenter->Cancel());
    CHECK(f.apiClient->cancelCalls == 1);
    CHECK_FALSE(f.presenter->Busy());
    CHECK(f.presenter->Form().password == "Kanri-Demo#2026"); // nothing typed is lost

    f.Finish(); // the request completes anyway: its result must not log the user in
    CHECK(f.view.loggedIn.empty());
    CHECK_FALSE(f.presenter->Error());
    CHECK(f.settings.loginSaves == 0);
    CHECK_FALSE(f.presenter->Cancel()); // nothing left to cancel

    SECTION("a new attempt after a cancel is delivered, the old one still is not") {
        REQUIRE(f.presenter->Submit());
        REQUIRE(f.presenter->Cancel());
        REQUIRE(f.presenter->Submit());
        f.Finish();
        CHECK(f.view.loggedIn.size() == 1);
        CHECK(f.apiClient->logins.size() == 3);
    }
}

TEST_CASE("a result for a presenter that is gone is dropped", "[login]") {
    Fixture f;
    f.Fill();
    REQUIRE(f.presenter->Submit());
    f.presenter.reset(); // the dialog closed
    CHECK(f.apiClient->cancelCalls == 1);
    f.Finish(); // must neither crash nor call the view
    CHECK(f.view.loggedIn.empty());
    CHECK(f.settings.loginSaves == 0);
}

TEST_CASE("only a login to the provider's tenant may act as a customer tenant", "[login]") {
    Fixture f;
    f.Fill("demo", "manager");
    f.presenter->SetValue(LoginField::ActAsTenant, "other");
    CHECK_FALSE(f.presenter->ActAsApplies());
    f.presenter->Submit();
    f.Finish();
    REQUIRE(f.apiClient->logins.size() == 1);
    CHECK_FALSE(f.apiClient->logins[0].actAsTenant);
    CHECK(f.settings.login.actAsTenant.empty());

    f.Fill("provider", "support", "Hoshu-Desk#2026");
    f.presenter->SetValue(LoginField::ActAsTenant, " demo ");
    CHECK(f.presenter->ActAsApplies());
    f.presenter->Submit();
    f.Finish();
    REQUIRE(f.apiClient->logins.size() == 2);
    CHECK(f.apiClient->logins[1].actAsTenant == "demo");
    CHECK(f.settings.login.actAsTenant == "demo");

    SECTION("an operator without a tenant to act in logs in as the provider") {
        f.presenter->SetValue(LoginField::ActAsTenant, "");
        f.presenter->SetValue(LoginField::Password, "Hoshu-Desk#2026");
        f.presenter->Submit();
        f.Finish();
        REQUIRE(f.apiClient->logins.size() == 3);
        CHECK_FALSE(f.apiClient->logins[2].actAsTenant);
    }
}

TEST_CASE("the reason for coming back to the login shows until the next attempt", "[login]") {
    Fixture f;
    f.presenter->ShowReason(HttpError(401, model::error_code::kSessionExpired));
    REQUIRE(f.presenter->Error());
    CHECK(f.presenter->Error()->Code() == "session_expired");
    f.Fill();
    f.presenter->Submit();
    CHECK_FALSE(f.presenter->Error());
}
