#pragma once
// The Accounts screen (アカウント) without wx: the server's keyset pages loaded as the list
// scrolls, search/role/status filters and sorting as the query, the selected account kept by id
// across refreshes, the actions with the reason each one is unavailable, one-time passwords
// handed out once, and the CSV export and the import's dry run before Apply.

#include "views/common/Async.h"

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiClient.h"
#include "resv/client/ApiError.h"
#include "resv/model/Session.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::views {

/// What the session may do here, from /me's permissions (custom roles included).
struct AccountPermissions {
    bool read = false;
    bool write = false;
};
AccountPermissions AccountPermissionsFor(const model::Me& me);

enum class AccountAction {
    New,
    Edit,
    Disable,
    Enable,
    Unlock,
    ResetPassword,
    SignOut,
    Delete,
    Import
};

/// Why an action cannot be done now; the view words it in the tooltip.
enum class Unavailable {
    None,
    ReadOnly,    ///< the role has no accounts.write
    NoSelection, ///< nothing selected
    Busy,        ///< another change is on its way
    NotNeeded,   ///< e.g. Enable on an active account, Unlock on one that is not locked
    Self,        ///< managers cannot disable or delete their own account
};

/// Columns the server sorts by (the API's sort keys).
namespace sort_key {
inline constexpr const char* kLoginId = "login_id";
inline constexpr const char* kDisplayName = "display_name";
inline constexpr const char* kLastLogin = "last_login_at";
inline constexpr const char* kStatus = "status";
} // namespace sort_key

/// A one-time password to show once: after New or Reset password.
struct IssuedPassword {
    model::Account account;
    std::string password;
    bool created = false; ///< a new account, not a reset
};

/// Why an import file was refused before anything was sent.
enum class ImportProblem { Empty, NotUtf8 };

/// An import file checked by a dry run, waiting for Apply.
struct ImportPreview {
    std::string csv; ///< as sent (without a BOM)
    model::ImportResult result;
    std::map<std::string, std::string> displayNames; ///< login ID -> display name, from the file
};

class AccountsPresenter {
public:
    static constexpr int kPageSize = 100;
    /// A refresh reloads at most this many rows (the pages scrolled through so far).
    static constexpr std::size_t kMaxRefreshRows = 2000;
    /// The next page is asked for when a row this close to the end becomes visible.
    static constexpr std::size_t kPrefetchRows = 20;

    struct Callbacks {
        std::function<void()> rowsChanged;  ///< rows, their number or the query
        std::function<void()> stateChanged; ///< selection, busy, loading
        std::function<void(const client::ApiError&)> failed;
        /// Disable, Enable, Unlock or Delete done (`account` as it was for Delete).
        std::function<void(AccountAction, const model::Account&)> actionDone;
        std::function<void(const IssuedPassword&)> passwordIssued;
        std::function<void(const std::string& csv)> exported;
        std::function<void()> importChecked;                      ///< Preview() is ready
        std::function<void(const model::ImportResult&)> imported; ///< the real run succeeded
        std::function<void(ImportProblem)> importRejected;
    };

    /// `client` is the session's client (for Cancel); `selfId` the signed-in account's id.
    AccountsPresenter(std::shared_ptr<client::IAccountsApi> api,
                      std::shared_ptr<client::IApiClient> client, AccountPermissions permissions,
                      std::string selfId, ITaskRunner& runner, IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    const AccountPermissions& Permissions() const { return m_permissions; }

    /// The roles (for the filter and the dialog) and the first page.
    void Start();
    /// Reloads as many rows as are loaded (up to kMaxRefreshRows), keeping the selection.
    void Refresh();
    const std::vector<model::Role>& Roles() const { return m_roles; }

    // The query: each change starts again from the first page; results of the old query are
    // dropped.
    void SetSearch(const std::string& text);
    void SetRoleFilter(std::optional<std::string> role);
    void SetStatusFilter(std::optional<model::AccountStatus> status);
    /// The same key again reverses the order.
    void SortBy(const std::string& key);
    const client::AccountQuery& Query() const { return m_query; }
    /// The sort key without its direction, and whether it is descending.
    std::string SortKey() const;
    bool SortDescending() const;

    std::size_t RowCount() const { return m_rows.size(); }
    const model::Account& Row(std::size_t index) const { return m_rows[index]; }
    std::optional<std::size_t> IndexOf(const std::string& id) const;
    bool HasMore() const { return m_nextCursor.has_value(); }
    bool Loading() const { return m_loading; }
    bool Loaded() const { return m_loaded; }
    /// The list shows rows up to `lastVisible`: near the end, the next page is loaded.
    void RowsVisible(std::size_t lastVisible);

    void Select(std::optional<std::string> id);
    const std::optional<std::string>& SelectedId() const { return m_selectedId; }
    const model::Account* Selected() const;
    Unavailable WhyNot(AccountAction action) const;
    bool Can(AccountAction action) const { return WhyNot(action) == Unavailable::None; }
    bool Busy() const { return m_busy; }

    // Actions on the selected account (the view asks for confirmation first). SignOut has no
    // method here: it opens the account's sessions (SessionsPresenter).
    void Disable();
    void Enable();
    void Unlock();
    void ResetPassword();
    void Delete();
    /// The dialog created or changed `account`: it shows in the list, selected.
    void Saved(const model::Account& account);

    void Export();
    /// Ends the download in flight; its result is dropped.
    void CancelExport();
    bool Exporting() const { return m_exporting; }

    /// A dry run of `fileBytes` (UTF-8, with or without a BOM). A file that is not UTF-8 fails
    /// at once with a parse error naming the file, nothing sent.
    void CheckImport(std::string fileBytes);
    const std::optional<ImportPreview>& Preview() const { return m_preview; }
    /// The real run of the previewed file; only when the dry run found no bad row.
    void ApplyImport();
    void DiscardImport() { m_preview.reset(); }
    bool Importing() const { return m_importing; }

private:
    struct LoadedRows {
        std::vector<model::Account> rows;
        std::optional<std::string> nextCursor;
    };

    void Reload(std::size_t rows);
    void Act(AccountAction action);
    void Apply(const model::Account& account);
    void Failed(const client::ApiError& error);
    void Notify(const std::function<void()>& callback) const;

    std::shared_ptr<client::IAccountsApi> m_api;
    std::shared_ptr<client::IApiClient> m_client;
    AccountPermissions m_permissions;
    std::string m_selfId;
    ITaskRunner& m_runner;
    Callbacks m_callbacks;
    client::AccountQuery m_query;
    std::vector<model::Account> m_rows;
    std::optional<std::string> m_nextCursor;
    std::vector<model::Role> m_roles;
    std::optional<std::string> m_selectedId;
    std::optional<ImportPreview> m_preview;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_busy = false;
    bool m_exporting = false;
    bool m_importing = false;
    AsyncScope m_listScope;
    AsyncScope m_actionScope;
    AsyncScope m_exportScope;
};

/// The CSV a manager keeps after an import: login_id, display_name, one_time_password for every
/// created row, UTF-8 with a BOM (Japanese Excel opens it), quoted as RFC 4180 says.
std::string OneTimePasswordCsv(const model::ImportResult& result,
                               const std::map<std::string, std::string>& displayNames);

/// RFC 4180 records of `csv` (quotes, doubled quotes, CRLF or LF); a leading BOM is skipped.
std::vector<std::vector<std::string>> ParseCsv(std::string_view csv);

} // namespace resv::views
