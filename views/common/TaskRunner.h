#pragma once
// Where blocking work (every call of the API client) runs: never on the UI thread.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace resv::views {

class ITaskRunner {
public:
    virtual ~ITaskRunner() = default;
    /// Queues `job` to run off the UI thread. Jobs run one at a time, in the order submitted, so
    /// the one API client of a session is never used by two threads at once.
    virtual void Submit(std::function<void()> job) = 0;
};

/// One background thread working through a queue.
class WorkerThread final : public ITaskRunner {
public:
    WorkerThread();
    /// Stop(): the running job finishes, queued ones are dropped.
    ~WorkerThread() override;
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;

    void Submit(std::function<void()> job) override;

    /// Waits until every queued job has run, at most `timeout`; true when the queue is done.
    bool WaitIdle(std::chrono::milliseconds timeout);
    /// Drops the queued jobs, waits for the running one and ends the thread. Later Submit calls
    /// are ignored. Safe to call twice.
    void Stop();

private:
    void Loop();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<std::function<void()>> m_jobs;
    bool m_running = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace resv::views
