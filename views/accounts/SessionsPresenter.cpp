#include "views/accounts/SessionsPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Problem.h"

#include <algorithm>

namespace resv::views {
namespace {

/// The server's answer for a session that has ended (or was never the account's).
bool SessionGone(const client::ApiError& error) {
    return error.GetKind() == client::ApiError::Kind::Http && error.Status() == 404;
}

} // namespace

SessionsPresenter::SessionsPresenter(std::shared_ptr<client::IAccountsApi> api,
                                     std::string accountId, ITaskRunner& runner, IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_accountId(std::move(accountId))
    , m_listScope(runner, ui)
    , m_changeScope(runner, ui) {}

void SessionsPresenter::Notify() const {
    if (m_callbacks.changed) {
        m_callbacks.changed();
    }
}

void SessionsPresenter::Load() {
    m_listScope.DropPending();
    m_loading = true;
    m_listScope.Run(
        [api = m_api, accountId = m_accountId] {
            auto rows = api->ListSessions(accountId);
            std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
                return a.createdAt > b.createdAt;
            });
            return rows;
        },
        [this](TaskResult<std::vector<model::SessionInfo>> result) {
            m_loading = false;
            if (!result.Ok()) {
                Notify();
                if (m_callbacks.failed) {
                    m_callbacks.failed(ToApiError(result.Error()));
                }
                return;
            }
            m_rows = std::move(result.Value());
            m_loaded = true;
            if (Selected() == nullptr) {
                m_selectedId.reset();
            }
            Notify();
        });
    Notify();
}

bool SessionsPresenter::IncludesCurrent() const {
    return std::any_of(m_rows.begin(), m_rows.end(), [](const auto& s) { return s.current; });
}

void SessionsPresenter::Select(std::optional<std::string> sessionId) {
    if (sessionId != m_selectedId) {
        m_selectedId = std::move(sessionId);
        Notify();
    }
}

const model::SessionInfo* SessionsPresenter::Selected() const {
    if (!m_selectedId) {
        return nullptr;
    }
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [&](const auto& s) { return s.id == *m_selectedId; });
    return it == m_rows.end() ? nullptr : &*it;
}

SessionsPresenter::Unavailable SessionsPresenter::WhyNotRevoke(const std::string& sessionId) const {
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [&](const auto& s) { return s.id == sessionId; });
    if (it == m_rows.end()) {
        return Unavailable::NoSelection;
    }
    if (it->current) {
        return Unavailable::Current;
    }
    return m_busy ? Unavailable::Busy : Unavailable::None;
}

void SessionsPresenter::Revoke(const std::string& sessionId) {
    if (WhyNotRevoke(sessionId) != Unavailable::None) {
        return;
    }
    m_busy = true;
    m_changeScope.Run(
        [api = m_api, accountId = m_accountId, sessionId] {
            try {
                api->RevokeSession(accountId, sessionId);
                return Notice::SignedOut;
            } catch (const client::ApiError& error) {
                if (SessionGone(error)) {
                    return Notice::AlreadyEnded;
                }
                throw;
            }
        },
        [this](TaskResult<Notice> result) { Done(std::move(result)); });
    Notify();
}

bool SessionsPresenter::CanRevokeAll() const {
    return !m_busy &&
           std::any_of(m_rows.begin(), m_rows.end(), [](const auto& s) { return !s.current; });
}

void SessionsPresenter::RevokeAll() {
    if (!CanRevokeAll()) {
        return;
    }
    m_busy = true;
    if (!IncludesCurrent()) {
        m_changeScope.Run(
            [api = m_api, accountId = m_accountId] {
                api->RevokeSessions(accountId);
                return Notice::AllSignedOut;
            },
            [this](TaskResult<Notice> result) { Done(std::move(result)); });
        Notify();
        return;
    }
    // The server's "all" would end this PC's session too: the others one by one instead.
    std::vector<std::string> others;
    for (const auto& session : m_rows) {
        if (!session.current) {
            others.push_back(session.id);
        }
    }
    m_changeScope.Run(
        [api = m_api, accountId = m_accountId, others] {
            for (const auto& sessionId : others) {
                try {
                    api->RevokeSession(accountId, sessionId);
                } catch (const client::ApiError& error) {
                    if (!SessionGone(error)) {
                        throw;
                    }
                }
            }
            return Notice::OthersSignedOut;
        },
        [this](TaskResult<Notice> result) { Done(std::move(result)); });
    Notify();
}

void SessionsPresenter::Done(TaskResult<Notice> result) {
    m_busy = false;
    if (!result.Ok()) {
        Notify();
        if (m_callbacks.failed) {
            m_callbacks.failed(ToApiError(result.Error()));
        }
        return;
    }
    Load();
    if (m_callbacks.notice) {
        m_callbacks.notice(result.Value());
    }
}

} // namespace resv::views
