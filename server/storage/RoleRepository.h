#pragma once
// Tenant-defined roles (権限) and account scopes. Built-in roles live in code (model/Role.h) and
// are never rows here; a custom role's name never equals a built-in one.

#include "resv/model/Account.h"
#include "resv/model/Role.h"
#include "storage/Sqlite.h"

#include <optional>
#include <string>
#include <vector>

namespace resv::server::storage {

struct RoleRecord {
    std::string id;
    std::string tenantId;
    std::string name;
    model::Tier tier = model::Tier::Employee;
    std::vector<std::string> permissions; ///< sorted
    model::TimePoint createdAt;
    model::TimePoint updatedAt;
};

model::Role ToModel(const RoleRecord& record);

class RoleRepository {
public:
    explicit RoleRepository(Connection& connection)
        : m_connection(connection) {}

    /// The tenant's custom roles, by name.
    std::vector<RoleRecord> ListCustom(const std::string& tenantId);
    /// Only within `tenantId`: another tenant's role is not found.
    std::optional<RoleRecord> FindById(const std::string& tenantId, const std::string& id);
    std::optional<RoleRecord> FindByName(const std::string& tenantId, const std::string& name);
    /// Inserts the role and its permissions. Throws StorageError (IsConstraint) for a taken name.
    void Insert(const RoleRecord& role);
    /// Replaces name, tier and permissions; a rename also renames the role on every account of
    /// the tenant. Call inside a Transaction.
    void Update(const RoleRecord& role, const std::string& previousName);
    /// Deletes the role; accounts must no longer hold it (see CountHolders).
    void Delete(const std::string& tenantId, const std::string& id);
    /// How many accounts of the tenant hold the role named `name`.
    int CountHolders(const std::string& tenantId, const std::string& name);

private:
    std::vector<std::string> PermissionsOf(const std::string& roleId);
    void WritePermissions(const RoleRecord& role);

    Connection& m_connection;
};

/// Which jurisdictions and facilities an account reaches, when its scope is not "all".
class ScopeRepository {
public:
    explicit ScopeRepository(Connection& connection)
        : m_connection(connection) {}

    /// The scope as stored: `all`, or the listed ids (sorted).
    model::Scope Load(const std::string& accountId);
    /// Replaces the account's scope. Call inside a Transaction. Does not check that the ids
    /// exist in the tenant: the service does, to answer 400 naming the field.
    void Replace(const std::string& accountId, const model::Scope& scope);
    /// How many accounts of the tenant name this jurisdiction or facility in their scope.
    int CountAccountsNaming(const std::string& tenantId, const std::string& targetId);

private:
    Connection& m_connection;
};

} // namespace resv::server::storage
