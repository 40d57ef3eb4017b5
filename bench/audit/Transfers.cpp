#include "Transfers.h"

#include "../accounts/BenchSupport.h"

#include "resv/model/AuditEvent.h"
#include "resv/model/Page.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace resv::bench {
namespace {

constexpr const char* kAuditEvents = "/api/v1/audit-events";

/// Runs `argv` with stdout into a pipe; returns what it printed, or throws with its status.
std::string RunProcess(const std::vector<std::string>& argv, double& ms) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        throw std::runtime_error("no pipe");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    pid_t pid = -1;
    const auto start = Clock::now();
    const int code = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (code != 0) {
        ::close(out[0]);
        throw std::runtime_error(fmt::format("cannot start {}: {}", argv[0], std::strerror(code)));
    }
    std::string text;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ms = Ms(Clock::now() - start);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error(fmt::format("{} ended with status {}", argv[0], status));
    }
    return text;
}

/// The query of each page, walking next_cursor from the newest event.
std::vector<client::AuditQuery> WalkQueries(client::ApiClient& client, int pages) {
    std::vector<client::AuditQuery> queries;
    client::AuditQuery query;
    query.limit = 100;
    for (int i = 0; i < pages; ++i) {
        queries.push_back(query);
        const auto page = client.ListAuditEvents(query);
        if (!page.nextCursor) {
            throw std::runtime_error("the history ended before the pages asked for");
        }
        query.cursor = page.nextCursor;
    }
    return queries;
}

double ClientRun(const client::ClientOptions& options, const std::string& token,
                 const std::vector<client::AuditQuery>& queries) {
    const auto start = Clock::now();
    client::ApiClient client(options);
    client.SetToken(token);
    client::AuditQuery query = queries.front();
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const auto page = client.ListAuditEvents(query);
        if (page.items.size() != 100 || query != queries[i]) {
            throw std::runtime_error("a page differs from the first walk");
        }
        query.cursor = page.nextCursor;
    }
    return Ms(Clock::now() - start);
}

/// Fetches the pages' bodies once, then times parsing each as ApiClient does (its Send parses the
/// JSON, its Parse<T> converts it), keeping the best of 3 of each page.
void MeasureParsing(const client::ClientOptions& options, const std::string& token,
                    const std::vector<client::AuditQuery>& queries, PagesResult& result) {
    client::ApiClient client(options);
    for (const auto& query : queries) {
        const auto answer = client.SendRaw("GET", kAuditEvents + client::ToQueryString(query), "",
                                           "", {{"Authorization", "Bearer " + token}});
        if (answer.status != 200) {
            throw std::runtime_error(fmt::format("a page answered {}", answer.status));
        }
        double parse = 1e9;
        double convert = 1e9;
        for (int i = 0; i < 3; ++i) {
            const auto start = Clock::now();
            const auto json = nlohmann::json::parse(answer.body);
            const auto parsed = Clock::now();
            const auto page = json.get<model::Page<model::AuditEvent>>();
            parse = std::min(parse, Ms(parsed - start));
            convert = std::min(convert, Ms(Clock::now() - parsed));
        }
        result.jsonParseMs += parse;
        result.modelMs += convert;
    }
}

} // namespace

PagesResult MeasurePages(const client::ClientOptions& clientOptions, const std::string& token,
                         int pages, int runs, bool curl) {
    PagesResult result;
    result.pages = pages;
    std::vector<client::AuditQuery> queries;
    {
        client::ApiClient client(clientOptions);
        client.SetToken(token);
        queries = WalkQueries(client, pages); // also brings the pages into the server's cache
    }
    // curl: one process, every URL on its command line, so it keeps one connection; the same
    // headers as ApiClient; bodies to /dev/null; the status and size of each printed to check.
    std::vector<std::string> argv{"curl",
                                  "--silent",
                                  "--show-error",
                                  "--cacert",
                                  *clientOptions.caFile,
                                  "--user-agent",
                                  clientOptions.userAgent,
                                  "--header",
                                  "Authorization: Bearer " + token,
                                  "--header",
                                  "Accept: application/json",
                                  "--write-out",
                                  "%{http_code} %{size_download} %{time_total}\\n"};
    for (const auto& query : queries) {
        argv.push_back("--output");
        argv.push_back("/dev/null");
        argv.push_back(clientOptions.baseUrl + kAuditEvents + client::ToQueryString(query));
    }
    MeasureParsing(clientOptions, token, queries, result);
    for (int run = 0; run < runs; ++run) {
        result.clientMs.push_back(ClientRun(clientOptions, token, queries));
        if (!curl || !result.curlError.empty()) {
            continue;
        }
        try {
            double ms = 0;
            const std::string printed = RunProcess(argv, ms);
            std::size_t ok = 0;
            std::size_t bytes = 0;
            double transferSeconds = 0;
            std::size_t at = 0;
            while (at < printed.size()) {
                const auto end = printed.find('\n', at);
                const std::string line = printed.substr(at, end - at);
                at = end == std::string::npos ? printed.size() : end + 1;
                unsigned status = 0;
                unsigned long long size = 0;
                double seconds = 0;
                if (std::sscanf(line.c_str(), "%u %llu %lf", &status, &size, &seconds) == 3 &&
                    status == 200) {
                    ++ok;
                    bytes += size;
                    transferSeconds += seconds;
                }
            }
            if (ok != queries.size()) {
                throw std::runtime_error(
                    fmt::format("curl got {} of {} pages", ok, queries.size()));
            }
            result.bytes = bytes;
            result.curlMs.push_back(ms);
            result.curlTransferMs.push_back(transferSeconds * 1000);
        } catch (const std::exception& error) {
            result.curlError = error.what();
        }
    }
    return result;
}

ExportResult MeasureExport(client::ApiClient& client, SqliteCli* cli, const std::string& tenantId,
                           const std::filesystem::path& dir, std::vector<ClientExport> exports) {
    ExportResult result;
    const auto file = dir / "usage-history.csv";
    for (ClientExport& run : exports) {
        const auto start = Clock::now();
        client.ExportAuditCsv(run.query, client::CsvEncoding::Utf8WithBom, file,
                              [&](std::int64_t n) {
                                  run.rows = n;
                                  return true;
                              });
        run.seconds = Ms(Clock::now() - start) / 1000;
        run.bytes = static_cast<std::int64_t>(std::filesystem::file_size(file));
        std::filesystem::remove(file);
    }
    result.client = std::move(exports);
    if (!cli) {
        return result;
    }
    // The export's columns in its order, `at` as ISO 8601 in JST, in one statement (the server
    // reads in batches of 2,000 by keyset); the shell's own CSV quoting, with a header row.
    const auto shellFile = dir / "sqlite3.csv";
    cli->SetParameters({tenantId});
    const std::string sql =
        "SELECT sequence, strftime('%Y-%m-%dT%H:%M:%f', at / 1000.0, 'unixepoch', '+9 hours') || "
        "'+09:00' AS at, actor_login_id, actor_display_name, actor_role, source_ip, action, "
        "target_type, target_id, target_label, result, details_json AS details, hash FROM "
        "audit_events WHERE tenant_id = ?1 ORDER BY audit_events.at DESC, sequence DESC;";
    cli->Run(".headers on");
    cli->Run(".mode csv");
    const auto output = cli->Run(".once " + shellFile.string() + "\n" + sql);
    cli->Run(".mode list");
    cli->Run(".headers off");
    result.shellSeconds = output.wallMs / 1000;
    result.shellBytes = static_cast<std::int64_t>(std::filesystem::file_size(shellFile));
    std::filesystem::remove(shellFile);
    return result;
}

} // namespace resv::bench
