#pragma once
// Time comes from an injected clock, so expiry, retention and lockout are tested without sleeping.

#include "resv/model/Time.h"

#include <atomic>
#include <memory>

namespace resv::server {

class Clock {
public:
    virtual ~Clock() = default;
    virtual model::TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
public:
    model::TimePoint Now() const override { return model::Now(); }
};

/// A clock the tests move by hand. Thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(model::TimePoint start)
        : m_now(start.time_since_epoch().count()) {}
    model::TimePoint Now() const override {
        return model::TimePoint{std::chrono::milliseconds{m_now.load()}};
    }
    void Set(model::TimePoint t) { m_now = t.time_since_epoch().count(); }
    void Advance(std::chrono::milliseconds by) { m_now += by.count(); }

private:
    std::atomic<long long> m_now;
};

} // namespace resv::server
