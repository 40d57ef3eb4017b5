#include "SimOptions.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace resv::tools {
namespace {

constexpr int kMaxCount = 100'000;
constexpr double kMinIntervalSeconds = 0.5;
constexpr double kMaxIntervalSeconds = 3600;

ParsedArguments UsageError(const std::string& message) {
    return {std::nullopt, fmt::format("resv-terminal-sim: {}\n\n{}", message, SimUsage()), 2};
}

std::optional<int> ParseInt(const std::string& text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> ParseSeconds(const std::string& text) {
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used != text.size() || !std::isfinite(value)) {
            return std::nullopt;
        }
        return value;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

std::string SimUsage() {
    return "Usage: resv-terminal-sim --server URL --ca-file FILE --tokens FILE [--count N]\n"
           "                         [--interval SECONDS] [--once]\n"
           "\n"
           "Simulated KIOSK terminals and agent PCs for a resv-server. Each terminal keeps its "
           "own\n"
           "HTTPS connection, heartbeats every SECONDS (default 10, with jitter), fetches and\n"
           "acknowledges a new configuration when the server asks for one, and now and then a\n"
           "KIOSK calls an agent PC. A status line every 30 s; Ctrl-C stops.\n"
           "\n"
           "  --server URL      https://host:port of the server\n"
           "  --ca-file FILE    the CA that signed the server's certificate (DIR/tls/ca.crt)\n"
           "  --tokens FILE     terminal_id, device_token, kind, ip_address per line, "
           "tab-separated\n"
           "                    (resv-server --demo writes DIR/demo-terminal-tokens.tsv)\n"
           "  --count N         simulate only the first N terminals of the file\n"
           "  --interval S      seconds between heartbeats (0.5 to 3600, default 10)\n"
           "  --once            each terminal heartbeats once and applies a pending "
           "configuration;\n"
           "                    exit status 0 when all of them succeeded\n";
}

ParsedArguments ParseSimArguments(const std::vector<std::string>& arguments) {
    SimOptions options;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& name = arguments[i];
        if (name == "-h" || name == "--help") {
            return {std::nullopt, SimUsage(), 0};
        }
        if (name == "--once") {
            options.once = true;
            continue;
        }
        if (name != "--server" && name != "--ca-file" && name != "--tokens" && name != "--count" &&
            name != "--interval") {
            return UsageError(fmt::format("unknown argument \"{}\"", name));
        }
        if (i + 1 >= arguments.size()) {
            return UsageError(fmt::format("{} needs a value", name));
        }
        const std::string& value = arguments[++i];
        if (name == "--server") {
            options.serverUrl = value;
        } else if (name == "--ca-file") {
            options.caFile = value;
        } else if (name == "--tokens") {
            options.tokensFile = value;
        } else if (name == "--count") {
            const auto count = ParseInt(value);
            if (!count || *count < 1 || *count > kMaxCount) {
                return UsageError(
                    fmt::format("--count must be a whole number from 1 to {}", kMaxCount));
            }
            options.count = *count;
        } else {
            const auto seconds = ParseSeconds(value);
            if (!seconds || *seconds < kMinIntervalSeconds || *seconds > kMaxIntervalSeconds) {
                return UsageError(
                    fmt::format("--interval must be a number of seconds from {} to {}",
                                kMinIntervalSeconds, kMaxIntervalSeconds));
            }
            options.interval = std::chrono::milliseconds(std::lround(*seconds * 1000));
        }
    }
    if (options.serverUrl.empty()) {
        return UsageError("--server is required");
    }
    if (!options.serverUrl.starts_with("https://")) {
        return UsageError("--server must be an https:// address");
    }
    if (options.caFile.empty()) {
        return UsageError("--ca-file is required");
    }
    if (options.tokensFile.empty()) {
        return UsageError("--tokens is required");
    }
    return {options, {}, 0};
}

} // namespace resv::tools
