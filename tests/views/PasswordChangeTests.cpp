// The password change presenter over fakes: length and match checked as typed, the login ID,
// the server's weak_password reasons placed on the new password, and a fresh /me at the end.
#include "FakePermissionsApi.h"
#include "Fakes.h"

#include "views/login/PasswordChangePresenter.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::views;
using test::FakePermissionsApi;

namespace {

struct Fixture {
    std::shared_ptr<FakePermissionsApi> api = std::make_shared<FakePermissionsApi>();
    std::shared_ptr<test::FakeApiClient> client = std::make_shared<test::FakeApiClient>();
    test::ManualRunner runner;
    test::ManualDispatcher ui;
    PasswordChangePresenter presenter{api, client, "tanaka", runner, ui};
    std::vector<model::Me> done;
    int changes = 0;

    Fixture() {
        client->onGetMe = [] {
            model::Me me = test::SampleMe();
            me.mustChangePassword = false;
            return me;
        };
        presenter.SetCallbacks(
            {[this] { ++changes; }, [this](const model::Me& me) { done.push_back(me); }});
    }

    void Run() {
        while (runner.Pending() > 0 || ui.Pending() > 0) {
            runner.RunAll();
            ui.RunAll();
        }
    }

    void Fill(const std::string& current, const std::string& fresh, const std::string& confirm) {
        presenter.SetValue(PasswordField::Current, current);
        presenter.SetValue(PasswordField::New, fresh);
        presenter.SetValue(PasswordField::Confirm, confirm);
    }
};

} // namespace

TEST_CASE("characters are counted as people count them, Japanese included", "[password]") {
    CHECK(CountCharacters("abc") == 3);
    // 12 kana of three bytes each: long enough, although only 12 characters.
    const std::string kana = "\xE3\x81\x95\xE3\x81\x8F\xE3\x82\x89\xE3\x81\x95\xE3\x81\x8F"
                             "\xE3\x82\x89\xE3\x81\x95\xE3\x81\x8F\xE3\x82\x89\xE3\x81\x95"
                             "\xE3\x81\x8F\xE3\x82\x89";
    CHECK(CountCharacters(kana) == 12);
    Fixture f;
    f.presenter.SetValue(PasswordField::New, kana);
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::None);
}

TEST_CASE("length, the login ID and the confirmation are checked as the user types", "[password]") {
    Fixture f;
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::None); // nothing typed yet
    f.presenter.SetValue(PasswordField::New, "short");
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::TooShort);
    CHECK(f.presenter.NewLength() == 5);
    f.presenter.SetValue(PasswordField::New, std::string(129, 'x'));
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::TooLong);
    f.presenter.SetValue(PasswordField::New, "my-TANAKA-password");
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::ContainsLoginId);
    f.presenter.SetValue(PasswordField::New, "Kawa no nagare 2026");
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::None);
    f.presenter.SetValue(PasswordField::Confirm, "Kawa no");
    CHECK(f.presenter.Issue(PasswordField::Confirm) == PasswordIssue::Mismatch);
    f.presenter.SetValue(PasswordField::Confirm, "Kawa no nagare 2026");
    CHECK(f.presenter.Issue(PasswordField::Confirm) == PasswordIssue::None);
    CHECK(f.changes > 0);
}

TEST_CASE("nothing is sent while a field is missing or wrong", "[password]") {
    Fixture f;
    CHECK_FALSE(f.presenter.Submit());
    CHECK(f.presenter.Issue(PasswordField::Current) == PasswordIssue::Required);
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::Required);
    CHECK(f.presenter.Issue(PasswordField::Confirm) == PasswordIssue::Required);
    CHECK(f.presenter.FirstIssue() == PasswordField::Current);
    f.Fill("Ichiji-Pass#01", "Kawa no nagare 2026", "Kawa no nagare 2025");
    CHECK_FALSE(f.presenter.Submit());
    CHECK(f.presenter.FirstIssue() == PasswordField::Confirm);
    f.Fill("Ichiji-Pass#01", "Ichiji-Pass#01", "Ichiji-Pass#01");
    CHECK_FALSE(f.presenter.Submit());
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::SameAsCurrent);
    CHECK(f.runner.Pending() == 0);
}

TEST_CASE("the server's reasons land on the field they concern until it is edited", "[password]") {
    Fixture f;
    f.Fill("Ichiji-Pass#01", "my password 2026", "my password 2026");
    REQUIRE(f.presenter.Submit());
    CHECK(f.presenter.Busy());
    f.Run();
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::CommonPassword);
    CHECK_FALSE(f.presenter.Error());
    CHECK(f.done.empty());
    // Editing another field keeps the verdict; editing the new password clears it.
    f.presenter.SetValue(PasswordField::Confirm, "my password 2026 ");
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::CommonPassword);
    f.Fill("Wrong-Current#1", "hana to sakura 2026", "hana to sakura 2026");
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::None);
    REQUIRE(f.presenter.Submit());
    f.Run();
    CHECK(f.presenter.Issue(PasswordField::Current) == PasswordIssue::IncorrectCurrent);
    f.presenter.SetValue(PasswordField::Current, "Ichiji-Pass#01");
    CHECK(f.presenter.Issue(PasswordField::Current) == PasswordIssue::None);
    REQUIRE(f.presenter.Submit());
    f.Run();
    CHECK(f.presenter.Issue(PasswordField::New) == PasswordIssue::DictionaryWord);

    CHECK(IssueForReason("too_short") == PasswordIssue::TooShort);
    CHECK(IssueForReason("too_long") == PasswordIssue::TooLong);
    CHECK(IssueForReason("contains_login_id") == PasswordIssue::ContainsLoginId);
    CHECK(IssueForReason("dictionary_word") == PasswordIssue::DictionaryWord);
    CHECK(IssueForReason("common_password") == PasswordIssue::CommonPassword);
    CHECK(IssueForReason("too_simple") == PasswordIssue::TooSimple);
    CHECK(IssueForReason("something_new") == PasswordIssue::Rejected);
}

TEST_CASE("a good password is sent once, then /me is read fresh", "[password]") {
    Fixture f;
    f.Fill("Ichiji-Pass#01", "Kawa no nagare 2026", "Kawa no nagare 2026");
    REQUIRE(f.presenter.Submit());
    CHECK_FALSE(f.presenter.Submit()); // busy
    f.Run();
    REQUIRE(f.api->passwordChanges.size() == 1);
    CHECK(f.api->passwordChanges[0] ==
          model::PasswordChange{"Ichiji-Pass#01", "Kawa no nagare 2026"});
    CHECK(f.client->meCalls == 1);
    REQUIRE(f.done.size() == 1);
    CHECK_FALSE(f.done[0].mustChangePassword);
    CHECK(f.presenter.Value(PasswordField::New).empty());
}

TEST_CASE("a failure that belongs to no field is kept as the error", "[password]") {
    Fixture f;
    f.Fill("Ichiji-Pass#01", "Kawa no nagare 2026", "Kawa no nagare 2026");
    f.api->nextError = client::ApiError(client::ApiError::Kind::Network, "refused");
    REQUIRE(f.presenter.Submit());
    f.Run();
    REQUIRE(f.presenter.Error());
    CHECK(f.presenter.Error()->GetKind() == client::ApiError::Kind::Network);
    CHECK(f.presenter.FirstIssue() == std::nullopt);
    CHECK(f.done.empty());
}
