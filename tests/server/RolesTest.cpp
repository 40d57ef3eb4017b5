// Custom roles (権限): they grant what they hold and nothing else, the whitepaper's
// "customermanager 以上" rule per tier, built-ins that cannot change, renames that keep their
// holders, deletes refused while held, tenant isolation and the audit trail of every change.

#include "support/SqliteFile.h"
#include "support/StoredAccounts.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace resv;
using namespace resv::test;

namespace {

model::RoleInput RoleOf(const std::string& name, model::Tier tier,
                        std::vector<std::string> permissions) {
    model::RoleInput input;
    input.name = name;
    input.tier = tier;
    input.permissions = std::move(permissions);
    return input;
}

std::vector<std::string> NamesOf(const std::vector<model::Role>& roles) {
    std::vector<std::string> names;
    for (const auto& role : roles) {
        names.push_back(role.name);
    }
    return names;
}

std::vector<nlohmann::json> AuditOf(const TestServer& server, const std::string& action,
                                    const std::string& target) {
    return QueryRows(
        server.DataDir() / "resv.db",
        "SELECT e.details_json FROM audit_events e JOIN tenants t ON t.id = e.tenant_id "
        "WHERE t.code = 'demo' AND e.action = ?1 AND e.target_id = ?2 ORDER BY sequence",
        {action, target});
}

} // namespace

TEST_CASE("A custom role grants the permissions it holds and no others, at once when changed") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto role =
        manager->CreateRole(RoleOf("施設閲覧", model::Tier::Employee, {"facilities.read"}));
    CHECK_FALSE(role.builtin);
    CHECK(role.id.rfind("rol_", 0) == 0);
    const auto reader = LoggedIn(server, StoreAccount(server, "reader", {"施設閲覧"}));

    CHECK(reader->GetMe().permissions == std::vector<std::string>{"facilities.read"});
    CHECK(reader->ListFacilities().size() == manager->ListFacilities().size());
    model::FacilityPatch facility;
    facility.name = "新しいホテル";
    facility.jurisdictionId = manager->ListJurisdictions().at(0).id;
    auto error = ApiErrorOf([&] { reader->CreateFacility(facility); });
    CHECK(error.Status() == 403);
    CHECK(error.Code() == "forbidden");
    CHECK(ApiErrorOf([&] { reader->ListTerminals(); }).Status() == 403);
    CHECK(ApiErrorOf([&] { reader->ListRoles(); }).Status() == 403);

    model::RoleInput more;
    more.permissions = {"facilities.read", "terminals.read"};
    CHECK(manager->UpdateRole(role.id, more).permissions ==
          std::vector<std::string>{"facilities.read", "terminals.read"});
    CHECK(reader->ListTerminals().size() == manager->ListTerminals().size());
    CHECK(reader->GetMe().permissions ==
          std::vector<std::string>{"facilities.read", "terminals.read"});
}

TEST_CASE("A custom role's accounts permissions and tier count on the accounts routes") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    manager->CreateRole(
        RoleOf("人事担当", model::Tier::Manager, {"accounts.read", "accounts.write"}));
    const auto stored = StoreAccount(server, "personnel", {"人事担当"});
    const auto personnel = LoggedIn(server, stored);

    // Before, the accounts routes asked only the built-in roles and answered 403.
    const auto page = personnel->ListAccounts({});
    CHECK_FALSE(page.items.empty());
    model::AccountInput input;
    input.loginId = "new.hire";
    input.displayName = "新人 一郎";
    input.roles = {"customeremployee"};
    input.scope.all = true;
    const auto created = personnel->CreateAccount(input);
    CHECK(created.account.loginId == "new.hire");
    CHECK(personnel->GetAccount(created.account.id).displayName == "新人 一郎");

    // The account shows the tier its custom role gives, in the list, the detail and /me.
    const auto shown = manager->GetAccount(stored.id);
    CHECK(shown.tier == model::Tier::Manager);
    CHECK(personnel->GetMe().tier == model::Tier::Manager);
    const auto listed = std::find_if(page.items.begin(), page.items.end(),
                                     [](const auto& a) { return a.loginId == "personnel"; });
    REQUIRE(listed != page.items.end());
    CHECK(listed->tier == model::Tier::Manager);
}

TEST_CASE("Usage and monitoring in an employee-tier role are 400 permission_not_allowed_for_tier") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto raw = manager->SendRaw(
        "POST", "/api/v1/roles",
        R"({"name":"監視係","tier":"employee","permissions":["notices.read","monitoring.read"]})",
        "application/json");
    CHECK(raw.status == 400);
    const auto problem = model::Json::parse(raw.body);
    CHECK(problem.at("code") == "permission_not_allowed_for_tier");
    REQUIRE(problem.at("errors").size() == 1);
    CHECK(problem.at("errors").at(0).at("field") == "permissions[1]");
    CHECK(NamesOf(manager->ListRoles()).size() == 3); // nothing was made

    for (const char* permission : {"usage.read", "usage.export"}) {
        const auto error = ApiErrorOf(
            [&] { manager->CreateRole(RoleOf("x", model::Tier::Employee, {permission})); });
        CHECK(error.Code() == "permission_not_allowed_for_tier");
    }

    // Allowed at manager tier; turning that role into an employee one is refused the same way.
    const auto role = manager->CreateRole(
        RoleOf("店長", model::Tier::Manager, {"facilities.read", "usage.read", "monitoring.read"}));
    model::RoleInput demote;
    demote.tier = model::Tier::Employee;
    const auto error = ApiErrorOf([&] { manager->UpdateRole(role.id, demote); });
    CHECK(error.Status() == 400);
    CHECK(error.Code() == "permission_not_allowed_for_tier");
    REQUIRE(error.Problem().errors.size() == 2);
    // The role as GET shows it (sorted): facilities.read, monitoring.read, usage.read.
    CHECK(error.Problem().errors.at(0).field == "permissions[1]");
    CHECK(error.Problem().errors.at(1).field == "permissions[2]");
    const auto roles = manager->ListRoles();
    const auto kept =
        std::find_if(roles.begin(), roles.end(), [&](const auto& r) { return r.id == role.id; });
    REQUIRE(kept != roles.end());
    CHECK(kept->tier == model::Tier::Manager);
}

TEST_CASE(
    "An employee-tier role edited in the database to hold usage.read still does not grant it") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto role =
        manager->CreateRole(RoleOf("受付", model::Tier::Employee, {"facilities.read"}));
    Execute(server.DataDir() / "resv.db",
            "INSERT INTO role_permissions(role_id, permission) VALUES (?1, 'usage.read'), "
            "(?1, 'monitoring.read'), (?1, 'incidents.publish')",
            {role.id});
    const auto account = StoreAccount(server, "uketsuke", {"受付"});
    const auto me = LoggedIn(server, account)->GetMe();
    CHECK(me.permissions == std::vector<std::string>{"facilities.read"});
    CHECK(me.tier == model::Tier::Employee);
    const auto access = manager->GetEffectiveAccess(account.id);
    REQUIRE(access.permissions.size() == 1);
    CHECK(access.permissions.at(0).permission == "facilities.read");
}

TEST_CASE("Built-in roles are listed first and cannot be changed or deleted") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    manager->CreateRole(RoleOf("あ係", model::Tier::Employee, {"notices.read"}));
    manager->CreateRole(RoleOf("A-team", model::Tier::Employee, {"notices.read"}));
    const auto roles = manager->ListRoles();
    CHECK(NamesOf(roles) == std::vector<std::string>{"customermanager", "customermanager_viewer",
                                                     "customeremployee", "A-team", "あ係"});
    CHECK(roles.at(0).builtin);
    CHECK(roles.at(0).id == "customermanager");
    CHECK(roles.at(2).tier == model::Tier::Employee);
    CHECK_FALSE(roles.at(3).builtin);

    model::RoleInput patch;
    patch.permissions = {"notices.read"};
    for (const char* id : {"customermanager", "customermanager_viewer", "customeremployee"}) {
        auto error = ApiErrorOf([&] { manager->UpdateRole(id, patch); });
        CHECK(error.Status() == 409);
        CHECK(error.Code() == "conflict");
        error = ApiErrorOf([&] { manager->DeleteRole(id); });
        CHECK(error.Status() == 409);
        CHECK(error.Code() == "conflict");
    }
    // The operator role is not the customer's to see.
    CHECK(ApiErrorOf([&] { manager->DeleteRole("operator"); }).Status() == 404);
    auto support = LoggedIn(server, kSupport, "demo");
    const auto seenByOperator = NamesOf(support->ListRoles());
    CHECK(seenByOperator.at(0) == "operator");
    CHECK(seenByOperator.size() == 6);
    CHECK(ApiErrorOf([&] {
              support->CreateRole(RoleOf("x", model::Tier::Employee, {}));
          }).Status() == 403);
}

TEST_CASE("A rename keeps the holders, a taken name is 409, and a held role cannot be deleted") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto role =
        manager->CreateRole(RoleOf("フロント", model::Tier::Employee, {"facilities.read"}));
    const auto other = manager->CreateRole(RoleOf("清掃", model::Tier::Employee, {}));
    const auto holder = StoreAccount(server, "front01", {"フロント"});
    auto client = LoggedIn(server, holder);

    model::RoleInput rename;
    rename.name = "フロント係";
    CHECK(manager->UpdateRole(role.id, rename).name == "フロント係");
    CHECK(client->GetMe().roles == std::vector<std::string>{"フロント係"});
    CHECK_NOTHROW(client->ListFacilities());

    rename.name = "清掃";
    auto error = ApiErrorOf([&] { manager->UpdateRole(role.id, rename); });
    CHECK(error.Status() == 409);
    CHECK(error.Code() == "conflict");
    error =
        ApiErrorOf([&] { manager->CreateRole(RoleOf("フロント係", model::Tier::Employee, {})); });
    CHECK(error.Code() == "conflict");

    error = ApiErrorOf([&] { manager->DeleteRole(role.id); });
    CHECK(error.Status() == 409);
    CHECK(error.Code() == "not_empty");
    CHECK(error.Problem().detail.find("1 account") != std::string::npos);
    CHECK_NOTHROW(client->ListFacilities());

    manager->DeleteRole(other.id);
    const auto names = NamesOf(manager->ListRoles());
    CHECK(std::count(names.begin(), names.end(), "清掃") == 0);
    CHECK(ApiErrorOf([&] { manager->DeleteRole(other.id); }).Status() == 404);
}

TEST_CASE(
    "A manager-tier custom role makes its holder manager tier, and no one exceeds their own") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto role = manager->CreateRole(
        RoleOf("エリア長", model::Tier::Manager, {"roles.read", "roles.write", "usage.read"}));
    const auto account = StoreAccount(server, "area01", {"customeremployee", "エリア長"});
    auto areaManager = LoggedIn(server, account);
    CHECK(areaManager->GetMe().tier == model::Tier::Manager);
    CHECK(manager->GetEffectiveAccess(account.id).tier == model::Tier::Manager);

    // roles.write, but not accounts.write: a role with it would be more than its maker holds.
    const auto error = ApiErrorOf(
        [&] { areaManager->CreateRole(RoleOf("x", model::Tier::Employee, {"accounts.write"})); });
    CHECK(error.Status() == 403);
    CHECK_NOTHROW(areaManager->CreateRole(RoleOf("y", model::Tier::Employee, {"facilities.read"})));
    (void)role;
}

TEST_CASE("Roles and permissions: the catalogue, readers and writers, another tenant's ids") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto catalogue = manager->Send("GET", "/api/v1/permissions");
    CHECK(catalogue.at("next_cursor").is_null());
    REQUIRE(catalogue.at("items").size() == 15);
    CHECK(catalogue.at("items").at(0) ==
          model::Json{{"name", "accounts.read"}, {"manager_tier_only", false}});
    CHECK(catalogue.at("items").at(9) ==
          model::Json{{"name", "usage.read"}, {"manager_tier_only", true}});

    const auto role = manager->CreateRole(RoleOf("夜勤", model::Tier::Employee, {"notices.read"}));
    auto viewer = LoggedIn(server, kViewer);
    CHECK(viewer->ListRoles().size() == 4);
    CHECK(ApiErrorOf([&] { viewer->DeleteRole(role.id); }).Status() == 403);
    auto staff = LoggedIn(server, kStaff);
    CHECK(ApiErrorOf([&] { staff->ListPermissions(); }).Status() == 403);

    auto other = LoggedIn(server, kOtherManager);
    CHECK(other->ListRoles().size() == 3);
    model::RoleInput patch;
    patch.permissions = {"notices.read"};
    CHECK(ApiErrorOf([&] { other->UpdateRole(role.id, patch); }).Code() == "not_found");
    CHECK(ApiErrorOf([&] { other->DeleteRole(role.id); }).Code() == "not_found");
    // The other tenant may use the same name: names are per tenant.
    CHECK_NOTHROW(other->CreateRole(RoleOf("夜勤", model::Tier::Employee, {})));
}

TEST_CASE("Every role change is an audit event with before and after") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto role = manager->CreateRole(RoleOf("経理", model::Tier::Employee, {"notices.read"}));
    model::RoleInput patch;
    patch.name = "経理係";
    patch.permissions = {"notices.ack", "notices.read"};
    manager->UpdateRole(role.id, patch);
    manager->DeleteRole(role.id);

    const auto created = AuditOf(server, "role.create", role.id);
    REQUIRE(created.size() == 1);
    auto details = model::Json::parse(created.at(0).at("details_json").get<std::string>());
    CHECK(details.at("before").is_null());
    CHECK(details.at("after").at("name") == "経理");
    CHECK(details.at("after").at("tier") == "employee");

    const auto updated = AuditOf(server, "role.update", role.id);
    REQUIRE(updated.size() == 1);
    details = model::Json::parse(updated.at(0).at("details_json").get<std::string>());
    CHECK(details.at("before").at("name") == "経理");
    CHECK(details.at("after").at("name") == "経理係");
    CHECK(details.at("after").at("permissions") ==
          model::Json::array({"notices.ack", "notices.read"}));

    const auto deleted = AuditOf(server, "role.delete", role.id);
    REQUIRE(deleted.size() == 1);
    details = model::Json::parse(deleted.at(0).at("details_json").get<std::string>());
    CHECK(details.at("before").at("name") == "経理係");
    CHECK(details.at("after").is_null());

    // A refused change leaves no event.
    CHECK(ApiErrorOf([&] {
              manager->CreateRole(RoleOf("x", model::Tier::Employee, {"usage.read"}));
          }).Status() == 400);
    CHECK(QueryRows(server.DataDir() / "resv.db",
                    "SELECT 1 FROM audit_events WHERE action = 'role.create'")
              .size() == 1);
}
