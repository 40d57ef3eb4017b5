#include "views/common/TaskRunner.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace resv::views {

WorkerThread::WorkerThread()
    : m_thread([this] { Loop(); }) {}

WorkerThread::~WorkerThread() {
    Stop();
}

void WorkerThread::Submit(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            return;
        }
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

bool WorkerThread::WaitIdle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [this] { return m_jobs.empty() && !m_running; });
}

void WorkerThread::Stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_jobs.clear();
    }
    m_wake.notify_one();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void WorkerThread::Loop() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
        if (m_stopping) {
            break;
        }
        auto job = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_running = true;
        lock.unlock();
        try {
            job();
        } catch (const std::exception& e) {
            // Jobs made by AsyncScope catch everything; this is the last guard for any other.
            spdlog::error("background job failed: {}", e.what());
        } catch (...) {
            spdlog::error("background job failed with an unknown exception");
        }
        job = nullptr; // destroy its captures off the lock, before reporting idle
        lock.lock();
        m_running = false;
        if (m_jobs.empty()) {
            m_idle.notify_all();
        }
    }
    m_running = false;
    m_idle.notify_all();
}

} // namespace resv::views
