#include "views/common/SessionPresenter.h"

#include "views/common/ApiErrors.h"

#include <spdlog/spdlog.h>

namespace resv::views {

SessionPresenter::SessionPresenter(ISession& session, ITaskRunner& runner, IUiDispatcher& ui)
    : m_session(session)
    , m_async(runner, ui) {}

void SessionPresenter::Check() {
    if (m_checking || m_loggingOut) {
        return;
    }
    m_checking = true;
    m_async.Run([apiClient = m_session.Client()] { return apiClient->GetMe(); },
                [this](TaskResult<model::Me> result) {
                    m_checking = false;
                    const bool hadProblem = m_problem.has_value();
                    if (result.Ok()) {
                        m_problem.reset();
                        m_session.UpdateMe(std::move(result.Value()));
                    } else {
                        const client::ApiError error = ToApiError(result.Error());
                        if (EndsSession(error)) {
                            spdlog::info("session: the server ended it ({})", error.Code());
                            m_session.Expired(error);
                            return;
                        }
                        spdlog::warn("session: check failed: {}", error.what());
                        m_problem = error;
                    }
                    if (m_onChanged && (hadProblem || m_problem)) {
                        m_onChanged();
                    }
                });
}

void SessionPresenter::CheckIfActive() {
    if (m_activeSinceCheck && !m_checking && !m_loggingOut) {
        m_activeSinceCheck = false;
        Check();
    }
}

void SessionPresenter::Logout(std::function<void()> onDone) {
    if (m_loggingOut) {
        return;
    }
    m_loggingOut = true;
    m_async.DropPending(); // a check still on its way must not report an ended session now
    m_checking = false;
    spdlog::info("session: logging out '{}'", m_session.Me().loginId);
    m_async.Run([apiClient = m_session.Client()] { apiClient->Logout(); },
                [this, onDone = std::move(onDone)](TaskResult<Done> result) {
                    m_loggingOut = false;
                    if (!result.Ok()) {
                        spdlog::warn("session: logout failed, the token is dropped anyway: {}",
                                     ToApiError(result.Error()).what());
                    }
                    onDone();
                });
}

} // namespace resv::views
