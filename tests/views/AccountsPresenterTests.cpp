// The Accounts presenter and the account dialog's presenter over a fake API, with a runner and a
// dispatcher the test drives.
#include "FakeAccountsApi.h"
#include "FakeFacilitiesApi.h"
#include "Fakes.h"

#include "views/accounts/AccountEditPresenter.h"
#include "views/accounts/AccountsPresenter.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::views;
using test::FakeAccountsApi;

namespace {

struct Fixture {
    std::shared_ptr<FakeAccountsApi> api = std::make_shared<FakeAccountsApi>();
    std::shared_ptr<test::FakeApiClient> client = std::make_shared<test::FakeApiClient>();
    test::ManualRunner runner;
    test::ManualDispatcher ui;
    std::vector<client::ApiError> failures;
    std::vector<IssuedPassword> passwords;
    std::vector<std::string> exports;
    std::vector<model::ImportResult> imported;
    std::vector<ImportProblem> rejected;
    int checked = 0;

    explicit Fixture(int count = 5) { test::FillAccounts(*api, count); }

    void Run() {
        while (runner.Pending() > 0 || ui.Pending() > 0) {
            runner.RunAll();
            ui.RunAll();
        }
    }

    std::unique_ptr<AccountsPresenter> Presenter(AccountPermissions permissions = {true, true}) {
        auto p = std::make_unique<AccountsPresenter>(api, client, permissions, "acc_1", runner, ui);
        AccountsPresenter::Callbacks callbacks;
        callbacks.failed = [this](const client::ApiError& e) { failures.push_back(e); };
        callbacks.passwordIssued = [this](const IssuedPassword& p) { passwords.push_back(p); };
        callbacks.exported = [this](const std::string& csv) { exports.push_back(csv); };
        callbacks.importChecked = [this] { ++checked; };
        callbacks.imported = [this](const model::ImportResult& r) { imported.push_back(r); };
        callbacks.importRejected = [this](ImportProblem p) { rejected.push_back(p); };
        p->SetCallbacks(std::move(callbacks));
        p->Start();
        Run();
        return p;
    }
};

std::vector<std::string> LoginIds(const AccountsPresenter& p) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < p.RowCount(); ++i) {
        ids.push_back(p.Row(i).loginId);
    }
    return ids;
}

} // namespace

TEST_CASE("accounts permissions come from /me's permissions, custom roles included", "[accounts]") {
    model::Me me = test::SampleMe();
    me.roles = {"Front desk lead"}; // a custom role the console knows nothing about
    me.permissions = {"accounts.read", "facilities.read"};
    const auto readOnly = AccountPermissionsFor(me);
    CHECK((readOnly.read && !readOnly.write));
    me.permissions.push_back("accounts.write");
    CHECK(AccountPermissionsFor(me).write);
    me.permissions = {};
    CHECK_FALSE(AccountPermissionsFor(me).read);
}

TEST_CASE("read-only sessions see the list with every action unavailable", "[accounts]") {
    Fixture f;
    auto p = f.Presenter({true, false});
    REQUIRE(p->RowCount() == 5);
    p->Select("acc_2");
    for (auto action :
         {AccountAction::New, AccountAction::Edit, AccountAction::Disable,
          AccountAction::ResetPassword, AccountAction::Delete, AccountAction::Import}) {
        CHECK(p->WhyNot(action) == Unavailable::ReadOnly);
    }
    p->Disable();
    f.Run();
    CHECK(f.api->Find("acc_2")->status == model::AccountStatus::Active);
}

TEST_CASE("pages load as the last rows become visible, and stop at the end", "[accounts]") {
    Fixture f(250);
    auto p = f.Presenter();
    CHECK(p->RowCount() == 100);
    CHECK(p->HasMore());
    p->RowsVisible(40);
    CHECK(f.runner.Pending() == 0); // far from the end: nothing asked
    p->RowsVisible(85);
    p->RowsVisible(90); // already loading: asked once
    f.Run();
    CHECK(p->RowCount() == 200);
    CHECK(f.api->LastQuery().cursor == std::optional<std::string>("100"));
    p->RowsVisible(199);
    f.Run();
    CHECK(p->RowCount() == 250);
    CHECK_FALSE(p->HasMore());
    CHECK(p->Row(249).loginId == "user250");
    const auto listCalls = std::count(f.api->calls.begin(), f.api->calls.end(), "ListAccounts");
    p->RowsVisible(249);
    f.Run();
    CHECK(std::count(f.api->calls.begin(), f.api->calls.end(), "ListAccounts") == listCalls);
}

TEST_CASE("search, filters and sorting become the query and start again from the first page",
          "[accounts]") {
    Fixture f(250);
    auto p = f.Presenter();
    p->RowsVisible(99);
    f.Run();
    REQUIRE(p->RowCount() == 200);

    p->SetSearch("  user01 ");
    f.Run();
    CHECK(f.api->LastQuery().q == "user01");
    CHECK_FALSE(f.api->LastQuery().cursor.has_value());
    CHECK(p->RowCount() == 10); // user010..user019

    p->SetRoleFilter("customermanager");
    p->SetStatusFilter(model::AccountStatus::Active);
    f.Run();
    CHECK(f.api->LastQuery().role == std::optional<std::string>("customermanager"));
    CHECK(f.api->LastQuery().status == model::AccountStatus::Active);
    CHECK(p->RowCount() == 0);

    p->SetRoleFilter(std::nullopt);
    p->SetStatusFilter(std::nullopt);
    p->SetSearch("");
    p->SortBy(sort_key::kLoginId); // the default column again: descending
    f.Run();
    CHECK(f.api->LastQuery().sort == "-login_id");
    CHECK(p->Row(0).loginId == "user250");
    CHECK(p->SortDescending());
    p->SortBy(sort_key::kDisplayName);
    f.Run();
    CHECK(f.api->LastQuery().sort == "display_name");
    CHECK(p->SortKey() == "display_name");
}

TEST_CASE("a result of an older query is dropped, never shown", "[accounts]") {
    Fixture f(30);
    auto p = f.Presenter();
    p->SetSearch("user02");
    f.runner.RunAll(); // the answer for "user02" is on its way to the UI thread...
    p->SetSearch("user003");
    f.Run(); // ...and arrives after the newer query
    CHECK(LoginIds(*p) == std::vector<std::string>{"user003"});
}

TEST_CASE("refresh keeps the selection and the rows scrolled through", "[accounts]") {
    Fixture f(250);
    auto p = f.Presenter();
    p->RowsVisible(99);
    f.Run();
    p->Select("acc_150");
    f.api->Find("acc_150")->displayName = "Renamed elsewhere";
    p->Refresh();
    f.Run();
    CHECK(p->RowCount() == 200);
    REQUIRE(p->Selected() != nullptr);
    CHECK(p->Selected()->displayName == "Renamed elsewhere");
}

TEST_CASE("actions call the API on the selected account and update its row", "[accounts]") {
    Fixture f;
    auto p = f.Presenter();
    p->Select("acc_2");
    CHECK(p->WhyNot(AccountAction::Enable) == Unavailable::NotNeeded);
    CHECK(p->WhyNot(AccountAction::Unlock) == Unavailable::NotNeeded);
    p->Disable();
    CHECK(p->WhyNot(AccountAction::Delete) == Unavailable::Busy);
    f.Run();
    CHECK(p->Selected()->status == model::AccountStatus::Disabled);
    CHECK(p->Can(AccountAction::Enable));
    p->Enable();
    f.Run();
    CHECK(p->Selected()->status == model::AccountStatus::Active);

    f.api->Find("acc_3")->status = model::AccountStatus::Locked;
    p->Refresh();
    f.Run();
    p->Select("acc_3");
    REQUIRE(p->Can(AccountAction::Unlock));
    p->Unlock();
    p->Select("acc_4");
    CHECK(p->WhyNot(AccountAction::ResetPassword) == Unavailable::Busy); // one change at a time
    f.Run();
    CHECK(p->Row(*p->IndexOf("acc_3")).status == model::AccountStatus::Active);

    p->ResetPassword();
    f.Run();
    REQUIRE(f.passwords.size() == 1);
    CHECK(f.passwords[0].password == "reset-user004");
    CHECK_FALSE(f.passwords[0].created);

    p->Delete();
    f.Run();
    CHECK_FALSE(p->IndexOf("acc_4").has_value());
    CHECK_FALSE(p->SelectedId().has_value());
    const std::vector<std::string> expected{"DisableAccount acc_2", "EnableAccount acc_2",
                                            "UnlockAccount acc_3", "ResetPassword acc_4",
                                            "DeleteAccount acc_4"};
    std::vector<std::string> actions;
    for (const auto& call : f.api->calls) {
        if (call.find("acc_") != std::string::npos) {
            actions.push_back(call);
        }
    }
    CHECK(actions == expected);
}

TEST_CASE("managers cannot disable or delete their own account, but may see its sessions",
          "[accounts]") {
    Fixture f;
    auto p = f.Presenter();
    p->Select("acc_1"); // the session's own
    CHECK(p->WhyNot(AccountAction::Disable) == Unavailable::Self);
    CHECK(p->WhyNot(AccountAction::Delete) == Unavailable::Self);
    CHECK(p->Can(AccountAction::SignOut)); // the sessions dialog keeps this PC's session
    CHECK(p->Can(AccountAction::Edit));
    p->Select(std::nullopt);
    CHECK(p->WhyNot(AccountAction::Edit) == Unavailable::NoSelection);
    CHECK(p->Can(AccountAction::New));
}

TEST_CASE("a refused action reports the server's error and leaves the row", "[accounts]") {
    Fixture f;
    auto p = f.Presenter();
    p->Select("acc_2");
    f.api->nextError = test::HttpError(409, model::error_code::kLastManager);
    p->Disable();
    f.Run();
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].Code() == "last_manager");
    CHECK(p->Selected()->status == model::AccountStatus::Active);
    CHECK_FALSE(p->Busy());
}

TEST_CASE("import: a dry run previews every row, Apply sends the same file for real",
          "[accounts][import]") {
    Fixture f;
    auto p = f.Presenter();
    f.api->importAnswer.valid = 2;
    f.api->importAnswer.rows = {{2, "sato", "valid", {}, {}, {}}, {3, "kato", "valid", {}, {}, {}}};
    const std::string file =
        "\xEF\xBB\xBFlogin_id,display_name,email,roles,jurisdictions,facilities\r\n"
        "sato,\"Sato, Ichiro\",,customeremployee,,\r\n"
        "kato,=cmd,,customeremployee,Tokyo,\r\n";
    p->ApplyImport(); // nothing previewed yet
    p->CheckImport(file);
    CHECK(p->Importing());
    f.Run();
    REQUIRE(f.checked == 1);
    REQUIRE(p->Preview());
    CHECK(p->Preview()->result.rows.size() == 2);
    CHECK(f.api->imports.size() == 1);
    CHECK(f.api->imports[0].second); // dry run
    CHECK_FALSE(f.api->imports[0].first.starts_with("\xEF\xBB\xBF"));

    p->ApplyImport();
    f.Run();
    REQUIRE(f.imported.size() == 1);
    REQUIRE(f.api->imports.size() == 2);
    CHECK_FALSE(f.api->imports[1].second);
    CHECK(f.api->imports[1].first == f.api->imports[0].first);

    const std::string csv = OneTimePasswordCsv(
        f.imported[0], p->Preview() ? p->Preview()->displayNames
                                    : std::map<std::string, std::string>{{"sato", "Sato, Ichiro"},
                                                                         {"kato", "=cmd"}});
    CHECK(csv == "\xEF\xBB\xBFlogin_id,display_name,one_time_password\r\n"
                 "sato,\"Sato, Ichiro\",otp-sato\r\n"
                 "kato,'=cmd,otp-kato\r\n");
}

TEST_CASE("import: bad rows block Apply, a file that is not UTF-8 is refused unsent",
          "[accounts][import]") {
    Fixture f;
    auto p = f.Presenter();
    f.api->importAnswer.valid = 1;
    f.api->importAnswer.invalid = 1;
    f.api->importAnswer.rows = {
        {2, "sato", "valid", {}, {}, {}},
        {3, "Bad Id", "error", {{"login_id", "invalid_value", ""}}, {}, {}}};
    p->CheckImport("login_id,display_name\nsato,Sato\nBad Id,X\n");
    f.Run();
    p->ApplyImport();
    f.Run();
    CHECK(f.api->imports.size() == 1);
    CHECK(f.imported.empty());

    p->CheckImport("login_id,display_name\n\x8e\x52\x93\x63,x\n"); // Shift_JIS
    p->CheckImport("\xEF\xBB\xBF\r\n");
    f.Run();
    CHECK(f.rejected == std::vector<ImportProblem>{ImportProblem::NotUtf8, ImportProblem::Empty});
    CHECK(f.api->imports.size() == 1);
}

TEST_CASE("export hands over the bytes, Cancel stops the download and drops its result",
          "[accounts]") {
    Fixture f;
    auto p = f.Presenter();
    p->Export();
    f.Run();
    REQUIRE(f.exports.size() == 1);
    CHECK(f.exports[0] == f.api->exportCsv);

    p->Export();
    CHECK(p->Exporting());
    p->CancelExport();
    CHECK(f.client->cancelCalls == 1);
    f.Run();
    CHECK(f.exports.size() == 1);
    CHECK_FALSE(p->Exporting());
    CHECK(f.client->resetCancelCalls >= 2); // the reset queued behind the download ran
    CHECK(f.failures.empty());
}

TEST_CASE("CSV records: quotes, doubled quotes, line breaks inside quotes, CRLF", "[accounts]") {
    const auto records = ParseCsv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x");
    REQUIRE(records.size() == 2);
    CHECK(records[0] == std::vector<std::string>{"a", "b,c", "say \"hi\""});
    CHECK(records[1] == std::vector<std::string>{"two\nlines", "", "x"});
}

// The dialog's presenter

namespace {

struct EditFixture {
    std::shared_ptr<FakeAccountsApi> api = std::make_shared<FakeAccountsApi>();
    std::shared_ptr<test::FakeFacilitiesApi> facilities =
        std::make_shared<test::FakeFacilitiesApi>();
    test::ManualRunner runner;
    test::ManualDispatcher ui;
    std::vector<model::AccountCreated> created;
    std::vector<model::Account> updated;
    std::vector<client::ApiError> failures;

    EditFixture() {
        test::FillAccounts(*api);
        test::FillSample(*facilities);
    }
    void Run() {
        while (runner.Pending() > 0 || ui.Pending() > 0) {
            runner.RunAll();
            ui.RunAll();
        }
    }
    std::unique_ptr<AccountEditPresenter> Edit(std::optional<model::Account> existing = {}) {
        auto p = std::make_unique<AccountEditPresenter>(api, facilities, std::move(existing),
                                                        api->roles, runner, ui);
        p->SetCallbacks({{},
                         [this](const model::AccountCreated& c) { created.push_back(c); },
                         [this](const model::Account& a) { updated.push_back(a); },
                         [this](const client::ApiError& e) { failures.push_back(e); }});
        p->Start();
        Run();
        return p;
    }
};

} // namespace

TEST_CASE("new account: the login ID is lower-cased and checked before anything is sent",
          "[accounts][dialog]") {
    EditFixture f;
    auto p = f.Edit();
    CHECK(p->SetLoginId("Sato.Ichiro") == "sato.ichiro");
    p->SetLoginId("sato ichiro");
    p->SetDisplayName("  ");
    p->Save();
    f.Run();
    CHECK(p->Errors().contains("login_id"));
    CHECK(p->Errors().contains("display_name"));
    CHECK(p->Errors().contains("roles"));
    CHECK(f.api->Calls().size() == 0); // roles came with the presenter; facilities from their API

    p->SetLoginId("sato.ichiro");
    p->SetDisplayName("\xe4\xbd\x90\xe8\x97\xa4 \xe4\xb8\x80\xe9\x83\x8e"); // Sato Ichiro in kanji
    p->SetRole("customeremployee", true);
    p->Scope().SetAll(false);
    p->Save();
    CHECK(p->Errors().contains("scope")); // neither All nor anything chosen
    p->Scope().SetJurisdiction("jur_osaka", true);
    p->ScopeChanged();
    p->Save();
    f.Run();
    REQUIRE(f.created.size() == 1);
    CHECK(f.created[0].oneTimePassword == "otp-sato.ichiro");
    const model::Account* saved = f.api->Find(f.created[0].account.id);
    CHECK(saved->scope == model::Scope{false, {"jur_osaka"}, {}});
    CHECK(saved->roles == std::vector<std::string>{"customeremployee"});
}

TEST_CASE("the server's field errors land on the field and keep what was typed",
          "[accounts][dialog]") {
    EditFixture f;
    auto p = f.Edit();
    p->SetLoginId("kato");
    p->SetDisplayName("Kato");
    p->SetEmail("kato@example.jp");
    p->SetRole("customeremployee", true);
    model::Problem problem;
    problem.status = 400;
    problem.code = model::error_code::kInvalidField;
    problem.errors = {{"scope.facilities[0]", "not_found", "no such facility"},
                      {"roles[0]", "not_allowed", "operator"}};
    f.api->nextError = client::ApiError(problem);
    p->Save();
    CHECK(p->Busy());
    f.Run();
    CHECK_FALSE(p->Busy());
    CHECK(p->Errors().at("scope").code == "not_found");
    CHECK(p->Errors().contains("roles"));
    CHECK(p->LoginId() == "kato");
    CHECK(p->Email() == "kato@example.jp");
    CHECK(f.failures.empty());
    CHECK(f.created.empty());

    f.api->nextError = test::HttpError(409, model::error_code::kConflict);
    p->Save();
    f.Run();
    CHECK(p->Errors().at("login_id").code == "conflict");
}

TEST_CASE("an edit sends only what changed, a cleared e-mail is removed", "[accounts][dialog]") {
    EditFixture f;
    model::Account existing = *f.api->Find("acc_2");
    existing.email = "old@example.jp";
    f.api->Find("acc_2")->email = existing.email;
    auto p = f.Edit(existing);
    CHECK_FALSE(p->IsNew());
    p->SetEmail("  ");
    p->SetRole("Front desk", true);
    p->Save();
    f.Run();
    REQUIRE(f.updated.size() == 1);
    REQUIRE(f.api->lastPatch);
    CHECK_FALSE(f.api->lastPatch->displayName);
    REQUIRE(f.api->lastPatch->email.has_value()); // "email": null
    CHECK_FALSE(f.api->lastPatch->email->has_value());
    CHECK(f.api->lastPatch->roles ==
          std::optional<std::vector<std::string>>({"customeremployee", "Front desk"}));
    CHECK_FALSE(f.api->lastPatch->scope);

    f.api->nextError = test::HttpError(409, model::error_code::kLastManager);
    p->SetRole("customeremployee", false);
    p->Save();
    f.Run();
    CHECK(p->Errors().at("roles").code == "last_manager");
}

TEST_CASE("scope checks: a jurisdiction is whole, unchecking one facility keeps the others",
          "[accounts][dialog]") {
    EditFixture f;
    auto p = f.Edit();
    ScopeSelection& scope = p->Scope();
    REQUIRE(scope.Jurisdictions().size() == 2);
    CHECK(scope.Jurisdictions()[0].name == "Osaka");
    scope.SetAll(false);
    scope.SetJurisdiction("jur_tokyo", true);
    CHECK(scope.FacilityChecked("fac_ueno"));
    CHECK(scope.ToScope() == model::Scope{false, {"jur_tokyo"}, {}});
    scope.SetFacility("fac_ueno", false);
    CHECK(scope.JurisdictionCheck("jur_tokyo") == ScopeSelection::Check::Partial);
    CHECK(scope.ToScope() == model::Scope{false, {}, {"fac_shinjuku"}});
    scope.SetFacility("fac_namba", true);
    CHECK(scope.ToScope() == model::Scope{false, {}, {"fac_namba", "fac_shinjuku"}});
    scope.SetJurisdiction("jur_tokyo", false);
    CHECK(scope.JurisdictionCheck("jur_tokyo") == ScopeSelection::Check::Off);
    CHECK(scope.ToScope() == model::Scope{false, {}, {"fac_namba"}});
    CHECK(FieldOfError("scope.jurisdictions[2]") == "scope");
    CHECK(FieldOfError("display_name") == "display_name");
}
