#pragma once
// Per-source-IP throttling of failed logins (issue 4): one address that fails too often in a
// window is answered 429 too_many_requests with Retry-After before any password is checked, so
// spraying many accounts from one place is slow even though each account's lockout never trips.
// Memory only: a restart forgets, and each server of a cluster counts for itself.

#include "http/Problem.h"
#include "resv/server/Clock.h"

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace resv::server::auth {

/// 429 too_many_requests; the route adds `Retry-After: retryAfter` to the problem it answers.
class LoginThrottled : public http::HttpError {
public:
    explicit LoginThrottled(std::chrono::seconds retryAfter);
    std::chrono::seconds RetryAfter() const { return m_retryAfter; }

private:
    std::chrono::seconds m_retryAfter;
};

struct ThrottlePolicy {
    int maxFailures = 30;                     ///< failures allowed per address per window
    std::chrono::seconds window{5 * 60};      ///< sliding
    std::size_t maxTrackedAddresses = 100000; ///< beyond this the oldest entries are dropped
};

class LoginThrottle {
public:
    LoginThrottle(std::shared_ptr<const Clock> clock, ThrottlePolicy policy = {});

    /// Throws LoginThrottled while `sourceIp` has used up its failures.
    void Check(const std::string& sourceIp);

    /// A refused login from `sourceIp`.
    void RecordFailure(const std::string& sourceIp);

    /// Seconds until `sourceIp` may try again; nothing while it may.
    std::optional<std::chrono::seconds> RetryAfter(const std::string& sourceIp);

private:
    using Failures = std::deque<model::TimePoint>;

    void Prune(Failures& failures, model::TimePoint now) const;
    void EvictIfFull(model::TimePoint now);

    std::shared_ptr<const Clock> m_clock;
    ThrottlePolicy m_policy;
    std::mutex m_mutex;
    std::unordered_map<std::string, Failures> m_failures;
};

} // namespace resv::server::auth
