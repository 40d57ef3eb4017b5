#include "storage/RoleRepository.h"

namespace resv::server::storage {

model::Role ToModel(const RoleRecord& record) {
    return model::Role{record.id, record.name, record.tier, record.permissions, false};
}

namespace {

constexpr const char* kRoleColumns =
    "SELECT id, tenant_id, name, tier, created_at, updated_at FROM roles ";

RoleRecord ReadRole(const Statement& query) {
    RoleRecord role;
    role.id = query.Text(0);
    role.tenantId = query.Text(1);
    role.name = query.Text(2);
    // An unknown tier in the database is treated as the least powerful one.
    role.tier = model::TierFromString(query.Text(3)).value_or(model::Tier::Employee);
    role.createdAt = query.Time(4);
    role.updatedAt = query.Time(5);
    return role;
}

} // namespace

std::vector<RoleRecord> RoleRepository::ListCustom(const std::string& tenantId) {
    Statement query =
        m_connection.Prepare(std::string(kRoleColumns) + "WHERE tenant_id = ?1 ORDER BY name");
    query.Bind(1, tenantId);
    std::vector<RoleRecord> roles;
    while (query.Step()) {
        roles.push_back(ReadRole(query));
    }
    for (auto& role : roles) {
        role.permissions = PermissionsOf(role.id);
    }
    return roles;
}

RoleTiers RoleRepository::CustomTiers(const std::string& tenantId) {
    Statement query = m_connection.Prepare("SELECT name, tier FROM roles WHERE tenant_id = ?1");
    query.Bind(1, tenantId);
    RoleTiers tiers;
    while (query.Step()) {
        tiers.emplace(query.Text(0),
                      model::TierFromString(query.Text(1)).value_or(model::Tier::Employee));
    }
    return tiers;
}

std::optional<RoleRecord> RoleRepository::FindById(const std::string& tenantId,
                                                   const std::string& id) {
    Statement query =
        m_connection.Prepare(std::string(kRoleColumns) + "WHERE tenant_id = ?1 AND id = ?2");
    query.BindAll(tenantId, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    RoleRecord role = ReadRole(query);
    role.permissions = PermissionsOf(role.id);
    return role;
}

std::optional<RoleRecord> RoleRepository::FindByName(const std::string& tenantId,
                                                     const std::string& name) {
    Statement query =
        m_connection.Prepare(std::string(kRoleColumns) + "WHERE tenant_id = ?1 AND name = ?2");
    query.BindAll(tenantId, name);
    if (!query.Step()) {
        return std::nullopt;
    }
    RoleRecord role = ReadRole(query);
    role.permissions = PermissionsOf(role.id);
    return role;
}

std::vector<std::string> RoleRepository::PermissionsOf(const std::string& roleId) {
    Statement query = m_connection.Prepare(
        "SELECT permission FROM role_permissions WHERE role_id = ?1 ORDER BY permission");
    query.Bind(1, roleId);
    std::vector<std::string> permissions;
    while (query.Step()) {
        permissions.push_back(query.Text(0));
    }
    return permissions;
}

void RoleRepository::WritePermissions(const RoleRecord& role) {
    m_connection.Prepare("DELETE FROM role_permissions WHERE role_id = ?1").Bind(1, role.id).Run();
    for (const auto& permission : role.permissions) {
        m_connection
            .Prepare("INSERT OR IGNORE INTO role_permissions(role_id, permission) VALUES (?1, ?2)")
            .BindAll(role.id, permission)
            .Run();
    }
}

void RoleRepository::Insert(const RoleRecord& role) {
    m_connection
        .Prepare("INSERT INTO roles(id, tenant_id, name, tier, created_at, updated_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .BindAll(role.id, role.tenantId, role.name, std::string(model::ToString(role.tier)),
                 role.createdAt, role.updatedAt)
        .Run();
    WritePermissions(role);
}

void RoleRepository::Update(const RoleRecord& role, const std::string& previousName) {
    m_connection
        .Prepare("UPDATE roles SET name = ?3, tier = ?4, updated_at = ?5 "
                 "WHERE tenant_id = ?1 AND id = ?2")
        .BindAll(role.tenantId, role.id, role.name, std::string(model::ToString(role.tier)),
                 role.updatedAt)
        .Run();
    WritePermissions(role);
    if (previousName != role.name) {
        m_connection
            .Prepare("UPDATE account_roles SET role = ?3 WHERE role = ?2 AND account_id IN "
                     "(SELECT id FROM accounts WHERE tenant_id = ?1)")
            .BindAll(role.tenantId, previousName, role.name)
            .Run();
    }
}

void RoleRepository::Delete(const std::string& tenantId, const std::string& id) {
    m_connection.Prepare("DELETE FROM roles WHERE tenant_id = ?1 AND id = ?2")
        .BindAll(tenantId, id)
        .Run();
}

int RoleRepository::CountHolders(const std::string& tenantId, const std::string& name) {
    Statement query = m_connection.Prepare(
        "SELECT COUNT(*) FROM account_roles r JOIN accounts a ON a.id = r.account_id "
        "WHERE a.tenant_id = ?1 AND r.role = ?2");
    query.BindAll(tenantId, name);
    query.Step();
    return static_cast<int>(query.Int(0));
}

model::Scope ScopeRepository::Load(const std::string& accountId) {
    model::Scope scope;
    Statement all = m_connection.Prepare("SELECT scope_all FROM accounts WHERE id = ?1");
    all.Bind(1, accountId);
    scope.all = !all.Step() || all.Bool(0);
    if (scope.all) {
        return scope;
    }
    Statement query = m_connection.Prepare(
        "SELECT kind, target_id FROM account_scope WHERE account_id = ?1 ORDER BY kind, target_id");
    query.Bind(1, accountId);
    while (query.Step()) {
        (query.Text(0) == "jurisdiction" ? scope.jurisdictions : scope.facilities)
            .push_back(query.Text(1));
    }
    return scope;
}

void ScopeRepository::Replace(const std::string& accountId, const model::Scope& scope) {
    m_connection.Prepare("UPDATE accounts SET scope_all = ?2 WHERE id = ?1")
        .BindAll(accountId, scope.all)
        .Run();
    m_connection.Prepare("DELETE FROM account_scope WHERE account_id = ?1")
        .Bind(1, accountId)
        .Run();
    if (scope.all) {
        return;
    }
    const auto insert = [&](const char* kind, const std::vector<std::string>& ids) {
        for (const auto& id : ids) {
            m_connection
                .Prepare("INSERT OR IGNORE INTO account_scope(account_id, kind, target_id) "
                         "VALUES (?1, ?2, ?3)")
                .BindAll(accountId, kind, id)
                .Run();
        }
    };
    insert("jurisdiction", scope.jurisdictions);
    insert("facility", scope.facilities);
}

int ScopeRepository::CountAccountsNaming(const std::string& tenantId, const std::string& targetId) {
    Statement query = m_connection.Prepare(
        "SELECT COUNT(DISTINCT s.account_id) FROM account_scope s "
        "JOIN accounts a ON a.id = s.account_id WHERE a.tenant_id = ?1 AND s.target_id = ?2");
    query.BindAll(tenantId, targetId);
    query.Step();
    return static_cast<int>(query.Int(0));
}

} // namespace resv::server::storage

namespace resv::server::storage {

std::vector<RoleRecord> RoleRepository::FindByNames(const std::string& tenantId,
                                                    const std::vector<std::string>& names) {
    if (names.empty()) {
        return {};
    }
    std::string placeholders;
    for (std::size_t i = 0; i < names.size(); ++i) {
        placeholders += (i ? ", ?" : "?") + std::to_string(i + 2);
    }
    Statement query = m_connection.Prepare("SELECT r.id, r.name, r.tier, p.permission FROM roles r "
                                           "LEFT JOIN role_permissions p ON p.role_id = r.id "
                                           "WHERE r.tenant_id = ?1 AND r.name IN (" +
                                           placeholders + ") ORDER BY r.name, p.permission");
    query.Bind(1, tenantId);
    for (std::size_t i = 0; i < names.size(); ++i) {
        query.Bind(static_cast<int>(i + 2), names[i]);
    }
    std::vector<RoleRecord> roles;
    while (query.Step()) {
        if (roles.empty() || roles.back().id != query.Text(0)) {
            RoleRecord role;
            role.id = query.Text(0);
            role.tenantId = tenantId;
            role.name = query.Text(1);
            role.tier = model::TierFromString(query.Text(2)).value_or(model::Tier::Employee);
            roles.push_back(std::move(role));
        }
        if (const auto permission = query.OptionalText(3)) {
            roles.back().permissions.push_back(*permission);
        }
    }
    return roles;
}

std::vector<ReachedFacilityRecord> ScopeRepository::ReachedFacilities(const std::string& tenantId,
                                                                      const std::string& accountId,
                                                                      bool all) {
    Statement query = m_connection.Prepare(
        "SELECT f.id, f.name, j.id, j.name, "
        " CASE WHEN ?3 THEN 'all' "
        "  WHEN EXISTS (SELECT 1 FROM account_scope s WHERE s.account_id = ?2 "
        "   AND s.kind = 'jurisdiction' AND s.target_id = f.jurisdiction_id) THEN 'jurisdiction' "
        "  ELSE 'facility' END, "
        " (SELECT COUNT(*) FROM terminals t WHERE t.facility_id = f.id) "
        "FROM facilities f JOIN jurisdictions j ON j.id = f.jurisdiction_id "
        "WHERE f.tenant_id = ?1 AND (?3 OR EXISTS (SELECT 1 FROM account_scope s "
        " WHERE s.account_id = ?2 AND ((s.kind = 'facility' AND s.target_id = f.id) "
        "  OR (s.kind = 'jurisdiction' AND s.target_id = f.jurisdiction_id)))) "
        "ORDER BY f.id");
    query.BindAll(tenantId, accountId, all);
    std::vector<ReachedFacilityRecord> reached;
    while (query.Step()) {
        reached.push_back({model::ReachedFacility{query.Text(0), query.Text(1), query.Text(2),
                                                  query.Text(3), query.Text(4)},
                           static_cast<int>(query.Int(5))});
    }
    return reached;
}

} // namespace resv::server::storage
