#include "roles/RoleService.h"

#include "http/Problem.h"
#include "resv/model/Problem.h"
#include "storage/Ids.h"
#include "storage/RoleRepository.h"
#include "storage/TenantRepository.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace resv::server::roles {
namespace {

namespace ec = model::error_code;
namespace perm = model::permission;
using storage::RoleRecord;
using storage::RoleRepository;

bool IsProviderSession(const auth::Caller& caller) {
    return caller.principal.tenant.code == storage::kProviderTenantCode;
}

model::Role BuiltinToModel(const model::BuiltinRole& role) {
    model::Role result{std::string(role.name), std::string(role.name), role.tier, {}, true};
    for (const auto permission : role.permissions) {
        result.permissions.emplace_back(permission);
    }
    std::sort(result.permissions.begin(), result.permissions.end());
    return result;
}

nlohmann::json ToJson(const RoleRecord& role) {
    return {{"id", role.id},
            {"name", role.name},
            {"tier", std::string(model::ToString(role.tier))},
            {"permissions", role.permissions}};
}

/// Where `permission` sits in `order` (what the client sent), else in `fallback` (the role as
/// stored, which GET shows): the index an error names.
std::size_t IndexOf(const std::string& permission, const std::vector<std::string>& order,
                    const std::vector<std::string>& fallback) {
    for (const auto* list : {&order, &fallback}) {
        const auto it = std::find(list->begin(), list->end(), permission);
        if (it != list->end()) {
            return static_cast<std::size_t>(it - list->begin());
        }
    }
    return 0;
}

/// usage.read, usage.export and monitoring.read are for manager tier and up ("customermanager
/// 以上"): 400 permission_not_allowed_for_tier naming each offending permissions[i].
void RequireTierAllows(const RoleRecord& role, const RoleRequest& request,
                       const std::vector<std::string>& storedOrder) {
    if (role.tier != model::Tier::Employee) {
        return;
    }
    const bool sent = request.input.permissions.has_value();
    std::vector<model::FieldError> errors;
    for (const auto& permission : role.permissions) {
        if (model::IsManagerTierOnlyPermission(permission)) {
            const std::size_t index =
                sent ? IndexOf(permission, request.permissionsAsSent, role.permissions)
                     : IndexOf(permission, storedOrder, role.permissions);
            errors.push_back({fmt::format("permissions[{}]", index),
                              ec::kPermissionNotAllowedForTier,
                              permission + " is for manager-tier roles only"});
        }
    }
    if (!errors.empty()) {
        throw http::HttpError(400, ec::kPermissionNotAllowedForTier,
                              "Usage history and monitoring are for manager-tier roles only.",
                              std::move(errors));
    }
}

/// No one makes a role more powerful than themselves: its tier and every permission it adds
/// must be the caller's own.
void RequireWithinCaller(const auth::EffectivePermissions& own, const RoleRecord& role,
                         const std::vector<std::string>& previous) {
    if (!model::TierAtLeast(own.Tier(), role.tier)) {
        throw http::HttpError(403, ec::kForbidden,
                              "You cannot make a role of a higher tier than your own.");
    }
    for (const auto& permission : role.permissions) {
        const bool added =
            std::find(previous.begin(), previous.end(), permission) == previous.end();
        if (added && !own.Has(permission)) {
            throw http::HttpError(403, ec::kForbidden,
                                  "You cannot give a role a permission you do not hold (" +
                                      permission + ").");
        }
    }
}

/// Runs a write that the UNIQUE(tenant_id, name) index may refuse, as 409 conflict.
template <typename Write>
void WriteUnique(Write write, const std::string& name) {
    try {
        write();
    } catch (const storage::StorageError& error) {
        if (error.IsConstraint()) {
            facilities::ThrowConflict(fmt::format("A role named \"{}\" already exists.", name));
        }
        throw;
    }
}

RoleRecord RequireCustomRole(RoleRepository& repo, const auth::Caller& caller,
                             const std::string& id) {
    if (const model::BuiltinRole* builtin = model::FindBuiltinRole(id);
        builtin && (builtin->tier != model::Tier::Provider || IsProviderSession(caller))) {
        facilities::ThrowConflict("Built-in roles cannot be changed or deleted.");
    }
    auto found = repo.FindById(caller.TenantId(), id);
    if (!found) {
        facilities::ThrowNotFound("role");
    }
    return std::move(*found);
}

} // namespace

model::Page<model::PermissionInfo> RoleService::Permissions(const auth::Caller& caller) {
    auth::RequirePermission(caller, m_context.database, perm::kRolesRead);
    return {model::PermissionCatalogue(), std::nullopt};
}

model::Page<model::Role> RoleService::List(const auth::Caller& caller) {
    auth::RequirePermission(caller, m_context.database, perm::kRolesRead);
    model::Page<model::Role> page;
    for (const auto& role : model::BuiltinRoles()) {
        if (role.tier != model::Tier::Provider || IsProviderSession(caller)) {
            page.items.push_back(BuiltinToModel(role));
        }
    }
    auto db = m_context.database.Acquire();
    for (const auto& role : RoleRepository(*db).ListCustom(caller.TenantId())) {
        page.items.push_back(storage::ToModel(role));
    }
    return page;
}

model::Role RoleService::Create(const auth::Caller& caller, const RoleRequest& request) {
    auth::RequirePermission(caller, m_context.database, perm::kRolesWrite);
    model::RequireForCreate(request.input);
    const model::TimePoint now = m_context.clock->Now();
    RoleRecord role{storage::NewId(storage::kRoleIdPrefix),
                    caller.TenantId(),
                    *request.input.name,
                    *request.input.tier,
                    *request.input.permissions,
                    now,
                    now};
    RequireTierAllows(role, request, {});
    RequireWithinCaller(caller.Permissions(m_context.database), role, {});
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    RoleRepository repo(*db);
    WriteUnique([&] { repo.Insert(role); }, role.name);
    facilities::Audit(m_context, *db, caller, "role.create", role.id,
                      {{"before", nullptr}, {"after", ToJson(role)}});
    transaction.Commit();
    return storage::ToModel(*repo.FindById(caller.TenantId(), role.id));
}

model::Role RoleService::Update(const auth::Caller& caller, const std::string& id,
                                const RoleRequest& request) {
    auth::RequirePermission(caller, m_context.database, perm::kRolesWrite);
    const auth::EffectivePermissions& own = caller.Permissions(m_context.database);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    RoleRepository repo(*db);
    const RoleRecord before = RequireCustomRole(repo, caller, id);
    RoleRecord after = before;
    after.name = request.input.name.value_or(before.name);
    after.tier = request.input.tier.value_or(before.tier);
    after.permissions = request.input.permissions.value_or(before.permissions);
    after.updatedAt = m_context.clock->Now();
    RequireTierAllows(after, request, before.permissions);
    RequireWithinCaller(own, after, before.permissions);
    WriteUnique([&] { repo.Update(after, before.name); }, after.name);
    // Holders' permissions and tier follow at once: both are computed from the role per request.
    facilities::Audit(m_context, *db, caller, "role.update", id,
                      {{"before", ToJson(before)}, {"after", ToJson(after)}});
    transaction.Commit();
    return storage::ToModel(*repo.FindById(caller.TenantId(), id));
}

void RoleService::Delete(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kRolesWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    RoleRepository repo(*db);
    const RoleRecord before = RequireCustomRole(repo, caller, id);
    if (const int holders = repo.CountHolders(caller.TenantId(), before.name); holders > 0) {
        throw http::HttpError(409, ec::kNotEmpty,
                              fmt::format("{} {} still hold the role \"{}\"; take it from them "
                                          "first.",
                                          holders, holders == 1 ? "account" : "accounts",
                                          before.name));
    }
    repo.Delete(caller.TenantId(), id);
    facilities::Audit(m_context, *db, caller, "role.delete", id,
                      {{"before", ToJson(before)}, {"after", nullptr}});
    transaction.Commit();
}

} // namespace resv::server::roles
