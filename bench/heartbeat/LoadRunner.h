#pragma once
// A closed-loop load over persistent HTTPS connections: each thread owns one client (one
// connection) and sends the next request as soon as the previous answer arrived. The same code
// measures resv-server and the nginx baseline.

#include "resv/client/ClientOptions.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace resv::tools {

struct LoadSpec {
    client::ClientOptions client;
    std::string path;
    nlohmann::json body;
    /// Bearer tokens the connections take turns with (terminal k of n on connection k % c).
    std::vector<std::string> tokens;
    int connections = 16;
    std::chrono::seconds warmup{2};
    std::chrono::seconds duration{10};
};

struct LoadResult {
    long long requests = 0; ///< answered with 2xx inside the measured window
    long long errors = 0;   ///< failed or non-2xx inside the measured window
    double seconds = 0;     ///< length of the measured window
    double perSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    std::string firstError; ///< what went wrong first, if anything
};

/// Runs the load; returns once the measured window is over and every connection has stopped.
LoadResult RunLoad(const LoadSpec& spec);

} // namespace resv::tools
