#pragma once
// Run(work, onDone): `work` runs on the task runner, `onDone` on the UI thread with its result.
// A result whose owner is gone (the AsyncScope was destroyed with its presenter or window) or
// that a newer request made stale (DropPending) is dropped, never applied.

#include "views/common/TaskRunner.h"
#include "views/common/UiDispatcher.h"

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace resv::views {

/// The value `work` returned, or the exception it threw.
template <typename T>
class TaskResult {
public:
    static TaskResult Success(T value) { return TaskResult(std::move(value), nullptr); }
    static TaskResult Failure(std::exception_ptr error) { return TaskResult({}, std::move(error)); }

    bool Ok() const { return !m_error; }
    T& Value() { return *m_value; }
    const T& Value() const { return *m_value; }
    const std::exception_ptr& Error() const { return m_error; }

private:
    TaskResult(std::optional<T> value, std::exception_ptr error)
        : m_value(std::move(value))
        , m_error(std::move(error)) {}

    std::optional<T> m_value;
    std::exception_ptr m_error;
};

/// What a `void` job "returns".
using Done = std::monostate;

namespace detail {
template <typename T>
using ResultValue = std::conditional_t<std::is_void_v<T>, Done, T>;

template <typename Work>
auto Capture(Work& work) -> TaskResult<ResultValue<std::invoke_result_t<Work&>>> {
    using T = std::invoke_result_t<Work&>;
    using Result = TaskResult<ResultValue<T>>;
    try {
        if constexpr (std::is_void_v<T>) {
            work();
            return Result::Success(Done{});
        } else {
            return Result::Success(work());
        }
    } catch (...) {
        return Result::Failure(std::current_exception());
    }
}
} // namespace detail

/// Owned by whoever applies the results (a presenter). Use it on the UI thread only. The runner
/// and the dispatcher must outlive every job submitted through it.
class AsyncScope {
public:
    AsyncScope(ITaskRunner& runner, IUiDispatcher& ui)
        : m_runner(runner)
        , m_ui(ui)
        , m_token(std::make_shared<Token>()) {}
    AsyncScope(const AsyncScope&) = delete;
    AsyncScope& operator=(const AsyncScope&) = delete;
    /// Results still on their way are dropped: the token they check is gone.
    ~AsyncScope() = default;

    /// `work` must not touch the owner (it may be gone by the time it runs): capture what it needs
    /// by value. `onDone` receives a TaskResult and runs only while the owner and its generation
    /// are current.
    template <typename Work, typename OnDone>
    void Run(Work work, OnDone onDone) {
        std::weak_ptr<Token> weak = m_token;
        const std::uint64_t generation = m_token->generation;
        IUiDispatcher* ui = &m_ui;
        m_runner.Submit(
            [work = std::move(work), onDone = std::move(onDone), weak, generation, ui]() mutable {
                auto result = detail::Capture(work);
                ui->Post([result = std::move(result), onDone = std::move(onDone), weak,
                          generation]() mutable {
                    const auto token = weak.lock();
                    if (!token || token->generation != generation) {
                        return;
                    }
                    onDone(std::move(result));
                });
            });
    }

    /// Every job started so far will have its result dropped.
    void DropPending() { ++m_token->generation; }

private:
    struct Token {
        std::uint64_t generation = 0;
    };

    ITaskRunner& m_runner;
    IUiDispatcher& m_ui;
    std::shared_ptr<Token> m_token;
};

} // namespace resv::views
