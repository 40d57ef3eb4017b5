#pragma once
// The sessions of one account without wx (the Accounts screen's "Sign out sessions..."): the
// open sessions loaded off the UI thread, one of them or all of them signed out, the list
// reloaded after each change. The caller's own session (this PC) is never signed out from here:
// that is Log out's job, and "all" then means all the others.

#include "views/common/Async.h"

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiError.h"
#include "resv/model/Account.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::views {

class SessionsPresenter {
public:
    /// What a change did, for the dialog to say.
    enum class Notice {
        SignedOut,       ///< the one session chosen has ended
        AllSignedOut,    ///< every session of the account has ended
        OthersSignedOut, ///< every session but this PC's has ended
        AlreadyEnded,    ///< the session chosen had ended already (logged out, expired)
    };

    /// Why a session cannot be signed out now.
    enum class Unavailable {
        None,
        NoSelection,
        Busy,    ///< a change is on its way
        Current, ///< the session of this PC: Log out ends it
    };

    struct Callbacks {
        std::function<void()> changed; ///< rows, selection, loading or busy
        std::function<void(Notice)> notice;
        std::function<void(const client::ApiError&)> failed; ///< the rows stay as they were
    };

    SessionsPresenter(std::shared_ptr<client::IAccountsApi> api, std::string accountId,
                      ITaskRunner& runner, IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    const std::string& AccountId() const { return m_accountId; }

    /// Loads (or reloads) the sessions; an older load still on its way is dropped.
    void Load();
    bool Loading() const { return m_loading; }
    /// The first answer has arrived.
    bool Loaded() const { return m_loaded; }

    /// Newest sign-in first.
    const std::vector<model::SessionInfo>& Rows() const { return m_rows; }
    /// One of the rows is the caller's own session.
    bool IncludesCurrent() const;

    /// Kept by id across reloads; dropped when that session is gone.
    void Select(std::optional<std::string> sessionId);
    const model::SessionInfo* Selected() const;

    Unavailable WhyNotRevoke(const std::string& sessionId) const;
    /// Signs out one session, then reloads. A session that has ended meanwhile is not an error:
    /// the list reloads and Notice::AlreadyEnded says so.
    void Revoke(const std::string& sessionId);
    /// Something to sign out: a session other than this PC's, and no change on its way.
    bool CanRevokeAll() const;
    /// Every session; with this PC's session in the list, every one but that.
    void RevokeAll();
    bool Busy() const { return m_busy; }

private:
    void Done(TaskResult<Notice> result);
    void Notify() const;

    std::shared_ptr<client::IAccountsApi> m_api;
    std::string m_accountId;
    Callbacks m_callbacks;
    std::vector<model::SessionInfo> m_rows;
    std::optional<std::string> m_selectedId;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_busy = false;
    AsyncScope m_listScope;   ///< loads: a newer one drops the older
    AsyncScope m_changeScope; ///< sign-outs
};

} // namespace resv::views
