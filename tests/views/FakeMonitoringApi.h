#pragma once
// An IMonitoringApi in memory for presenter and GUI tests: the four components with 90 JST days
// of uptime and a few latency samples, terminals per facility, and the operator's set and clear
// as the server does them. A test may set the error the next call throws (or every call, while
// the server is "down"), and answers are recorded under a lock.

#include "resv/client/ApiError.h"
#include "resv/client/MonitoringApi.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace resv::views::test {

class FakeMonitoringApi final : public client::IMonitoringApi {
public:
    model::ServiceStatus status;
    model::TerminalPresence terminals;
    /// Thrown by the next call, then cleared.
    std::optional<client::ApiError> nextError;
    /// Thrown by every call until reset (the server is unreachable).
    std::optional<client::ApiError> down;
    /// Thrown by GetTerminalPresence only (say, 403 for a provider operator).
    std::optional<client::ApiError> terminalsError;
    std::vector<std::string> calls;
    std::vector<std::pair<std::string, model::ComponentOverride>> overrides;

    std::vector<std::string> Calls() {
        std::lock_guard lock(m_mutex);
        return calls;
    }
    long CountOf(const std::string& call) {
        std::lock_guard lock(m_mutex);
        return std::count(calls.begin(), calls.end(), call);
    }

    model::ServiceStatus GetServiceStatus() override {
        Call("GetServiceStatus");
        std::lock_guard lock(m_mutex);
        return status;
    }
    model::TerminalPresence GetTerminalPresence() override {
        Call("GetTerminalPresence");
        std::lock_guard lock(m_mutex);
        if (terminalsError) {
            throw *terminalsError;
        }
        return terminals;
    }
    model::ComponentStatus SetComponentStatus(const std::string& id,
                                              const model::ComponentOverride& input) override {
        Call("SetComponentStatus");
        std::lock_guard lock(m_mutex);
        overrides.emplace_back(id, input);
        model::ComponentStatus& component = Find(id);
        component.status = input.status;
        component.message = input.message;
        component.setByOperator = true;
        return component;
    }
    model::ComponentStatus ClearComponentStatus(const std::string& id) override {
        Call("ClearComponentStatus");
        std::lock_guard lock(m_mutex);
        model::ComponentStatus& component = Find(id);
        component.status = model::ComponentState::Operational;
        component.message = "Answering normally";
        component.setByOperator = false;
        return component;
    }

private:
    void Call(const char* name) {
        std::lock_guard lock(m_mutex);
        calls.push_back(name);
        if (nextError) {
            const client::ApiError error = *nextError;
            nextError.reset();
            throw error;
        }
        if (down) {
            throw *down;
        }
    }
    model::ComponentStatus& Find(const std::string& id) {
        for (auto& component : status.components) {
            if (component.id == id) {
                return component;
            }
        }
        model::Problem problem;
        problem.status = 404;
        problem.code = "not_found";
        throw client::ApiError(problem);
    }

    std::mutex m_mutex;
};

/// "2026-11-26" minus `daysBack` days (JST calendar dates; 2026-11-26 is today).
inline std::string JstDateBefore(int daysBack) {
    using namespace std::chrono;
    const sys_days day = sys_days(year{2026} / November / 26) - days(daysBack);
    const year_month_day ymd(day);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

/// A component with 90 days of uptime ending today (2026-11-26 JST): the first `noData` days
/// unmeasured, the others `percent` except today at `today`; latency samples a minute apart.
inline model::ComponentStatus SampleComponent(std::string id, std::string name,
                                              model::ComponentState state, std::string message,
                                              double percent = 100.0, double today = 100.0,
                                              int noData = 0) {
    model::ComponentStatus c;
    c.id = std::move(id);
    c.name = std::move(name);
    c.status = state;
    c.message = std::move(message);
    c.updatedAt = *model::ParseRfc3339("2026-11-26T07:55:00Z");
    for (int back = 89; back >= 0; --back) {
        model::UptimeDay day;
        day.date = JstDateBefore(back);
        if (89 - back >= noData) {
            day.percent = back == 0 ? today : percent;
        }
        c.uptime.push_back(day);
    }
    const double base[] = {12, 14, 11, 13, 18, 15, 12, 16, 14, 13, 12, 17, 21, 15, 13, 12};
    for (int i = 0; i < 16; ++i) {
        c.latency.push_back(
            {*model::ParseRfc3339("2026-11-26T07:45:00Z") + std::chrono::minutes(i), base[i]});
    }
    return c;
}

/// The service with the database degraded (and one bad day for the terminal gateway).
inline model::ServiceStatus SampleStatus() {
    using model::ComponentState;
    model::ServiceStatus s;
    s.checkedAt = *model::ParseRfc3339("2026-11-26T08:10:40Z");
    s.components.push_back(SampleComponent("api", "API", ComponentState::Operational,
                                           "Answering normally", 100.0, 100.0, 20));
    auto database = SampleComponent("database", "Database", ComponentState::Degraded,
                                    "The database answered in 850 ms", 99.98, 99.86, 20);
    for (std::size_t i = 0; i < database.latency.size(); ++i) {
        database.latency[i].milliseconds = 40.0 + 55.0 * static_cast<double>(i);
    }
    s.components.push_back(database);
    auto gateway =
        SampleComponent("terminal_gateway", "Terminal gateway", ComponentState::Operational,
                        "12 of 15 terminals reporting", 100.0, 100.0, 20);
    gateway.uptime[60].percent = 97.5;
    gateway.uptime[75].percent = 99.2;
    s.components.push_back(gateway);
    s.components.push_back(SampleComponent("notifications", "Notifications",
                                           ComponentState::Operational, "The mail queue is empty",
                                           100.0, 100.0, 20));
    return s;
}

inline model::TerminalPresence SampleTerminals() {
    model::TerminalPresence t;
    t.items = {{"fac_1", "ホテル新宿", 5, 0},
               {"fac_2", "ホテル品川", 3, 1},
               {"fac_3", "ホテル梅田", 4, 2}};
    t.online = 12;
    t.offline = 3;
    t.checkedAt = *model::ParseRfc3339("2026-11-26T08:10:40Z");
    return t;
}

} // namespace resv::views::test
