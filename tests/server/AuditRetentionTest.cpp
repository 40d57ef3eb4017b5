// Issue 5 and CLD.8.1: the access log (each request's time, method, route template, status and
// latency; never the query string, never customer data) is kept apart in access-log.db and
// deleted after 31 days by `resv-server run-retention --as-of TIME`, with the injected clock
// giving the requests their times. Retention never touches the usage history, which only ever
// grows: the database itself refuses UPDATE and DELETE on audit_events.

#include "cli/CommandLine.h"
#include "support/Accounts.h"
#include "support/AuditHistory.h"
#include "support/SqliteFile.h"
#include "support/Terminals.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <set>

using namespace resv;
using namespace resv::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr const char* kAsOf = "2026-12-01T00:00:00Z";

std::filesystem::path AccessLog(const TestServer& server) {
    return server.DataDir() / "access-log.db";
}

std::vector<json> AccessRows(const TestServer& server) {
    return QueryRows(AccessLog(server), "SELECT * FROM access_log ORDER BY id");
}

/// The times (ms) of the access log's rows for `route`.
std::multiset<std::int64_t> TimesOf(const TestServer& server, const std::string& route) {
    std::multiset<std::int64_t> times;
    for (const auto& row :
         QueryRows(AccessLog(server), "SELECT at FROM access_log WHERE route = ?1", {route})) {
        times.insert(row.at("at").get<std::int64_t>());
    }
    return times;
}

std::int64_t Millis(model::TimePoint t) {
    return t.time_since_epoch().count();
}

std::vector<json> AllAuditRows(const TestServer& server) {
    return QueryRows(server.DataDir() / "resv.db", "SELECT * FROM audit_events ORDER BY id");
}

} // namespace

TEST_CASE("run-retention deletes access-log rows older than 31 days and keeps 30-day-old ones") {
    TestServer server;
    const auto asOf = At(kAsOf);
    const std::vector<model::TimePoint> old{asOf - 24h * 40, asOf - 24h * 31 - 1min};
    const std::vector<model::TimePoint> kept{asOf - 24h * 30, asOf - 24h * 31 + 1min, asOf - 1h};
    // Newest first: the server runs its own daily retention as of its clock (every few seconds
    // it checks whether one is due, and once more at stop), which must not decide this test.
    // With the clock only going back, nothing it has logged is ever older than 31 days by it.
    for (const auto& at : {kept[2], kept[1], kept[0], old[1], old[0]}) {
        server.Clock().Set(at);
        server.Client()->GetHealth();
    }
    server.Server().Stop(); // everything the server had to write is written
    std::multiset<std::int64_t> all;
    for (const auto& at : {old[0], old[1], kept[0], kept[1], kept[2]}) {
        all.insert(Millis(at));
    }
    REQUIRE(TimesOf(server, "/api/v1/health") == all);
    const auto auditBefore = AllAuditRows(server);

    const CliRun run = RunCli(server.DataDir(), {"run-retention", "--as-of", kAsOf});
    INFO(run.out << run.err);
    REQUIRE(run.exitCode == 0);
    CHECK_FALSE(run.out.empty()); // says what it did

    std::multiset<std::int64_t> remaining;
    for (const auto& at : kept) {
        remaining.insert(Millis(at));
    }
    CHECK(TimesOf(server, "/api/v1/health") == remaining);
    // Running it again changes nothing more.
    REQUIRE(RunCli(server.DataDir(), {"run-retention", "--as-of", kAsOf}).exitCode == 0);
    CHECK(TimesOf(server, "/api/v1/health") == remaining);
    // A month later the rest goes too.
    REQUIRE(
        RunCli(server.DataDir(), {"run-retention", "--as-of", "2027-01-02T00:00:00Z"}).exitCode ==
        0);
    CHECK(TimesOf(server, "/api/v1/health").empty());

    // The usage history is untouched: every earlier event as it was, only checkpoint events added.
    const auto auditAfter = AllAuditRows(server);
    REQUIRE(auditAfter.size() >= auditBefore.size());
    for (std::size_t i = 0; i < auditBefore.size(); ++i) {
        CHECK(auditAfter[i] == auditBefore[i]);
    }
    for (std::size_t i = auditBefore.size(); i < auditAfter.size(); ++i) {
        INFO(auditAfter[i].dump());
        CHECK(auditAfter[i].at("action") == "audit.checkpoint");
    }
}

TEST_CASE("run-retention and verify-audit: a command line that cannot be run is exit 2, a time "
          "or tenant that is not there is refused, and nothing changes") {
    TestServer server;
    server.Client()->GetHealth();
    server.Server().Stop();
    const auto before = AccessRows(server);
    const auto run = [&](const std::vector<std::string>& args) {
        std::string line;
        for (const auto& arg : args) {
            line += arg + " ";
        }
        const CliRun result = RunCli(server.DataDir(), args);
        INFO(line << "\n" << result.out << result.err);
        CHECK_FALSE(result.err.empty()); // the reason
        return result.exitCode;
    };
    CHECK(run({"run-retention", "--as-of"}) == 2);
    CHECK(run({"run-retention", "--as-of", kAsOf, "extra"}) == 2);
    CHECK(run({"verify-audit"}) == 2);
    CHECK(run({"verify-audit", "demo", "other"}) == 2);
    CHECK(run({"run-retention", "--as-of", "yesterday"}) == 2);
    CHECK(run({"verify-audit", "nosuchtenant"}) == 1);
    CHECK(AccessRows(server) == before);
}

TEST_CASE("verify-audit TENANT and run-retention [--as-of TIME] are parsed, and --as-of belongs "
          "to run-retention alone") {
    using server::cli::Action;
    using server::cli::ParseCommandLine;
    const auto verify = ParseCommandLine({"--data-dir", "/d", "verify-audit", "demo"});
    CHECK(verify.action == Action::VerifyAudit);
    CHECK(verify.arguments == std::vector<std::string>{"demo"});
    const auto retention =
        ParseCommandLine({"--data-dir", "/d", "run-retention", "--as-of", kAsOf});
    CHECK(retention.action == Action::RunRetention);
    CHECK(retention.asOf == std::optional<std::string>(kAsOf));
    CHECK_FALSE(ParseCommandLine({"--data-dir", "/d", "run-retention"}).asOf);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--data-dir", "/d", "verify-audit", "demo", "--as-of", kAsOf},
          std::vector<std::string>{"--data-dir", "/d", "--as-of", kAsOf},
          std::vector<std::string>{"--data-dir", "/d", "run-retention", "--as-of"}}) {
        INFO(Catch::Detail::stringify(args));
        CHECK_THROWS_AS(ParseCommandLine(args), server::cli::UsageError);
    }
}

TEST_CASE("The access log holds the route template, never the query string, ids or customer "
          "data") {
    TestServer server;
    auto manager = LoggedIn(server, kManager);
    const Site site = MakeSite(*manager, "log");
    const auto started = server.Clock().Now();
    server.Clock().Advance(5s);
    CHECK(Get(*manager, std::string(kAuditEvents) + "?q=secretword&actor=manager").status == 200);
    CHECK(Get(*manager, "/api/v1/facilities/" + site.facility.id + "?secretword=1").status == 200);
    CHECK(Get(*manager, "/api/v1/accounts?q=secretword").status == 200);
    CHECK(Get(*manager, "/api/v1/no-such-secretword").status == 404);
    server.Server().Stop();

    const auto rows = AccessRows(server);
    REQUIRE_FALSE(rows.empty());
    std::set<std::string> columns;
    for (const auto& [name, value] : rows.front().items()) {
        columns.insert(name);
    }
    CHECK(columns == std::set<std::string>{"id", "at", "method", "route", "status", "latency_us"});
    const std::string everything = FileBytes(AccessLog(server));
    for (const auto& row : rows) {
        INFO(row.dump());
        const std::string text = row.dump();
        CHECK(text.find("secretword") == std::string::npos);
        CHECK(text.find('?') == std::string::npos);
        CHECK(text.find(site.facility.id) == std::string::npos);
        CHECK(text.find(kManager.password) == std::string::npos);
        CHECK(row.at("latency_us").get<std::int64_t>() >= 0);
    }
    CHECK(everything.find("secretword") == std::string::npos);
    CHECK(everything.find("山田") == std::string::npos);
    CHECK(everything.find("ホテル log") == std::string::npos);

    const auto find = [&](const std::string& method, const std::string& route) {
        std::vector<json> found;
        for (const auto& row : rows) {
            if (row.at("method") == method && row.at("route") == route) {
                found.push_back(row);
            }
        }
        return found;
    };
    const auto audit = find("GET", "/api/v1/audit-events");
    REQUIRE(audit.size() == 1);
    CHECK(audit[0].at("status") == 200);
    CHECK(audit[0].at("at") == Millis(started + 5s));
    CHECK(find("GET", "/api/v1/facilities/{id}").size() == 1);
    CHECK(find("POST", "/api/v1/sessions").size() == 1);
    const auto logins = find("POST", "/api/v1/sessions");
    REQUIRE(logins.size() == 1);
    CHECK(logins[0].at("status") == 201);
}

TEST_CASE("The append-only triggers refuse UPDATE and DELETE on audit_events") {
    TestServer server;
    LoggedIn(server, kManager)->Logout();
    const auto database = server.DataDir() / "resv.db";
    const auto before = AllAuditRows(server);
    REQUIRE(before.size() >= 2);
    const std::string id = std::to_string(before.back().at("id").get<std::int64_t>());

    const SqlOutcome update =
        TryExecute(database, "UPDATE audit_events SET details_json = '{}' WHERE id = ?1", {id});
    INFO(update.message);
    CHECK(update.code == SQLITE_CONSTRAINT);
    CHECK(update.message.find("append-only") != std::string::npos);
    const SqlOutcome remove = TryExecute(database, "DELETE FROM audit_events WHERE id = ?1", {id});
    INFO(remove.message);
    CHECK(remove.code == SQLITE_CONSTRAINT);
    const SqlOutcome wipe = TryExecute(database, "DELETE FROM audit_events");
    CHECK(wipe.code == SQLITE_CONSTRAINT);
    CHECK(AllAuditRows(server) == before);
    // The triggers are in the schema, named as the contract says.
    const auto triggers =
        QueryRows(database, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                            "tbl_name = 'audit_events' ORDER BY name");
    CHECK(triggers == std::vector<json>{json{{"name", "audit_events_no_delete"}},
                                        json{{"name", "audit_events_no_update"}}});
}
