#include "Fakes.h"

#include "views/common/ApiErrors.h"
#include "views/common/Async.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <numeric>
#include <thread>

using namespace resv;
using namespace resv::views;
using namespace resv::views::test;
using namespace std::chrono_literals;

namespace {

/// Runs the dispatcher's calls until `done` holds or two seconds pass.
template <typename Predicate>
bool PumpUntil(ManualDispatcher& ui, Predicate done) {
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        ui.RunAll();
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

} // namespace

TEST_CASE("work runs off the calling thread and its result comes back through the dispatcher",
          "[async]") {
    WorkerThread worker;
    ManualDispatcher ui;
    AsyncScope scope(worker, ui);
    std::thread::id workThread;
    std::thread::id doneThread;
    int value = 0;

    scope.Run(
        [&workThread] {
            workThread = std::this_thread::get_id();
            return 42;
        },
        [&](TaskResult<int> result) {
            doneThread = std::this_thread::get_id();
            value = result.Value();
        });
    REQUIRE(PumpUntil(ui, [&] { return value != 0; }));
    CHECK(value == 42);
    CHECK(workThread != std::this_thread::get_id());
    CHECK(doneThread == std::this_thread::get_id());
}

TEST_CASE("jobs run one at a time, in order", "[async]") {
    WorkerThread worker;
    std::vector<int> order;
    std::mutex mutex;
    for (int i = 0; i < 20; ++i) {
        worker.Submit([&, i] {
            std::lock_guard lock(mutex);
            order.push_back(i);
        });
    }
    REQUIRE(worker.WaitIdle(2s));
    std::vector<int> expected(20);
    std::iota(expected.begin(), expected.end(), 0);
    CHECK(order == expected);
}

TEST_CASE("an exception in the work arrives as the result's error", "[async]") {
    ManualRunner runner;
    ManualDispatcher ui;
    AsyncScope scope(runner, ui);
    std::optional<client::ApiError> error;
    scope.Run([]() -> int { throw client::ApiError(client::ApiError::Kind::Tls, "alert 70"); },
              [&](TaskResult<int> result) {
                  REQUIRE_FALSE(result.Ok());
                  error = ToApiError(result.Error());
              });
    runner.RunAll();
    ui.RunAll();
    REQUIRE(error);
    CHECK(error->GetKind() == client::ApiError::Kind::Tls);
}

TEST_CASE("results are dropped when their owner is gone or they are stale", "[async]") {
    ManualRunner runner;
    ManualDispatcher ui;
    std::vector<int> delivered;

    SECTION("owner destroyed") {
        auto scope = std::make_unique<AsyncScope>(runner, ui);
        scope->Run([] { return 1; }, [&](TaskResult<int> r) { delivered.push_back(r.Value()); });
        runner.RunAll(); // finishes before the owner goes ...
        scope.reset();
        ui.RunAll(); // ... but arrives after
        CHECK(delivered.empty());
    }
    SECTION("DropPending drops what was started before it, not after") {
        AsyncScope scope(runner, ui);
        scope.Run([] { return 1; }, [&](TaskResult<int> r) { delivered.push_back(r.Value()); });
        scope.DropPending();
        scope.Run([] { return 2; }, [&](TaskResult<int> r) { delivered.push_back(r.Value()); });
        runner.RunAll();
        ui.RunAll();
        CHECK(delivered == std::vector<int>{2});
    }
    SECTION("void work reports Done") {
        AsyncScope scope(runner, ui);
        bool ok = false;
        scope.Run([] {}, [&](TaskResult<Done> r) { ok = r.Ok(); });
        runner.RunAll();
        ui.RunAll();
        CHECK(ok);
    }
}

TEST_CASE("stopping the worker drops queued jobs and waits for the running one", "[async]") {
    std::atomic<bool> release{false};
    std::atomic<bool> firstDone{false};
    std::atomic<bool> secondRan{false};
    auto worker = std::make_unique<WorkerThread>();
    worker->Submit([&] {
        while (!release) {
            std::this_thread::sleep_for(1ms);
        }
        firstDone = true;
    });
    worker->Submit([&] { secondRan = true; });
    CHECK_FALSE(worker->WaitIdle(20ms));
    std::thread releaser([&] {
        std::this_thread::sleep_for(20ms);
        release = true;
    });
    worker->Stop();
    releaser.join();
    CHECK(firstDone);
    CHECK_FALSE(secondRan);
    worker->Submit([&] { secondRan = true; }); // ignored after Stop
    worker.reset();
    CHECK_FALSE(secondRan);
}

TEST_CASE("errors that end the session are told apart from others", "[async]") {
    CHECK(EndsSession(HttpError(401, model::error_code::kSessionExpired)));
    CHECK(EndsSession(HttpError(401, model::error_code::kUnauthenticated)));
    CHECK_FALSE(EndsSession(HttpError(401, model::error_code::kInvalidCredentials)));
    CHECK_FALSE(EndsSession(HttpError(403, model::error_code::kForbidden)));
    CHECK_FALSE(EndsSession(client::ApiError(client::ApiError::Kind::Network, "down")));

    const auto internal = ToApiError(std::make_exception_ptr(std::logic_error("bug")));
    CHECK(internal.GetKind() == client::ApiError::Kind::Http);
    CHECK(internal.Code() == "internal_error");
    CHECK(internal.Status() == 0);
    CHECK(internal.Problem().detail == "bug");
}
