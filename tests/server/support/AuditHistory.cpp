#include "support/AuditHistory.h"

#include "support/SqliteFile.h"

#include <fcntl.h>
#include <iconv.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>

extern char** environ;

namespace resv::test {

model::TimePoint At(const std::string& rfc3339) {
    const auto parsed = model::ParseRfc3339(rfc3339);
    INFO(rfc3339);
    REQUIRE(parsed);
    return *parsed;
}

std::string Encoded(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0x0F];
        }
    }
    return out;
}

nlohmann::json Answer::Json() const {
    return nlohmann::json::parse(body, nullptr, false);
}

std::string Answer::Code() const {
    const auto problem = Json();
    return problem.is_object() && problem.value("code", nlohmann::json()).is_string()
               ? problem.at("code").get<std::string>()
               : std::string();
}

std::string Answer::Field() const {
    const auto problem = Json();
    if (!problem.is_object()) {
        return {};
    }
    if (problem.contains("field") && problem.at("field").is_string()) {
        return problem.at("field").get<std::string>();
    }
    const auto errors = problem.find("errors");
    if (errors != problem.end() && errors->is_array() && !errors->empty()) {
        return errors->at(0).value("field", std::string());
    }
    return {};
}

Answer Get(client::ApiClient& client, const std::string& pathAndQuery) {
    const auto result = client.SendRaw("GET", pathAndQuery, std::string(), "application/json");
    return {result.status, result.contentType, result.body};
}

std::vector<nlohmann::json> AllEvents(client::ApiClient& client, const std::string& filters,
                                      int limit) {
    std::vector<nlohmann::json> events;
    std::string cursor;
    for (int page = 0; page < 10000; ++page) {
        std::string path = std::string(kAuditEvents) + "?" + filters +
                           (filters.empty() ? "" : "&") + "limit=" + std::to_string(limit);
        if (!cursor.empty()) {
            path += "&cursor=" + Encoded(cursor);
        }
        const Answer answer = Get(client, path);
        INFO(path << " answered " << answer.status << " " << answer.body.substr(0, 400));
        REQUIRE(answer.status == 200);
        const auto body = answer.Json();
        REQUIRE(body.at("items").is_array());
        for (const auto& item : body.at("items")) {
            events.push_back(item);
        }
        if (!body.at("next_cursor").is_string()) {
            return events;
        }
        cursor = body.at("next_cursor").get<std::string>();
    }
    FAIL("next_cursor never ended");
    return events;
}

std::vector<nlohmann::json> EventsAbout(client::ApiClient& client, const std::string& action,
                                        const std::string& targetId) {
    std::vector<nlohmann::json> matching;
    for (auto& event : AllEvents(client, "order=asc&action=" + Encoded(action))) {
        const auto& target = event.at("target");
        if (targetId.empty() || (target.is_object() && target.at("id") == targetId)) {
            matching.push_back(std::move(event));
        }
    }
    return matching;
}

std::vector<std::int64_t> Sequences(const std::vector<nlohmann::json>& events) {
    std::vector<std::int64_t> sequences;
    for (const auto& event : events) {
        sequences.push_back(event.at("sequence").get<std::int64_t>());
    }
    return sequences;
}

std::vector<std::vector<std::string>> CsvRecords(std::string text) {
    if (text.rfind(kUtf8Bom, 0) == 0) {
        text.erase(0, 3);
    }
    std::vector<std::vector<std::string>> records;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        INFO("the line from byte " << start << " has no CRLF at its end");
        REQUIRE(end != std::string::npos);
        const std::string line = text.substr(start, end - start);
        INFO(line);
        REQUIRE(line.find_first_of("\r\n") == std::string::npos);
        std::vector<std::string> fields(1);
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quoted) {
                if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                    fields.back() += '"';
                    ++i;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    fields.back() += c;
                }
            } else if (c == '"' && fields.back().empty()) {
                quoted = true;
            } else if (c == ',') {
                fields.emplace_back();
            } else {
                fields.back() += c;
            }
        }
        REQUIRE_FALSE(quoted);
        records.push_back(std::move(fields));
        start = end + 2;
    }
    return records;
}

std::string JstIso(const std::string& rfc3339Utc) {
    std::string text = model::FormatRfc3339Utc(At(rfc3339Utc) + model::kJstOffset);
    REQUIRE(text.back() == 'Z');
    text.pop_back();
    return text + "+09:00";
}

std::string FromCp932(const std::string& text) {
    iconv_t converter = ::iconv_open("UTF-8", "CP932");
    REQUIRE(converter != reinterpret_cast<iconv_t>(-1));
    std::string input = text;
    std::string output(text.size() * 3 + 16, '\0');
    char* in = input.data();
    std::size_t inLeft = input.size();
    char* out = output.data();
    std::size_t outLeft = output.size();
    const std::size_t converted = ::iconv(converter, &in, &inLeft, &out, &outLeft);
    ::iconv_close(converter);
    INFO("iconv stopped at byte " << (input.size() - inLeft));
    REQUIRE(converted != static_cast<std::size_t>(-1));
    output.resize(output.size() - outLeft);
    return output;
}

nlohmann::json Verify(client::ApiClient& client) {
    const Answer answer = Get(client, std::string(kAuditEvents) + "/verify");
    INFO(answer.body.substr(0, 400));
    REQUIRE(answer.status == 200);
    return answer.Json();
}

std::string TenantIdOf(const TestServer& server, const std::string& code) {
    const auto rows =
        QueryRows(server.DataDir() / "resv.db", "SELECT id FROM tenants WHERE code = ?1", {code});
    REQUIRE(rows.size() == 1);
    return rows[0].at("id").get<std::string>();
}

SqlOutcome TryExecute(const std::filesystem::path& database, const std::string& sql,
                      const std::vector<std::string>& parameters) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* statement = nullptr;
    SqlOutcome outcome;
    outcome.code = sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
    if (outcome.code == SQLITE_OK) {
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            sqlite3_bind_text(statement, static_cast<int>(i + 1), parameters[i].c_str(), -1,
                              SQLITE_TRANSIENT);
        }
        outcome.code = sqlite3_step(statement);
    }
    outcome.message = sqlite3_errmsg(db);
    sqlite3_finalize(statement);
    sqlite3_close_v2(db);
    return outcome;
}

void DropAppendOnlyTriggers(const TestServer& server) {
    Execute(server.DataDir() / "resv.db", "DROP TRIGGER audit_events_no_update");
    Execute(server.DataDir() / "resv.db", "DROP TRIGGER audit_events_no_delete");
}

CliRun RunCli(const std::filesystem::path& dataDir, const std::vector<std::string>& args) {
    const TempDir dir;
    const auto outFile = dir.Path() / "stdout";
    const auto errFile = dir.Path() / "stderr";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    std::vector<std::string> all{RESV_SERVER_EXECUTABLE, "--data-dir", dataDir.string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : all) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CliRun run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.out = FileBytes(outFile);
    run.err = FileBytes(errFile);
    return run;
}

} // namespace resv::test
