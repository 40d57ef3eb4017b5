#include "PageBench.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace resv::bench {
namespace {

std::string ValueText(const SqlValue& value) {
    return std::holds_alternative<std::string>(value)
               ? SqlLiteral(std::get<std::string>(value))
               : std::to_string(std::get<std::int64_t>(value));
}

/// The statements the server runs for the case: a page's one, or a count's two.
std::vector<BoundSql> StatementsOf(const AuditCase& audit, const std::string& tenantId) {
    if (audit.kind == CaseKind::Count) {
        return {CountSql(audit.query, tenantId), LatestSequenceSql(tenantId)};
    }
    return {PageSql(audit.query, tenantId)};
}

/// Runs the statements once, checks that the shell finds what the server answered, and prints
/// them with their plans.
void CheckShell(SqliteCli& cli, const std::vector<BoundSql>& statements, const CaseResult& result,
                const Answer& answer, bool showSql) {
    cli.SetParameters(statements.front().values);
    const auto output = cli.Run(statements.front().sql + ";");
    bool same = false;
    if (result.audit.kind == CaseKind::Count) {
        same = output.lines.size() == 1 && std::stoll(output.lines.front()) == answer.count;
    } else {
        // The statement reads one row more than the page, to know whether another follows.
        same = output.lines.size() >= answer.sequences.size() &&
               output.lines.size() <= answer.sequences.size() + 1;
        for (std::size_t i = 0; same && i < answer.sequences.size(); ++i) {
            const std::string& line = output.lines[i];
            same = std::stoll(line.substr(0, line.find('|'))) == answer.sequences[i];
        }
    }
    if (!same) {
        throw std::runtime_error(fmt::format(
            "{}: sqlite3 did not return the server's answer ({} lines): the SQL here no longer "
            "matches server/audit/AuditQuery.cpp",
            result.audit.name, output.lines.size()));
    }
    if (!showSql) {
        return;
    }
    for (const auto& statement : statements) {
        Say(fmt::format("  SQL: {};", statement.sql));
        std::string values;
        for (std::size_t i = 0; i < statement.values.size(); ++i) {
            values +=
                fmt::format("{}?{} = {}", i ? ", " : "", i + 1, ValueText(statement.values[i]));
        }
        Say("  bound: " + values);
        cli.SetParameters(statement.values);
        for (const auto& line : cli.Run("EXPLAIN QUERY PLAN " + statement.sql + ";").lines) {
            Say("    " + line);
        }
    }
}

} // namespace

std::vector<CaseResult> MeasureCases(client::ApiClient& client, SqliteCli* cli,
                                     const std::vector<AuditCase>& cases,
                                     const std::string& tenantId, const PageBenchOptions& options) {
    std::vector<CaseResult> results;
    for (const auto& audit : cases) {
        CaseResult result{audit, 0, {}, {}, {}};
        double firstMs = 0;
        const Answer answer = Request(client, audit, firstMs);
        result.rows = audit.kind == CaseKind::Count ? static_cast<std::size_t>(answer.count)
                                                    : answer.sequences.size();
        const bool slow = firstMs > options.slowMs;
        const int iterations = slow ? options.slowIterations : options.iterations;
        const int warmup = slow ? 1 : options.warmup;
        Say(fmt::format("case: {} ({} {}, first request {:.1f} ms{})", audit.name, result.rows,
                        audit.kind == CaseKind::Count ? "counted" : "rows", firstMs,
                        slow ? fmt::format(": slow, {} timed runs", iterations) : ""));
        const auto statements = StatementsOf(audit, tenantId);
        if (cli) {
            CheckShell(*cli, statements, result, answer, options.showSql);
        }
        // The server and the shell take turns in blocks of 10 (as in resv-bench-accounts), so
        // that both meet the same load while it changes.
        constexpr int kBlock = 10;
        const int total = warmup + iterations;
        for (int block = 0; block < total; block += kBlock) {
            const int end = std::min(total, block + kBlock);
            for (int i = block; i < end; ++i) {
                double ms = 0;
                const Answer again = Request(client, audit, ms);
                if (again.sequences != answer.sequences || again.count < answer.count) {
                    throw std::runtime_error(audit.name + ": the answer changed during the run");
                }
                if (i >= warmup) {
                    result.serverMs.push_back(ms);
                }
            }
            for (int i = block; cli && i < end; ++i) {
                double wall = 0;
                double timer = 0;
                for (const auto& statement : statements) {
                    cli->SetParameters(statement.values);
                    const auto output = cli->Run(statement.sql + ";");
                    wall += output.wallMs;
                    timer += std::max(0.0, output.timerMs);
                }
                if (i >= warmup) {
                    result.shellMs.push_back(wall);
                    result.shellTimerMs.push_back(timer);
                }
            }
        }
        results.push_back(std::move(result));
    }
    return results;
}

void PrintCaseTable(const std::vector<CaseResult>& results, double targetMs) {
    Say("");
    Say(fmt::format("{:<46} {:>7} {:>4} {:>27} {:>19} {:>8}", "case (limit=100)", "rows", "n",
                    "resv-server p50/p95/max", "sqlite3 p50/p95", "p95"));
    bool allMet = true;
    for (const auto& result : results) {
        const Summary server = Summarize(result.serverMs);
        const Summary shell = Summarize(result.shellMs);
        const bool page = result.audit.kind == CaseKind::Page;
        const bool met = server.p95 <= targetMs;
        std::string verdict = met ? "met" : "NOT MET";
        if (!page) {
            verdict = "(count)";
        } else if (!result.audit.scans) {
            allMet = allMet && met;
        } else if (!met) {
            verdict = "NOT MET*";
        }
        Say(fmt::format(
            "{:<46} {:>7} {:>4} {:>27} {:>19} {:>8}", result.audit.name, result.rows, server.count,
            fmt::format("{:.2f} / {:.2f} / {:.2f} ms", server.p50, server.p95, server.max),
            result.shellMs.empty() ? std::string("not run")
                                   : fmt::format("{:.2f} / {:.2f} ms", shell.p50, shell.p95),
            verdict));
    }
    Say("");
    Say(fmt::format("Filtered page target (p95 ≤ {:.0f} ms through the client): {}", targetMs,
                    allMet ? "met by every indexed filter" : "NOT met by every indexed filter"));
    Say("  * the free text has no index: it reads events newest first until the page is full, "
        "so a rare word reads the whole history");
}

} // namespace resv::bench
