#pragma once
// Tenant-defined roles (権限) and account scopes. Built-in roles live in code (model/Role.h) and
// are never rows here; a custom role's name never equals a built-in one.

#include "resv/model/Access.h"
#include "resv/model/Account.h"
#include "resv/model/Role.h"
#include "storage/Sqlite.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server::storage {

/// Custom roles' ids ("rol_..."); a built-in role's id is its name.
inline constexpr std::string_view kRoleIdPrefix = "rol_";

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

/// The tiers of a tenant's custom roles, by name.
using RoleTiers = std::map<std::string, model::Tier, std::less<>>;

class RoleRepository {
public:
    explicit RoleRepository(Connection& connection)
        : m_connection(connection) {}

    /// The tenant's custom roles, by name.
    std::vector<RoleRecord> ListCustom(const std::string& tenantId);
    /// The tiers of the tenant's custom roles, in one query (for showing accounts' tiers).
    RoleTiers CustomTiers(const std::string& tenantId);
    /// Only within `tenantId`: another tenant's role is not found.
    std::optional<RoleRecord> FindById(const std::string& tenantId, const std::string& id);
    std::optional<RoleRecord> FindByName(const std::string& tenantId, const std::string& name);
    /// The tenant's custom roles among `names`, with their permissions, in one query.
    std::vector<RoleRecord> FindByNames(const std::string& tenantId,
                                        const std::vector<std::string>& names);
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

/// A facility an account reaches, and why ("all", "jurisdiction" or "facility").
struct ReachedFacilityRecord {
    model::ReachedFacility facility;
    int terminalCount = 0;
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
    /// Every facility of the tenant the account reaches, by id, in one query: all of them when
    /// `all`, else those its scope names and those in the jurisdictions its scope names (a
    /// facility reached both ways says "jurisdiction").
    std::vector<ReachedFacilityRecord> ReachedFacilities(const std::string& tenantId,
                                                         const std::string& accountId, bool all);

private:
    Connection& m_connection;
};

} // namespace resv::server::storage
