#pragma once
// An elastic pool of worker threads for the HTTP server. The library runs each connection as one
// task that holds its thread for as long as the connection is open, kept-alive idle time included,
// so a task must never wait for a thread while another connection merely idles: when no worker is
// idle the pool starts one more, up to a maximum. Threads beyond the core leave after sitting idle
// for a while. Post never blocks; at the maximum, tasks wait in the queue for the next free worker.
//
// Header-only because the server's CMakeLists.txt lists its sources and this header is the whole
// of it; it knows nothing of the HTTP library (HttpServer.cpp adapts it to the library's queue).

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace resv::server::http {

struct WorkerPoolLimits {
    std::size_t coreThreads = 8;                  ///< stay once started
    std::size_t maxThreads = 512;                 ///< at most this many tasks run at once
    std::chrono::milliseconds idleTimeout{15000}; ///< before a thread beyond the core leaves
};

class WorkerPool {
public:
    explicit WorkerPool(WorkerPoolLimits limits)
        : m_limits(limits) {
        m_limits.maxThreads = std::max<std::size_t>(1, m_limits.maxThreads);
        m_limits.coreThreads = std::min(m_limits.coreThreads, m_limits.maxThreads);
    }
    ~WorkerPool() { Shutdown(); }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// Queues `task` and starts a thread for it when no worker is idle and the maximum allows.
    /// Tasks posted after Shutdown are dropped.
    void Post(std::function<void()> task) {
        std::vector<std::thread> exited;
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) {
                return;
            }
            m_tasks.push_back(std::move(task));
            exited = TakeExitedLocked();
            // Every idle worker already counts for one queued task (even if not yet awake).
            if (m_tasks.size() > m_idle) {
                if (m_alive < m_limits.maxThreads) {
                    StartThreadLocked();
                } else if (!m_saturationReported) {
                    m_saturationReported = true;
                    spdlog::warn("all {} HTTP workers are busy; new connections wait for one",
                                 m_limits.maxThreads);
                }
            } else {
                m_saturationReported = false;
            }
        }
        m_wake.notify_one();
        for (auto& thread : exited) {
            thread.join(); // already past its last use of the pool
        }
    }

    /// Runs what is queued, then joins every thread. Safe to call twice.
    void Shutdown() {
        std::map<std::thread::id, std::thread> threads;
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true; // from here on no thread is started
            threads.swap(m_threads);
            m_exited.clear();
        }
        m_wake.notify_all();
        for (auto& [id, thread] : threads) {
            thread.join();
        }
    }

    /// Threads alive now (started and not yet left).
    std::size_t ThreadCount() const {
        std::lock_guard lock(m_mutex);
        return m_alive;
    }

private:
    void Work() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            ++m_idle;
            const bool woken = m_wake.wait_for(lock, m_limits.idleTimeout,
                                               [this] { return m_stopping || !m_tasks.empty(); });
            --m_idle;
            if (m_tasks.empty()) {
                if (m_stopping || (!woken && m_alive > m_limits.coreThreads)) {
                    break;
                }
                continue;
            }
            std::function<void()> task = std::move(m_tasks.front());
            m_tasks.pop_front();
            lock.unlock();
            Run(task);
            task = nullptr; // the task's captures go outside the lock too
            lock.lock();
        }
        --m_alive;
        if (!m_stopping) {
            m_exited.push_back(std::this_thread::get_id());
        }
    }

    void StartThreadLocked() {
        try {
            std::thread thread([this] { Work(); });
            const auto id = thread.get_id();
            m_threads.emplace(id, std::move(thread));
            ++m_alive;
        } catch (const std::system_error& error) {
            // Out of threads: the task waits for a worker that is already running.
            spdlog::error("cannot start another HTTP worker ({} running): {}", m_alive,
                          error.what());
        }
    }

    static void Run(const std::function<void()>& task) {
        try {
            task();
        } catch (const std::exception& error) {
            spdlog::error("an HTTP worker task failed: {}", error.what());
        } catch (...) {
            spdlog::error("an HTTP worker task failed");
        }
    }

    /// The threads that left on their own, to be joined outside the lock.
    std::vector<std::thread> TakeExitedLocked() {
        std::vector<std::thread> exited;
        for (const auto id : m_exited) {
            const auto it = m_threads.find(id);
            exited.push_back(std::move(it->second));
            m_threads.erase(it);
        }
        m_exited.clear();
        return exited;
    }

    WorkerPoolLimits m_limits;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    std::map<std::thread::id, std::thread> m_threads; ///< every thread not yet joined
    std::vector<std::thread::id> m_exited;            ///< left their loop, not yet joined
    std::size_t m_alive = 0;                          ///< started and not yet left their loop
    std::size_t m_idle = 0;                           ///< waiting for a task
    bool m_stopping = false;
    bool m_saturationReported = false;
};

} // namespace resv::server::http
