#pragma once
// The command line of resv-terminal-sim.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace resv::tools {

struct SimOptions {
    std::string serverUrl;
    std::string caFile;
    std::string tokensFile;
    std::optional<int> count; ///< the first N terminals of the file; all when unset
    std::chrono::milliseconds interval{10'000}; ///< between heartbeats, before jitter
    bool once = false; ///< one heartbeat (and pending config) each, then exit
};

/// What ParseSimArguments decided: run with `options`, or print `message` and exit with
/// `exitCode` (0 for --help, 2 for a usage error).
struct ParsedArguments {
    std::optional<SimOptions> options;
    std::string message;
    int exitCode = 0;
};

/// `arguments` excludes the program name.
ParsedArguments ParseSimArguments(const std::vector<std::string>& arguments);

std::string SimUsage();

} // namespace resv::tools
