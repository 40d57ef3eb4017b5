// The Usage history presenter over the in-memory audit API, with a runner and a dispatcher the
// test drives and a clock it sets: filters to queries, the list as a snapshot, the detail's
// before/after, Verify, the new-events poll and the export with its progress and Cancel.
#include "FakeAuditApi.h"
#include "Fakes.h"

#include "views/common/ApiErrors.h"
#include "views/usage/UsageHistoryPresenter.h"

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace resv;
using namespace resv::views;
using namespace std::chrono_literals;
using test::FakeAuditApi;
using Operation = UsageHistoryPresenter::Operation;
using ListState = UsageHistoryPresenter::ListState;
using VerifyState = UsageHistoryPresenter::VerifyStatus::State;
using ExportOutcome = UsageHistoryPresenter::ExportOutcome;

namespace {

model::TimePoint At(const char* rfc3339) {
    return *model::ParseRfc3339(rfc3339);
}

JstDate Date(int y, unsigned m, unsigned d) {
    return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

struct Fixture {
    std::shared_ptr<FakeAuditApi> api = std::make_shared<FakeAuditApi>();
    std::shared_ptr<test::FakeApiClient> client = std::make_shared<test::FakeApiClient>();
    test::ManualRunner runner;
    test::ManualDispatcher ui;
    /// 2026-11-28 12:00 JST.
    model::TimePoint now = At("2026-11-28T03:00:00Z");
    int listResets = 0;
    std::vector<std::pair<std::size_t, std::size_t>> loaded;
    std::vector<UsageHistoryPresenter::ExportProgress> progress;
    std::vector<UsageHistoryPresenter::ExportResult> exports;
    std::vector<std::pair<Operation, client::ApiError>> failures;
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("resv-usage-presenter-" + std::to_string(::getpid()));

    /// `count` events a minute apart, the newest an hour before now: all on 2026-11-28 JST.
    explicit Fixture(std::int64_t count = 250) {
        test::FillAuditEvents(*api, count, now - 1h);
        std::filesystem::create_directories(dir);
    }
    ~Fixture() { std::filesystem::remove_all(dir); }

    void Run() {
        while (runner.Pending() > 0 || ui.Pending() > 0) {
            runner.RunAll();
            ui.RunAll();
        }
    }

    std::unique_ptr<UsageHistoryPresenter> Presenter(UsagePermissions permissions = {true, true},
                                                     bool start = true) {
        auto p = std::make_unique<UsageHistoryPresenter>(api, client, permissions, runner, ui,
                                                         [this] { return now; });
        UsageHistoryPresenter::Callbacks callbacks;
        callbacks.listReset = [this] { ++listResets; };
        callbacks.rowsLoaded = [this](std::size_t a, std::size_t b) { loaded.emplace_back(a, b); };
        callbacks.exportProgress = [this](const auto& p) { progress.push_back(p); };
        callbacks.exportFinished = [this](const auto& r) { exports.push_back(r); };
        callbacks.failed = [this](Operation o, const client::ApiError& e) {
            failures.emplace_back(o, e);
        };
        p->SetCallbacks(std::move(callbacks));
        if (start) {
            p->Start();
            Run();
        }
        return p;
    }

    void Add(std::int64_t sequence, model::TimePoint at, std::string action = "account.update") {
        api->events.push_back(test::AuditEventAt(sequence, at, std::move(action)));
    }
};

std::int64_t SequenceAt(const UsageHistoryPresenter& p, std::size_t index) {
    const UsageRow row = p.Row(index);
    return row.event ? row.event->sequence : -1;
}

UsageFilters Day(JstDate date) {
    UsageFilters filters;
    filters.preset = DatePreset::Custom;
    filters.customFrom = filters.customTo = date;
    return filters;
}

} // namespace

TEST_CASE("usage permissions come from /me", "[usage]") {
    model::Me me = test::SampleMe();
    me.permissions = {"usage.read"};
    CHECK(UsagePermissionsFor(me).read);
    CHECK_FALSE(UsagePermissionsFor(me).exportCsv);
    me.permissions.push_back("usage.export");
    CHECK(UsagePermissionsFor(me).exportCsv);
    me.permissions = {"accounts.read"};
    CHECK_FALSE(UsagePermissionsFor(me).read);
}

TEST_CASE("the action categories the screen offers, and an action's category", "[usage]") {
    const auto& categories = ActionCategories();
    for (const char* expected : {"session.", "account.", "role.", "jurisdiction.", "facility.",
                                 "terminal.", "request.", "audit.", "tenant.", "operator."}) {
        CHECK(std::find(categories.begin(), categories.end(), expected) != categories.end());
    }
    CHECK(CategoryOf("terminal.config.update") == "terminal.");
    CHECK(CategoryOf("request.denied") == "request.");
    CHECK(CategoryOf("odd") == "");
}

TEST_CASE("apply builds the query from the filters, trimmed", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    UsageFilters filters = Day(Date(2026, 11, 28));
    filters.user = "  frontdesk ";
    filters.category = "account.";
    filters.result = ResultFilter::Denied;
    filters.text = "\xE3\x80\x80"
                   "Suzuki "; // an ideographic space typed before it
    const std::size_t before = f.api->Queries().size();
    CHECK(p->Apply(filters) == FilterProblem::None);
    f.Run();
    REQUIRE(f.api->Queries().size() == before + 2); // the first page, then the count
    const client::AuditQuery query = f.api->Queries()[before];
    CHECK(model::FormatRfc3339Utc(*query.from) == "2026-11-27T15:00:00.000Z");
    CHECK(model::FormatRfc3339Utc(*query.to) == "2026-11-28T15:00:00.000Z");
    CHECK(query.actor == "frontdesk");
    CHECK(query.action == "account.");
    CHECK(query.result == std::optional(model::AuditResult::Denied));
    CHECK(query.q == "Suzuki");
    CHECK(query.descending);
    CHECK(query.limit == 100);
    CHECK_FALSE(query.offset);
    CHECK_FALSE(query.cursor);
    CHECK(p->Filters() == filters); // as typed
    CHECK(p->AppliedDays() == JstDays{Date(2026, 11, 28), Date(2026, 11, 28)});

    filters.category = "role"; // a category, so a prefix, whatever the view passes
    filters.result = ResultFilter::Any;
    const client::AuditQuery role = ToAuditQuery(filters, f.now);
    CHECK(role.action == "role.");
    CHECK_FALSE(role.result);
}

TEST_CASE("an event at 15:00 UTC is listed on the next JST day, not on its UTC day", "[usage]") {
    Fixture f(0);
    f.Add(1, At("2026-11-27T14:59:59.999Z")); // 23:59:59.999 JST on the 27th
    f.Add(2, At("2026-11-27T15:00:00Z"));     // 00:00 JST on the 28th
    f.Add(3, At("2026-11-28T14:59:59.999Z")); // the last moment of the 28th
    f.Add(4, At("2026-11-28T15:00:00Z"));     // the 29th
    f.now = At("2026-11-29T03:00:00Z");
    auto p = f.Presenter();
    p->Apply(Day(Date(2026, 11, 28)));
    f.Run();
    REQUIRE(p->RowCount() == 2);
    CHECK(SequenceAt(*p, 0) == 3);
    CHECK(SequenceAt(*p, 1) == 2);
    p->Apply(Day(Date(2026, 11, 27)));
    f.Run();
    REQUIRE(p->RowCount() == 1);
    CHECK(SequenceAt(*p, 0) == 1);
}

TEST_CASE("the list counts, shows the first page and fills the rest in as it is shown", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    CHECK(p->State() == ListState::Ready);
    CHECK(p->RowCount() == 250);
    CHECK(p->LatestSequence() == 250);
    CHECK(SequenceAt(*p, 0) == 250);
    CHECK(SequenceAt(*p, 99) == 151);
    CHECK(p->Row(150).event == nullptr);
    CHECK_FALSE(p->Row(150).loading);
    p->RowsVisible(140, 160);
    CHECK(p->Row(150).loading);
    CHECK(p->Row(150).event == nullptr); // a placeholder until the page arrives
    f.Run();
    CHECK(SequenceAt(*p, 150) == 100);
    CHECK(f.loaded == std::vector<std::pair<std::size_t, std::size_t>>{{100, 199}});
    // Jumping to the end asks for the last page from the other end.
    p->RowsVisible(235, 249);
    f.Run();
    CHECK(SequenceAt(*p, 249) == 1);
    const client::AuditQuery last = f.api->Queries().back();
    CHECK_FALSE(last.descending);
    CHECK(last.limit == 50);
}

TEST_CASE("the list is a snapshot: events arriving meanwhile are counted, not inserted",
          "[usage]") {
    Fixture f;
    // An event arrives while the list loads, between its first page and its count.
    f.api->afterNextList = [&f] { f.Add(251, f.now - 1min); };
    auto p = f.Presenter();
    CHECK(p->RowCount() == 250);
    CHECK(SequenceAt(*p, 0) == 250);
    CHECK(p->Query().to == f.api->events[249].at + 1ms); // pinned after the newest row
    // Jumps keep matching the rows loaded: the row at 200 is still sequence 50.
    p->RowsVisible(195, 205);
    f.Run();
    CHECK(SequenceAt(*p, 200) == 50);
    CHECK(p->NewEvents() == 0);

    const int resets = f.listResets;
    p->Poll();
    f.Run();
    CHECK(p->NewEvents() == 1);
    CHECK(p->RowCount() == 250); // the list did not move
    CHECK(SequenceAt(*p, 0) == 250);
    CHECK(f.listResets == resets);

    p->Refresh();
    f.Run();
    CHECK(p->RowCount() == 251);
    CHECK(SequenceAt(*p, 0) == 251);
    CHECK(p->NewEvents() == 0);
}

TEST_CASE("the poll counts only new events the filters match", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    UsageFilters filters;
    filters.category = "account.";
    p->Apply(filters);
    f.Run();
    f.Add(251, f.now - 2min, "session.login");
    p->Poll();
    f.Run();
    CHECK(p->NewEvents() == 0);
    f.Add(252, f.now - 1min, "account.create");
    f.Add(253, f.now, "account.update");
    p->Poll();
    p->Poll(); // one on its way already: not asked twice
    f.Run();
    CHECK(p->NewEvents() == 2);
    CHECK(f.api->CountOf("CountAuditEvents") == 4); // Start's, Apply's and two polls
}

TEST_CASE("a poll that finds the session over says so, other poll failures are quiet", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    f.api->nextError = client::ApiError(client::ApiError::Kind::Network, "unreachable");
    p->Poll();
    f.Run();
    CHECK(f.failures.empty());
    f.api->nextError = test::HttpError(401, "session_expired");
    p->Poll();
    f.Run();
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].first == Operation::Poll);
    CHECK(EndsSession(f.failures[0].second));
}

TEST_CASE("custom dates the wrong way round are refused, and nothing typed is lost", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    const auto calls = f.api->Calls().size();
    UsageFilters filters;
    filters.preset = DatePreset::Custom;
    filters.customFrom = Date(2026, 11, 28);
    filters.customTo = Date(2026, 11, 20);
    filters.user = "frontdesk";
    filters.text = "lobby";
    CHECK(p->Apply(filters) == FilterProblem::CustomFromAfterTo);
    f.Run();
    CHECK(f.api->Calls().size() == calls); // nothing asked
    CHECK(p->Filters() == filters);
    CHECK(p->AppliedFilters().preset == DatePreset::Last7Days);
    CHECK(p->RowCount() == 250); // the list stays
    filters.customTo = Date(2026, 2, 30);
    CHECK(p->Apply(filters) == FilterProblem::InvalidDate);
}

TEST_CASE("a failed load empties the list and keeps the filters", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    UsageFilters filters;
    filters.user = "frontdesk";
    f.api->nextError = test::HttpError(403, "forbidden");
    p->Apply(filters);
    f.Run();
    CHECK(p->State() == ListState::Failed);
    CHECK(p->RowCount() == 0);
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].first == Operation::List);
    CHECK(f.failures[0].second.Code() == "forbidden");
    CHECK(p->Filters() == filters);
    CHECK(p->AppliedFilters() == filters);
    p->Refresh();
    f.Run();
    CHECK(p->State() == ListState::Ready);
    CHECK(f.api->Queries().back().actor == "frontdesk");
}

TEST_CASE("new filters drop the pages of the old ones", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    p->RowsVisible(140, 160); // page 1 of the old filters on its way
    UsageFilters filters;
    filters.category = "session.";
    p->Apply(filters);
    f.Run();
    CHECK(p->RowCount() == 0);
    CHECK(f.loaded.empty());
    CHECK(p->Row(150).event == nullptr);
}

TEST_CASE("Refresh recomputes Today at the new day", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    UsageFilters today;
    today.preset = DatePreset::Today;
    p->Apply(today);
    f.Run();
    CHECK(p->AppliedDays().first == Date(2026, 11, 28));
    f.now += 24h;
    p->Refresh();
    f.Run();
    CHECK(p->AppliedDays().first == Date(2026, 11, 29));
    CHECK(p->RowCount() == 0);
}

TEST_CASE("oldest first lists sequence 1 on top", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    UsageFilters filters;
    filters.newestFirst = false;
    p->Apply(filters);
    f.Run();
    REQUIRE(p->RowCount() == 250);
    CHECK(SequenceAt(*p, 0) == 1);
    p->RowsVisible(240, 249);
    f.Run();
    CHECK(SequenceAt(*p, 249) == 250);
    CHECK(f.api->Queries().back().descending); // the far end, newest first
}

TEST_CASE("the selected event's before and after, and the keys that changed", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    p->Select(0);
    REQUIRE(p->Selected());
    CHECK(p->Selected()->sequence == 250);
    const EventChanges changes = p->SelectedChanges();
    CHECK(changes.hasBeforeAfter);
    CHECK(changes.before["display_name"] == "Sato");
    CHECK(changes.after["display_name"] == "Suzuki");
    CHECK(changes.changedKeys == std::vector<std::string>{"display_name"});

    SECTION("a placeholder row shows its event once its page arrives") {
        p->Select(150);
        CHECK(p->Selected() == nullptr);
        CHECK(p->SelectedIndex() == std::optional<std::size_t>(150));
        p->RowsVisible(140, 160);
        f.Run();
        REQUIRE(p->Selected());
        CHECK(p->Selected()->sequence == 100);
    }
    SECTION("a new list clears the selection") {
        p->Refresh();
        f.Run();
        CHECK(p->Selected() == nullptr);
        CHECK_FALSE(p->SelectedIndex());
    }
}

TEST_CASE("changes of a created, a deleted and a plain event", "[usage]") {
    model::AuditEvent created = test::AuditEventAt(1, test::SampleTime(), "role.create");
    created.details = {{"after", {{"name", "Night desk"}, {"permissions", {"usage.read"}}}}};
    EventChanges changes = ChangesOf(created);
    CHECK(changes.before.empty());
    CHECK(changes.changedKeys == std::vector<std::string>{"name", "permissions"});

    model::AuditEvent deleted = created;
    deleted.details = {{"before", {{"name", "Night desk"}}}, {"after", nullptr}};
    changes = ChangesOf(deleted);
    CHECK(changes.after.empty());
    CHECK(changes.changedKeys == std::vector<std::string>{"name"});

    model::AuditEvent failed = created;
    failed.details = {{"login_id", "frontdesk"}, {"reason", "invalid_password"}};
    changes = ChangesOf(failed);
    CHECK_FALSE(changes.hasBeforeAfter);
    CHECK(changes.changedKeys.empty());
    CHECK(changes.other["login_id"] == "frontdesk");
}

TEST_CASE("Verify says intact up to a signed checkpoint, or names the first bad event", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    model::AuditVerification intact;
    intact.ok = true;
    intact.checked = 250;
    intact.checkpoint = model::AuditCheckpointStatus{240, test::SampleTime(), true};
    f.api->verification = intact;
    p->Verify();
    CHECK(p->Verification().state == VerifyState::Running);
    p->Verify(); // already running: asked once
    f.Run();
    CHECK(f.api->CountOf("VerifyAuditLog") == 1);
    CHECK(p->Verification().state == VerifyState::Done);
    REQUIRE(p->Verification().result);
    CHECK(p->Verification().result->ok);
    CHECK(p->Verification().result->checkpoint->sequence == 240);
    CHECK(p->Verification().finishedAt == std::optional(f.now));

    model::AuditVerification broken;
    broken.checked = 250;
    broken.firstBadSequence = 17;
    broken.firstBadReason = "altered";
    f.api->verification = broken;
    p->Verify();
    f.Run();
    REQUIRE(p->Verification().result);
    CHECK_FALSE(p->Verification().result->ok);
    CHECK(p->Verification().result->firstBadSequence == std::optional<std::int64_t>(17));
    CHECK(p->Verification().result->firstBadReason == std::optional<std::string>("altered"));

    f.api->nextError = test::HttpError(403, "forbidden");
    p->Verify();
    f.Run();
    CHECK(p->Verification().state == VerifyState::Failed);
    CHECK_FALSE(p->Verification().result);
    REQUIRE(p->Verification().error);
    CHECK(p->Verification().error->Code() == "forbidden");
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].first == Operation::Verify);
}

TEST_CASE("export writes what the list shows and reports its progress", "[usage]") {
    Fixture f;
    f.api->exportChunk = 100;
    auto p = f.Presenter();
    const auto file = f.dir / "usage.csv";
    // The UI thread gets its turn between chunks, as it would with a real worker.
    f.api->onExportProgress = [&](std::int64_t) { f.ui.RunAll(); };
    p->Export(file, client::CsvEncoding::ShiftJis);
    CHECK(p->Exporting());
    CHECK_FALSE(p->CanExport());
    f.Run();
    CHECK_FALSE(p->Exporting());
    REQUIRE(f.exports.size() == 1);
    CHECK(f.exports[0].outcome == ExportOutcome::Succeeded);
    CHECK(f.exports[0].rows == 250);
    CHECK(f.exports[0].file == file);
    CHECK(std::filesystem::exists(file));
    REQUIRE(f.progress.size() == 3);
    CHECK(f.progress.front().rows == 100);
    CHECK(f.progress.back().rows == 250);
    CHECK(f.progress.front().total == 250);
    CHECK(f.api->Queries().back() == p->Query()); // the list's filters and pin, no paging
}

TEST_CASE("Cancel stops the export, leaves no file and the presenter idle", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    const auto file = f.dir / "usage.csv";
    SECTION("while it runs: the progress callback says stop") {
        f.api->onExportProgress = [&](std::int64_t rows) {
            if (rows == 50) {
                p->CancelExport(); // as the progress dialog's Cancel would
            }
        };
        p->Export(file, client::CsvEncoding::Utf8WithBom);
        f.Run();
        CHECK(f.client->cancelCalls == 1);
        CHECK(f.client->resetCancelCalls == 2); // before the export, and queued after it
    }
    SECTION("before it started") {
        p->Export(file, client::CsvEncoding::Utf8WithBom);
        p->CancelExport();
        f.Run();
        CHECK(f.client->cancelCalls == 0);
    }
    REQUIRE(f.exports.size() == 1);
    CHECK(f.exports[0].outcome == ExportOutcome::Cancelled);
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK_FALSE(p->Exporting());
    CHECK(p->CanExport());
    CHECK(f.failures.empty());
}

TEST_CASE("an export that fails says why, and without usage.export there is none", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    f.api->nextError = test::HttpError(403, "forbidden");
    p->Export(f.dir / "usage.csv", client::CsvEncoding::Utf8WithBom);
    f.Run();
    REQUIRE(f.exports.size() == 1);
    CHECK(f.exports[0].outcome == ExportOutcome::Failed);
    REQUIRE(f.exports[0].error);
    CHECK(f.exports[0].error->Code() == "forbidden");
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].first == Operation::Export);

    auto viewer = f.Presenter({true, false});
    CHECK_FALSE(viewer->CanExport());
    viewer->Export(f.dir / "viewer.csv", client::CsvEncoding::Utf8WithBom);
    f.Run();
    CHECK(f.api->CountOf("ExportAuditCsv") == 1);
}

TEST_CASE("results after the presenter is gone are dropped", "[usage]") {
    Fixture f;
    auto p = f.Presenter();
    p->RowsVisible(140, 160);
    p->Verify();
    p->Poll();
    p->Export(f.dir / "usage.csv", client::CsvEncoding::Utf8WithBom);
    REQUIRE(p->Exporting());
    p->Refresh();
    const int resets = f.listResets;
    p.reset();
    f.Run();
    CHECK(f.listResets == resets);
    CHECK(f.loaded.empty());
    CHECK(f.exports.empty());
    CHECK(f.progress.empty());
    CHECK_FALSE(std::filesystem::exists(f.dir / "usage.csv")); // cancelled with the screen
}
