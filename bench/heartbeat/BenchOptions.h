#pragma once
// The command line of resv-bench-heartbeat. Every count and duration is bounded.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace resv::tools {

struct BenchOptions {
    int terminals = 1000; ///< created through the API; heartbeats cycle through their tokens
    int connections = 16; ///< persistent TLS connections, one client thread each
    std::chrono::seconds warmup{2};
    std::chrono::seconds duration{10};
    int serverMaxConnections = 0; ///< resv-server's --max-connections; 0: its default
    bool nginx = true;            ///< measure the nginx baseline too
};

struct ParsedBenchArguments {
    std::optional<BenchOptions> options;
    std::string message; ///< usage or what was wrong
    int exitCode = 0;
};

ParsedBenchArguments ParseBenchArguments(const std::vector<std::string>& arguments);

} // namespace resv::tools
