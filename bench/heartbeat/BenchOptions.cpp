#include "BenchOptions.h"

#include <fmt/format.h>

#include <charconv>

namespace resv::tools {
namespace {

constexpr const char* kUsage =
    "Usage: resv-bench-heartbeat [--terminals N] [--connections C] [--duration S] [--warmup S]\n"
    "                            [--server-max-connections M] [--no-nginx]\n"
    "\n"
    "Starts resv-server in-process on a loopback port, creates N terminals through the API,\n"
    "and measures heartbeats per second over C persistent TLS connections (closed loop: each\n"
    "connection sends the next heartbeat when the answer arrived), then nginx serving a body of\n"
    "the same size over the same certificate and TLS policy, with the same client code.\n"
    "\n"
    "  --terminals N       terminals to create, 1 to 20000 (default 1000)\n"
    "  --connections C     connections and client threads, 1 to 256 (default 16)\n"
    "  --duration S        measured seconds for each server, 1 to 120 (default 10)\n"
    "  --warmup S          seconds before measuring, 0 to 30 (default 2)\n"
    "  --server-max-connections M\n"
    "                      resv-server's --max-connections, 1 to 4096 (default the server's)\n"
    "  --no-nginx          skip the nginx baseline\n";

struct Bound {
    const char* name;
    int min;
    int max;
};

std::optional<int> ParseBounded(const std::string& text, const Bound& bound) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < bound.min ||
        value > bound.max) {
        return std::nullopt;
    }
    return value;
}

} // namespace

ParsedBenchArguments ParseBenchArguments(const std::vector<std::string>& arguments) {
    BenchOptions options;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& name = arguments[i];
        if (name == "-h" || name == "--help") {
            return {std::nullopt, kUsage, 0};
        }
        if (name == "--no-nginx") {
            options.nginx = false;
            continue;
        }
        const Bound bounds[] = {{"--terminals", 1, 20'000},
                                {"--connections", 1, 256},
                                {"--duration", 1, 120},
                                {"--warmup", 0, 30},
                                {"--server-max-connections", 1, 4096}};
        const Bound* bound = nullptr;
        for (const auto& candidate : bounds) {
            if (name == candidate.name) {
                bound = &candidate;
            }
        }
        if (!bound) {
            return {
                std::nullopt,
                fmt::format("resv-bench-heartbeat: unknown argument \"{}\"\n\n{}", name, kUsage),
                2};
        }
        const auto value =
            i + 1 < arguments.size() ? ParseBounded(arguments[++i], *bound) : std::nullopt;
        if (!value) {
            return {std::nullopt,
                    fmt::format("resv-bench-heartbeat: {} needs a whole number from {} to {}\n\n{}",
                                name, bound->min, bound->max, kUsage),
                    2};
        }
        if (name == "--terminals") {
            options.terminals = *value;
        } else if (name == "--connections") {
            options.connections = *value;
        } else if (name == "--duration") {
            options.duration = std::chrono::seconds(*value);
        } else if (name == "--warmup") {
            options.warmup = std::chrono::seconds(*value);
        } else {
            options.serverMaxConnections = *value;
        }
    }
    return {options, {}, 0};
}

} // namespace resv::tools
