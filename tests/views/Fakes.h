#pragma once
// Fakes for presenter tests: a client that answers what the test says, a runner and a
// dispatcher that run nothing until the test says so, settings in memory, a session.

#include "views/common/Session.h"
#include "views/common/Settings.h"
#include "views/common/TaskRunner.h"
#include "views/common/UiDispatcher.h"

#include "resv/client/ApiClient.h"
#include "resv/model/Problem.h"

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

namespace resv::views::test {

/// Answers with the functions the test sets; records what it was asked.
class FakeApiClient final : public client::IApiClient {
public:
    std::function<model::LoginResponse(const model::LoginRequest&)> onLogin;
    std::function<model::Me()> onGetMe;
    std::function<void()> onLogout;

    std::vector<model::LoginRequest> logins;
    int meCalls = 0;
    int logoutCalls = 0;
    std::atomic<int> cancelCalls{0};
    std::atomic<int> resetCancelCalls{0};

    model::Health GetHealth() override { return {"ok", "test", model::Now()}; }
    model::LoginResponse Login(const model::LoginRequest& request) override {
        logins.push_back(request);
        return onLogin ? onLogin(request) : model::LoginResponse{};
    }
    model::Me GetMe() override {
        ++meCalls;
        return onGetMe ? onGetMe() : model::Me{};
    }
    void Logout() override {
        ++logoutCalls;
        if (onLogout) {
            onLogout();
        }
    }
    void SetToken(std::string token) override { m_token = std::move(token); }
    bool HasToken() const override { return !m_token.empty(); }
    void Cancel() override { ++cancelCalls; }
    void ResetCancel() override { ++resetCancelCalls; }

private:
    std::string m_token;
};

/// Holds submitted jobs until RunAll().
class ManualRunner final : public ITaskRunner {
public:
    void Submit(std::function<void()> job) override { m_jobs.push_back(std::move(job)); }
    std::size_t Pending() const { return m_jobs.size(); }
    void RunAll() {
        while (!m_jobs.empty()) {
            auto job = std::move(m_jobs.front());
            m_jobs.pop_front();
            job();
        }
    }

private:
    std::deque<std::function<void()>> m_jobs;
};

/// Holds posted calls until RunAll(). Thread-safe, so a real WorkerThread may post to it.
class ManualDispatcher final : public IUiDispatcher {
public:
    void Post(std::function<void()> call) override {
        std::lock_guard lock(m_mutex);
        m_calls.push_back(std::move(call));
    }
    std::size_t Pending() {
        std::lock_guard lock(m_mutex);
        return m_calls.size();
    }
    void RunAll() {
        for (;;) {
            std::function<void()> call;
            {
                std::lock_guard lock(m_mutex);
                if (m_calls.empty()) {
                    return;
                }
                call = std::move(m_calls.front());
                m_calls.pop_front();
            }
            call();
        }
    }

private:
    std::mutex m_mutex;
    std::deque<std::function<void()>> m_calls;
};

class MemorySettings final : public ISettings {
public:
    RememberedLogin login;
    std::string language;
    int loginSaves = 0;

    RememberedLogin LoadLogin() const override { return login; }
    void SaveLogin(const RememberedLogin& value) override {
        login = value;
        ++loginSaves;
    }
    std::string Language() const override { return language; }
    void SetLanguage(const std::string& value) override { language = value; }
    std::string ListColumns(const std::string& list) const override {
        const auto it = listColumns.find(list);
        return it == listColumns.end() ? std::string() : it->second;
    }
    void SetListColumns(const std::string& list, const std::string& columns) override {
        listColumns[list] = columns;
    }
    std::map<std::string, std::string> listColumns;
};

class FakeSession final : public ISession {
public:
    explicit FakeSession(std::shared_ptr<FakeApiClient> apiClient, model::Me me)
        : m_client(std::move(apiClient))
        , m_me(std::move(me)) {}

    std::vector<client::ApiError> expired;
    int updates = 0;

    std::shared_ptr<client::IApiClient> Client() const override { return m_client; }
    const std::string& ServerUrl() const override { return m_url; }
    const model::Me& Me() const override { return m_me; }
    void UpdateMe(model::Me me) override {
        m_me = std::move(me);
        ++updates;
    }
    void Expired(const client::ApiError& error) override { expired.push_back(error); }

private:
    std::shared_ptr<FakeApiClient> m_client;
    std::string m_url = "https://resv.example.jp";
    model::Me m_me;
};

inline client::ApiError HttpError(int status, const char* code) {
    model::Problem problem;
    problem.status = status;
    problem.code = code;
    problem.title = code;
    return client::ApiError(problem);
}

/// 2026-11-25T08:10:49Z, i.e. 17:10:49 JST.
inline model::TimePoint SampleTime() {
    return *model::ParseRfc3339("2026-11-25T08:10:49.000Z");
}

inline model::Me SampleMe() {
    model::Me me;
    me.id = "acc_1";
    me.loginId = "manager";
    me.displayName = "Yamada Hanako";
    me.roles = {"customermanager"};
    me.tier = model::Tier::Manager;
    me.tenant = {"demo", "Demo Hotel Group", "jp"};
    me.session = {SampleTime() + std::chrono::hours(12), SampleTime() + std::chrono::minutes(30)};
    return me;
}

inline model::LoginResponse SampleLogin() {
    model::LoginResponse response;
    response.token = "token-for-tests";
    response.expiresAt = SampleTime() + std::chrono::hours(12);
    response.account.loginId = "manager";
    return response;
}

} // namespace resv::views::test
