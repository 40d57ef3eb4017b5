#pragma once
// Parts 2 and 3 of resv-bench-audit: many pages through the client beside curl fetching the same
// URLs, and the CSV export through the client beside the sqlite3 shell's .mode csv.

#include "../accounts/SqliteCli.h"

#include "resv/client/ApiClient.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace resv::bench {

struct PagesResult {
    int pages = 0;
    std::size_t bytes = 0;              ///< of the bodies, as curl counted them
    std::vector<double> clientMs;       ///< per run: all the pages, fetched and parsed
    std::vector<double> curlMs;         ///< per run: curl's process, start to exit
    std::vector<double> curlTransferMs; ///< per run: the sum of curl's time_total of each URL
    std::string curlError;              ///< why curl did not run, if it did not
    /// The client's share of a run: the same bodies parsed again as ApiClient parses them,
    /// JSON text -> nlohmann::json, then -> model::Page<AuditEvent> (sums over the pages).
    double jsonParseMs = 0;
    double modelMs = 0;
};

/// Walks `pages` pages of 100 (newest first, by next_cursor) through a fresh ApiClient per run
/// (so that its TLS handshake counts, as curl's does), and curl on the same URLs in one process,
/// `runs` times each, taking turns.
PagesResult MeasurePages(const client::ClientOptions& clientOptions, const std::string& token,
                         int pages, int runs, bool curl);

/// One export through the client.
struct ClientExport {
    std::string name;
    client::AuditQuery query; ///< its filters and order
    double seconds = 0;
    std::int64_t rows = 0;
    std::int64_t bytes = 0;
};

struct ExportResult {
    std::vector<ClientExport> client;
    std::optional<double> shellSeconds;
    std::int64_t shellBytes = 0;
};

/// ApiClient::ExportAuditCsv (UTF-8) of each of `exports` into a file in `dir`, then the shell
/// dumping every event's columns in the same order with .mode csv into another file there.
ExportResult MeasureExport(client::ApiClient& client, SqliteCli* cli, const std::string& tenantId,
                           const std::filesystem::path& dir, std::vector<ClientExport> exports);

} // namespace resv::bench
