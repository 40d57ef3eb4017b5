#include "SqliteCli.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace resv::bench {
namespace {

constexpr const char* kMarker = "@@resv-bench-accounts: done@@";
constexpr std::string_view kTimerPrefix = "Run Time: real ";

bool IsShellError(const std::string& line) {
    return line.starts_with("Parse error") || line.starts_with("Runtime error") ||
           line.starts_with("Error:");
}

void WriteAll(int fd, const std::string& text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            throw std::runtime_error("sqlite3: cannot write to the shell (it ended?)");
        }
        written += static_cast<std::size_t>(n);
    }
}

} // namespace

std::string SqlLiteral(const std::string& text) {
    std::string literal = "'";
    for (const char c : text) {
        literal += c;
        if (c == '\'') {
            literal += '\'';
        }
    }
    return literal + "'";
}

std::optional<std::filesystem::path> SqliteCli::FindBinary() {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const auto candidate = std::filesystem::path(dirs.substr(start, end - start)) / "sqlite3";
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        start = end + 1;
    }
    return std::nullopt;
}

SqliteCli::SqliteCli(const std::filesystem::path& binary, const std::filesystem::path& database) {
    int toShell[2];
    int fromShell[2];
    if (::pipe2(toShell, O_CLOEXEC) != 0 || ::pipe2(fromShell, O_CLOEXEC) != 0) {
        throw std::runtime_error("sqlite3: no pipe");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, toShell[0], 0);
    posix_spawn_file_actions_adddup2(&actions, fromShell[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fromShell[1], 2);
    std::string program = binary.string();
    std::string batch = "-batch";
    std::string file = database.string();
    char* argv[] = {program.data(), batch.data(), file.data(), nullptr};
    const int code = posix_spawn(&m_pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(toShell[0]);
    ::close(fromShell[1]);
    m_input = toShell[1];
    m_output = fromShell[0];
    if (code != 0) {
        ::close(m_input);
        ::close(m_output);
        throw std::runtime_error("sqlite3: cannot start " + program + ": " + std::strerror(code));
    }
    Run(".timer on");
    Run(".parameter init");
    const Output version = Run("SELECT sqlite_version();");
    m_version = version.lines.empty() ? "?" : version.lines.front();
}

SqliteCli::~SqliteCli() {
    try {
        WriteAll(m_input, ".quit\n");
    } catch (const std::exception&) {
        // It has ended already.
    }
    ::close(m_input);
    ::close(m_output);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
}

std::string SqliteCli::ReadLine() {
    for (;;) {
        const auto newline = m_buffer.find('\n');
        if (newline != std::string::npos) {
            std::string line = m_buffer.substr(0, newline);
            m_buffer.erase(0, newline + 1);
            return line;
        }
        char chunk[65536];
        const ssize_t n = ::read(m_output, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            throw std::runtime_error("sqlite3: the shell ended");
        }
        m_buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

SqliteCli::Output SqliteCli::Run(const std::string& input) {
    Output output;
    const std::string text = input + "\n.print " + kMarker + "\n";
    const auto start = Clock::now();
    WriteAll(m_input, text);
    for (;;) {
        std::string line = ReadLine();
        if (line == kMarker) {
            break;
        }
        if (line.starts_with(kTimerPrefix)) {
            output.timerMs = 1000 * std::strtod(line.c_str() + kTimerPrefix.size(), nullptr);
            continue;
        }
        output.lines.push_back(std::move(line));
    }
    output.wallMs = Ms(Clock::now() - start);
    for (const auto& line : output.lines) {
        if (IsShellError(line)) {
            throw std::runtime_error(fmt::format("sqlite3: {} (running: {})", line, input));
        }
    }
    return output;
}

void SqliteCli::SetParameters(const std::vector<SqlValue>& values) {
    std::string sql = "DELETE FROM temp.sqlite_parameters;";
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string literal = std::holds_alternative<std::string>(values[i])
                                        ? SqlLiteral(std::get<std::string>(values[i]))
                                        : std::to_string(std::get<std::int64_t>(values[i]));
        sql += fmt::format("INSERT INTO temp.sqlite_parameters(key, value) VALUES ('?{}', {});",
                           i + 1, literal);
    }
    Run(sql);
}

} // namespace resv::bench
