#pragma once
// The effective-access tab of the Permissions screen without wx: find an account (search over
// GET /api/v1/accounts), then what it can do and where, and through which role and scope
// (GET /api/v1/accounts/{id}/effective-access), arranged for display.

#include "views/common/Async.h"

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiError.h"
#include "resv/model/Access.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::views {

/// Why a facility is reached.
enum class ReachVia {
    All,          ///< the scope is everything
    Jurisdiction, ///< its jurisdiction is in the scope
    Facility,     ///< named in the scope itself
    Other,        ///< a reason this console does not know
};
ReachVia ReachViaFrom(const std::string& via);

/// What the tab shows for one account.
struct AccessView {
    struct PermissionRow {
        std::string permission;
        std::vector<std::string> roles; ///< the roles that give it
    };
    struct FacilityRow {
        std::string facility;
        std::string jurisdiction;
        ReachVia via = ReachVia::Other;
    };

    std::string loginId;
    model::Tier tier = model::Tier::Employee;
    model::AccountStatus status = model::AccountStatus::Active;
    bool allScope = true;
    std::vector<std::string> scopeJurisdictions; ///< names, sorted
    std::vector<std::string> scopeFacilities;    ///< names of facilities named themselves, sorted
    std::vector<PermissionRow> permissions;      ///< in catalogue order
    std::vector<FacilityRow> facilities;         ///< by jurisdiction, then facility name
};

/// Arranges an answer for display.
AccessView MakeAccessView(const model::EffectiveAccess& access);

class EffectiveAccessPresenter {
public:
    static constexpr int kSearchLimit = 100;

    struct Callbacks {
        std::function<void()> accountsChanged; ///< the search result
        std::function<void()> accessChanged;   ///< the chosen account's access, or loading
        std::function<void(const client::ApiError&)> failed;
    };

    EffectiveAccessPresenter(std::shared_ptr<client::IAccountsApi> api, ITaskRunner& runner,
                             IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }

    /// Searches login IDs and display names; a newer search drops an older one's answer.
    void Search(const std::string& text);
    const std::vector<model::Account>& Accounts() const { return m_accounts; }
    /// More accounts match than are listed: the user should narrow the search.
    bool MoreAccounts() const { return m_more; }
    bool Searching() const { return m_searching; }

    /// Loads the account's effective access (nothing to do when it is the one shown).
    void Choose(const std::string& accountId);
    /// Asks again for the chosen account's access, e.g. after its roles or scope changed.
    void Reload();
    const std::string& Chosen() const { return m_chosen; }
    const std::optional<AccessView>& Access() const { return m_access; }
    bool LoadingAccess() const { return m_loadingAccess; }

private:
    void Load(const std::string& accountId);
    void Failed(const client::ApiError& error);

    std::shared_ptr<client::IAccountsApi> m_api;
    Callbacks m_callbacks;
    std::vector<model::Account> m_accounts;
    bool m_more = false;
    bool m_searching = false;
    std::string m_chosen;
    std::optional<AccessView> m_access;
    bool m_loadingAccess = false;
    AsyncScope m_searchScope;
    AsyncScope m_accessScope;
};

} // namespace resv::views
