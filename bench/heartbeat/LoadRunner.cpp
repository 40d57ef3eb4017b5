#include "LoadRunner.h"

#include "resv/client/ApiClient.h"

#include <fmt/format.h>

#include <algorithm>
#include <barrier>
#include <functional>
#include <thread>

namespace resv::tools {
namespace {

using Clock = std::chrono::steady_clock;

struct ConnectionResult {
    std::vector<std::uint32_t> latenciesUs;
    long long errors = 0;
    std::string firstError;
};

double Percentile(std::vector<std::uint32_t>& sorted, double fraction) {
    if (sorted.empty()) {
        return 0;
    }
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1));
    return sorted[index] / 1000.0;
}

struct Window {
    Clock::time_point start;
    Clock::time_point end;
};

/// `waitForAll` returns once every connection has made its client; then `window` is set.
void RunConnection(const LoadSpec& spec, int index, const std::function<void()>& waitForAll,
                   const Window& window, ConnectionResult& result) {
    std::unique_ptr<client::ApiClient> client;
    std::vector<std::string> tokens;
    for (std::size_t i = static_cast<std::size_t>(index); i < spec.tokens.size();
         i += static_cast<std::size_t>(spec.connections)) {
        tokens.push_back(spec.tokens[i]);
    }
    if (tokens.empty() && !spec.tokens.empty()) {
        tokens.push_back(spec.tokens[static_cast<std::size_t>(index) % spec.tokens.size()]);
    }
    try {
        client = std::make_unique<client::ApiClient>(spec.client);
    } catch (const std::exception& error) {
        result.firstError = error.what();
    }
    waitForAll();
    if (!client) {
        return;
    }
    const auto measureStart = window.start;
    const auto measureEnd = window.end;
    std::size_t next = 0;
    while (true) {
        if (!tokens.empty()) {
            client->SetToken(tokens[next++ % tokens.size()]);
        }
        const auto sent = Clock::now();
        if (sent >= measureEnd) {
            return;
        }
        bool ok = true;
        try {
            client->Send("POST", spec.path, spec.body);
        } catch (const std::exception& error) {
            ok = false;
            if (result.firstError.empty()) {
                result.firstError = error.what();
            }
        }
        const auto answered = Clock::now();
        if (sent < measureStart || answered > measureEnd) {
            continue;
        }
        if (ok) {
            result.latenciesUs.push_back(static_cast<std::uint32_t>(
                std::chrono::duration_cast<std::chrono::microseconds>(answered - sent).count()));
        } else {
            ++result.errors;
        }
    }
}

} // namespace

LoadResult RunLoad(const LoadSpec& spec) {
    const auto connections = static_cast<std::size_t>(std::max(1, spec.connections));
    std::vector<ConnectionResult> results(connections);
    std::vector<std::thread> threads;
    // The window opens after every thread has made its client; the connections open with the
    // first requests, inside the warm-up.
    Window window;
    std::barrier connected(static_cast<std::ptrdiff_t>(connections), [&]() noexcept {
        window.start = Clock::now() + spec.warmup;
        window.end = window.start + spec.duration;
    });
    const std::function<void()> waitForAll = [&connected] { connected.arrive_and_wait(); };
    for (std::size_t i = 0; i < connections; ++i) {
        threads.emplace_back(
            [&, i] { RunConnection(spec, static_cast<int>(i), waitForAll, window, results[i]); });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    LoadResult total;
    std::vector<std::uint32_t> latencies;
    for (auto& result : results) {
        latencies.insert(latencies.end(), result.latenciesUs.begin(), result.latenciesUs.end());
        total.errors += result.errors;
        if (total.firstError.empty()) {
            total.firstError = result.firstError;
        }
    }
    std::sort(latencies.begin(), latencies.end());
    total.requests = static_cast<long long>(latencies.size());
    total.seconds = std::chrono::duration<double>(spec.duration).count();
    total.perSecond = static_cast<double>(total.requests) / total.seconds;
    total.p50Ms = Percentile(latencies, 0.50);
    total.p99Ms = Percentile(latencies, 0.99);
    total.maxMs = latencies.empty() ? 0 : latencies.back() / 1000.0;
    return total;
}

} // namespace resv::tools
