#pragma once
// Part 1 of resv-bench-audit: each case's page (or count) through the real client over TLS, and
// the same statement in the sqlite3 shell on the same file, taking turns, with the table.

#include "PageCases.h"

#include "../accounts/BenchSupport.h"

#include <string>
#include <vector>

namespace resv::bench {

struct PageBenchOptions {
    int iterations = 100;
    int warmup = 10;
    bool showSql = true;
    /// A case whose first request takes longer than this is measured `slowIterations` times.
    double slowMs = 250;
    int slowIterations = 5;
};

struct CaseResult {
    AuditCase audit;
    std::size_t rows = 0;             ///< events of the page, or the count
    std::vector<double> serverMs;     ///< through the client: call -> parsed answer
    std::vector<double> shellMs;      ///< the shell: statement written -> every row printed
    std::vector<double> shellTimerMs; ///< the shell's own .timer (real, 1 ms resolution)
};

/// Measures every case; `cli` may be null (no baseline). Prints each case's SQL and query plan
/// when asked.
std::vector<CaseResult> MeasureCases(client::ApiClient& client, SqliteCli* cli,
                                     const std::vector<AuditCase>& cases,
                                     const std::string& tenantId, const PageBenchOptions& options);

/// The table of part 1 and the verdict against p95 ≤ `targetMs`.
void PrintCaseTable(const std::vector<CaseResult>& results, double targetMs);

} // namespace resv::bench
