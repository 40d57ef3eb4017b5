#pragma once
// The sqlite3 command-line shell (Debian's sqlite3 package) as the baseline: one long-lived
// process on the same database file, fed statements through a pipe. A statement is timed from
// the moment it is written to the moment the shell has printed all its rows (a `.print` marker
// after it comes back), so process start-up is paid once and not per query. `.timer on` is on as
// well; its "Run Time: real" (millisecond resolution) is kept as a cross-check.

#include "ListCases.h"

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace resv::bench {

class SqliteCli {
public:
    /// sqlite3 on the PATH (or /usr/bin/sqlite3), if installed.
    static std::optional<std::filesystem::path> FindBinary();

    SqliteCli(const std::filesystem::path& binary, const std::filesystem::path& database);
    ~SqliteCli();
    SqliteCli(const SqliteCli&) = delete;
    SqliteCli& operator=(const SqliteCli&) = delete;

    struct Output {
        std::vector<std::string> lines; ///< what the statement printed, without the timer line
        double wallMs = 0;              ///< written -> every row printed
        double timerMs = -1;            ///< the shell's own `.timer` (real), -1 when absent
    };
    /// Runs SQL or dot commands (a full statement with its ';'). Throws std::runtime_error when
    /// the shell reports an error or ends.
    Output Run(const std::string& input);
    /// Binds ?1, ?2, ... for the following statements, as the shell's `.parameter` does (its
    /// temp.sqlite_parameters table), with values quoted as SQL literals.
    void SetParameters(const std::vector<SqlValue>& values);

    const std::string& Version() const { return m_version; }

private:
    std::string ReadLine();

    pid_t m_pid = -1;
    int m_input = -1;
    int m_output = -1;
    std::string m_buffer;
    std::string m_version;
};

/// `text` as an SQL string literal.
std::string SqlLiteral(const std::string& text);

} // namespace resv::bench
