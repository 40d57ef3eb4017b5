// resv-bench-audit: the usage history (利用履歴) of a tenant with a million events. Filtered pages
// through the real client (TLS, one persistent connection) beside the sqlite3 shell running the
// same SQL on the same file; 200 pages fetched and parsed by the client beside curl fetching the
// same URLs; the CSV export of every event beside the shell's .mode csv. See bench/README.md.
//   build/bench/resv-bench-audit

#include "PageBench.h"
#include "SeededServer.h"
#include "Transfers.h"

#include "resv/client/ApiError.h"

#include <fmt/format.h>

#include <csignal>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>

namespace {

using namespace resv;
using namespace resv::bench;

constexpr double kPageTargetMs = 20;
constexpr double kPagesTargetRatio = 1.3;
constexpr double kExportTargetSeconds = 10;

struct Options {
    std::int64_t events = 1000000;
    int days = 90;
    PageBenchOptions pages;
    int walkPages = 200;
    int walkRuns = 5;
    bool sqlite = true;
    bool curl = true;
    bool exportCsv = true;
    bool verify = false;
    std::string dataDir;
    std::string parts = "123"; ///< which parts run
};

constexpr const char* kUsage =
    "usage: resv-bench-audit [--events N] [--days N] [--iterations N] [--warmup N] [--pages N]\n"
    "                        [--page-runs N] [--no-sqlite3] [--no-curl] [--no-export] [--no-sql]\n"
    "                        [--verify] [--data-dir DIR] [--parts LIST]\n"
    "  --events N      events seeded into the demo tenant (700000-5000000, default 1000000)\n"
    "  --days N        over how many days before now (1-3650, default 90)\n"
    "  --iterations N  timed requests and sqlite3 runs per case (10-10000, default 100)\n"
    "  --warmup N      untimed ones before them (0-1000, default 10)\n"
    "  --pages N       pages of 100 the client and curl fetch in part 2 (10-2000, default 200)\n"
    "  --page-runs N   runs of those pages, each (1-100, default 5)\n"
    "  --no-sqlite3    skip the sqlite3 shell baselines\n"
    "  --no-curl       skip the curl baseline\n"
    "  --no-export     skip the CSV export (part 3)\n"
    "  --no-sql        do not print each case's SQL and query plan\n"
    "  --verify        also time GET /api/v1/audit-events/verify over the whole chain\n"
    "  --data-dir DIR  keep the seeded server data there (seeded once, reused by later runs\n"
    "                  and by resv-bench-audit-view)\n"
    "  --parts LIST    the parts to run, of 1 (filtered pages), 2 (pages vs curl) and\n"
    "                  3 (export) (default 123)\n";

std::optional<Options> Parse(int argc, char** argv, int& exitCode) {
    Options options;
    const auto number = [&](int& i, long low, long high, auto& out) {
        if (i + 1 >= argc) {
            return false;
        }
        char* end = nullptr;
        const long value = std::strtol(argv[++i], &end, 10);
        if (*end != '\0' || value < low || value > high) {
            return false;
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(value);
        return true;
    };
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        bool ok = true;
        if (arg == "--events") {
            ok = number(i, 700000, 5000000, options.events);
        } else if (arg == "--days") {
            ok = number(i, 1, 3650, options.days);
        } else if (arg == "--iterations") {
            ok = number(i, 10, 10000, options.pages.iterations);
        } else if (arg == "--warmup") {
            ok = number(i, 0, 1000, options.pages.warmup);
        } else if (arg == "--pages") {
            ok = number(i, 10, 2000, options.walkPages);
        } else if (arg == "--page-runs") {
            ok = number(i, 1, 100, options.walkRuns);
        } else if (arg == "--no-sqlite3") {
            options.sqlite = false;
        } else if (arg == "--no-curl") {
            options.curl = false;
        } else if (arg == "--no-export") {
            options.exportCsv = false;
        } else if (arg == "--no-sql") {
            options.pages.showSql = false;
        } else if (arg == "--verify") {
            options.verify = true;
        } else if (arg == "--data-dir" && i + 1 < argc) {
            options.dataDir = argv[++i];
        } else if (arg == "--parts" && i + 1 < argc) {
            options.parts = argv[++i];
            ok = !options.parts.empty() &&
                 options.parts.find_first_not_of("123") == std::string::npos;
        } else if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            exitCode = 0;
            return std::nullopt;
        } else {
            ok = false;
        }
        if (!ok) {
            std::fprintf(stderr, "resv-bench-audit: bad argument near '%s'\n%s", arg.c_str(),
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

std::unique_ptr<SqliteCli> StartShell(const Options& options,
                                      const std::filesystem::path& database) {
    if (!options.sqlite) {
        Say("baseline: skipped (--no-sqlite3)");
        return nullptr;
    }
    const auto binary = SqliteCli::FindBinary();
    if (!binary) {
        Say("baseline: not run: sqlite3 is not installed (scripts/bootstrap installs it)");
        return nullptr;
    }
    auto cli = std::make_unique<SqliteCli>(*binary, database);
    // The server's page cache per connection (server/storage/Sqlite.cpp), so that both read
    // with the same memory; SQLite's default is 2 MB.
    cli->Run("PRAGMA cache_size = -16384;");
    Say(fmt::format("baseline: {} (SQLite {}), one process, statements through a pipe, "
                    "cache_size = -16384 as the server's connections",
                    binary->string(), cli->Version()));
    return cli;
}

void ReportSeeding(const SeededServer& server) {
    if (const auto& seeded = server.Seeded()) {
        Say(fmt::format("seeded {} events (sequences {}..{}) in {:.1f} s: making and chaining them "
                        "{:.1f} s CPU on one thread, inserting {:.1f} s CPU on another; the file "
                        "is {:.0f} MB",
                        seeded->events, seeded->firstSequence, seeded->lastSequence,
                        seeded->seconds, seeded->makerCpuSeconds, seeded->writerCpuSeconds,
                        static_cast<double>(seeded->databaseBytes) / 1e6));
        Say(fmt::format("the server's retention job recomputed every hash of the chain and signed "
                        "a checkpoint at event {} in {:.1f} s: the seeded chain is intact",
                        server.CheckpointSequence(), server.CheckpointSeconds()));
    } else {
        Say(fmt::format("reused the events seeded earlier in {}", server.DataDir().string()));
    }
}

void PrintPages(const PagesResult& pages) {
    const Summary client = Summarize(pages.clientMs);
    Say("");
    Say(fmt::format("{} pages of 100 by next_cursor, newest first, {} runs each (median, best):",
                    pages.pages, pages.clientMs.size()));
    Say(fmt::format("  client (ApiClient::ListAuditEvents, parsed)  {:8.0f} ms  {:8.0f} ms  "
                    "({:.2f} ms a page)",
                    client.p50, *std::min_element(pages.clientMs.begin(), pages.clientMs.end()),
                    client.p50 / pages.pages));
    if (pages.curlMs.empty()) {
        Say("  curl: not run" + (pages.curlError.empty() ? "" : ": " + pages.curlError));
        return;
    }
    const Summary curl = Summarize(pages.curlMs);
    const Summary transfers = Summarize(pages.curlTransferMs);
    Say(fmt::format("  curl (one process, {:.1f} MB of JSON)          {:8.0f} ms  {:8.0f} ms  "
                    "({:.2f} ms a page)",
                    static_cast<double>(pages.bytes) / 1e6, curl.p50,
                    *std::min_element(pages.curlMs.begin(), pages.curlMs.end()),
                    curl.p50 / pages.pages));
    Say(fmt::format("    of which its transfers (sum of time_total) {:8.0f} ms  {:8.0f} ms  "
                    "({:.2f} ms a page); the rest is starting curl",
                    transfers.p50,
                    *std::min_element(pages.curlTransferMs.begin(), pages.curlTransferMs.end()),
                    transfers.p50 / pages.pages));
    Say(fmt::format("  the client's parsing of those bodies: JSON text -> json {:.0f} ms, json -> "
                    "model::Page<AuditEvent> {:.0f} ms ({:.2f} ms a page in all)",
                    pages.jsonParseMs, pages.modelMs,
                    (pages.jsonParseMs + pages.modelMs) / pages.pages));
    const double ratio = client.p50 / curl.p50;
    Say(fmt::format("Pages target (client ≤ {:.1f}× curl): {:.2f}× — {} ({:.2f}× its transfers "
                    "alone)",
                    kPagesTargetRatio, ratio, ratio <= kPagesTargetRatio ? "met" : "NOT MET",
                    client.p50 / transfers.p50));
}

void PrintExport(const ExportResult& result) {
    Say("");
    Say("CSV export of every event (UTF-8) through ApiClient::ExportAuditCsv to a file, one run "
        "each:");
    bool met = true;
    for (const ClientExport& run : result.client) {
        Say(fmt::format("  {:<52} {:6.2f} s  {} rows, {:.0f} MB, {:.0f} rows/s", run.name,
                        run.seconds, run.rows, static_cast<double>(run.bytes) / 1e6,
                        static_cast<double>(run.rows) / run.seconds));
        met = met && run.seconds <= kExportTargetSeconds;
    }
    if (result.shellSeconds) {
        Say(fmt::format("  {:<52} {:6.2f} s  {:.0f} MB",
                        "sqlite3 .mode csv, the same columns to a file", *result.shellSeconds,
                        static_cast<double>(result.shellBytes) / 1e6));
    }
    Say(fmt::format("Export target (≤ {:.0f} s): {}", kExportTargetSeconds,
                    met ? "met" : "NOT MET"));
}

int Run(const Options& options) {
    Say(fmt::format("resv-bench-audit: {} events over {} days, {} CPU cores, load average {}",
                    options.events, options.days, std::thread::hardware_concurrency(),
                    LoadAverage()));
    SeededServer server({.events = options.events,
                         .days = options.days,
                         .dataDir = options.dataDir,
                         .tempPrefix = "resv-bench-audit"});
    ReportSeeding(server);
    const auto clientOptions = server.ClientOptionsFor("resv-bench-audit");
    client::ApiClient manager(clientOptions);
    const std::string token = server.SignIn(manager);
    const CaseContext context = LearnContext(manager);
    Say(fmt::format("the tenant holds {} events; load average {}", context.total, LoadAverage()));

    std::unique_ptr<SqliteCli> cli = StartShell(options, server.Database());
    const auto part = [&](char n) { return options.parts.find(n) != std::string::npos; };
    if (part('1')) {
        Say(fmt::format("part 1: {} warm-up + {} timed requests per case over one TLS "
                        "connection, taking turns with the shell running the same SQL, 10 each",
                        options.pages.warmup, options.pages.iterations));
        const auto results = MeasureCases(manager, cli.get(), DefaultCases(context),
                                          server.TenantId(), options.pages);
        PrintCaseTable(results, kPageTargetMs);
        Say(fmt::format("load average after part 1: {}", LoadAverage()));
    }
    if (part('2')) {
        PrintPages(
            MeasurePages(clientOptions, token, options.walkPages, options.walkRuns, options.curl));
        Say(fmt::format("load average after part 2: {}", LoadAverage()));
    }
    if (part('3') && options.exportCsv) {
        const TempDir exportDir("resv-bench-audit-export");
        // As the screen exports what it shows (every day of the history, pinned), and through the
        // API without filters.
        client::AuditQuery screen;
        screen.from = context.historyFrom;
        screen.to = context.pinnedTo;
        PrintExport(MeasureExport(manager, cli.get(), server.TenantId(), exportDir.Path(),
                                  {{"the screen's query (whole history, pinned)", screen},
                                   {"no filter (the API's default)", {}}}));
        Say(fmt::format("load average after part 3: {}", LoadAverage()));
    }
    if (options.verify) {
        const auto start = Clock::now();
        const auto verification = manager.VerifyAuditLog();
        Say("");
        Say(fmt::format("GET /api/v1/audit-events/verify: {} after checking {} events, {:.1f} s",
                        verification.ok ? "intact" : "BROKEN", verification.checked,
                        Ms(Clock::now() - start) / 1000));
    }
    manager.Logout();
    cli.reset();
    Say(fmt::format("load average at the end: {}", LoadAverage()));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    int exitCode = 0;
    const auto options = Parse(argc, argv, exitCode);
    if (!options) {
        return exitCode;
    }
    std::signal(SIGPIPE, SIG_IGN); // a shell that ended shows as an error, not a dead bench
    try {
        return Run(*options);
    } catch (const client::ApiError& error) {
        std::fprintf(stderr, "resv-bench-audit: %s: %s (%s)\n", ToString(error.GetKind()).data(),
                     error.what(), error.Detail().c_str());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "resv-bench-audit: %s\n", error.what());
    }
    return 1;
}
