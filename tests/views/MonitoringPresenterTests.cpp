// The Monitoring presenter over the in-memory monitoring API, with a runner, a dispatcher and a
// refresh timer the test drives and a clock it sets: the refresh every 30 s with the time of the
// last answer in JST, stale data kept while the server is unreachable and the retries backing
// off to 5 min, a session the server ended, results that arrive after the screen closed, the
// worst status, the uptime arithmetic, and who may set a component's status.
#include "FakeMonitoringApi.h"
#include "Fakes.h"

#include "views/monitoring/MonitoringPresenter.h"
#include "views/monitoring/StatusEditPresenter.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

using namespace resv;
using namespace resv::views;
using namespace std::chrono_literals;
using model::ComponentState;
using test::FakeMonitoringApi;
using Operation = MonitoringPresenter::Operation;

namespace {

model::TimePoint At(const char* rfc3339) {
    return *model::ParseRfc3339(rfc3339);
}

/// Records what the presenter schedules; the test fires it.
class FakeTimer final : public IRefreshTimer {
public:
    std::vector<std::chrono::milliseconds> scheduled;
    std::optional<std::chrono::milliseconds> pending;
    int cancels = 0;

    void Schedule(std::chrono::milliseconds delay) override {
        scheduled.push_back(delay);
        pending = delay;
    }
    void Cancel() override {
        ++cancels;
        pending.reset();
    }
};

client::ApiError Unreachable() {
    return client::ApiError(client::ApiError::Kind::Network, "connection refused");
}

struct Fixture {
    std::shared_ptr<FakeMonitoringApi> api = std::make_shared<FakeMonitoringApi>();
    test::FakeSession session{std::make_shared<test::FakeApiClient>(), test::SampleMe()};
    test::ManualRunner runner;
    test::ManualDispatcher ui;
    FakeTimer timer;
    /// 2026-11-26 17:10:49 JST.
    model::TimePoint now = At("2026-11-26T08:10:49Z");
    int changes = 0;
    std::vector<std::pair<Operation, client::ApiError>> failures;
    std::vector<model::ComponentStatus> cleared;

    Fixture() {
        api->status = test::SampleStatus();
        api->terminals = test::SampleTerminals();
    }

    void Run() {
        while (runner.Pending() > 0 || ui.Pending() > 0) {
            runner.RunAll();
            ui.RunAll();
        }
    }

    std::unique_ptr<MonitoringPresenter>
    Presenter(MonitoringPermissions permissions = {true, false}, bool start = true) {
        auto p = std::make_unique<MonitoringPresenter>(session, api, permissions, runner, ui, timer,
                                                       [this] { return now; });
        MonitoringPresenter::Callbacks callbacks;
        callbacks.changed = [this] { ++changes; };
        callbacks.failed = [this](Operation o, const client::ApiError& e) {
            failures.emplace_back(o, e);
        };
        callbacks.cleared = [this](const model::ComponentStatus& c) { cleared.push_back(c); };
        p->SetCallbacks(std::move(callbacks));
        if (start) {
            p->Start();
            Run();
        }
        return p;
    }

    /// The timer goes off `delay` after it was set (the clock moves on with it).
    void Fire(MonitoringPresenter& p) {
        REQUIRE(timer.pending);
        now += std::chrono::duration_cast<std::chrono::milliseconds>(*timer.pending);
        timer.pending.reset();
        p.Refresh();
        Run();
    }
};

model::Me MeWith(std::vector<std::string> permissions) {
    model::Me me = test::SampleMe();
    me.permissions = std::move(permissions);
    return me;
}

} // namespace

TEST_CASE("monitoring: who reads the status and who may set it, from /me", "[monitoring]") {
    // customermanager and customermanager_viewer: read only.
    CHECK(MonitoringPermissionsFor(MeWith({"monitoring.read", "notices.read"})).read);
    CHECK_FALSE(MonitoringPermissionsFor(MeWith({"monitoring.read", "notices.read"})).setStatus);
    // customeremployee: nothing.
    CHECK_FALSE(MonitoringPermissionsFor(MeWith({"notices.read"})).read);
    // A provider operator outside tenants gets the editor.
    model::Me provider =
        MeWith({"incidents.publish", "monitoring.read", "notices.publish", "notices.read"});
    provider.roles = {"operator"};
    provider.tier = model::Tier::Provider;
    CHECK(MonitoringPermissionsFor(provider).read);
    CHECK(MonitoringPermissionsFor(provider).setStatus);
    // The same operator acting in a customer tenant reads like its managers.
    provider.actingAs = model::TenantRef{"demo", "Demo Hotel Group", "jp"};
    provider.permissions = {"monitoring.read", "notices.read"};
    CHECK(MonitoringPermissionsFor(provider).read);
    CHECK_FALSE(MonitoringPermissionsFor(provider).setStatus);
    // Even a stray incidents.publish in a tenant does not make it an editor there.
    provider.permissions.push_back("incidents.publish");
    CHECK_FALSE(MonitoringPermissionsFor(provider).setStatus);
}

TEST_CASE("monitoring: the retry waits 30 s, then doubles up to 5 min", "[monitoring]") {
    CHECK(RetryDelay(0) == 30s);
    CHECK(RetryDelay(1) == 30s);
    CHECK(RetryDelay(2) == 60s);
    CHECK(RetryDelay(3) == 120s);
    CHECK(RetryDelay(4) == 240s);
    CHECK(RetryDelay(5) == 300s);
    CHECK(RetryDelay(50) == 300s);
}

TEST_CASE("monitoring: the first refresh shows the status, the terminals and when, in JST",
          "[monitoring]") {
    Fixture f;
    auto p = f.Presenter(MonitoringPermissions{true, false}, false);
    CHECK_FALSE(p->Status());
    CHECK(p->UpdatedTime().empty());
    p->Start();
    CHECK(p->Loading());
    f.Run();
    CHECK_FALSE(p->Loading());
    REQUIRE(p->Status());
    CHECK(p->Status()->components.size() == 4);
    REQUIRE(p->Terminals());
    CHECK(p->Terminals()->online == 12);
    CHECK(p->TerminalsAvailable());
    CHECK(p->UpdatedTime() == "17:10:49 JST");
    CHECK_FALSE(p->Stale());
    // Both calls, in one refresh.
    CHECK(f.api->CountOf("GetServiceStatus") == 1);
    CHECK(f.api->CountOf("GetTerminalPresence") == 1);
    // The next one in 30 s.
    REQUIRE(f.timer.pending);
    CHECK(*f.timer.pending == 30s);
    REQUIRE(p->NextRefreshAt());
    CHECK(*p->NextRefreshAt() == f.now + 30s);
    CHECK(f.changes >= 2);
}

TEST_CASE("monitoring: the time is Japan's whatever the PC's zone", "[monitoring]") {
    // Run under TZ=America/Los_Angeles too (tests/views/CMakeLists.txt): a localtime would say
    // 00:10:49 there.
    Fixture f;
    f.now = At("2026-11-26T15:00:00Z"); // midnight in Japan, 07:00 in Los Angeles
    auto p = f.Presenter();
    CHECK(p->UpdatedTime() == "00:00:00 JST");
    if (const char* tz = std::getenv("TZ"); tz && std::string(tz) == "America/Los_Angeles") {
        // The zone really took effect (tzdata installed), or this run proves nothing.
        const std::time_t t = std::chrono::system_clock::to_time_t(
            std::chrono::system_clock::time_point(f.now.time_since_epoch()));
        std::tm local{};
        localtime_r(&t, &local);
        CHECK(local.tm_hour == 7);
    }
}

TEST_CASE("monitoring: every 30 s a new answer replaces the old", "[monitoring]") {
    Fixture f;
    auto p = f.Presenter();
    f.api->status.components[1].status = ComponentState::Operational;
    f.api->terminals.items[2].online = 6;
    f.Fire(*p);
    CHECK(p->Component("database")->status == ComponentState::Operational);
    CHECK(p->Terminals()->items[2].online == 6);
    CHECK(p->UpdatedTime() == "17:11:19 JST");
    CHECK(f.api->CountOf("GetServiceStatus") == 2);
    CHECK(*f.timer.pending == 30s);
}

TEST_CASE("monitoring: an unreachable server keeps the last data, marks it stale and backs off",
          "[monitoring]") {
    Fixture f;
    auto p = f.Presenter();
    const model::ServiceStatus before = *p->Status();
    f.api->down = Unreachable();

    f.Fire(*p); // 17:11:19
    CHECK(p->Stale());
    CHECK(p->Failures() == 1);
    REQUIRE(p->Status());
    CHECK(*p->Status() == before); // still shown
    CHECK(p->UpdatedTime() == "17:10:49 JST");
    REQUIRE(p->LastError());
    CHECK(p->LastError()->GetKind() == client::ApiError::Kind::Network);
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].first == Operation::Refresh);
    CHECK(*f.timer.pending == 30s);

    f.Fire(*p);
    CHECK(*f.timer.pending == 60s);
    f.Fire(*p);
    CHECK(*f.timer.pending == 120s);
    f.Fire(*p);
    CHECK(*f.timer.pending == 240s);
    f.Fire(*p);
    CHECK(*f.timer.pending == 300s);
    f.Fire(*p);
    CHECK(*f.timer.pending == 300s);
    CHECK(p->Failures() == 6);
    CHECK(p->NextDelay() == 300s);
    REQUIRE(p->NextRefreshAt());
    CHECK(*p->NextRefreshAt() == f.now + 300s);
    CHECK(p->UpdatedTime() == "17:10:49 JST");

    // The server is back: fresh data, no longer stale, 30 s again.
    f.api->down.reset();
    f.api->status.components[1].status = ComponentState::Operational;
    f.Fire(*p);
    CHECK_FALSE(p->Stale());
    CHECK_FALSE(p->LastError());
    CHECK(p->Component("database")->status == ComponentState::Operational);
    CHECK(*f.timer.pending == 30s);
    CHECK(p->UpdatedTime() != "17:10:49 JST");
}

TEST_CASE("monitoring: a first refresh that fails shows nothing old and tries again",
          "[monitoring]") {
    Fixture f;
    f.api->down = Unreachable();
    auto p = f.Presenter();
    CHECK_FALSE(p->Status());
    CHECK(p->Stale());
    CHECK(p->UpdatedTime().empty());
    CHECK(*f.timer.pending == 30s);
    f.api->down.reset();
    f.Fire(*p);
    CHECK(p->Status());
    CHECK_FALSE(p->Stale());
}

TEST_CASE("monitoring: a manual refresh while one is on its way asks once", "[monitoring]") {
    Fixture f;
    auto p = f.Presenter();
    p->Refresh();
    p->Refresh();
    f.Run();
    CHECK(f.api->CountOf("GetServiceStatus") == 2);
    // The button's refresh put the timer back to 30 s from its answer.
    CHECK(*f.timer.pending == 30s);
}

TEST_CASE("monitoring: an ended session goes to the login and the refreshing stops",
          "[monitoring]") {
    Fixture f;
    auto p = f.Presenter();
    f.api->nextError = test::HttpError(401, "session_expired");
    f.Fire(*p);
    REQUIRE(f.session.expired.size() == 1);
    CHECK(f.session.expired[0].Code() == "session_expired");
    CHECK(p->Ended());
    CHECK_FALSE(f.timer.pending);
    CHECK(f.failures.empty()); // the login dialog says it, not the screen
    p->Refresh();
    f.Run();
    CHECK(f.api->CountOf("GetServiceStatus") == 2);
}

TEST_CASE("monitoring: an answer that arrives after the screen closed is dropped", "[monitoring]") {
    Fixture f;
    auto p = f.Presenter(MonitoringPermissions{true, false}, false);
    p->Start();
    f.runner.RunAll(); // the answer is on its way to the UI thread
    const int cancelsBefore = f.timer.cancels;
    p.reset();
    CHECK(f.timer.cancels > cancelsBefore); // the screen's timer stops with it
    f.ui.RunAll();                          // nothing to apply it to, and no crash
    CHECK(f.changes == 1);                  // only Start's "loading"
    CHECK(f.timer.scheduled.empty());
}

TEST_CASE("monitoring: terminals refused to the session leave the status", "[monitoring]") {
    Fixture f;
    f.api->terminalsError = test::HttpError(403, "forbidden");
    auto p = f.Presenter();
    REQUIRE(p->Status());
    CHECK_FALSE(p->Terminals());
    CHECK_FALSE(p->TerminalsAvailable());
    CHECK_FALSE(p->Stale());
    // But an unreachable server during the terminals' call is a failed refresh.
    f.api->terminalsError = Unreachable();
    f.Fire(*p);
    CHECK(p->Stale());
}

TEST_CASE("monitoring: the banner's worst status and the components it names", "[monitoring]") {
    auto status = test::SampleStatus();
    CHECK(WorstState(status.components) == ComponentState::Degraded);
    auto affected = Affected(status.components);
    REQUIRE(affected.size() == 1);
    CHECK(affected[0]->id == "database");

    status.components[3].status = ComponentState::Maintenance;
    status.components[2].status = ComponentState::PartialOutage;
    CHECK(WorstState(status.components) == ComponentState::PartialOutage);
    affected = Affected(status.components);
    REQUIRE(affected.size() == 3);
    CHECK(affected[0]->id == "terminal_gateway");
    CHECK(affected[1]->id == "notifications");
    CHECK(affected[2]->id == "database");

    status.components[0].status = ComponentState::MajorOutage;
    CHECK(WorstState(status.components) == ComponentState::MajorOutage);
    for (auto& c : status.components) {
        c.status = ComponentState::Operational;
    }
    CHECK(WorstState(status.components) == ComponentState::Operational);
    CHECK(Affected(status.components).empty());
    CHECK(WorstState({}) == ComponentState::Operational);

    Fixture f;
    auto p = f.Presenter();
    CHECK(p->Overall() == ComponentState::Degraded);
}

TEST_CASE("monitoring: uptime percent, average and colour bands", "[monitoring]") {
    CHECK(FormatPercent(99.86) == "99.86");
    CHECK(FormatPercent(99.996) == "99.99"); // never "100" with downtime
    CHECK(FormatPercent(100) == "100");
    CHECK(FormatPercent(0) == "0.00");
    CHECK(FormatPercent(97.5) == "97.50");
    CHECK(FormatPercent(-1) == "0.00");

    std::vector<model::UptimeDay> days{
        {"2026-11-24", std::nullopt}, {"2026-11-25", 99.5}, {"2026-11-26", 100.0}};
    REQUIRE(AverageUptime(days));
    CHECK(*AverageUptime(days) == Approx(99.75)); // unmeasured days do not count
    CHECK_FALSE(AverageUptime({{"2026-11-26", std::nullopt}}));
    CHECK_FALSE(AverageUptime({}));

    const auto api =
        test::SampleComponent("api", "API", ComponentState::Operational, "", 99.0, 100.0, 20);
    CHECK(api.uptime.size() == 90);
    CHECK(api.uptime.front().date == "2026-08-29");
    CHECK(api.uptime.back().date == "2026-11-26");
    CHECK(*AverageUptime(api.uptime) == Approx((69 * 99.0 + 100.0) / 70));

    CHECK(BandOf(std::nullopt) == UptimeBand::NoData);
    CHECK(BandOf(100.0) == UptimeBand::Full);
    CHECK(BandOf(99.95) == UptimeBand::Full);
    CHECK(BandOf(99.5) == UptimeBand::Minor);
    CHECK(BandOf(97.0) == UptimeBand::Serious);
    CHECK(BandOf(50.0) == UptimeBand::Down);
    CHECK(BandOf(0.0) == UptimeBand::Down);

    CHECK(LatestLatency(api) == 12.0);
    model::ComponentStatus none;
    CHECK_FALSE(LatestLatency(none));
}

TEST_CASE("monitoring: Return to automatic shows the probes' status and reads again",
          "[monitoring]") {
    Fixture f;
    f.api->status.components[3].status = ComponentState::Maintenance;
    f.api->status.components[3].setByOperator = true;
    f.api->status.components[3].message = "Mail server maintenance until 18:00";
    auto p = f.Presenter({true, true});
    CHECK(p->Component("notifications")->setByOperator);
    p->ClearStatus("notifications");
    CHECK(p->Clearing("notifications"));
    p->ClearStatus("notifications"); // a double click asks once
    f.Run();
    CHECK(f.api->CountOf("ClearComponentStatus") == 1);
    CHECK_FALSE(p->Clearing("notifications"));
    const auto* notifications = p->Component("notifications");
    REQUIRE(notifications);
    CHECK(notifications->status == ComponentState::Operational);
    CHECK_FALSE(notifications->setByOperator);
    CHECK(notifications->uptime.size() == 90);
    REQUIRE(f.cleared.size() == 1);
    CHECK(f.api->CountOf("GetServiceStatus") == 2); // read again after the change
}

TEST_CASE("monitoring: a viewer cannot return a status to automatic", "[monitoring]") {
    Fixture f;
    auto p = f.Presenter({true, false});
    p->ClearStatus("database");
    f.Run();
    CHECK(f.api->CountOf("ClearComponentStatus") == 0);
}

TEST_CASE("monitoring: a failed Return says why and the tile stays", "[monitoring]") {
    Fixture f;
    f.api->status.components[0].setByOperator = true;
    auto p = f.Presenter({true, true});
    f.api->nextError = test::HttpError(403, "forbidden");
    p->ClearStatus("api");
    f.Run();
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].first == Operation::ClearStatus);
    CHECK(f.failures[0].second.Code() == "forbidden");
    CHECK(p->Component("api")->setByOperator);
    CHECK_FALSE(p->Stale()); // the data is not stale for that
}

TEST_CASE("monitoring: an answer read before a status was set does not put the old one back",
          "[monitoring]") {
    Fixture f;
    auto p = f.Presenter({true, true});
    f.now += 30s;
    f.timer.pending.reset();
    p->Refresh();
    f.runner.RunAll(); // the old answer (api operational) waits on the UI thread
    model::ComponentStatus set = *p->Component("api");
    set.status = ComponentState::Maintenance;
    set.setByOperator = true;
    set.message = "Planned maintenance";
    f.api->status.components[0] = set;
    p->StatusSet(set);
    CHECK(p->Component("api")->status == ComponentState::Maintenance);
    f.Run();
    CHECK(p->Component("api")->status == ComponentState::Maintenance);
    CHECK(p->Component("api")->setByOperator);
}

TEST_CASE("monitoring: the status dialog requires a message and keeps the operator's",
          "[monitoring]") {
    using Problem = StatusEditPresenter::Problem;
    CHECK(StatusEditPresenter::Validate("") == Problem::MessageMissing);
    CHECK(StatusEditPresenter::Validate(" \t\xE3\x80\x80 ") == Problem::MessageMissing);
    CHECK(StatusEditPresenter::Validate("Mail server maintenance") == Problem::None);
    std::string japanese;
    for (int i = 0; i < 500; ++i) {
        japanese += "\xE4\xBF\x9D"; // 保: 500 characters, 1500 bytes
    }
    CHECK(StatusEditPresenter::Validate(japanese) == Problem::None);
    CHECK(StatusEditPresenter::Validate(japanese + "x") == Problem::MessageTooLong);

    Fixture f;
    test::ManualRunner& runner = f.runner;
    model::ComponentStatus probe = test::SampleStatus().components[1];
    StatusEditPresenter fresh(f.api, probe, runner, f.ui);
    CHECK(fresh.InitialState() == ComponentState::Maintenance);
    CHECK(fresh.InitialMessage().empty());
    probe.setByOperator = true;
    probe.status = ComponentState::PartialOutage;
    probe.message = "Replica lost";
    StatusEditPresenter again(f.api, probe, runner, f.ui);
    CHECK(again.InitialState() == ComponentState::PartialOutage);
    CHECK(again.InitialMessage() == "Replica lost");
}

TEST_CASE("monitoring: Set status sends the trimmed message; an error keeps the dialog",
          "[monitoring]") {
    Fixture f;
    StatusEditPresenter edit(f.api, f.api->status.components[2], f.runner, f.ui);
    std::vector<model::ComponentStatus> saved;
    std::vector<client::ApiError> failed;
    edit.SetCallbacks({[&](const model::ComponentStatus& s) { saved.push_back(s); },
                       [&](const client::ApiError& e) { failed.push_back(e); }, nullptr});
    CHECK(edit.Save(ComponentState::Maintenance, "   ") ==
          StatusEditPresenter::Problem::MessageMissing);
    f.Run();
    CHECK(f.api->CountOf("SetComponentStatus") == 0);

    f.api->nextError = test::HttpError(403, "forbidden");
    CHECK(edit.Save(ComponentState::PartialOutage, "  Gateway restarting  ") ==
          StatusEditPresenter::Problem::None);
    CHECK(edit.Saving());
    f.Run();
    CHECK_FALSE(edit.Saving());
    REQUIRE(failed.size() == 1);
    REQUIRE(edit.Error());
    CHECK(edit.Error()->Code() == "forbidden");
    CHECK(saved.empty());

    edit.Save(ComponentState::PartialOutage, "  Gateway restarting  ");
    f.Run();
    REQUIRE(saved.size() == 1);
    CHECK(saved[0].status == ComponentState::PartialOutage);
    CHECK(saved[0].setByOperator);
    REQUIRE(f.api->overrides.size() == 1);
    CHECK(f.api->overrides[0].first == "terminal_gateway");
    CHECK(f.api->overrides[0].second.message == "Gateway restarting");
    CHECK_FALSE(edit.Error());
}
