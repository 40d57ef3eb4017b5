// 監視 (CLD.12.4.5) below the HTTP layer: the StatusService over a fresh database, a hand-moved
// clock and probes whose findings the test sets — sampling once a minute, counting JST days (a
// sample at 14:59:59Z belongs to that JST day, one at 15:00:00Z to the next), the uptime
// arithmetic, 90 days with nulls before the first sample, how long a status has lasted, pruning;
// and the real database and notifications probes.

#include "support/SqliteFile.h"
#include "support/TestServer.h"

#include "audit/AuditLog.h"
#include "mail/MailOutbox.h"
#include "monitoring/StatusService.h"
#include "storage/Database.h"
#include "terminals/DeviceRegistry.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace resv;
using namespace resv::server;
using namespace resv::server::monitoring;
using namespace std::chrono_literals;
using model::ComponentState;

namespace {

model::TimePoint Utc(int day, int hour, int minute, int second = 0) {
    using namespace std::chrono;
    return sys_days{year{2026} / November / day} + hours{hour} + minutes{minute} + seconds{second};
}

/// Finds what the test says, and counts how often it was asked.
class FakeProbe final : public Probe {
public:
    Finding Check(model::TimePoint) override {
        ++calls;
        return finding;
    }
    Finding finding{ComponentState::Operational, 1.5, "fine"};
    int calls = 0;
};

struct Monitor {
    test::TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(Utc(27, 3, 0));
    storage::Database database{dir.Path() / "resv.db", 2};
    audit::AuditLog audit{clock};
    terminals::DeviceRegistry devices;
    std::map<std::string, std::shared_ptr<FakeProbe>> probes;
    std::unique_ptr<StatusService> service;

    Monitor() {
        ProbeSet set;
        for (const auto id : model::ComponentIds()) {
            auto probe = std::make_shared<FakeProbe>();
            probes[std::string(id)] = probe;
            set.emplace(std::string(id), probe);
        }
        service = std::make_unique<StatusService>(database, audit, clock, set, devices);
    }

    FakeProbe& ProbeOf(std::string_view id) { return *probes.at(std::string(id)); }

    void SampleAt(model::TimePoint at) {
        clock->Set(at);
        service->Sample(at);
    }

    model::ComponentStatus Status(std::string_view id) {
        return service->Describe({id}, clock->Now()).front();
    }

    std::map<std::string, DayCounts> Days(std::string_view id) {
        auto db = database.Acquire();
        return StatusStore(*db).Days(std::string(id), "0000-00-00", "9999-99-99");
    }

    int SampleRows() {
        auto db = database.Acquire();
        auto query = db->Prepare("SELECT COUNT(*) FROM component_samples");
        query.Step();
        return static_cast<int>(query.Int(0));
    }
};

} // namespace

TEST_CASE("A JST day runs from 15:00:00Z to 14:59:59Z") {
    CHECK(JstDate(Utc(27, 14, 59, 59)) == "2026-11-27");
    CHECK(JstDate(Utc(27, 15, 0, 0)) == "2026-11-28");
    CHECK(JstDate(Utc(27, 0, 0, 0)) == "2026-11-27");
    const auto dates = JstDatesUpTo(Utc(27, 15, 0, 0), 90);
    REQUIRE(dates.size() == 90);
    CHECK(dates.back() == "2026-11-28");
    CHECK(dates.front() == "2026-08-31");
}

TEST_CASE("Uptime of a day: operational, degraded and maintenance count whole, a partial outage "
          "half, a major outage nothing; no samples is no uptime") {
    CHECK_FALSE(UptimePercent({}));
    CHECK(UptimePercent({4, 4, 0, 0, 0, 0}) == 100.0);
    CHECK(UptimePercent({4, 1, 1, 1, 1, 0}) == 87.5);
    CHECK(UptimePercent({4, 0, 0, 0, 0, 4}) == 0.0);
    CHECK(UptimePercent({8, 5, 0, 0, 2, 1}) == 75.0);
    CHECK(UptimePercent({3, 2, 0, 0, 0, 1}) == 66.67); // two decimals
    CHECK(UptimePercent({1440, 1260, 0, 0, 180, 0}) == 93.75);
}

TEST_CASE("The sampler runs once a minute by the clock and counts each sample in its JST day, "
          "across midnight") {
    Monitor monitor;
    monitor.clock->Set(Utc(27, 14, 58, 30));
    CHECK(monitor.service->SampleIfDue()); // the first one is always due
    monitor.clock->Advance(30s);           // 14:59:00
    CHECK_FALSE(monitor.service->SampleIfDue());
    monitor.clock->Advance(30s); // 14:59:30
    CHECK(monitor.service->SampleIfDue());
    monitor.ProbeOf(model::component::kDatabase).finding = {ComponentState::PartialOutage, 1200.0,
                                                            "slow"};
    monitor.clock->Advance(29s); // 14:59:59
    CHECK_FALSE(monitor.service->SampleIfDue());
    monitor.clock->Advance(31s); // 15:00:30, 00:00:30 JST of the 28th
    CHECK(monitor.service->SampleIfDue());
    CHECK(monitor.ProbeOf(model::component::kDatabase).calls == 3);

    const auto days = monitor.Days(model::component::kDatabase);
    REQUIRE(days.size() == 2);
    CHECK(days.at("2026-11-27").samples == 2);
    CHECK(days.at("2026-11-27").operational == 2);
    CHECK(days.at("2026-11-28").samples == 1);
    CHECK(days.at("2026-11-28").partialOutage == 1);

    const auto status = monitor.Status(model::component::kDatabase);
    CHECK(status.uptime.back().date == "2026-11-28");
    CHECK(status.uptime.back().percent == 50.0);
    CHECK(status.uptime[88].date == "2026-11-27");
    CHECK(status.uptime[88].percent == 100.0);
}

TEST_CASE("A sample at 14:59:59Z counts for that JST day, one at 15:00:00Z for the next") {
    Monitor monitor;
    monitor.SampleAt(Utc(27, 14, 59, 59));
    monitor.SampleAt(Utc(27, 15, 0, 0));
    const auto days = monitor.Days(model::component::kApi);
    REQUIRE(days.size() == 2);
    CHECK(days.at("2026-11-27").samples == 1);
    CHECK(days.at("2026-11-28").samples == 1);
}

TEST_CASE("GET /status's uptime: 90 JST days, oldest first, today last, null before the first "
          "sample") {
    Monitor monitor;
    monitor.SampleAt(Utc(27, 3, 0));
    monitor.ProbeOf(model::component::kApi).finding = {ComponentState::MajorOutage, 5.0, "down"};
    monitor.SampleAt(Utc(27, 3, 1));
    monitor.ProbeOf(model::component::kApi).finding = {ComponentState::Degraded, 5.0, "slow"};
    monitor.SampleAt(Utc(27, 3, 2));
    monitor.ProbeOf(model::component::kApi).finding = {ComponentState::PartialOutage, 5.0, "half"};
    monitor.SampleAt(Utc(27, 3, 3));

    const auto all = monitor.service->Describe(model::ComponentIds(), monitor.clock->Now());
    REQUIRE(all.size() == 4);
    for (const auto& component : all) {
        INFO(component.id);
        REQUIRE(component.uptime.size() == 90);
        CHECK(component.uptime.front().date == "2026-08-30");
        CHECK(component.uptime.back().date == "2026-11-27");
        for (std::size_t i = 0; i + 1 < component.uptime.size(); ++i) {
            CHECK_FALSE(component.uptime[i].percent);
        }
    }
    CHECK(all[0].id == "api");
    CHECK(all[0].uptime.back().percent == 62.5); // (1 + 1 + 0.5) / 4
    CHECK(all[1].id == "database");
    CHECK(all[1].uptime.back().percent == 100.0);
}

TEST_CASE("One degraded component: its status, message and the time it began; the others stay "
          "operational") {
    Monitor monitor;
    auto& database = monitor.ProbeOf(model::component::kDatabase);
    monitor.SampleAt(Utc(27, 3, 0));
    database.finding = {ComponentState::Degraded, 420.0, "The database answered slowly, in 420 ms"};
    monitor.SampleAt(Utc(27, 3, 1));
    monitor.SampleAt(Utc(27, 3, 2));

    const auto all = monitor.service->Describe(model::ComponentIds(), Utc(27, 3, 2, 30));
    for (const auto& component : all) {
        INFO(component.id);
        if (component.id == "database") {
            CHECK(component.status == ComponentState::Degraded);
            CHECK(component.message == "The database answered slowly, in 420 ms");
            CHECK(component.updatedAt == Utc(27, 3, 1)); // the first sample of the run
            CHECK_FALSE(component.setByOperator);
            REQUIRE(component.latency.size() == 3);
            CHECK(component.latency.front().milliseconds == 1.5);
            CHECK(component.latency.back().milliseconds == 420.0);
            CHECK(component.latency.back().at == Utc(27, 3, 2));
        } else {
            CHECK(component.status == ComponentState::Operational);
            CHECK(component.updatedAt == Utc(27, 3, 0));
        }
    }
    CHECK(database.calls == 3); // answered from the samples, no probe asked
}

TEST_CASE("With no sample in the last 2 minutes the probe is asked, and its answer shown but "
          "not recorded") {
    Monitor monitor;
    auto& api = monitor.ProbeOf(model::component::kApi);
    api.finding = {ComponentState::Degraded, 1200.0, "slow"};
    auto status = monitor.Status(model::component::kApi);
    CHECK(api.calls == 1);
    CHECK(status.status == ComponentState::Degraded);
    CHECK(status.message == "slow");
    CHECK(status.updatedAt == monitor.clock->Now());
    CHECK(monitor.SampleRows() == 0);

    monitor.SampleAt(Utc(27, 3, 0)); // api asked again: 2
    monitor.clock->Set(Utc(27, 3, 2));
    status = monitor.Status(model::component::kApi);
    CHECK(api.calls == 2);
    CHECK(status.updatedAt == Utc(27, 3, 0));

    monitor.clock->Set(Utc(27, 3, 2, 1)); // more than 2 minutes since the sample
    status = monitor.Status(model::component::kApi);
    CHECK(api.calls == 3);
    CHECK(status.updatedAt == Utc(27, 3, 0)); // still degraded: the run goes on
    api.finding = {ComponentState::Operational, 3.0, "fine"};
    status = monitor.Status(model::component::kApi);
    CHECK(status.status == ComponentState::Operational);
    CHECK(status.updatedAt == Utc(27, 3, 2, 1));
}

TEST_CASE("Latency is the last 60 samples' oldest first; samples go after 48 hours and days "
          "after 100") {
    Monitor monitor;
    auto& database = monitor.ProbeOf(model::component::kDatabase);
    for (int i = 1; i <= 61; ++i) {
        database.finding = {ComponentState::Operational, i * 0.25, "fine"};
        monitor.SampleAt(Utc(27, 3, 0) + std::chrono::minutes(i));
    }
    const auto status = monitor.Status(model::component::kDatabase);
    REQUIRE(status.latency.size() == 60);
    CHECK(status.latency.front().milliseconds == 0.5);
    CHECK(status.latency.front().at == Utc(27, 3, 2));
    CHECK(status.latency.back().milliseconds == 15.25);
    CHECK(monitor.SampleRows() == 61 * 4);

    {
        auto db = monitor.database.Acquire();
        StatusStore store(*db);
        // On the 29th (JST) both are more than 100 days old.
        store.InsertDayIfMissing("database", "2026-08-19", {1, 1, 0, 0, 0, 0});
        store.InsertDayIfMissing("database", "2026-08-20", {1, 1, 0, 0, 0, 0});
    }
    // 48 h after the first sample (03:01Z on the 27th) and one second.
    monitor.SampleAt(Utc(29, 3, 1, 1));
    CHECK(monitor.SampleRows() == 61 * 4); // one gone, one new, per component
    monitor.SampleAt(Utc(29, 3, 2, 0));    // 03:02Z on the 27th is exactly 48 h old: kept
    CHECK(monitor.SampleRows() == 62 * 4);
    monitor.SampleAt(Utc(29, 3, 2, 1));
    CHECK(monitor.SampleRows() == 62 * 4);

    // Today is 2026-11-29 JST: 100 days back is 2026-08-21.
    const auto days = monitor.Days(model::component::kDatabase);
    CHECK(days.count("2026-08-19") == 0);
    CHECK(days.count("2026-08-20") == 0);
    monitor.SampleAt(Utc(27, 3, 0));
    {
        auto db = monitor.database.Acquire();
        StatusStore(*db).InsertDayIfMissing("database", "2026-08-19", {1, 1, 0, 0, 0, 0});
    }
    monitor.SampleAt(Utc(27, 3, 0, 1)); // 2026-11-27: 100 days back is 2026-08-19
    CHECK(monitor.Days(model::component::kDatabase).count("2026-08-19") == 1);
}

TEST_CASE("An operator's status wins over the probe's and is what the day counts") {
    Monitor monitor;
    monitor.SampleAt(Utc(27, 3, 0));
    {
        auto db = monitor.database.Acquire();
        StatusStore(*db).SetOverride("api", {ComponentState::Maintenance, "Planned upgrade",
                                             "acc_someone", Utc(27, 3, 0, 30)});
    }
    monitor.SampleAt(Utc(27, 3, 1));
    const auto status = monitor.Status(model::component::kApi);
    CHECK(status.status == ComponentState::Maintenance);
    CHECK(status.message == "Planned upgrade");
    CHECK(status.setByOperator);
    CHECK(status.updatedAt == Utc(27, 3, 0, 30));
    const auto day = monitor.Days(model::component::kApi).at("2026-11-27");
    CHECK(day.samples == 2);
    CHECK(day.operational == 1);
    CHECK(day.maintenance == 1);
    // The sample keeps what the probe found.
    const auto rows = test::QueryRows(monitor.dir.Path() / "resv.db",
                                      "SELECT status FROM component_samples WHERE component = "
                                      "'api' ORDER BY at");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].at("status") == "operational");
}

TEST_CASE("The real database probe times a query, and a failing query is a major outage") {
    Monitor monitor;
    RequestTraffic traffic;
    mail::MailOutbox outbox(monitor.clock, true);
    const ProbeSet probes = RealProbes({monitor.database, traffic, monitor.devices, outbox});
    Probe& database = *probes.at("database");
    const Finding fine = database.Check(monitor.clock->Now());
    CHECK(fine.status != ComponentState::MajorOutage);
    REQUIRE(fine.latencyMs);
    CHECK(*fine.latencyMs >= 0.0);
    {
        auto db = monitor.database.Acquire();
        db->ExecuteScript("ALTER TABLE tenants RENAME TO tenants_gone");
    }
    const Finding broken = database.Check(monitor.clock->Now());
    CHECK(broken.status == ComponentState::MajorOutage);
    CHECK(broken.message.rfind("The database did not answer: ", 0) == 0);
    CHECK_FALSE(broken.latencyMs);
}

TEST_CASE("The notifications component is degraded when a mail fails to send, and a partial "
          "outage when it keeps failing") {
    Monitor monitor;
    RequestTraffic traffic;
    mail::MailOutbox outbox(monitor.clock, true);
    const ProbeSet probes = RealProbes({monitor.database, traffic, monitor.devices, outbox});
    Probe& notifications = *probes.at("notifications");
    CHECK(notifications.Check(monitor.clock->Now()).message == "All mail sent");

    std::string id;
    {
        auto db = monitor.database.Acquire();
        id = outbox.Enqueue(*db, {std::nullopt, std::nullopt, {"ops@example.jp"}, "件名", "本文"});
    }
    const std::string file = (monitor.dir.Path() / "resv.db").string();
    CHECK(notifications.Check(monitor.clock->Now()).status == ComponentState::Operational);
    test::Execute(file,
                  "UPDATE mail_outbox SET attempts = 1, last_error = '421 try later' WHERE id = ?1",
                  {id});
    const Finding failing = notifications.Check(monitor.clock->Now());
    CHECK(failing.status == ComponentState::Degraded);
    CHECK(failing.message == "1 mail failed to send and will be retried: 421 try later");

    // Through the service: the sampler records it and GET /status shows it.
    StatusService service(monitor.database, monitor.audit, monitor.clock, probes, monitor.devices);
    service.Sample(monitor.clock->Now());
    const auto shown = service.Describe({"notifications"}, monitor.clock->Now()).front();
    CHECK(shown.status == ComponentState::Degraded);
    CHECK(shown.message == failing.message);

    test::Execute(file, "UPDATE mail_outbox SET attempts = 4 WHERE id = ?1", {id});
    CHECK(notifications.Check(monitor.clock->Now()).status == ComponentState::PartialOutage);
    test::Execute(file, "UPDATE mail_outbox SET attempts = 0 WHERE id = ?1", {id});
    CHECK(notifications.Check(monitor.clock->Now() + 16min).status ==
          ComponentState::PartialOutage);
    test::Execute(file, "UPDATE mail_outbox SET sent_at = 1 WHERE id = ?1", {id});
    CHECK(notifications.Check(monitor.clock->Now() + 16min).status == ComponentState::Operational);

    mail::MailOutbox unconfigured(monitor.clock, false);
    const auto none = RealProbes({monitor.database, traffic, monitor.devices, unconfigured});
    const Finding noServer = none.at("notifications")->Check(monitor.clock->Now());
    CHECK(noServer.status == ComponentState::Degraded);
    CHECK(noServer.message == "No mail server configured");
}
