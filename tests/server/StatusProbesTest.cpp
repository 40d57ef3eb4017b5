// 監視 (CLD.12.4.5): what each probe makes of what it sees — the thresholds of the database's
// answer time, of the router's 5xx share and p95 latency, of terminals falling silent (a drop, not
// a hotel switching its KIOSKs off for the night) and of the mail outbox.

#include "mail/MailOutbox.h"
#include "monitoring/Probes.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::server::monitoring;
using namespace std::chrono_literals;
using model::ComponentState;

namespace {

model::TimePoint At(int hour, int minute, int second = 0) {
    using namespace std::chrono;
    return sys_days{year{2026} / November / 27} + hours{hour} + minutes{minute} + seconds{second};
}

TrafficSummary Traffic(int requests, int errors, double p95) {
    return {requests, errors, requests > 0 ? std::optional<double>(p95) : std::nullopt};
}

} // namespace

TEST_CASE("The database probe's answer time: under 250 ms operational, under 1 s degraded, "
          "slower a partial outage") {
    CHECK(ClassifyDatabaseLatency(3.2).status == ComponentState::Operational);
    CHECK(ClassifyDatabaseLatency(3.2).message == "The database answered in 3.2 ms");
    CHECK(ClassifyDatabaseLatency(3.2).latencyMs == 3.2);
    CHECK(ClassifyDatabaseLatency(249.9).status == ComponentState::Operational);
    CHECK(ClassifyDatabaseLatency(250).status == ComponentState::Degraded);
    CHECK(ClassifyDatabaseLatency(999).status == ComponentState::Degraded);
    CHECK(ClassifyDatabaseLatency(1000).status == ComponentState::PartialOutage);
    CHECK(ClassifyDatabaseLatency(1000).message == "The database took 1000 ms to answer");
}

TEST_CASE("API traffic: no requests is operational; the 5xx share and the p95 decide, and a few "
          "failures among a handful of requests are no outage") {
    const Finding idle = ClassifyTraffic(Traffic(0, 0, 0), "API requests");
    CHECK(idle.status == ComponentState::Operational);
    CHECK_FALSE(idle.latencyMs);
    CHECK(idle.message == "No API requests in the last minute");

    const Finding fine = ClassifyTraffic(Traffic(200, 1, 35), "API requests");
    CHECK(fine.status == ComponentState::Operational); // 0.5 %
    CHECK(fine.latencyMs == 35);
    CHECK(fine.message == "200 API requests in the last minute, p95 35 ms");

    CHECK(ClassifyTraffic(Traffic(200, 2, 35), "x").status == ComponentState::Degraded); // 1 %
    CHECK(ClassifyTraffic(Traffic(200, 10, 35), "x").status ==
          ComponentState::PartialOutage); // 5 %
    CHECK(ClassifyTraffic(Traffic(200, 100, 35), "x").status ==
          ComponentState::MajorOutage); // 50 %
    // Two of four failed: 50 %, but two failures are too few to call an outage.
    CHECK(ClassifyTraffic(Traffic(4, 2, 35), "x").status == ComponentState::Degraded);
    CHECK(ClassifyTraffic(Traffic(6, 3, 35), "x").status == ComponentState::MajorOutage);

    CHECK(ClassifyTraffic(Traffic(200, 0, 999), "x").status == ComponentState::Operational);
    CHECK(ClassifyTraffic(Traffic(200, 0, 1000), "x").status == ComponentState::Degraded);
    const Finding slow = ClassifyTraffic(Traffic(200, 0, 5000), "API requests");
    CHECK(slow.status == ComponentState::PartialOutage);
    CHECK(slow.message == "0 of 200 API requests failed in the last minute (5xx), p95 5000 ms");
}

TEST_CASE("The traffic window holds the last 60 seconds of answers, with their 5xx and p95") {
    TrafficWindow window;
    const auto t0 = At(3, 0);
    for (int i = 0; i < 95; ++i) {
        window.Record(t0, 200, 2ms);
    }
    for (int i = 0; i < 5; ++i) {
        window.Record(t0 + 10s, 503, 800ms);
    }
    TrafficSummary summary = window.Summarize(t0 + 10s);
    CHECK(summary.requests == 100);
    CHECK(summary.serverErrors == 5);
    // The 95th of 100 answers took 2 ms: the bin's upper bound, at most 25 % above.
    REQUIRE(summary.p95Ms);
    CHECK(*summary.p95Ms >= 2.0);
    CHECK(*summary.p95Ms <= 2.5);

    window.Record(t0 + 11s, 200, 800ms);
    summary = window.Summarize(t0 + 11s);
    CHECK(summary.requests == 101);
    CHECK(*summary.p95Ms >= 800.0); // now the 96th answer is a slow one
    CHECK(*summary.p95Ms <= 1000.0);

    // A minute on, the first second has left the window; 71 s on, all of them.
    summary = window.Summarize(t0 + 60s);
    CHECK(summary.requests == 6);
    CHECK(summary.serverErrors == 5);
    CHECK(window.Summarize(t0 + 71s).requests == 0);
    CHECK_FALSE(window.Summarize(t0 + 71s).p95Ms);
}

TEST_CASE("Terminal routes count for the terminal gateway, every other route for the API") {
    RequestTraffic traffic;
    const auto t0 = At(3, 0);
    traffic.Record(t0, "/api/v1/terminal/heartbeat", 500, 1ms);
    traffic.Record(t0, "/api/v1/terminals/{id}", 200, 1ms);
    traffic.Record(t0, "", 404, 1ms); // no route matched
    CHECK(traffic.Devices().Summarize(t0).requests == 1);
    CHECK(traffic.Devices().Summarize(t0).serverErrors == 1);
    CHECK(traffic.Api().Summarize(t0).requests == 2);
    CHECK(traffic.Api().Summarize(t0).serverErrors == 0);
}

TEST_CASE("Terminals falling silent together in several facilities are a partial outage of the "
          "terminal gateway") {
    const auto now = At(12, 0);
    // Eight terminals in four facilities reported until 5 minutes ago; six stopped within the
    // same half minute.
    std::vector<TerminalHeartbeat> terminals{
        {"fac-a", now - 5min},       {"fac-a", now - 5min + 10s}, {"fac-b", now - 5min + 20s},
        {"fac-b", now - 5min + 30s}, {"fac-c", now - 5min},       {"fac-c", now - 5min},
        {"fac-d", now - 20s},        {"fac-d", now - 30s}};
    const Finding drop = ClassifyTerminalSilence(terminals, now);
    CHECK(drop.status == ComponentState::PartialOutage);
    CHECK(drop.message ==
          "6 of 8 terminals that reported in the last hour stopped reporting at the same time");

    SECTION("half silent is not more than half") {
        terminals[4].lastSeenAt = now - 10s;
        terminals[5].lastSeenAt = now - 10s;
        CHECK(ClassifyTerminalSilence(terminals, now).status == ComponentState::Operational);
        CHECK(ClassifyTerminalSilence(terminals, now).message ==
              "4 of 8 terminals that reported in the last hour are online");
    }
    SECTION("fewer than four terminals say nothing") {
        terminals.resize(3);
        CHECK(ClassifyTerminalSilence(terminals, now).status == ComponentState::Operational);
    }
    SECTION("one hotel's terminals going silent is that hotel's network, not the gateway") {
        for (auto& terminal : terminals) {
            terminal.facilityId = terminal.lastSeenAt < now - 90s ? "fac-a" : "fac-d";
        }
        CHECK(ClassifyTerminalSilence(terminals, now).status == ComponentState::Operational);
    }
}

TEST_CASE("Terminals switched off for the night are no outage of the terminal gateway") {
    const auto now = At(15, 30); // 00:30 JST
    SECTION("switched off one by one over the evening") {
        const std::vector<TerminalHeartbeat> terminals{
            {"fac-a", now - 55min}, {"fac-a", now - 40min}, {"fac-b", now - 31min},
            {"fac-b", now - 18min}, {"fac-c", now - 7min},  {"fac-c", now - 10s}};
        CHECK(ClassifyTerminalSilence(terminals, now).status == ComponentState::Operational);
    }
    SECTION("switched off hours ago: not among the terminals that reported in the last hour") {
        const std::vector<TerminalHeartbeat> terminals{{"fac-a", now - 3h},  {"fac-a", now - 3h},
                                                       {"fac-b", now - 3h},  {"fac-b", now - 3h},
                                                       {"fac-c", now - 3h},  {"fac-c", now - 61min},
                                                       {"fac-d", now - 10s}, {"fac-d", now - 20s}};
        const Finding finding = ClassifyTerminalSilence(terminals, now);
        CHECK(finding.status == ComponentState::Operational);
        CHECK(finding.message == "2 of 2 terminals that reported in the last hour are online");
    }
}

TEST_CASE("The mail outbox: not configured or a failed attempt is degraded; a mail stuck for "
          "15 minutes or after 3 attempts is a partial outage") {
    const auto now = At(9, 0);
    server::mail::OutboxHealth health;
    health.configured = true;
    CHECK(ClassifyOutbox(health, 0, now).status == ComponentState::Operational);
    CHECK(ClassifyOutbox(health, 0, now).message == "All mail sent");

    health.pending = 2;
    health.oldestPendingAt = now - 14min;
    CHECK(ClassifyOutbox(health, 0, now).status == ComponentState::Operational);

    health.failing = 1;
    health.lastError = "connection refused";
    const Finding failing = ClassifyOutbox(health, 1, now);
    CHECK(failing.status == ComponentState::Degraded);
    CHECK(failing.message == "1 mail failed to send and will be retried: connection refused");

    CHECK(ClassifyOutbox(health, 3, now).status == ComponentState::Degraded);
    const Finding tooMany = ClassifyOutbox(health, 4, now);
    CHECK(tooMany.status == ComponentState::PartialOutage);
    CHECK(tooMany.message == "A mail was not sent after 4 attempts: connection refused");

    health.oldestPendingAt = now - 16min;
    const Finding stuck = ClassifyOutbox(health, 1, now);
    CHECK(stuck.status == ComponentState::PartialOutage);
    CHECK(stuck.message == "2 mails waiting, the oldest for 16 min: connection refused");

    health.configured = false;
    const Finding unconfigured = ClassifyOutbox(health, 4, now);
    CHECK(unconfigured.status == ComponentState::Degraded);
    CHECK(unconfigured.message == "No mail server configured; 2 mails waiting");
    health.pending = 0;
    CHECK(ClassifyOutbox(health, 0, now).message == "No mail server configured");
}

TEST_CASE("Of two findings the worse counts, with the other's message unless it is a better "
          "operational one") {
    const Finding worse = Worse({ComponentState::Degraded, 12.0, "slow"},
                                {ComponentState::PartialOutage, std::nullopt, "silent"});
    CHECK(worse.status == ComponentState::PartialOutage);
    CHECK(worse.message == "silent; slow");
    const Finding one = Worse({ComponentState::Operational, 1.0, "fine"},
                              {ComponentState::Operational, std::nullopt, "also fine"});
    CHECK(one.message == "fine; also fine");
    const Finding notWorse = Worse({ComponentState::Degraded, 1.0, "slow"},
                                   {ComponentState::Operational, std::nullopt, "fine"});
    CHECK(notWorse.status == ComponentState::Degraded);
    CHECK(notWorse.message == "slow");
}
