#include "cli/CommandLine.h"

#include "mail/SmtpSender.h"
#include "resv/model/Notices.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <system_error>

namespace resv::server::cli {
namespace {

struct Subcommand {
    Action action;
    std::size_t arity;
    const char* usage;
};

const std::map<std::string, Subcommand, std::less<>>& Subcommands() {
    static const std::map<std::string, Subcommand, std::less<>> subcommands{
        {"create-tenant", {Action::CreateTenant, 2, "create-tenant CODE NAME"}},
        {"create-account", {Action::CreateAccount, 3, "create-account TENANT LOGIN ROLE"}},
        {"assign-operator", {Action::AssignOperator, 2, "assign-operator LOGIN TENANT"}},
        {"verify-audit", {Action::VerifyAudit, 1, "verify-audit TENANT"}},
        {"run-retention", {Action::RunRetention, 0, "run-retention [--as-of TIME]"}},
    };
    return subcommands;
}

/// "HOST:PORT" or "[IPV6]:PORT".
void ParseListen(const std::string& value, CommandLine& line) {
    const auto colon = value.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        throw UsageError("--listen wants HOST:PORT, e.g. 127.0.0.1:8443 or [::1]:8443");
    }
    std::string host = value.substr(0, colon);
    if (host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    const std::string portText = value.substr(colon + 1);
    int port = -1;
    const auto [end, error] =
        std::from_chars(portText.data(), portText.data() + portText.size(), port);
    if (error != std::errc() || end != portText.data() + portText.size() || port < 0 ||
        port > 65535 || host.empty()) {
        throw UsageError("--listen wants HOST:PORT with a port from 0 to 65535, not '" + value +
                         "'");
    }
    line.host = host;
    line.port = port;
}

/// A whole number from `min` to `max` for option `name`.
int ParseBounded(const std::string& name, const std::string& value, int min, int max,
                 const char* unit) {
    int number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size() || number < min ||
        number > max) {
        throw UsageError(fmt::format("{} wants a whole number of {} from {} to {}, not '{}'", name,
                                     unit, min, max, value));
    }
    return number;
}

/// Applies option `name` (with its value, if it takes one). Returns whether it used `value`.
bool ApplyOption(const std::string& name, const std::optional<std::string>& value,
                 CommandLine& line) {
    auto required = [&]() -> const std::string& {
        if (!value || value->empty()) {
            throw UsageError(name + " needs a value");
        }
        return *value;
    };
    if (name == "--help" || name == "-h") {
        line.action = Action::Help;
        return false;
    }
    if (name == "--demo") {
        line.demo = true;
        return false;
    }
    if (name == "--smtp-require-tls") {
        line.smtpRequireTls = true;
        return false;
    }
    if (name == "--smtp-password") {
        throw UsageError(fmt::format("the SMTP password is not taken on the command line (other "
                                     "users can read it there); set {} instead",
                                     kSmtpPasswordVariable));
    }
    if (name == "--data-dir") {
        line.dataDir = required();
    } else if (name == "--listen") {
        ParseListen(required(), line);
    } else if (name == "--tls-cert") {
        line.tlsCert = required();
    } else if (name == "--tls-key") {
        line.tlsKey = required();
    } else if (name == "--max-connections") {
        line.maxConnections =
            ParseBounded(name, required(), 1, kMaxConnectionsLimit, "connections");
    } else if (name == "--as-of") {
        line.asOf = required();
    } else if (name == "--keep-alive") {
        line.keepAliveSeconds =
            ParseBounded(name, required(), 1, kKeepAliveLimitSeconds, "seconds");
    } else if (name == "--smtp-url") {
        line.smtpUrl = required();
    } else if (name == "--mail-from") {
        line.mailFrom = required();
    } else if (name == "--smtp-ca-file") {
        line.smtpCaFile = required();
    } else if (name == "--smtp-user") {
        line.smtpUser = required();
    } else {
        throw UsageError("unknown option " + name);
    }
    return true;
}

bool AnyMailOption(const CommandLine& line) {
    return !line.smtpUrl.empty() || !line.mailFrom.empty() || line.smtpRequireTls ||
           line.smtpCaFile || !line.smtpUser.empty();
}

/// The mail server options: a URL that curl will take for SMTP, a sender, no secret in sight.
void ValidateMail(const CommandLine& line) {
    if (line.smtpUrl.empty()) {
        if (AnyMailOption(line)) {
            throw UsageError("--mail-from, --smtp-require-tls, --smtp-ca-file and --smtp-user go "
                             "with --smtp-url URL");
        }
        return;
    }
    const std::string scheme = mail::SmtpScheme(line.smtpUrl);
    const auto hostStart = line.smtpUrl.find("://");
    if (scheme.empty() || hostStart + 3 >= line.smtpUrl.size() ||
        std::any_of(line.smtpUrl.begin(), line.smtpUrl.end(),
                    [](unsigned char c) { return c <= ' ' || c >= 0x7F; })) {
        throw UsageError("--smtp-url wants smtp://HOST[:PORT] (STARTTLS when offered) or "
                         "smtps://HOST[:PORT] (TLS from the start), not '" +
                         line.smtpUrl + "'");
    }
    if (mail::UrlHasUserinfo(line.smtpUrl)) {
        throw UsageError(fmt::format("--smtp-url must not hold a user or password; use "
                                     "--smtp-user USER and the environment variable {}",
                                     kSmtpPasswordVariable));
    }
    if (line.mailFrom.empty()) {
        throw UsageError("--smtp-url needs --mail-from ADDRESS, the sender of the notices");
    }
    if (!model::IsValidEmailAddress(line.mailFrom)) {
        throw UsageError("--mail-from wants a plain e-mail address such as "
                         "resv-notice@example.jp, not '" +
                         line.mailFrom + "'");
    }
    if (line.smtpCaFile) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(*line.smtpCaFile, error)) {
            throw UsageError("--smtp-ca-file: no such file '" + line.smtpCaFile->string() + "'");
        }
    }
}

void Validate(CommandLine& line, const std::vector<std::string>& positional) {
    if (line.action == Action::Help) {
        return;
    }
    if (line.dataDir.empty()) {
        throw UsageError("--data-dir DIR is required");
    }
    if (line.tlsCert.has_value() != line.tlsKey.has_value()) {
        throw UsageError("--tls-cert and --tls-key go together");
    }
    if (positional.empty()) {
        if (line.asOf) {
            throw UsageError("--as-of is for run-retention");
        }
        ValidateMail(line);
        return;
    }
    const auto it = Subcommands().find(positional.front());
    if (it == Subcommands().end()) {
        throw UsageError("unknown subcommand '" + positional.front() + "'");
    }
    const Subcommand& subcommand = it->second;
    if (positional.size() - 1 != subcommand.arity) {
        throw UsageError(std::string("usage: resv-server --data-dir DIR ") + subcommand.usage);
    }
    if (line.demo || line.tlsCert || line.port != 8443 || line.host != "127.0.0.1" ||
        line.maxConnections || line.keepAliveSeconds || AnyMailOption(line)) {
        throw UsageError("--listen, --tls-cert, --tls-key, --demo, --max-connections, "
                         "--keep-alive and the mail options are for serving, not for " +
                         positional.front());
    }
    if (line.asOf && subcommand.action != Action::RunRetention) {
        throw UsageError("--as-of is for run-retention");
    }
    line.action = subcommand.action;
    line.arguments.assign(positional.begin() + 1, positional.end());
}

} // namespace

CommandLine ParseCommandLine(const std::vector<std::string>& args) {
    CommandLine line;
    std::vector<std::string> positional;
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || arg.empty() || arg[0] != '-') {
            positional.push_back(arg);
        } else if (arg == "--") {
            optionsEnded = true;
        } else if (const auto equals = arg.find('='); equals != std::string::npos) {
            if (!ApplyOption(arg.substr(0, equals), arg.substr(equals + 1), line)) {
                throw UsageError(arg.substr(0, equals) + " takes no value");
            }
        } else {
            const auto next = i + 1 < args.size() ? std::optional(args[i + 1]) : std::nullopt;
            if (ApplyOption(arg, next, line)) {
                ++i;
            }
        }
    }
    Validate(line, positional);
    return line;
}

std::string HelpText() {
    return R"(Usage:
  resv-server --data-dir DIR [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--demo]
              [--max-connections N] [--keep-alive SECONDS]
              [--smtp-url URL --mail-from ADDRESS [--smtp-require-tls]
               [--smtp-ca-file FILE] [--smtp-user USER]]
  resv-server --data-dir DIR create-tenant CODE NAME
  resv-server --data-dir DIR create-account TENANT LOGIN ROLE
  resv-server --data-dir DIR assign-operator LOGIN TENANT
  resv-server --data-dir DIR verify-audit TENANT
  resv-server --data-dir DIR run-retention [--as-of TIME]

Serves the RESV API over HTTPS (TLS 1.2/1.3 only) until SIGINT or SIGTERM.

Options:
  --data-dir DIR        where the database (DIR/resv.db) and TLS files live; made 0700
  --listen HOST:PORT    address to listen on (default 127.0.0.1:8443; [::1]:8443 for IPv6)
  --tls-cert FILE       certificate chain (PEM); without it a development CA and a
  --tls-key FILE        certificate for localhost are made in DIR/tls (clients trust
                        DIR/tls/ca.crt)
  --demo                add the demo tenants and accounts (if missing) and list the logins
  --max-connections N   connections served at once, 1 to 4096 (default 512); each holds a
                        thread while open, idle keep-alive included; more wait their turn
  --keep-alive SECONDS  how long an idle connection stays open for its next request, 1 to
                        3600 (default 40: longer than a terminal's 30 s heartbeat)
  --smtp-url URL        the mail server for incident and notice e-mail:
                        smtp://HOST[:PORT] (STARTTLS whenever the server offers it) or
                        smtps://HOST[:PORT] (TLS from the start); the server's certificate
                        and name are always verified. Without it mail waits in the outbox
                        (never lost) and the notifications component says so
  --mail-from ADDRESS   the sender (envelope and From:) of that mail; needed with --smtp-url
  --smtp-require-tls    never send unless the connection became TLS (STARTTLS)
  --smtp-ca-file FILE   the CA (PEM) that signed a private mail server's certificate
  --smtp-user USER      log in to the mail server as USER (then TLS is required); the
                        password comes only from the environment variable RESV_SMTP_PASSWORD
  -h, --help            show this text

Subcommands:
  create-tenant CODE NAME            a customer tenant (CODE is typed at login)
  create-account TENANT LOGIN ROLE   an account with a built-in role (operator,
                                     customermanager, customermanager_viewer,
                                     customeremployee); prints a one-time password
                                     that must be changed at first login (valid 7 days)
  assign-operator LOGIN TENANT       lets operator LOGIN of tenant provider act in TENANT
  verify-audit TENANT                checks the tenant's usage history: the hash chain
                                     event by event and the signed checkpoints, with
                                     DIR/keys/audit-signing.pub; exit 0 intact, 1 not
  run-retention [--as-of TIME]       runs the retention jobs the server runs daily, as of
                                     TIME (RFC 3339, default now): deletes access log
                                     entries older than 31 days and signs checkpoints

Exit status: 0 done, 1 failed (the reason is on stderr; for verify-audit: the usage history
is not intact), 2 bad command line.
)";
}

std::string SmtpPassword(const CommandLine& line, const char* environmentValue) {
    if (line.smtpUser.empty()) {
        return {};
    }
    if (environmentValue == nullptr || *environmentValue == '\0') {
        throw UsageError(fmt::format("--smtp-user needs the password in the environment "
                                     "variable {}",
                                     kSmtpPasswordVariable));
    }
    return environmentValue;
}

std::string ServerUrl(const std::string& host, int port) {
    if (host.find(':') != std::string::npos) {
        return fmt::format("https://[{}]:{}", host, port);
    }
    return fmt::format("https://{}:{}", host, port);
}

} // namespace resv::server::cli
