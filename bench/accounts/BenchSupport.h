#pragma once
// What the parts of resv-bench-accounts share: timings in milliseconds and their percentiles,
// a private temp dir, and printing a line at once.

#include "../common/TempDir.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <stdlib.h>

namespace resv::bench {

using Clock = std::chrono::steady_clock;

inline double Ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

inline void Say(const std::string& line) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

/// p50, p95 and max of a series of timings (nearest-rank percentiles).
struct Summary {
    double p50 = 0;
    double p95 = 0;
    double max = 0;
    std::size_t count = 0;
};

inline Summary Summarize(std::vector<double> samples) {
    Summary summary;
    summary.count = samples.size();
    if (samples.empty()) {
        return summary;
    }
    std::sort(samples.begin(), samples.end());
    const auto rank = [&](double p) {
        const auto index = static_cast<std::size_t>(std::ceil(p * samples.size()));
        return samples[std::clamp<std::size_t>(index, 1, samples.size()) - 1];
    };
    summary.p50 = rank(0.50);
    summary.p95 = rank(0.95);
    summary.max = samples.back();
    return summary;
}

} // namespace resv::bench
