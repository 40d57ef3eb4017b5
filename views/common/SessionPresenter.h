#pragma once
// Keeps the main window's idea of the session true: re-reads /me (the shell does it every
// minute), notices when the server has ended the session, and logs out.

#include "views/common/Async.h"
#include "views/common/Session.h"

#include <functional>
#include <optional>

namespace resv::views {

class SessionPresenter {
public:
    SessionPresenter(ISession& session, ITaskRunner& runner, IUiDispatcher& ui);
    SessionPresenter(const SessionPresenter&) = delete;
    SessionPresenter& operator=(const SessionPresenter&) = delete;

    /// Called after every check whose outcome differs from the last (reachable or not).
    void SetOnChanged(std::function<void()> onChanged) { m_onChanged = std::move(onChanged); }

    /// Reads /me on the worker. A fresh answer goes to ISession::UpdateMe; an ended session to
    /// ISession::Expired; any other failure (say, the server is unreachable) is kept in
    /// Problem() and the session stays. Does nothing while a check or a logout is under way.
    void Check();
    bool Checking() const { return m_checking; }

    /// The user did something (a key, a click) in the console.
    void NoteActivity() { m_activeSinceCheck = true; }
    /// What the minute timer calls: Check(), but only after the user did something since the last
    /// check. Every /me call renews the server's idle timer, so checking an unattended console
    /// would keep its session alive forever; left alone, the session ends on the server after its
    /// idle timeout and the first check after the user's return finds that out.
    void CheckIfActive();
    /// Why the last check failed, when it failed for a reason that does not end the session.
    const std::optional<client::ApiError>& Problem() const { return m_problem; }

    /// Ends the session on the server, then calls `onDone` on the UI thread whatever the server
    /// said (the token is forgotten either way; a failure is logged).
    void Logout(std::function<void()> onDone);
    bool LoggingOut() const { return m_loggingOut; }

private:
    ISession& m_session;
    std::function<void()> m_onChanged;
    std::optional<client::ApiError> m_problem;
    bool m_checking = false;
    bool m_loggingOut = false;
    bool m_activeSinceCheck = false;
    AsyncScope m_async;
};

} // namespace resv::views
