#pragma once
// The Permissions screen (権限) without wx: the roles, the permission matrix of the selected
// role with its tier rule, and New/Rename/Delete/Save. An edit is kept as a diff (permissions
// added and removed, a tier chosen) over the role as the server last said, so a refresh that
// brings someone else's change keeps the user's edit on top of it.

#include "views/common/Async.h"

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiError.h"
#include "resv/model/Role.h"
#include "resv/model/Session.h"

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace resv::views {

/// What the account may do here: from /me's permissions (or, from a server that does not list
/// them, from its built-in roles).
struct RoleAccess {
    bool read = false;          ///< roles.read: the screen is shown
    bool write = false;         ///< roles.write: New, Rename, Delete, the matrix
    bool readAccounts = false;  ///< accounts.read: the effective-access tab
    bool writeAccounts = false; ///< accounts.write: editing an account's roles and scope there
};
RoleAccess RoleAccessFor(const model::Me& me);

/// Why a checkbox of the matrix cannot be changed.
enum class LockReason {
    None,
    ReadOnlyAccount, ///< the signed-in account lacks roles.write
    Builtin,         ///< built-in roles cannot be changed
    TierTooLow,      ///< a manager-tier-only permission in an employee-tier role
};

/// One row of the matrix.
struct MatrixRow {
    std::string permission;
    bool managerTierOnly = false;
    bool checked = false;
    bool changed = false; ///< differs from the role as saved
    LockReason lock = LockReason::None;
};

/// The user's unsaved edit of one custom role.
struct RoleEdit {
    std::string roleId;
    std::set<std::string> added;
    std::set<std::string> removed;
    std::optional<model::Tier> tier;

    bool Empty() const { return added.empty() && removed.empty() && !tier; }
};

/// A message for the info bar: an error, or a role still held by accounts.
struct RoleNotice {
    enum class Kind { Error, StillHeld, TierRule };
    Kind kind = Kind::Error;
    std::optional<client::ApiError> error; ///< Kind::Error
    std::string roleName;                  ///< StillHeld
    std::optional<int> holders;            ///< StillHeld: how many accounts (when counted)
};

class PermissionsPresenter {
public:
    struct Callbacks {
        std::function<void()> rolesChanged;  ///< the list of roles or the selection
        std::function<void()> matrixChanged; ///< the matrix, the tier, busy or dirty state
        std::function<void(const RoleNotice&)> notice;
    };

    PermissionsPresenter(std::shared_ptr<client::IAccountsApi> api, RoleAccess access,
                         ITaskRunner& runner, IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    const RoleAccess& Access() const { return m_access; }

    /// Loads the catalogue and the roles on the worker; keeps the selection and an edit.
    void Refresh();
    bool Loaded() const { return m_loaded; }
    bool Loading() const { return m_loading; }
    /// Applies fresh data as Refresh's result does (tests call it directly).
    void Apply(std::vector<model::PermissionInfo> catalogue, std::vector<model::Role> roles);

    const std::vector<model::Role>& Roles() const { return m_roles; }
    const std::vector<model::PermissionInfo>& Catalogue() const { return m_catalogue; }
    const model::Role* FindRole(const std::string& id) const;

    /// Selecting another role while the edit has changes is refused (false): the view asks the
    /// user, then calls Revert and selects again.
    bool Select(const std::string& roleId);
    const model::Role* Selected() const;
    bool CanEditSelected() const;

    /// The matrix of the selected role with the edit applied.
    std::vector<MatrixRow> Matrix() const;
    /// The tier the selected role has with the edit applied.
    std::optional<model::Tier> DraftTier() const;
    /// The permissions the selected role has with the edit applied (catalogue order).
    std::vector<std::string> DraftPermissions() const;
    void SetPermission(const std::string& permission, bool granted);
    /// Manager-tier-only permissions leave an employee-tier draft (and come back if the tier
    /// is set to manager again before saving).
    void SetTier(model::Tier tier);
    bool Dirty() const;
    /// What Save would send; nothing when there is nothing to save.
    std::optional<model::RoleInput> PendingInput() const;
    void Save();
    void Revert();
    bool Busy() const { return m_busy; }

    /// Creates a custom role with no permissions yet, and selects it.
    void Create(const std::string& name, model::Tier tier);
    void Rename(const std::string& roleId, const std::string& name);
    /// Deletes the role (the view asked first). A role still held answers 409 not_empty: the
    /// holders are counted and the notice says how many.
    void Delete(const std::string& roleId);

private:
    void Failed(const client::ApiError& error);
    void Notify(const std::function<void()>& callback) const;
    void Upsert(const model::Role& role);
    void CountHolders(const std::string& roleName);

    std::shared_ptr<client::IAccountsApi> m_api;
    RoleAccess m_access;
    Callbacks m_callbacks;
    std::vector<model::PermissionInfo> m_catalogue;
    std::vector<model::Role> m_roles;
    std::string m_selectedId;
    RoleEdit m_edit;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_busy = false;
    AsyncScope m_refreshScope;
    AsyncScope m_scope;
};

} // namespace resv::views
