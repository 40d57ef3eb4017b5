#include "auth/LoginThrottle.h"

#include "resv/model/Problem.h"

#include <fmt/format.h>

#include <algorithm>

namespace resv::server::auth {

LoginThrottled::LoginThrottled(std::chrono::seconds retryAfter)
    : http::HttpError(429, model::error_code::kTooManyRequests,
                      fmt::format("Too many failed logins from this address; try again in {} s.",
                                  retryAfter.count()))
    , m_retryAfter(retryAfter) {}

LoginThrottle::LoginThrottle(std::shared_ptr<const Clock> clock, ThrottlePolicy policy)
    : m_clock(std::move(clock))
    , m_policy(policy) {}

void LoginThrottle::Prune(Failures& failures, model::TimePoint now) const {
    while (!failures.empty() && failures.front() + m_policy.window <= now) {
        failures.pop_front();
    }
}

std::optional<std::chrono::seconds> LoginThrottle::RetryAfter(const std::string& sourceIp) {
    const model::TimePoint now = m_clock->Now();
    std::lock_guard lock(m_mutex);
    const auto it = m_failures.find(sourceIp);
    if (it == m_failures.end()) {
        return std::nullopt;
    }
    Failures& failures = it->second;
    Prune(failures, now);
    if (failures.empty()) {
        m_failures.erase(it);
        return std::nullopt;
    }
    if (static_cast<int>(failures.size()) < m_policy.maxFailures) {
        return std::nullopt;
    }
    // Free again when enough of the oldest failures have left the window.
    const auto freedAt = failures[failures.size() - m_policy.maxFailures] + m_policy.window;
    const auto wait = std::chrono::ceil<std::chrono::seconds>(freedAt - now);
    return std::max(wait, std::chrono::seconds(1));
}

void LoginThrottle::Check(const std::string& sourceIp) {
    if (const auto wait = RetryAfter(sourceIp)) {
        throw LoginThrottled(*wait);
    }
}

void LoginThrottle::RecordFailure(const std::string& sourceIp) {
    const model::TimePoint now = m_clock->Now();
    std::lock_guard lock(m_mutex);
    if (!m_failures.count(sourceIp)) {
        EvictIfFull(now);
    }
    Failures& failures = m_failures[sourceIp];
    Prune(failures, now);
    failures.push_back(now);
    // Never more than the window can use: the count stays bounded for a busy address.
    while (static_cast<int>(failures.size()) > m_policy.maxFailures) {
        failures.pop_front();
    }
}

void LoginThrottle::EvictIfFull(model::TimePoint now) {
    if (m_failures.size() < m_policy.maxTrackedAddresses) {
        return;
    }
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        Prune(it->second, now);
        it = it->second.empty() ? m_failures.erase(it) : std::next(it);
    }
    // Still full of live addresses (a spread attack): forget one at random rather than grow.
    if (m_failures.size() >= m_policy.maxTrackedAddresses) {
        m_failures.erase(m_failures.begin());
    }
}

} // namespace resv::server::auth
