// Scopes enforced on every facility, terminal and configuration route: outside ids answer 404,
// lists leave them out (with exact counts and paging), creating under an outside parent is the
// same 400 as a missing parent, and what a scope names cannot be deleted. Also the
// effective-access explanation of an account.

#include "support/StoredAccounts.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace resv;
using namespace resv::test;

namespace {

template <typename T>
std::set<std::string> IdsOf(const std::vector<T>& items) {
    std::set<std::string> ids;
    for (const auto& item : items) {
        ids.insert(item.id);
    }
    return ids;
}

std::set<std::string> IdsOf(const std::vector<nlohmann::json>& items) {
    std::set<std::string> ids;
    for (const auto& item : items) {
        ids.insert(item.at("id").get<std::string>());
    }
    return ids;
}

/// Sites A, B and C, and a second facility in A's jurisdiction with one terminal.
struct Estate {
    Site a;
    Site b;
    Site c;
    model::Facility a2;
    model::TerminalWithToken a2Kiosk;
};

Estate MakeEstate(client::ApiClient& manager) {
    Estate estate{MakeSite(manager, "A"), MakeSite(manager, "B"), MakeSite(manager, "C"), {}, {}};
    model::FacilityPatch facility;
    facility.name = "ホテル A 別館";
    facility.jurisdictionId = estate.a.jurisdiction.id;
    estate.a2 = manager.CreateFacility(facility);
    estate.a2Kiosk = manager.CreateTerminal(
        NewTerminal(estate.a2.id, "a2-kiosk", model::TerminalKind::Kiosk, "192.0.2.50"));
    return estate;
}

const model::Jurisdiction& Find(const std::vector<model::Jurisdiction>& items,
                                const std::string& id) {
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const auto& j) { return j.id == id; });
    REQUIRE(it != items.end());
    return *it;
}

} // namespace

TEST_CASE("A scoped account lists exactly what its scope reaches, and other ids are 404") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Estate e = MakeEstate(*manager);
    const auto account = StoreAccount(server, "scoped01", {"customeremployee"},
                                      LimitedScope({e.a.jurisdiction.id}, {e.b.facility.id}));
    auto scoped = LoggedIn(server, account);

    CHECK(IdsOf(scoped->ListFacilities()) ==
          std::set<std::string>{e.a.facility.id, e.a2.id, e.b.facility.id});
    CHECK(IdsOf(scoped->ListTerminals()) ==
          std::set<std::string>{e.a.kiosk.terminal.id, e.a.agent.terminal.id, e.a2Kiosk.terminal.id,
                                e.b.kiosk.terminal.id, e.b.agent.terminal.id});
    // B's jurisdiction is listed as the parent of B's facility, with counts of what is reached.
    const auto jurisdictions = scoped->ListJurisdictions();
    CHECK(IdsOf(jurisdictions) == std::set<std::string>{e.a.jurisdiction.id, e.b.jurisdiction.id});
    CHECK(Find(jurisdictions, e.a.jurisdiction.id).facilityCount == 2);
    CHECK(Find(jurisdictions, e.a.jurisdiction.id).terminalCount == 3);
    CHECK(Find(jurisdictions, e.b.jurisdiction.id).facilityCount == 1);
    CHECK(Find(jurisdictions, e.b.jurisdiction.id).terminalCount == 2);
    const auto parent = scoped->Send("GET", "/api/v1/jurisdictions/" + e.b.jurisdiction.id);
    CHECK(parent.at("name") == e.b.jurisdiction.name);
    CHECK(parent.at("facility_count") == 1);

    // Paging walks the same set, one at a time.
    CHECK(scoped->ListAll("/api/v1/facilities?limit=1").size() == 3);
    CHECK(IdsOf(scoped->ListAll("/api/v1/terminals?limit=2")) == IdsOf(scoped->ListTerminals()));
    CHECK(scoped->ListAll("/api/v1/jurisdictions?limit=1").size() == 2);

    const std::string cTerminal = e.c.kiosk.terminal.id;
    for (const std::string& path :
         {"/api/v1/facilities/" + e.c.facility.id, "/api/v1/jurisdictions/" + e.c.jurisdiction.id,
          "/api/v1/terminals/" + cTerminal, "/api/v1/terminals/" + cTerminal + "/config",
          "/api/v1/terminals/" + cTerminal + "/config/history"}) {
        INFO(path);
        const auto error = ApiErrorOf([&] { scoped->Send("GET", path); });
        CHECK(error.Status() == 404);
        CHECK(error.Code() == "not_found");
    }
    CHECK_NOTHROW(scoped->Send("GET", "/api/v1/terminals/" + e.b.kiosk.terminal.id + "/config"));

    // A scope that names nothing reaches nothing.
    auto nothing = LoggedIn(
        server, StoreAccount(server, "scoped02", {"customeremployee"}, LimitedScope({}, {})));
    CHECK(nothing->ListFacilities().empty());
    CHECK(nothing->ListTerminals().empty());
    CHECK(nothing->ListJurisdictions().empty());
}

TEST_CASE("A scoped manager changes and configures only what its scope reaches") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Estate e = MakeEstate(*manager);
    auto scoped =
        LoggedIn(server, StoreAccount(server, "area-b", {"customermanager"},
                                      LimitedScope({e.a.jurisdiction.id}, {e.b.facility.id})));
    const model::Json patch{{"volume", 5}};
    const std::string c = e.c.kiosk.terminal.id;

    const std::vector<std::pair<std::string, std::string>> outside{
        {"PUT", "/api/v1/terminals/" + c + "/config"},
        {"PUT", "/api/v1/facilities/" + e.c.facility.id + "/config"},
        {"PUT", "/api/v1/jurisdictions/" + e.c.jurisdiction.id + "/config"},
        // B's jurisdiction is only shown as a parent: not configured, changed or deleted whole.
        {"PUT", "/api/v1/jurisdictions/" + e.b.jurisdiction.id + "/config"},
        {"PATCH", "/api/v1/jurisdictions/" + e.b.jurisdiction.id},
        {"DELETE", "/api/v1/jurisdictions/" + e.b.jurisdiction.id},
        {"PATCH", "/api/v1/facilities/" + e.c.facility.id},
        {"DELETE", "/api/v1/facilities/" + e.c.facility.id},
        {"PATCH", "/api/v1/terminals/" + c},
        {"DELETE", "/api/v1/terminals/" + c},
        {"POST", "/api/v1/terminals/" + c + "/rotate-token"},
    };
    for (const auto& [method, path] : outside) {
        INFO(method << " " << path);
        const auto error = ApiErrorOf([&] {
            if (method == "DELETE" || method == "POST") {
                scoped->Send(method, path);
            } else {
                scoped->Send(method, path, method == "PATCH" ? model::Json{{"name", "x"}} : patch);
            }
        });
        CHECK(error.Status() == 404);
    }
    const auto rollback = ApiErrorOf([&] {
        scoped->Send("POST", "/api/v1/terminals/" + c + "/config/rollback", {{"version", 1}});
    });
    CHECK(rollback.Status() == 404);

    // The whole jurisdiction in scope, and the facility named itself, are configurable.
    CHECK(scoped->Send("PUT", "/api/v1/jurisdictions/" + e.a.jurisdiction.id + "/config", patch)
              .at("updated")
              .size() == 3);
    CHECK(scoped->Send("PUT", "/api/v1/facilities/" + e.b.facility.id + "/config", patch)
              .at("updated")
              .size() == 2);
    CHECK(manager->Send("GET", "/api/v1/terminals/" + c + "/config").at("version") == 1);

    // Outside parents are the same 400 as missing ones; a new jurisdiction would be outside.
    auto error = ApiErrorOf([&] {
        scoped->CreateTerminal(
            NewTerminal(e.c.facility.id, "c-new", model::TerminalKind::Kiosk, "192.0.2.60"));
    });
    CHECK(error.Status() == 400);
    CHECK(error.Problem().errors.at(0).field == "facility_id");
    CHECK_NOTHROW(scoped->CreateTerminal(
        NewTerminal(e.b.facility.id, "b-new", model::TerminalKind::Kiosk, "192.0.2.61")));
    model::FacilityPatch facility;
    facility.name = "ホテル B 別館";
    facility.jurisdictionId = e.b.jurisdiction.id;
    error = ApiErrorOf([&] { scoped->CreateFacility(facility); });
    CHECK(error.Problem().errors.at(0).field == "jurisdiction_id");
    facility.jurisdictionId = e.a.jurisdiction.id;
    CHECK_NOTHROW(scoped->CreateFacility(facility));
    model::TerminalPatch move;
    move.facilityId = e.c.facility.id;
    error = ApiErrorOf([&] { scoped->UpdateTerminal(e.b.kiosk.terminal.id, move); });
    CHECK(error.Problem().errors.at(0).field == "facility_id");
    error = ApiErrorOf([&] { scoped->CreateJurisdiction({"新管轄"}); });
    CHECK(error.Status() == 403);
}

TEST_CASE("A facility or jurisdiction named in a scope cannot be deleted: 409 not_empty") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const auto empty = manager->CreateJurisdiction({"空の管轄"});
    model::FacilityPatch input;
    input.name = "空のホテル";
    input.jurisdictionId = manager->CreateJurisdiction({"別の管轄"}).id;
    const auto facility = manager->CreateFacility(input);
    StoreAccount(server, "s1", {"customeremployee"}, LimitedScope({empty.id}, {facility.id}));
    StoreAccount(server, "s2", {"customeremployee"}, LimitedScope({}, {facility.id}));

    auto error = ApiErrorOf([&] { manager->DeleteFacility(facility.id); });
    CHECK(error.Status() == 409);
    CHECK(error.Code() == "not_empty");
    CHECK(error.Problem().detail.find("2 accounts") != std::string::npos);
    error = ApiErrorOf([&] { manager->DeleteJurisdiction(empty.id); });
    CHECK(error.Code() == "not_empty");
    CHECK(error.Problem().detail.find("1 account") != std::string::npos);
    CHECK(IdsOf(manager->ListFacilities()).count(facility.id) == 1);
}

TEST_CASE("Scope all and an operator acting in the tenant reach everything") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    MakeEstate(*manager);
    auto all = LoggedIn(server, StoreAccount(server, "everywhere", {"customeremployee"}));
    auto support = LoggedIn(server, kSupport, "demo");
    const auto facilities = IdsOf(manager->ListAll("/api/v1/facilities"));
    const auto terminals = IdsOf(manager->ListAll("/api/v1/terminals"));
    CHECK(IdsOf(all->ListAll("/api/v1/facilities")) == facilities);
    CHECK(IdsOf(all->ListAll("/api/v1/terminals")) == terminals);
    CHECK(IdsOf(support->ListAll("/api/v1/terminals")) == terminals);
}

TEST_CASE("Effective access explains permissions by role and facilities by scope") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Estate e = MakeEstate(*manager);
    model::RoleInput role;
    role.name = "端末設定";
    role.tier = model::Tier::Employee;
    role.permissions = {"terminals.configure", "facilities.read"};
    manager->CreateRole(role);
    const auto account =
        StoreAccount(server, "config01", {"customeremployee", "端末設定"},
                     LimitedScope({e.a.jurisdiction.id}, {e.b.facility.id, e.a.facility.id}));

    const auto access = manager->GetEffectiveAccess(account.id);
    CHECK(access.accountId == account.id);
    CHECK(access.loginId == "config01");
    CHECK(access.tier == model::Tier::Employee);
    CHECK(access.status == model::AccountStatus::Active);
    REQUIRE(access.permissions.size() == 4);
    CHECK(access.permissions.at(0) ==
          model::PermissionGrant{"facilities.read", {"customeremployee", "端末設定"}});
    CHECK(access.permissions.at(1) ==
          model::PermissionGrant{"terminals.read", {"customeremployee"}});
    CHECK(access.permissions.at(2) == model::PermissionGrant{"terminals.configure", {"端末設定"}});
    CHECK(access.permissions.at(3) == model::PermissionGrant{"notices.read", {"customeremployee"}});
    CHECK_FALSE(access.scope.all);
    REQUIRE(access.jurisdictions.size() == 1);
    CHECK(access.jurisdictions.at(0) ==
          model::NamedRef{e.a.jurisdiction.id, e.a.jurisdiction.name});
    REQUIRE(access.facilities.size() == 3);
    std::map<std::string, std::string> via;
    for (const auto& facility : access.facilities) {
        via[facility.id] = facility.via;
        if (facility.id == e.b.facility.id) {
            CHECK(facility.jurisdictionName == e.b.jurisdiction.name);
            CHECK(facility.name == e.b.facility.name);
        }
    }
    CHECK(via[e.a.facility.id] == "jurisdiction");
    CHECK(via[e.a2.id] == "jurisdiction");
    CHECK(via[e.b.facility.id] == "facility");

    const auto viewerSees = LoggedIn(server, kViewer)->GetEffectiveAccess(account.id);
    CHECK(viewerSees == access);
    const auto everywhere = StoreAccount(server, "everywhere", {"customermanager_viewer"});
    const auto wide = manager->GetEffectiveAccess(everywhere.id);
    CHECK(wide.tier == model::Tier::Manager);
    CHECK(wide.facilities.size() == manager->ListAll("/api/v1/facilities").size());
    CHECK(std::all_of(wide.facilities.begin(), wide.facilities.end(),
                      [](const auto& f) { return f.via == "all"; }));

    auto staff = LoggedIn(server, kStaff);
    CHECK(ApiErrorOf([&] { staff->GetEffectiveAccess(account.id); }).Status() == 403);
    auto other = LoggedIn(server, kOtherManager);
    CHECK(ApiErrorOf([&] { other->GetEffectiveAccess(account.id); }).Code() == "not_found");
    CHECK(ApiErrorOf([&] { manager->GetEffectiveAccess("acc_nosuchaccount"); }).Status() == 404);
}
