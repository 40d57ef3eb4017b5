// resv-bench-accounts: GET /api/v1/accounts over 10,000 accounts through the real client (TLS,
// one persistent connection) beside the sqlite3 shell running the same SQL on the same database
// file, in one run; then the Accounts screen from a response to its painted rows. See
// bench/README.md.
//   xvfb-run -a -s "-screen 0 1280x800x24" build/bench/resv-bench-accounts

#include "AccountSeeder.h"
#include "BenchSupport.h"
#include "ListCases.h"
#include "SqliteCli.h"
#include "ViewBench.h"

#include "resv/client/ApiClient.h"
#include "resv/client/ApiError.h"
#include "resv/model/Role.h"
#include "resv/server/Server.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <wx/app.h>
#include <wx/init.h>

#include <csignal>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>

namespace {

using namespace resv;
using namespace resv::bench;

constexpr double kListTargetMs = 20;
constexpr double kViewTargetMs = 100;
constexpr const char* kCustomRole = "フロント係";

struct Options {
    int accounts = 10000;
    int iterations = 200;
    int warmup = 20;
    int viewRuns = 100;
    bool view = true;
    bool sqlite = true;
    bool showSql = true;
    std::string keepDb; ///< copy the database there at the end (for EXPLAIN and experiments)
};

constexpr const char* kUsage =
    "usage: resv-bench-accounts [--accounts N] [--iterations N] [--warmup N] [--view-runs N]\n"
    "                           [--no-view] [--no-sqlite3] [--no-sql] [--keep-db FILE]\n"
    "  --accounts N    accounts put into the demo tenant (100-100000, default 10000)\n"
    "  --iterations N  timed requests and sqlite3 runs per case (10-10000, default 200)\n"
    "  --warmup N      untimed ones before them (0-1000, default 20)\n"
    "  --view-runs N   response-to-painted runs of the Accounts screen (1-1000, default 100)\n"
    "  --no-view       skip the screen (no display needed)\n"
    "  --no-sqlite3    skip the sqlite3 shell baseline\n"
    "  --no-sql        do not print each case's SQL and query plan\n"
    "  --keep-db FILE  copy the seeded database (and its -wal) to FILE at the end\n"
    "The screen needs a display: run it under xvfb-run -a.\n";

std::optional<Options> Parse(int argc, char** argv, int& exitCode) {
    Options options;
    const auto number = [&](int& i, int low, int high, int& out) {
        if (i + 1 >= argc) {
            return false;
        }
        char* end = nullptr;
        const long value = std::strtol(argv[++i], &end, 10);
        if (*end != '\0' || value < low || value > high) {
            return false;
        }
        out = static_cast<int>(value);
        return true;
    };
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        bool ok = true;
        if (arg == "--accounts") {
            ok = number(i, 100, 100000, options.accounts);
        } else if (arg == "--iterations") {
            ok = number(i, 10, 10000, options.iterations);
        } else if (arg == "--warmup") {
            ok = number(i, 0, 1000, options.warmup);
        } else if (arg == "--view-runs") {
            ok = number(i, 1, 1000, options.viewRuns);
        } else if (arg == "--no-view") {
            options.view = false;
        } else if (arg == "--no-sqlite3") {
            options.sqlite = false;
        } else if (arg == "--no-sql") {
            options.showSql = false;
        } else if (arg == "--keep-db" && i + 1 < argc) {
            options.keepDb = argv[++i];
        } else if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            exitCode = 0;
            return std::nullopt;
        } else {
            ok = false;
        }
        if (!ok) {
            std::fprintf(stderr, "resv-bench-accounts: bad argument near '%s'\n%s", arg.c_str(),
                         kUsage);
            exitCode = 2;
            return std::nullopt;
        }
    }
    return options;
}

std::string LoadAverage() {
    std::ifstream file("/proc/loadavg");
    double one = 0, five = 0, fifteen = 0;
    file >> one >> five >> fifteen;
    return fmt::format("{:.2f} {:.2f} {:.2f}", one, five, fifteen);
}

std::int64_t NowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string ValueText(const SqlValue& value) {
    return std::holds_alternative<std::string>(value)
               ? SqlLiteral(std::get<std::string>(value))
               : std::to_string(std::get<std::int64_t>(value));
}

/// The shell's side of one case.
struct CliCase {
    std::vector<double> totalMs; ///< page + roles + scopes, as the server runs them
    std::vector<double> pageMs;
    std::vector<double> timerMs; ///< the shell's own .timer, summed over the three statements
};

/// Runs the case's SQL in the shell once, checks that it returns the server's rows, and prints
/// it with its plan. Returns the bound values of the page query and of the other two.
std::pair<BoundSql, std::vector<SqlValue>> PrepareCliCase(SqliteCli& cli, const ServerCase& server,
                                                          const std::string& tenantId,
                                                          const Options& options) {
    BoundSql page = PageSql(server.query, tenantId, NowMillis());
    cli.SetParameters(page.values);
    const auto check = cli.Run(page.sql + ";");
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& line : check.lines) {
        ids.push_back(line.substr(0, line.find('|')));
    }
    const std::size_t expected = server.items + (server.hasMore ? 1 : 0);
    bool same = ids.size() == expected;
    for (std::size_t i = 0; same && i < server.ids.size(); ++i) {
        same = ids[i] == server.ids[i];
    }
    if (!same) {
        throw std::runtime_error(fmt::format(
            "{}: sqlite3 returned {} rows that are not the server's {} (+1 when more): the SQL "
            "here no longer matches server/storage/AccountRepository.cpp",
            server.spec.name, ids.size(), server.items));
    }
    if (options.showSql) {
        Say(fmt::format("  SQL: {};", page.sql));
        std::string values;
        for (std::size_t i = 0; i < page.values.size(); ++i) {
            values += fmt::format("{}?{} = {}", i ? ", " : "", i + 1, ValueText(page.values[i]));
        }
        Say("  bound: " + values);
        for (const auto& line : cli.Run("EXPLAIN QUERY PLAN " + page.sql + ";").lines) {
            Say("    " + line);
        }
    }
    return {std::move(page), std::vector<SqlValue>{ids.dump()}};
}

/// The server and the shell take turns in blocks of kBlock, so that both meet the same load
/// while it changes. Blocks rather than single requests: each request writes the session's
/// last use, and another connection's write empties the shell's page cache at its next read, a
/// cost the server's own connection does not pay.
void MeasureCase(client::ApiClient& client, SqliteCli* cli, ServerCase& server, CliCase& shell,
                 const std::string& tenantId, const Options& options) {
    constexpr int kBlock = 10;
    std::optional<std::pair<BoundSql, std::vector<SqlValue>>> sql;
    if (cli) {
        sql = PrepareCliCase(*cli, server, tenantId, options);
    }
    const int total = options.warmup + options.iterations;
    for (int block = 0; block < total; block += kBlock) {
        const int end = std::min(total, block + kBlock);
        for (int i = block; i < end; ++i) {
            const double ms = TimeRequest(client, server);
            if (i >= options.warmup) {
                server.samples.push_back(ms);
            }
        }
        for (int i = block; cli && i < end; ++i) {
            cli->SetParameters(sql->first.values);
            const auto rows = cli->Run(sql->first.sql + ";");
            cli->SetParameters(sql->second);
            const auto roles = cli->Run(RolesSql() + ";");
            const auto scopes = cli->Run(ScopesSql() + ";");
            if (i >= options.warmup) {
                shell.pageMs.push_back(rows.wallMs);
                shell.totalMs.push_back(rows.wallMs + roles.wallMs + scopes.wallMs);
                shell.timerMs.push_back(rows.timerMs + roles.timerMs + scopes.timerMs);
            }
        }
    }
}

double Mean(const std::vector<double>& values) {
    double sum = 0;
    for (const double v : values) {
        sum += v;
    }
    return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

void PrintListTable(const std::vector<ServerCase>& server, const std::vector<CliCase>& cli) {
    Say("");
    Say(fmt::format("{:<38} {:>5} {:>19} {:>19} {:>8} {:>8}", "case (limit=100)", "rows",
                    "resv-server p50/p95", "sqlite3 p50/p95", "target", "p95"));
    bool allMet = true;
    for (std::size_t i = 0; i < server.size(); ++i) {
        const Summary s = Summarize(server[i].samples);
        const std::string shell =
            i < cli.size() ? fmt::format("{:.2f} / {:.2f} ms", Summarize(cli[i].totalMs).p50,
                                         Summarize(cli[i].totalMs).p95)
                           : std::string("not run");
        const bool met = s.p95 <= kListTargetMs;
        allMet = allMet && met;
        Say(fmt::format("{:<38} {:>5} {:>19} {:>19} {:>8} {:>8}", server[i].spec.name,
                        server[i].items, fmt::format("{:.2f} / {:.2f} ms", s.p50, s.p95), shell,
                        "≤ 20 ms", met ? "met" : "NOT MET"));
    }
    if (!cli.empty()) {
        Say("");
        Say("sqlite3 detail: the page query alone, and the shell's own .timer (real, 1 ms "
            "resolution, mean)");
        for (std::size_t i = 0; i < cli.size(); ++i) {
            const Summary page = Summarize(cli[i].pageMs);
            Say(fmt::format("  {:<38} page query {:.2f} / {:.2f} ms   .timer mean {:.2f} ms",
                            server[i].spec.name, page.p50, page.p95, Mean(cli[i].timerMs)));
        }
    }
    Say("");
    Say(fmt::format("List target (p95 ≤ {:.0f} ms through the client): {}", kListTargetMs,
                    allMet ? "met by every case" : "NOT met by every case"));
}

struct ListRun {
    std::vector<ServerCase> server;
    std::vector<CliCase> cli;
    ViewInput view;
};

/// Signs in as the demo manager and adds the tenant's custom role; returns the session token.
std::string SignInAndAddRole(client::ApiClient& manager) {
    model::LoginRequest login;
    login.tenant = "demo";
    login.loginId = "manager";
    login.password = "Kanri-Demo#2026";
    std::string token = manager.Login(login).token;
    model::RoleInput role;
    role.name = kCustomRole;
    role.tier = model::Tier::Employee;
    role.permissions = {std::string(model::permission::kFacilitiesRead),
                        std::string(model::permission::kTerminalsRead)};
    manager.CreateRole(role);
    return token;
}

std::unique_ptr<SqliteCli> StartShell(const Options& options,
                                      const std::filesystem::path& database) {
    std::unique_ptr<SqliteCli> cli;
    if (!options.sqlite) {
        Say("baseline: skipped (--no-sqlite3)");
    } else if (const auto binary = SqliteCli::FindBinary()) {
        cli = std::make_unique<SqliteCli>(*binary, database);
        Say(fmt::format("baseline: {} (SQLite {}), one process, statements through a pipe",
                        binary->string(), cli->Version()));
    } else {
        Say("baseline: not run: sqlite3 is not installed (scripts/bootstrap installs it)");
    }
    return cli;
}

/// The first pages by login ID and by display name as resv-server sends them, for the view.
ViewInput CaptureViewInput(client::ApiClient& manager, const std::string& token) {
    const auto body = [&](const std::string& query) {
        const auto answer = manager.SendRaw("GET", "/api/v1/accounts" + query, "", "",
                                            {{"Authorization", "Bearer " + token}});
        if (answer.status != 200) {
            throw std::runtime_error(
                fmt::format("GET accounts{} answered {}", query, answer.status));
        }
        return answer.body;
    };
    ViewInput input;
    input.loginIdPage = body("?limit=100");
    input.displayNamePage = body("?sort=display_name&limit=100");
    input.roles = manager.ListRoles();
    return input;
}

/// Nothing writes any more: the file and its write-ahead log make a consistent copy.
void KeepDatabase(const std::filesystem::path& database, const std::string& to) {
    const auto copy = [](const std::filesystem::path& from, const std::string& target) {
        if (std::filesystem::exists(from)) {
            std::filesystem::copy_file(from, target,
                                       std::filesystem::copy_options::overwrite_existing);
        }
    };
    copy(database, to);
    copy(database.string() + "-wal", to + "-wal");
    Say("database kept as " + to);
}

ListRun RunLists(const Options& options) {
    const TempDir dir("resv-bench-accounts");
    server::ServerConfig config{.dataDir = dir.Path() / "data", .port = 0};
    spdlog::set_level(spdlog::level::warn); // the server's start-up lines would break the table
    server::Server server(std::move(config));
    server.Start();
    server.SeedDemo();
    client::ClientOptions clientOptions;
    clientOptions.baseUrl = fmt::format("https://127.0.0.1:{}", server.Port());
    clientOptions.caFile = server.CaFile().string();
    clientOptions.userAgent = "resv-bench-accounts";
    client::ApiClient manager(clientOptions);
    const std::string token = SignInAndAddRole(manager);

    const auto database = dir.Path() / "data" / "resv.db";
    const SeedResult seeded = SeedAccounts({.database = database,
                                            .tenantCode = "demo",
                                            .hashFromLogin = "manager",
                                            .customRole = kCustomRole,
                                            .accounts = options.accounts});
    Say(fmt::format("seeded {} accounts ({} role rows, {} scope rows) into {} in {:.2f} s, one "
                    "transaction, all with the demo manager's Argon2id hash",
                    seeded.accounts, seeded.roleRows, seeded.scopeRows, database.string(),
                    seeded.seconds));
    std::unique_ptr<SqliteCli> cli = StartShell(options, database);
    Say(fmt::format("{} warm-up + {} timed requests per case over one TLS connection, taking "
                    "turns with the shell running the same SQL, 10 each; load average {}",
                    options.warmup, options.iterations, LoadAverage()));
    ListRun run;
    for (const auto& spec : DefaultCases(kCustomRole, options.accounts)) {
        Say(fmt::format("case: {}", spec.name));
        run.server.push_back(PrepareServerCase(manager, spec));
        CliCase shell;
        MeasureCase(manager, cli.get(), run.server.back(), shell, seeded.tenantId, options);
        if (cli) {
            run.cli.push_back(std::move(shell));
        }
    }
    run.view = CaptureViewInput(manager, token);
    manager.Logout();
    cli.reset();
    server.Stop();
    if (!options.keepDb.empty()) {
        KeepDatabase(database, options.keepDb);
    }
    return run;
}

void PrintView(const ViewTimings& view) {
    const Summary painted = Summarize(view.paintedMs);
    Say("");
    Say(fmt::format("Accounts screen, {} rows a page, {} runs (sort clicked: Display name / Login "
                    "ID); each step from the end of the one before:",
                    view.rows, painted.count));
    const auto step = [](const char* name, const std::vector<double>& samples) {
        const Summary s = Summarize(samples);
        Say(fmt::format("  {:<52} p50 {:7.2f} ms  p95 {:7.2f} ms  max {:7.2f} ms", name, s.p50,
                        s.p95, s.max));
    };
    step("received -> parsed (model::Page<Account>, worker)", view.parseMs);
    step("-> result runs on the UI thread (CallAfter)", view.queueMs);
    step("-> presenter applied, list and buttons synced", view.applyMs);
    step("-> the rows' paint event begins", view.waitMs);
    step("-> painted, event loop free", view.paintMs);
    step("received -> rows painted", view.paintedMs);
    step("  of which the UI thread's CPU time", view.uiCpuMs);
    Say(fmt::format("View target (p95 ≤ {:.0f} ms from response to painted rows): {}",
                    kViewTargetMs,
                    view.timeouts == 0 && painted.p95 <= kViewTargetMs ? "met" : "NOT MET"));
    if (view.timeouts > 0) {
        Say(fmt::format("  {} run(s) never painted the new page within 5 s", view.timeouts));
    }
}

} // namespace

int main(int argc, char** argv) {
    int exitCode = 0;
    const auto options = Parse(argc, argv, exitCode);
    if (!options) {
        return exitCode;
    }
    std::signal(SIGPIPE, SIG_IGN); // a shell that ended shows as an error, not a dead bench
    bool wxStarted = false;
    if (options->view) {
        wxApp::SetInstance(new wxApp);
        int wxArgc = 1;
        wxStarted = wxEntryStart(wxArgc, argv) && wxTheApp->CallOnInit();
        if (!wxStarted) {
            std::fprintf(stderr, "resv-bench-accounts: no display: run it under xvfb-run -a, or "
                                 "give --no-view\n");
            return 1;
        }
    }
    int status = 0;
    try {
        Say(fmt::format("resv-bench-accounts: {} accounts, {} CPU cores, load average {}",
                        options->accounts, std::thread::hardware_concurrency(), LoadAverage()));
        const ListRun run = RunLists(*options);
        PrintListTable(run.server, run.cli);
        if (options->view) {
            PrintView(MeasureView(run.view, 10, options->viewRuns));
        }
        Say(fmt::format("load average at the end: {}", LoadAverage()));
    } catch (const client::ApiError& error) {
        std::fprintf(stderr, "resv-bench-accounts: %s: %s (%s)\n", ToString(error.GetKind()).data(),
                     error.what(), error.Detail().c_str());
        status = 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "resv-bench-accounts: %s\n", error.what());
        status = 1;
    }
    if (wxStarted) {
        wxEntryCleanup();
    }
    return status;
}
