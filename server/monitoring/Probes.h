#pragma once
// 監視 (CLD.12.4.5): what each component's probe finds. A probe looks at something real (a timed
// database query, the answers the router gave in the last minute, the terminals' heartbeats, the
// mail outbox) and says how that component is, with a short English message. Probes sit behind
// one small interface so that tests can hand the StatusService findings of their own.
//
// Thresholds (the same numbers the README gives the operator):
// - database: a `SELECT COUNT(*) FROM tenants` through the pool, lease included: < 250 ms
//   operational, < 1 s degraded, slower partial_outage, an error major_outage.
// - api (every route but the terminals'), and terminal_gateway (/api/v1/terminal/*), over the
//   last 60 s of answers: none is operational; a 5xx share >= 50 % major_outage, >= 5 %
//   partial_outage, >= 1 % degraded — but with fewer than 3 5xx answers at most degraded, so one
//   failed request among a handful is not an outage; p95 latency >= 5 s partial_outage, >= 1 s
//   degraded. The p95 comes from a histogram with bins 25 % apart (it may read up to 25 % high).
// - terminal_gateway also: of the terminals that reported in the last hour (at least 4), more
//   than half fell silent (no heartbeat for 90 s), their last heartbeats within 3 minutes of each
//   other, in at least 2 facilities → partial_outage. A terminal switched off hours ago has not
//   reported in the last hour and does not count; terminals switched off one by one in the evening
//   fell silent far apart; a single hotel's own network going down is one facility. (Terminals
//   switched off by one timer at the same minute in several facilities would look like a drop
//   for up to an hour: the operator can set the status by hand.)
// - notifications, from the mail outbox: no SMTP server configured → degraded; a mail not sent
//   after more than 3 attempts, or waiting more than 15 min → partial_outage; any failed attempt
//   still pending → degraded; else operational.

#include "resv/model/Monitoring.h"
#include "resv/model/Time.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server {
namespace storage {
class Database;
}
namespace terminals {
class DeviceRegistry;
}
namespace mail {
class MailOutbox;
struct OutboxHealth;
} // namespace mail
} // namespace resv::server

namespace resv::server::monitoring {

struct Finding {
    model::ComponentState status = model::ComponentState::Operational;
    std::optional<double> latencyMs; ///< what the probe measured, if it measured a time
    std::string message;
};

class Probe {
public:
    virtual ~Probe() = default;
    /// Must be cheap (it runs once a minute on the server's job thread) and thread-safe.
    virtual Finding Check(model::TimePoint now) = 0;
};

/// Component id → its probe; the StatusService needs one for each of model::ComponentIds().
using ProbeSet = std::map<std::string, std::shared_ptr<Probe>, std::less<>>;

/// The worse of two findings (by model::ComponentState's severity order), with the other's
/// message added unless it is a better operational one.
Finding Worse(Finding a, Finding b);

// ---- api and terminal_gateway: the router's answers --------------------------------------------

inline constexpr std::chrono::seconds kTrafficWindow{60};

/// What a window of answers looked like.
struct TrafficSummary {
    int requests = 0;
    int serverErrors = 0;        ///< 5xx
    std::optional<double> p95Ms; ///< none without requests
};

/// Answers of the last 60 s in one-second buckets, each with a latency histogram: memory stays
/// the same whatever the request rate. Thread-safe.
class TrafficWindow {
public:
    static constexpr std::size_t kBins = 64;

    void Record(model::TimePoint at, int status, std::chrono::microseconds latency);
    /// The answers of the 60 s up to `now`.
    TrafficSummary Summarize(model::TimePoint now) const;

private:
    struct Second {
        std::int64_t second = -1;
        int requests = 0;
        int serverErrors = 0;
        std::array<int, kBins> bins{};
    };

    mutable std::mutex m_mutex;
    std::array<Second, kTrafficWindow.count()> m_seconds{};
};

/// The router's observer feeds this: terminal routes (/api/v1/terminal/...) count for the
/// terminal gateway, everything else for the api.
class RequestTraffic {
public:
    void Record(model::TimePoint at, const std::string& routeTemplate, int status,
                std::chrono::microseconds latency);
    const TrafficWindow& Api() const { return m_api; }
    const TrafficWindow& Devices() const { return m_devices; }

private:
    TrafficWindow m_api;
    TrafficWindow m_devices;
};

/// `what` names the traffic in messages ("API requests", "terminal requests").
Finding ClassifyTraffic(const TrafficSummary& summary, std::string_view what);

// ---- database ----------------------------------------------------------------------------------

Finding ClassifyDatabaseLatency(double milliseconds);

// ---- terminal_gateway: terminals falling silent
// --------------------------------------------------

struct TerminalHeartbeat {
    std::string facilityId;
    model::TimePoint lastSeenAt{};
};

inline constexpr std::chrono::hours kReportingBase{1};
inline constexpr std::chrono::minutes kSuddenDropSpread{3};
inline constexpr int kMinimumTerminalsForDrop = 4;

/// `terminals`: each terminal's last heartbeat (those older than an hour are ignored).
Finding ClassifyTerminalSilence(const std::vector<TerminalHeartbeat>& terminals,
                                model::TimePoint now);

// ---- notifications -----------------------------------------------------------------------------

inline constexpr std::chrono::minutes kMailPendingLimit{15};
inline constexpr int kMailAttemptsLimit = 3;

/// `maxAttempts`: the most attempts of a mail not yet sent.
Finding ClassifyOutbox(const mail::OutboxHealth& health, int maxAttempts, model::TimePoint now);

// ---- the real probes ---------------------------------------------------------------------------

struct ProbeSources {
    storage::Database& database;
    const RequestTraffic& traffic;
    const terminals::DeviceRegistry& devices;
    const mail::MailOutbox& outbox;
};

/// One probe for each component, looking at the running server.
ProbeSet RealProbes(const ProbeSources& sources);

} // namespace resv::server::monitoring
