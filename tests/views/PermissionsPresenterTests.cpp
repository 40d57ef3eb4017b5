// The Permissions screen's presenters over a fake API and a runner the test drives: the matrix
// edit and the exact RoleInput it sends, the tier rule, errors and the effective-access model.
#include "FakePermissionsApi.h"
#include "Fakes.h"

#include "views/permissions/EffectiveAccessPresenter.h"
#include "views/permissions/PermissionsPresenter.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::views;
using test::FakePermissionsApi;

namespace {

struct Fixture {
    std::shared_ptr<FakePermissionsApi> api = std::make_shared<FakePermissionsApi>();
    test::ManualRunner runner;
    test::ManualDispatcher ui;
    std::vector<RoleNotice> notices;

    void Run() {
        while (runner.Pending() > 0 || ui.Pending() > 0) {
            runner.RunAll();
            ui.RunAll();
        }
    }

    std::unique_ptr<PermissionsPresenter> Presenter(RoleAccess access = {true, true, true}) {
        auto presenter = std::make_unique<PermissionsPresenter>(api, access, runner, ui);
        presenter->SetCallbacks({{}, {}, [this](const RoleNotice& n) { notices.push_back(n); }});
        presenter->Refresh();
        Run();
        return presenter;
    }
};

const MatrixRow& RowOf(const std::vector<MatrixRow>& rows, const std::string& permission) {
    const auto it = std::find_if(rows.begin(), rows.end(),
                                 [&](const MatrixRow& r) { return r.permission == permission; });
    REQUIRE(it != rows.end());
    return *it;
}

} // namespace

TEST_CASE("access to the screen follows /me's permissions, or the built-in roles without them",
          "[permissions]") {
    model::Me me = test::SampleMe();
    me.roles = {"Front desk"};
    me.permissions = {"roles.read", "facilities.read"};
    const RoleAccess custom = RoleAccessFor(me);
    CHECK((custom.read && !custom.write && !custom.readAccounts));

    me.roles = {"customermanager"};
    me.permissions.clear(); // an older server
    const RoleAccess manager = RoleAccessFor(me);
    CHECK((manager.read && manager.write && manager.readAccounts));
    me.roles = {"customeremployee"};
    CHECK_FALSE(RoleAccessFor(me).read);
}

TEST_CASE("ticking and unticking boxes sends exactly the permissions shown, in catalogue order",
          "[permissions]") {
    Fixture f;
    auto presenter = f.Presenter();
    REQUIRE(presenter->Loaded());
    REQUIRE(presenter->Select("role_front"));
    CHECK_FALSE(presenter->Dirty());

    presenter->SetPermission("notices.ack", true);
    presenter->SetPermission("notices.read", false);
    presenter->SetPermission("accounts.read", true);
    const auto rows = presenter->Matrix();
    CHECK(RowOf(rows, "notices.ack").checked);
    CHECK(RowOf(rows, "notices.ack").changed);
    CHECK_FALSE(RowOf(rows, "notices.read").checked);
    CHECK_FALSE(RowOf(rows, "facilities.write").changed);
    REQUIRE(presenter->Dirty());

    presenter->Save();
    CHECK(presenter->Busy());
    f.Run();
    REQUIRE(f.api->roleInputs.size() == 1);
    const model::RoleInput& sent = f.api->roleInputs[0];
    CHECK_FALSE(sent.name);
    CHECK_FALSE(sent.tier);
    REQUIRE(sent.permissions);
    CHECK(*sent.permissions == std::vector<std::string>{"accounts.read", "facilities.read",
                                                        "terminals.read", "notices.ack"});
    CHECK(f.api->calls.back() == "UpdateRole role_front");
    CHECK_FALSE(presenter->Dirty());
    CHECK(presenter->Selected()->permissions == *sent.permissions);
    CHECK(f.notices.empty());
}

TEST_CASE("undoing a change by hand leaves nothing to save", "[permissions]") {
    Fixture f;
    auto presenter = f.Presenter();
    REQUIRE(presenter->Select("role_front"));
    presenter->SetPermission("notices.ack", true);
    presenter->SetPermission("notices.ack", false);
    CHECK_FALSE(presenter->Dirty());
    CHECK_FALSE(presenter->PendingInput());
}

TEST_CASE("an employee-tier role cannot hold manager-tier-only permissions", "[permissions]") {
    Fixture f;
    auto presenter = f.Presenter();
    REQUIRE(presenter->Select("role_front"));
    const auto rows = presenter->Matrix();
    CHECK(RowOf(rows, "usage.read").lock == LockReason::TierTooLow);
    CHECK(RowOf(rows, "monitoring.read").lock == LockReason::TierTooLow);
    CHECK(RowOf(rows, "usage.export").lock == LockReason::TierTooLow);
    CHECK(RowOf(rows, "notices.ack").lock == LockReason::None);
    presenter->SetPermission("usage.read", true);
    CHECK_FALSE(RowOf(presenter->Matrix(), "usage.read").checked);
    CHECK_FALSE(presenter->Dirty());

    // Raising the tier unlocks them; lowering it again takes them out of what is sent.
    presenter->SetTier(model::Tier::Manager);
    CHECK(RowOf(presenter->Matrix(), "usage.read").lock == LockReason::None);
    presenter->SetPermission("usage.read", true);
    CHECK(presenter->PendingInput()->tier == model::Tier::Manager);
    presenter->SetTier(model::Tier::Employee);
    CHECK_FALSE(RowOf(presenter->Matrix(), "usage.read").checked);
    CHECK_FALSE(presenter->Dirty());

    // An area manager's role lowered to employee loses the two on saving.
    presenter->Revert();
    REQUIRE(presenter->Select("role_area"));
    presenter->SetTier(model::Tier::Employee);
    const auto input = presenter->PendingInput();
    REQUIRE(input);
    CHECK(input->tier == model::Tier::Employee);
    CHECK(*input->permissions == std::vector<std::string>{"facilities.read", "terminals.read"});
}

TEST_CASE("built-in roles and read-only accounts lock the whole matrix", "[permissions]") {
    Fixture f;
    auto presenter = f.Presenter();
    REQUIRE(presenter->Select("customermanager"));
    CHECK_FALSE(presenter->CanEditSelected());
    for (const MatrixRow& row : presenter->Matrix()) {
        CHECK(row.lock == LockReason::Builtin);
    }
    presenter->SetPermission("usage.read", false);
    CHECK_FALSE(presenter->Dirty());

    auto readOnly = f.Presenter({true, false, false});
    REQUIRE(readOnly->Select("role_front"));
    CHECK(RowOf(readOnly->Matrix(), "notices.ack").lock == LockReason::ReadOnlyAccount);
    readOnly->SetPermission("notices.ack", true);
    CHECK_FALSE(readOnly->Dirty());
    readOnly->Delete("role_front");
    CHECK(f.runner.Pending() == 0);
}

TEST_CASE("a refresh keeps the edit as a diff over someone else's change", "[permissions]") {
    Fixture f;
    auto presenter = f.Presenter();
    REQUIRE(presenter->Select("role_front"));
    presenter->SetPermission("notices.ack", true);
    // Meanwhile someone else gave the role terminals.write.
    for (model::Role& role : f.api->roles) {
        if (role.id == "role_front") {
            role.permissions.push_back("terminals.write");
        }
    }
    presenter->Refresh();
    f.Run();
    const auto rows = presenter->Matrix();
    CHECK(RowOf(rows, "notices.ack").checked);
    CHECK(RowOf(rows, "terminals.write").checked);
    CHECK_FALSE(RowOf(rows, "terminals.write").changed);
    CHECK_FALSE(presenter->Select("role_area")); // the edit is unsaved
    presenter->Save();
    f.Run();
    CHECK(*f.api->roleInputs.back().permissions ==
          std::vector<std::string>{"facilities.read", "terminals.read", "terminals.write",
                                   "notices.read", "notices.ack"});
}

TEST_CASE("the server's tier rule and other refusals become notices, the edit stays",
          "[permissions]") {
    Fixture f;
    auto presenter = f.Presenter();
    REQUIRE(presenter->Select("role_front"));
    presenter->SetPermission("notices.ack", true);
    f.api->nextError = test::HttpError(400, "permission_not_allowed_for_tier");
    presenter->Save();
    f.Run();
    REQUIRE(f.notices.size() == 1);
    CHECK(f.notices[0].kind == RoleNotice::Kind::TierRule);
    CHECK(presenter->Dirty());
    CHECK_FALSE(presenter->Busy());

    f.api->nextError = test::HttpError(409, "conflict");
    presenter->Rename("role_front", "Area manager");
    f.Run();
    REQUIRE(f.notices.size() == 2);
    CHECK(f.notices[1].kind == RoleNotice::Kind::Error);
    CHECK(f.notices[1].error->Code() == "conflict");
    CHECK(presenter->FindRole("role_front")->name == "Front desk");
}

TEST_CASE("deleting a role still held says how many accounts hold it", "[permissions]") {
    Fixture f;
    for (int i = 0; i < 5; ++i) {
        f.api->accounts.push_back(FakePermissionsApi::Account(
            "acc_" + std::to_string(i), "staff" + std::to_string(i), "Staff", {"Front desk"}));
    }
    f.api->accounts.push_back(
        FakePermissionsApi::Account("acc_x", "other", "Other", {"Area manager"}));
    auto presenter = f.Presenter();
    presenter->Delete("role_front");
    f.Run();
    REQUIRE(f.notices.size() == 1);
    CHECK(f.notices[0].kind == RoleNotice::Kind::StillHeld);
    CHECK(f.notices[0].roleName == "Front desk");
    CHECK(f.notices[0].holders == 5); // counted over three pages
    CHECK(f.api->queries.back().role == "Front desk");
    CHECK(presenter->FindRole("role_front") != nullptr);

    f.api->accounts.clear();
    presenter->Delete("role_front");
    f.Run();
    CHECK(presenter->FindRole("role_front") == nullptr);
    CHECK(f.notices.size() == 1);
}

TEST_CASE("a new role is created with its name and tier, and selected", "[permissions]") {
    Fixture f;
    auto presenter = f.Presenter();
    presenter->Create("Night shift", model::Tier::Employee);
    f.Run();
    REQUIRE(f.api->roleInputs.size() == 1);
    CHECK(f.api->roleInputs[0] ==
          model::RoleInput{"Night shift", model::Tier::Employee, std::vector<std::string>{}});
    REQUIRE(presenter->Selected());
    CHECK(presenter->Selected()->name == "Night shift");
    CHECK(presenter->CanEditSelected());
}

TEST_CASE("effective access is arranged by catalogue, jurisdiction and facility", "[permissions]") {
    model::EffectiveAccess access;
    access.accountId = "acc_1";
    access.loginId = "tanaka";
    access.tier = model::Tier::Employee;
    access.permissions = {{"facilities.read", {"customeremployee", "Front desk"}},
                          {"notices.read", {"Front desk"}}};
    access.scope.all = false;
    access.scope.jurisdictions = {"jur_osaka"};
    access.scope.facilities = {"fac_shinjuku"};
    access.jurisdictions = {{"jur_osaka", "Osaka"}};
    access.facilities = {{"fac_umeda", "Umeda", "jur_osaka", "Osaka", "jurisdiction"},
                         {"fac_shinjuku", "Shinjuku", "jur_tokyo", "Tokyo", "facility"},
                         {"fac_namba", "Namba", "jur_osaka", "Osaka", "jurisdiction"}};
    const AccessView view = MakeAccessView(access);
    CHECK_FALSE(view.allScope);
    CHECK(view.scopeJurisdictions == std::vector<std::string>{"Osaka"});
    CHECK(view.scopeFacilities == std::vector<std::string>{"Shinjuku"});
    REQUIRE(view.permissions.size() == 2);
    CHECK(view.permissions[0].roles == std::vector<std::string>{"customeremployee", "Front desk"});
    REQUIRE(view.facilities.size() == 3);
    CHECK(view.facilities[0].facility == "Namba");
    CHECK(view.facilities[0].via == ReachVia::Jurisdiction);
    CHECK(view.facilities[2].facility == "Shinjuku");
    CHECK(view.facilities[2].via == ReachVia::Facility);
    CHECK(ReachViaFrom("all") == ReachVia::All);
    CHECK(ReachViaFrom("something") == ReachVia::Other);
}

TEST_CASE("the account search drops an older answer, and choosing loads its access",
          "[permissions]") {
    Fixture f;
    f.api->accounts = {FakePermissionsApi::Account("acc_1", "tanaka", "Tanaka", {"Front desk"}),
                       FakePermissionsApi::Account("acc_2", "suzuki", "Suzuki", {"Front desk"})};
    model::EffectiveAccess access;
    access.accountId = "acc_1";
    access.loginId = "tanaka";
    f.api->access["acc_1"] = access;
    EffectiveAccessPresenter presenter(f.api, f.runner, f.ui);
    std::vector<client::ApiError> failures;
    presenter.SetCallbacks({{}, {}, [&](const client::ApiError& e) { failures.push_back(e); }});

    presenter.Search("suz");
    presenter.Search("tana");
    f.Run();
    REQUIRE(presenter.Accounts().size() == 1);
    CHECK(presenter.Accounts()[0].loginId == "tanaka");
    CHECK(f.api->queries.back().q == "tana");
    CHECK(f.api->queries.back().limit == EffectiveAccessPresenter::kSearchLimit);

    presenter.Choose("acc_1");
    CHECK(presenter.LoadingAccess());
    f.Run();
    REQUIRE(presenter.Access());
    CHECK(presenter.Access()->loginId == "tanaka");

    presenter.Choose("acc_2"); // the fake knows no access for it: 404
    f.Run();
    CHECK_FALSE(presenter.Access());
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].Code() == "not_found");
}

TEST_CASE("choosing the shown account again asks nothing, a reload asks again", "[permissions]") {
    Fixture f;
    model::EffectiveAccess access;
    access.accountId = "acc_1";
    access.loginId = "tanaka";
    access.permissions = {{"facilities.read", {"customeremployee"}}};
    f.api->access["acc_1"] = access;
    EffectiveAccessPresenter presenter(f.api, f.runner, f.ui);
    presenter.Choose("acc_1");
    f.Run();
    REQUIRE(presenter.Access());
    CHECK(presenter.Access()->permissions.size() == 1);

    // The account's roles change (the Edit button of the tab): the same account is shown again.
    access.permissions.push_back({"usage.read", {"customermanager_viewer"}});
    f.api->access["acc_1"] = access;
    presenter.Choose("acc_1");
    f.Run();
    CHECK(presenter.Access()->permissions.size() == 1);
    presenter.Reload();
    CHECK(presenter.LoadingAccess());
    f.Run();
    REQUIRE(presenter.Access());
    CHECK(presenter.Access()->permissions.size() == 2);
    CHECK(presenter.Access()->permissions[1].permission == "usage.read");
}
