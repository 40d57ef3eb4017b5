#include "monitoring/Probes.h"

#include "mail/MailOutbox.h"
#include "storage/Database.h"
#include "terminals/DeviceRegistry.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace resv::server::monitoring {
namespace {

using model::ComponentState;
using namespace std::chrono_literals;

constexpr double kDatabaseDegradedMs = 250;
constexpr double kDatabaseSlowMs = 1000;
constexpr double kMajorErrorShare = 0.5;
constexpr double kPartialErrorShare = 0.05;
constexpr double kDegradedErrorShare = 0.01;
constexpr int kMinimumErrorsForOutage = 3;
constexpr double kDegradedP95Ms = 1000;
constexpr double kPartialP95Ms = 5000;

/// Upper bounds of the latency bins in microseconds: 100 µs, 125 µs, ... (25 % apart) up to
/// about two minutes; the last bin takes anything slower.
const std::array<double, TrafficWindow::kBins>& BinBounds() {
    static const auto bounds = [] {
        std::array<double, TrafficWindow::kBins> result{};
        double bound = 100;
        for (auto& value : result) {
            value = bound;
            bound *= 1.25;
        }
        return result;
    }();
    return bounds;
}

std::size_t BinOf(std::chrono::microseconds latency) {
    const auto& bounds = BinBounds();
    const auto at =
        std::lower_bound(bounds.begin(), bounds.end(), static_cast<double>(latency.count()));
    return std::min<std::size_t>(at - bounds.begin(), TrafficWindow::kBins - 1);
}

std::int64_t SecondOf(model::TimePoint t) {
    return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
}

std::string Mails(int count) {
    return count == 1 ? std::string("1 mail") : fmt::format("{} mails", count);
}

std::string Milliseconds(double ms) {
    return ms < 10 ? fmt::format("{:.1f} ms", ms) : fmt::format("{:.0f} ms", ms);
}

class DatabaseProbe final : public Probe {
public:
    explicit DatabaseProbe(storage::Database& database)
        : m_database(database) {}

    Finding Check(model::TimePoint) override {
        const auto start = std::chrono::steady_clock::now();
        try {
            auto db = m_database.Acquire();
            auto query = db->Prepare("SELECT COUNT(*) FROM tenants");
            query.Step();
        } catch (const std::exception& error) {
            return {ComponentState::MajorOutage, std::nullopt,
                    std::string("The database did not answer: ") + error.what()};
        }
        const std::chrono::duration<double, std::milli> took =
            std::chrono::steady_clock::now() - start;
        return ClassifyDatabaseLatency(took.count());
    }

private:
    storage::Database& m_database;
};

class ApiProbe final : public Probe {
public:
    explicit ApiProbe(const RequestTraffic& traffic)
        : m_traffic(traffic) {}

    Finding Check(model::TimePoint now) override {
        return ClassifyTraffic(m_traffic.Api().Summarize(now), "API requests");
    }

private:
    const RequestTraffic& m_traffic;
};

class TerminalGatewayProbe final : public Probe {
public:
    TerminalGatewayProbe(storage::Database& database, const RequestTraffic& traffic,
                         const terminals::DeviceRegistry& devices)
        : m_database(database)
        , m_traffic(traffic)
        , m_devices(devices) {}

    Finding Check(model::TimePoint now) override {
        Finding traffic = ClassifyTraffic(m_traffic.Devices().Summarize(now), "terminal requests");
        const auto latency = traffic.latencyMs;
        Finding result = Worse(std::move(traffic), ClassifyTerminalSilence(Heartbeats(now), now));
        result.latencyMs = latency;
        return result;
    }

private:
    /// Presence reaches SQLite only every few seconds, so every terminal is read and the
    /// registry's newer presence merged in (a terminal's first heartbeats may be in memory only).
    std::vector<TerminalHeartbeat> Heartbeats(model::TimePoint now) {
        std::vector<TerminalHeartbeat> heartbeats;
        auto db = m_database.Acquire();
        auto query = db->Prepare("SELECT id, facility_id, last_seen_at FROM terminals");
        while (query.Step()) {
            storage::TerminalRecord record;
            record.id = query.Text(0);
            record.lastSeenAt = query.OptionalTime(2);
            m_devices.Merge(record);
            if (record.lastSeenAt && *record.lastSeenAt >= now - kReportingBase) {
                heartbeats.push_back({query.Text(1), *record.lastSeenAt});
            }
        }
        return heartbeats;
    }

    storage::Database& m_database;
    const RequestTraffic& m_traffic;
    const terminals::DeviceRegistry& m_devices;
};

class NotificationsProbe final : public Probe {
public:
    NotificationsProbe(storage::Database& database, const mail::MailOutbox& outbox)
        : m_database(database)
        , m_outbox(outbox) {}

    Finding Check(model::TimePoint now) override {
        auto db = m_database.Acquire();
        const mail::OutboxHealth health = m_outbox.Health(*db);
        auto query =
            db->Prepare("SELECT COALESCE(MAX(attempts), 0) FROM mail_outbox WHERE sent_at IS NULL");
        const int maxAttempts = query.Step() ? static_cast<int>(query.Int(0)) : 0;
        return ClassifyOutbox(health, maxAttempts, now);
    }

private:
    storage::Database& m_database;
    const mail::MailOutbox& m_outbox;
};

} // namespace

Finding Worse(Finding a, Finding b) {
    if (static_cast<int>(b.status) > static_cast<int>(a.status)) {
        std::swap(a, b);
    }
    if (b.status != ComponentState::Operational || b.status == a.status) {
        a.message += "; " + b.message;
    }
    return a;
}

void TrafficWindow::Record(model::TimePoint at, int status, std::chrono::microseconds latency) {
    const std::int64_t second = SecondOf(at);
    const std::size_t bin = BinOf(latency);
    std::lock_guard lock(m_mutex);
    Second& bucket = m_seconds[static_cast<std::size_t>(second % kTrafficWindow.count())];
    if (bucket.second != second) {
        bucket = Second{};
        bucket.second = second;
    }
    ++bucket.requests;
    bucket.serverErrors += status >= 500 ? 1 : 0;
    ++bucket.bins[bin];
}

TrafficSummary TrafficWindow::Summarize(model::TimePoint now) const {
    const std::int64_t last = SecondOf(now);
    TrafficSummary summary;
    std::array<int, kBins> bins{};
    {
        std::lock_guard lock(m_mutex);
        for (const Second& bucket : m_seconds) {
            if (bucket.second > last - kTrafficWindow.count() && bucket.second <= last) {
                summary.requests += bucket.requests;
                summary.serverErrors += bucket.serverErrors;
                for (std::size_t i = 0; i < kBins; ++i) {
                    bins[i] += bucket.bins[i];
                }
            }
        }
    }
    if (summary.requests > 0) {
        const int rank = static_cast<int>(std::ceil(0.95 * summary.requests));
        int seen = 0;
        for (std::size_t i = 0; i < kBins; ++i) {
            seen += bins[i];
            if (seen >= rank) {
                summary.p95Ms = BinBounds()[i] / 1000.0;
                break;
            }
        }
    }
    return summary;
}

void RequestTraffic::Record(model::TimePoint at, const std::string& routeTemplate, int status,
                            std::chrono::microseconds latency) {
    const bool device = routeTemplate.rfind("/api/v1/terminal/", 0) == 0;
    (device ? m_devices : m_api).Record(at, status, latency);
}

Finding ClassifyTraffic(const TrafficSummary& summary, std::string_view what) {
    if (summary.requests == 0) {
        return {ComponentState::Operational, std::nullopt,
                fmt::format("No {} in the last minute", what)};
    }
    const double share = static_cast<double>(summary.serverErrors) / summary.requests;
    const double p95 = summary.p95Ms.value_or(0);
    const std::string counts =
        fmt::format("{} of {} {} failed in the last minute (5xx), p95 {}", summary.serverErrors,
                    summary.requests, what, Milliseconds(p95));
    const bool enoughErrors = summary.serverErrors >= kMinimumErrorsForOutage;
    ComponentState status = ComponentState::Operational;
    if (enoughErrors && share >= kMajorErrorShare) {
        status = ComponentState::MajorOutage;
    } else if ((enoughErrors && share >= kPartialErrorShare) || p95 >= kPartialP95Ms) {
        status = ComponentState::PartialOutage;
    } else if (share >= kDegradedErrorShare || p95 >= kDegradedP95Ms) {
        status = ComponentState::Degraded;
    }
    if (status == ComponentState::Operational) {
        return {status, summary.p95Ms,
                fmt::format("{} {} in the last minute, p95 {}", summary.requests, what,
                            Milliseconds(p95))};
    }
    return {status, summary.p95Ms, counts};
}

Finding ClassifyDatabaseLatency(double milliseconds) {
    const std::string took = Milliseconds(milliseconds);
    if (milliseconds < kDatabaseDegradedMs) {
        return {ComponentState::Operational, milliseconds, "The database answered in " + took};
    }
    if (milliseconds < kDatabaseSlowMs) {
        return {ComponentState::Degraded, milliseconds, "The database answered slowly, in " + took};
    }
    return {ComponentState::PartialOutage, milliseconds,
            "The database took " + took + " to answer"};
}

Finding ClassifyTerminalSilence(const std::vector<TerminalHeartbeat>& terminals,
                                model::TimePoint now) {
    int reporting = 0;
    int silent = 0;
    std::optional<model::TimePoint> firstSilent;
    std::optional<model::TimePoint> lastSilent;
    std::set<std::string> silentFacilities;
    for (const auto& terminal : terminals) {
        if (terminal.lastSeenAt < now - kReportingBase) {
            continue; // switched off before the last hour: not part of the picture
        }
        ++reporting;
        if (now - terminal.lastSeenAt > model::kOnlineWindow) {
            ++silent;
            silentFacilities.insert(terminal.facilityId);
            firstSilent = std::min(firstSilent.value_or(terminal.lastSeenAt), terminal.lastSeenAt);
            lastSilent = std::max(lastSilent.value_or(terminal.lastSeenAt), terminal.lastSeenAt);
        }
    }
    const bool drop = reporting >= kMinimumTerminalsForDrop && silent * 2 > reporting &&
                      *lastSilent - *firstSilent <= kSuddenDropSpread &&
                      silentFacilities.size() >= 2;
    if (drop) {
        return {ComponentState::PartialOutage, std::nullopt,
                fmt::format("{} of {} terminals that reported in the last hour stopped reporting "
                            "at the same time",
                            silent, reporting)};
    }
    return {ComponentState::Operational, std::nullopt,
            fmt::format("{} of {} terminals that reported in the last hour are online",
                        reporting - silent, reporting)};
}

Finding ClassifyOutbox(const mail::OutboxHealth& health, int maxAttempts, model::TimePoint now) {
    const std::string error = health.lastError ? ": " + *health.lastError : "";
    if (!health.configured) {
        return {ComponentState::Degraded, std::nullopt,
                health.pending == 0
                    ? std::string("No mail server configured")
                    : "No mail server configured; " + Mails(health.pending) + " waiting"};
    }
    if (maxAttempts > kMailAttemptsLimit) {
        return {ComponentState::PartialOutage, std::nullopt,
                fmt::format("A mail was not sent after {} attempts{}", maxAttempts, error)};
    }
    if (health.oldestPendingAt && now - *health.oldestPendingAt > kMailPendingLimit) {
        const auto waited =
            std::chrono::duration_cast<std::chrono::minutes>(now - *health.oldestPendingAt);
        return {ComponentState::PartialOutage, std::nullopt,
                fmt::format("{} waiting, the oldest for {} min{}", Mails(health.pending),
                            waited.count(), error)};
    }
    if (health.failing > 0) {
        return {
            ComponentState::Degraded, std::nullopt,
            fmt::format("{} failed to send and will be retried{}", Mails(health.failing), error)};
    }
    if (health.pending > 0) {
        return {ComponentState::Operational, std::nullopt, Mails(health.pending) + " being sent"};
    }
    return {ComponentState::Operational, std::nullopt, "All mail sent"};
}

ProbeSet RealProbes(const ProbeSources& sources) {
    ProbeSet probes;
    probes.emplace(model::component::kApi, std::make_shared<ApiProbe>(sources.traffic));
    probes.emplace(model::component::kDatabase, std::make_shared<DatabaseProbe>(sources.database));
    probes.emplace(
        model::component::kTerminalGateway,
        std::make_shared<TerminalGatewayProbe>(sources.database, sources.traffic, sources.devices));
    probes.emplace(model::component::kNotifications,
                   std::make_shared<NotificationsProbe>(sources.database, sources.outbox));
    return probes;
}

} // namespace resv::server::monitoring
