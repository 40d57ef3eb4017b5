#pragma once
// resv-server's command line: serve, or one administrative subcommand.

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace resv::server::cli {

inline constexpr int kMaxConnectionsLimit = 4096; ///< one thread each
inline constexpr int kKeepAliveLimitSeconds = 3600;

/// A command line that cannot be run as written (exit status 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class Action {
    Help,
    Serve,
    CreateTenant,
    CreateAccount,
    AssignOperator,
    VerifyAudit,
    RunRetention
};

struct CommandLine {
    Action action = Action::Serve;
    std::filesystem::path dataDir;
    std::string host = "127.0.0.1";
    int port = 8443;
    std::optional<std::filesystem::path> tlsCert;
    std::optional<std::filesystem::path> tlsKey;
    bool demo = false;
    std::optional<int> maxConnections;   ///< unset: the server's default
    std::optional<int> keepAliveSeconds; ///< unset: the server's default
    std::vector<std::string> arguments;  ///< the subcommand's
    std::optional<std::string> asOf;     ///< run-retention's --as-of, as typed
    std::string smtpUrl;                 ///< --smtp-url: smtp:// or smtps://, no userinfo
    std::string mailFrom;                ///< --mail-from: a plain address
    bool smtpRequireTls = false;         ///< --smtp-require-tls
    std::optional<std::filesystem::path> smtpCaFile; ///< --smtp-ca-file
    std::string smtpUser;                            ///< --smtp-user
};

/// The environment variable that holds the SMTP password (never the command line: other users
/// can read a process's arguments).
inline constexpr const char* kSmtpPasswordVariable = "RESV_SMTP_PASSWORD";

/// `args` without the program name. Throws UsageError saying what is wrong.
CommandLine ParseCommandLine(const std::vector<std::string>& args);

std::string HelpText();

/// The SMTP password for `line`: `environmentValue` (RESV_SMTP_PASSWORD, null when unset) when
/// --smtp-user is given, else empty. Throws UsageError for --smtp-user without a password.
std::string SmtpPassword(const CommandLine& line, const char* environmentValue);

/// "https://127.0.0.1:8443", with brackets around an IPv6 host.
std::string ServerUrl(const std::string& host, int port);

} // namespace resv::server::cli
