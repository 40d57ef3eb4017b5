#include "views/permissions/PermissionsPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Problem.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace resv::views {
namespace {

namespace code = model::error_code;
namespace p = model::permission;

bool Contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

} // namespace

RoleAccess RoleAccessFor(const model::Me& me) {
    std::set<std::string> granted(me.permissions.begin(), me.permissions.end());
    if (me.permissions.empty()) {
        // A server from before /me listed permissions: what the built-in roles give.
        for (const std::string& name : me.roles) {
            if (const model::BuiltinRole* role = model::FindBuiltinRole(name)) {
                granted.insert(role->permissions.begin(), role->permissions.end());
            }
        }
    }
    return {granted.contains(std::string(p::kRolesRead)),
            granted.contains(std::string(p::kRolesWrite)),
            granted.contains(std::string(p::kAccountsRead)),
            granted.contains(std::string(p::kAccountsWrite))};
}

PermissionsPresenter::PermissionsPresenter(std::shared_ptr<client::IAccountsApi> api,
                                           RoleAccess access, ITaskRunner& runner,
                                           IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_access(access)
    , m_refreshScope(runner, ui)
    , m_scope(runner, ui) {}

void PermissionsPresenter::Notify(const std::function<void()>& callback) const {
    if (callback) {
        callback();
    }
}

void PermissionsPresenter::Refresh() {
    if (m_loading) {
        return;
    }
    m_loading = true;
    auto api = m_api;
    using Data = std::pair<std::vector<model::PermissionInfo>, std::vector<model::Role>>;
    m_refreshScope.Run(
        [api] {
            return Data{api->ListPermissions(), api->ListRoles()};
        },
        [this](TaskResult<Data> result) {
            m_loading = false;
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            Apply(std::move(result.Value().first), std::move(result.Value().second));
        });
}

void PermissionsPresenter::Apply(std::vector<model::PermissionInfo> catalogue,
                                 std::vector<model::Role> roles) {
    m_catalogue = std::move(catalogue);
    m_roles = std::move(roles);
    m_loaded = true;
    const model::Role* selected = Selected();
    if (!selected) {
        m_selectedId = m_roles.empty() ? std::string() : m_roles.front().id;
        m_edit = {};
        selected = Selected();
    }
    if (selected && m_edit.roleId == selected->id) {
        // The edit stays a diff over what the server says now: drop what the server already has.
        std::erase_if(m_edit.added, [&](const std::string& name) {
            return Contains(selected->permissions, name);
        });
        std::erase_if(m_edit.removed, [&](const std::string& name) {
            return !Contains(selected->permissions, name);
        });
        if (m_edit.tier == selected->tier) {
            m_edit.tier.reset();
        }
    } else {
        m_edit = {};
    }
    Notify(m_callbacks.rolesChanged);
    Notify(m_callbacks.matrixChanged);
}

const model::Role* PermissionsPresenter::FindRole(const std::string& id) const {
    const auto it = std::find_if(m_roles.begin(), m_roles.end(),
                                 [&](const model::Role& role) { return role.id == id; });
    return it == m_roles.end() ? nullptr : &*it;
}

const model::Role* PermissionsPresenter::Selected() const {
    return m_selectedId.empty() ? nullptr : FindRole(m_selectedId);
}

bool PermissionsPresenter::Select(const std::string& roleId) {
    if (roleId == m_selectedId) {
        return true;
    }
    if (Dirty()) {
        return false;
    }
    m_selectedId = roleId;
    m_edit = {};
    Notify(m_callbacks.rolesChanged);
    Notify(m_callbacks.matrixChanged);
    return true;
}

bool PermissionsPresenter::CanEditSelected() const {
    const model::Role* role = Selected();
    return role && !role->builtin && m_access.write;
}

std::optional<model::Tier> PermissionsPresenter::DraftTier() const {
    const model::Role* role = Selected();
    if (!role) {
        return std::nullopt;
    }
    return m_edit.roleId == role->id && m_edit.tier ? *m_edit.tier : role->tier;
}

std::vector<std::string> PermissionsPresenter::DraftPermissions() const {
    std::vector<std::string> result;
    for (const MatrixRow& row : Matrix()) {
        if (row.checked) {
            result.push_back(row.permission);
        }
    }
    return result;
}

std::vector<MatrixRow> PermissionsPresenter::Matrix() const {
    std::vector<MatrixRow> rows;
    const model::Role* role = Selected();
    if (!role) {
        return rows;
    }
    const bool edited = m_edit.roleId == role->id;
    const model::Tier tier = *DraftTier();
    rows.reserve(m_catalogue.size());
    for (const model::PermissionInfo& info : m_catalogue) {
        MatrixRow row;
        row.permission = info.name;
        row.managerTierOnly = info.managerTierOnly || model::IsManagerTierOnlyPermission(info.name);
        const bool saved = Contains(role->permissions, info.name);
        row.checked = saved;
        if (edited) {
            row.checked =
                (saved || m_edit.added.contains(info.name)) && !m_edit.removed.contains(info.name);
        }
        const bool tierBlocks =
            row.managerTierOnly && !model::TierAtLeast(tier, model::Tier::Manager);
        if (tierBlocks) {
            row.checked = false;
        }
        row.changed = row.checked != saved;
        if (!m_access.write) {
            row.lock = LockReason::ReadOnlyAccount;
        } else if (role->builtin) {
            row.lock = LockReason::Builtin;
        } else if (tierBlocks) {
            row.lock = LockReason::TierTooLow;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void PermissionsPresenter::SetPermission(const std::string& permission, bool granted) {
    const model::Role* role = Selected();
    if (!role || !CanEditSelected() || m_busy) {
        return;
    }
    const auto rows = Matrix();
    const auto row = std::find_if(rows.begin(), rows.end(),
                                  [&](const MatrixRow& r) { return r.permission == permission; });
    if (row == rows.end() || row->lock != LockReason::None) {
        return;
    }
    if (m_edit.roleId != role->id) {
        m_edit = {role->id, {}, {}, std::nullopt};
    }
    const bool saved = Contains(role->permissions, permission);
    if (granted) {
        m_edit.removed.erase(permission);
        if (!saved) {
            m_edit.added.insert(permission);
        }
    } else {
        m_edit.added.erase(permission);
        if (saved) {
            m_edit.removed.insert(permission);
        }
    }
    Notify(m_callbacks.matrixChanged);
}

void PermissionsPresenter::SetTier(model::Tier tier) {
    const model::Role* role = Selected();
    if (!role || !CanEditSelected() || m_busy || tier == model::Tier::Provider) {
        return;
    }
    if (m_edit.roleId != role->id) {
        m_edit = {role->id, {}, {}, std::nullopt};
    }
    m_edit.tier = tier == role->tier ? std::nullopt : std::optional<model::Tier>(tier);
    Notify(m_callbacks.matrixChanged);
}

std::optional<model::RoleInput> PermissionsPresenter::PendingInput() const {
    const model::Role* role = Selected();
    if (!role || m_edit.roleId != role->id || m_edit.Empty()) {
        return std::nullopt;
    }
    model::RoleInput input;
    if (m_edit.tier && *m_edit.tier != role->tier) {
        input.tier = m_edit.tier;
    }
    std::vector<std::string> draft = DraftPermissions();
    std::vector<std::string> saved = role->permissions;
    std::sort(draft.begin(), draft.end());
    std::sort(saved.begin(), saved.end());
    if (draft != saved) {
        input.permissions = DraftPermissions(); // catalogue order, as the user sees it
    }
    if (!input.tier && !input.permissions) {
        return std::nullopt;
    }
    return input;
}

bool PermissionsPresenter::Dirty() const {
    return PendingInput().has_value();
}

void PermissionsPresenter::Save() {
    const auto input = PendingInput();
    if (!input || m_busy || !CanEditSelected()) {
        return;
    }
    m_busy = true;
    Notify(m_callbacks.matrixChanged);
    m_scope.Run(
        [api = m_api, id = m_selectedId, patch = *input] { return api->UpdateRole(id, patch); },
        [this](TaskResult<model::Role> result) {
            m_busy = false;
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            spdlog::info("role '{}' saved", result.Value().name);
            m_edit = {};
            Upsert(result.Value());
        });
}

void PermissionsPresenter::Revert() {
    m_edit = {};
    Notify(m_callbacks.matrixChanged);
}

void PermissionsPresenter::Upsert(const model::Role& role) {
    const auto it = std::find_if(m_roles.begin(), m_roles.end(),
                                 [&](const model::Role& r) { return r.id == role.id; });
    if (it == m_roles.end()) {
        m_roles.push_back(role);
    } else {
        *it = role;
    }
    Apply(std::move(m_catalogue), std::move(m_roles));
}

void PermissionsPresenter::Create(const std::string& name, model::Tier tier) {
    if (!m_access.write || m_busy) {
        return;
    }
    m_busy = true;
    Notify(m_callbacks.matrixChanged);
    model::RoleInput input{name, tier, std::vector<std::string>{}};
    m_scope.Run([api = m_api, input] { return api->CreateRole(input); },
                [this](TaskResult<model::Role> result) {
                    m_busy = false;
                    if (!result.Ok()) {
                        return Failed(ToApiError(result.Error()));
                    }
                    const std::string id = result.Value().id;
                    Upsert(result.Value());
                    Select(id); // refused while another role's edit is unsaved
                });
}

void PermissionsPresenter::Rename(const std::string& roleId, const std::string& name) {
    const model::Role* role = FindRole(roleId);
    if (!role || role->builtin || !m_access.write || m_busy) {
        return;
    }
    m_busy = true;
    Notify(m_callbacks.matrixChanged);
    model::RoleInput input;
    input.name = name;
    m_scope.Run([api = m_api, roleId, input] { return api->UpdateRole(roleId, input); },
                [this](TaskResult<model::Role> result) {
                    m_busy = false;
                    if (!result.Ok()) {
                        return Failed(ToApiError(result.Error()));
                    }
                    Upsert(result.Value()); // the permission edit, if any, stays
                });
}

void PermissionsPresenter::Delete(const std::string& roleId) {
    const model::Role* role = FindRole(roleId);
    if (!role || role->builtin || !m_access.write || m_busy) {
        return;
    }
    m_busy = true;
    Notify(m_callbacks.matrixChanged);
    m_scope.Run([api = m_api, roleId] { api->DeleteRole(roleId); },
                [this, roleId, name = role->name](TaskResult<Done> result) {
                    m_busy = false;
                    if (!result.Ok()) {
                        const client::ApiError error = ToApiError(result.Error());
                        if (error.Code() == code::kNotEmpty) {
                            Notify(m_callbacks.matrixChanged);
                            return CountHolders(name);
                        }
                        return Failed(error);
                    }
                    std::erase_if(m_roles, [&](const model::Role& r) { return r.id == roleId; });
                    if (m_selectedId == roleId) {
                        m_selectedId.clear();
                        m_edit = {};
                    }
                    Apply(std::move(m_catalogue), std::move(m_roles));
                });
}

void PermissionsPresenter::CountHolders(const std::string& roleName) {
    m_scope.Run(
        [api = m_api, roleName] {
            client::AccountQuery query;
            query.role = roleName;
            query.limit = 500;
            int count = 0;
            for (;;) {
                model::Page<model::Account> page = api->ListAccounts(query);
                count += static_cast<int>(page.items.size());
                if (!page.nextCursor) {
                    return count;
                }
                query.cursor = page.nextCursor;
            }
        },
        [this, roleName](TaskResult<int> result) {
            RoleNotice notice{RoleNotice::Kind::StillHeld, std::nullopt, roleName, std::nullopt};
            if (result.Ok()) {
                notice.holders = result.Value();
            }
            if (m_callbacks.notice) {
                m_callbacks.notice(notice);
            }
        });
}

void PermissionsPresenter::Failed(const client::ApiError& error) {
    Notify(m_callbacks.matrixChanged);
    if (error.Code() == code::kNotFound) {
        Refresh(); // someone deleted it: show what is there now
    }
    RoleNotice notice;
    notice.kind = error.Code() == code::kPermissionNotAllowedForTier ? RoleNotice::Kind::TierRule
                                                                     : RoleNotice::Kind::Error;
    notice.error = error;
    if (m_callbacks.notice) {
        m_callbacks.notice(notice);
    }
}

} // namespace resv::views
