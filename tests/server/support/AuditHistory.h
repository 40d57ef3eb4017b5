#pragma once
// The usage history (issue 5) as an outsider reads it: the /api/v1/audit-events answers as raw
// JSON (so that the tests see exactly what the server sent), the database file the way an
// attacker with file access would change it, and resv-server's offline subcommands run as the
// real executable.

#include "support/TestServer.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace resv::test {

inline constexpr const char* kAuditEvents = "/api/v1/audit-events";
inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

/// "2026-11-27T15:00:00Z" as a time point (the test fails on anything else).
model::TimePoint At(const std::string& rfc3339);

/// RFC 3986 percent-encoding of everything but unreserved characters.
std::string Encoded(const std::string& text);

/// One answer, as it came.
struct Answer {
    int status = 0;
    std::string contentType;
    std::string body;
    /// The body parsed (null when it is not JSON).
    nlohmann::json Json() const;
    /// A problem's `code` ("" when there is none).
    std::string Code() const;
    /// The problem's field: its `field`, or the first of its `errors` ("" when there is none).
    std::string Field() const;
};

Answer Get(client::ApiClient& client, const std::string& pathAndQuery);

/// Every event `filters` ("action=account.&order=asc", without paging) selects, following
/// next_cursor with pages of `limit`.
std::vector<nlohmann::json> AllEvents(client::ApiClient& client, const std::string& filters,
                                      int limit = 500);

/// The events of `action` about `targetId` (any target when empty), oldest first.
std::vector<nlohmann::json> EventsAbout(client::ApiClient& client, const std::string& action,
                                        const std::string& targetId = {});

/// The sequences of `events`, in their order.
std::vector<std::int64_t> Sequences(const std::vector<nlohmann::json>& events);

/// The lines of a CSV export (without its BOM, split at CRLF, the file's last CRLF included), each
/// split into its RFC 4180 fields. Fails on a line break that is not CRLF (no cell holds one).
std::vector<std::vector<std::string>> CsvRecords(std::string text);

/// "2026-11-27T15:00:00.000Z" as the export writes it: "2026-11-28T00:00:00.000+09:00".
std::string JstIso(const std::string& rfc3339Utc);

/// Shift_JIS (Windows code page 932) text as UTF-8, decoded with iconv.
std::string FromCp932(const std::string& text);

/// GET /api/v1/audit-events/verify.
nlohmann::json Verify(client::ApiClient& client);

/// The id of the tenant `code` in resv.db.
std::string TenantIdOf(const TestServer& server, const std::string& code);

/// What a statement that may be refused did: the SQLite result code and its message.
struct SqlOutcome {
    int code = 0;
    std::string message;
};

/// Runs `sql` (bound to `parameters` as ?1, ?2...) on `database`; reports instead of failing.
SqlOutcome TryExecute(const std::filesystem::path& database, const std::string& sql,
                      const std::vector<std::string>& parameters = {});

/// Drops the append-only triggers, as someone with write access to the file could.
void DropAppendOnlyTriggers(const TestServer& server);

/// What resv-server (the real executable) printed, and its exit status.
struct CliRun {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs `resv-server --data-dir DIR args...` to its end.
CliRun RunCli(const std::filesystem::path& dataDir, const std::vector<std::string>& args);

} // namespace resv::test
