#include "accounts/AccountRules.h"

#include "resv/model/Role.h"
#include "storage/AccountRepository.h"
#include "storage/FacilityRepository.h"
#include "storage/RoleRepository.h"
#include "storage/TenantRepository.h"

#include <fmt/format.h>

#include <optional>

namespace resv::server::accounts {
namespace {

/// The tier of a role name in the tenant: built-in or custom; nothing if there is no such role.
std::optional<model::Tier> TierOfRole(storage::Connection& connection,
                                      const std::string& tenantId, const std::string& name) {
    if (const model::BuiltinRole* builtin = model::FindBuiltinRole(name)) {
        return builtin->tier;
    }
    if (auto custom = storage::RoleRepository(connection).FindByName(tenantId, name)) {
        return custom->tier;
    }
    return std::nullopt;
}

} // namespace

model::Tier CallerTier(storage::Connection& connection, const auth::Principal& principal) {
    model::Tier tier = model::Tier::Employee;
    for (const auto& name : principal.account.roles) {
        const auto roleTier = TierOfRole(connection, principal.account.tenantId, name);
        if (roleTier && model::TierAtLeast(*roleTier, tier)) {
            tier = *roleTier;
        }
    }
    return tier;
}

std::vector<model::FieldError> CheckRoles(storage::Connection& connection,
                                          const std::string& tenantId, model::Tier callerTier,
                                          const std::vector<std::string>& roles,
                                          const std::string& prefix) {
    std::vector<model::FieldError> errors;
    for (std::size_t i = 0; i < roles.size(); ++i) {
        const std::string field = fmt::format("{}[{}]", prefix, i);
        const auto tier = TierOfRole(connection, tenantId, roles[i]);
        if (!tier) {
            errors.push_back({field, "unknown_role",
                              fmt::format("There is no role named \"{}\".", roles[i])});
        } else if (*tier == model::Tier::Provider) {
            errors.push_back({field, "role_not_allowed",
                              fmt::format("\"{}\" cannot be given to a customer's account.",
                                          roles[i])});
        } else if (!model::TierAtLeast(callerTier, *tier)) {
            errors.push_back({field, "role_not_allowed",
                              fmt::format("\"{}\" is above your own roles.", roles[i])});
        }
    }
    return errors;
}

std::vector<model::FieldError> CheckScope(storage::Connection& connection,
                                          const std::string& tenantId, const model::Scope& scope,
                                          const std::string& prefix) {
    std::vector<model::FieldError> errors;
    if (scope.all) {
        return errors;
    }
    storage::FacilityRepository facilities(connection);
    for (std::size_t i = 0; i < scope.jurisdictions.size(); ++i) {
        if (!facilities.FindJurisdiction(tenantId, scope.jurisdictions[i])) {
            errors.push_back({fmt::format("{}.jurisdictions[{}]", prefix, i), "unknown_id",
                              "There is no such jurisdiction."});
        }
    }
    for (std::size_t i = 0; i < scope.facilities.size(); ++i) {
        if (!facilities.FindFacility(tenantId, scope.facilities[i])) {
            errors.push_back({fmt::format("{}.facilities[{}]", prefix, i), "unknown_id",
                              "There is no such facility."});
        }
    }
    return errors;
}

std::vector<model::FieldError> CheckNewAccount(storage::Connection& connection,
                                               const std::string& tenantId,
                                               model::Tier callerTier,
                                               const model::AccountInput& input) {
    auto errors = CheckRoles(connection, tenantId, callerTier, input.roles);
    auto scopeErrors = CheckScope(connection, tenantId, input.scope);
    errors.insert(errors.end(), scopeErrors.begin(), scopeErrors.end());
    return errors;
}

bool IsLoginIdTaken(storage::Connection& connection, const std::string& tenantId,
                    const std::string& loginId) {
    return storage::AccountRepository(connection).FindByLogin(tenantId, loginId).has_value();
}

void ThrowIfAny(std::vector<model::FieldError> errors) {
    if (!errors.empty()) {
        throw model::ValidationError(std::move(errors));
    }
}

} // namespace resv::server::accounts
