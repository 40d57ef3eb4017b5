// GET /api/v1/accounts: keyset pages that follow each other without gaps or repeats in every
// sort, search by login ID and display name, role and status filters, and bad parameters.

#include "support/Accounts.h"
#include "support/SqliteFile.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace resv;
using namespace resv::test;
using client::AccountQuery;
using client::ApiError;

namespace {

std::vector<model::Account> AllPages(client::ApiClient& client, AccountQuery query) {
    std::vector<model::Account> all;
    for (int guard = 0; guard < 100; ++guard) {
        auto page = client.ListAccounts(query);
        CHECK(static_cast<int>(page.items.size()) <= query.limit);
        all.insert(all.end(), page.items.begin(), page.items.end());
        if (!page.nextCursor) {
            return all;
        }
        query.cursor = page.nextCursor;
    }
    FAIL("the pages never ended");
    return all;
}

std::vector<std::string> LoginIds(const std::vector<model::Account>& accounts) {
    std::vector<std::string> ids;
    for (const auto& a : accounts) {
        ids.push_back(a.loginId);
    }
    return ids;
}

std::string SeededId(int i) {
    return "acc_listtest" + std::to_string(100 + i);
}

/// Twelve accounts straight into the database (hashing each through the API would be slow):
/// some share a display name, some have logged in, two are disabled, one is locked.
void SeedAccounts(const TestServer& server) {
    const auto db = server.DataDir() / "resv.db";
    const std::string tenantId =
        QueryRows(db, "SELECT id FROM tenants WHERE code = 'demo'")[0].at("id").get<std::string>();
    for (int i = 0; i < 12; ++i) {
        const std::string id = SeededId(i);
        const std::string login = "user" + std::string(i < 10 ? "0" : "") + std::to_string(i);
        const std::string name = i % 3 == 0 ? "同じ 名前" : "Name " + std::to_string(11 - i);
        Execute(
            db,
            "INSERT INTO accounts(id, tenant_id, login_id, display_name, password_hash, status, "
            "last_login_at, locked_until, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'x', "
            "?5, NULLIF(?6, ''), NULLIF(?7, ''), 0, 0)",
            {id, tenantId, login, name, i % 5 == 4 ? "disabled" : "active",
             i % 2 == 0 ? std::to_string(1000 * (i % 4)) : "",
             i == 7 ? std::to_string(
                          (TestEpoch() + std::chrono::minutes(5)).time_since_epoch().count())
                    : ""});
        Execute(db, "INSERT INTO account_roles(account_id, role) VALUES (?1, ?2)",
                {id, i % 4 == 0 ? "customermanager_viewer" : "customeremployee"});
    }
}

/// A query of `limit` accounts sorted by `sort` (the server's default order when empty).
AccountQuery Sorted(const std::string& sort, int limit) {
    AccountQuery query;
    query.sort = sort;
    query.limit = limit;
    return query;
}

} // namespace

TEST_CASE("Every sort pages through all accounts exactly once, in order") {
    TestServer server;
    SeedAccounts(server);
    auto manager = ManagerClient(server);
    const auto everyone = AllPages(*manager, Sorted("", 500));
    REQUIRE(everyone.size() == 12 + 3); // the seeded ones and the demo's three
    CHECK(std::is_sorted(everyone.begin(), everyone.end(),
                         [](const auto& a, const auto& b) { return a.loginId < b.loginId; }));

    for (const std::string sort : {"login_id", "-login_id", "display_name", "-display_name",
                                   "last_login_at", "-last_login_at", "status", "-status"}) {
        INFO(sort);
        const auto paged = AllPages(*manager, Sorted(sort, 4));
        REQUIRE(paged.size() == everyone.size());
        std::set<std::string> ids;
        for (const auto& a : paged) {
            ids.insert(a.id);
        }
        CHECK(ids.size() == everyone.size());
        const auto onePage = manager->ListAccounts(Sorted(sort, 500));
        CHECK(LoginIds(paged) == LoginIds(onePage.items));
    }
    const auto byName = manager->ListAccounts(Sorted("-display_name", 500));
    CHECK(
        std::is_sorted(byName.items.begin(), byName.items.end(),
                       [](const auto& a, const auto& b) { return a.displayName > b.displayName; }));
    const auto byLogin = manager->ListAccounts(Sorted("last_login_at", 500));
    // Never logged in (null) first, then by time.
    CHECK_FALSE(byLogin.items.front().lastLoginAt.has_value());
    CHECK(byLogin.items.back().lastLoginAt.has_value());
}

TEST_CASE("q searches login ID and display name, and role and status filter") {
    TestServer server;
    SeedAccounts(server);
    auto manager = ManagerClient(server);

    CHECK(LoginIds(AllPages(*manager, {.q = "USER1", .limit = 500})) ==
          std::vector<std::string>{"user10", "user11"});
    CHECK(AllPages(*manager, {.q = "同じ", .limit = 500}).size() == 4);
    CHECK(LoginIds(AllPages(*manager, {.q = "山田", .limit = 500})) ==
          std::vector<std::string>{"manager"});
    CHECK(AllPages(*manager, {.q = "%", .limit = 500}).empty()); // a wildcard is a character

    const auto viewers = AllPages(*manager, {.role = "customermanager_viewer", .limit = 2});
    CHECK(LoginIds(viewers) == std::vector<std::string>{"user00", "user04", "user08", "viewer"});

    const auto disabled =
        AllPages(*manager, {.status = model::AccountStatus::Disabled, .limit = 500});
    CHECK(LoginIds(disabled) == std::vector<std::string>{"user04", "user09"});
    const auto locked = AllPages(*manager, {.status = model::AccountStatus::Locked, .limit = 500});
    REQUIRE(LoginIds(locked) == std::vector<std::string>{"user07"});
    CHECK(locked[0].status == model::AccountStatus::Locked);
    CHECK(locked[0].lockedUntil == TestEpoch() + std::chrono::minutes(5));
    const auto active = AllPages(*manager, {.status = model::AccountStatus::Active, .limit = 500});
    CHECK(active.size() == 15 - 2 - 1);

    // Five minutes later the lock is over: user07 is active again.
    server.Clock().Advance(std::chrono::minutes(5));
    manager = ManagerClient(server);
    CHECK(AllPages(*manager, {.status = model::AccountStatus::Locked, .limit = 500}).empty());

    // (user07's lock is over by now, so it is active again.)
    const auto combined = AllPages(*manager, {.q = "user",
                                              .role = "customeremployee",
                                              .status = model::AccountStatus::Active,
                                              .sort = "-login_id",
                                              .limit = 3});
    CHECK(LoginIds(combined) == std::vector<std::string>{"user11", "user10", "user07", "user06",
                                                         "user05", "user03", "user02", "user01"});
}

TEST_CASE("Bad list parameters are refused with the parameter named") {
    TestServer server;
    auto manager = ManagerClient(server);
    const auto codeOf = [&](const std::string& query) {
        const ApiError error =
            ApiErrorOf([&] { manager->Send("GET", "/api/v1/accounts" + query); });
        CHECK(error.Status() == 400);
        return error.Code() + ":" + FirstField(error);
    };
    CHECK(codeOf("?sort=password") == "invalid_field:sort");
    CHECK(codeOf("?status=sleeping") == "invalid_field:status");
    CHECK(codeOf("?limit=501") == "invalid_field:limit");
    CHECK(codeOf("?cursor=notacursor") == "invalid_cursor:");
    // A cursor of one sort does not continue another.
    const auto page = manager->ListAccounts({.sort = "display_name", .limit = 1});
    REQUIRE(page.nextCursor);
    CHECK(codeOf("?sort=login_id&cursor=" + *page.nextCursor) == "invalid_cursor:");
}
