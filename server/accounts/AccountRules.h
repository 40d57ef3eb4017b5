#pragma once
// The checks of an account's roles and scope within its tenant, apart from writing it, so that
// the CSV import can run them on every row inside one transaction and report them per row.

#include "auth/Permissions.h"
#include "resv/model/Account.h"
#include "resv/model/Validation.h"
#include "storage/Sqlite.h"

#include <string>
#include <vector>

namespace resv::server::accounts {

/// The most powerful tier among the caller's roles (built-in, or the tenant's custom roles).
/// An operator is provider tier.
model::Tier CallerTier(storage::Connection& connection, const auth::Principal& principal);

/// Each role name must be a built-in role or a custom role of the tenant ("unknown_role"), may
/// not be `operator` in a customer tenant nor above the caller's own tier ("role_not_allowed").
/// Fields are named `<prefix>[i]`.
std::vector<model::FieldError> CheckRoles(storage::Connection& connection,
                                          const std::string& tenantId, model::Tier callerTier,
                                          const std::vector<std::string>& roles,
                                          const std::string& prefix = "roles");

/// Every id must be a jurisdiction or facility of the tenant ("unknown_id", fields
/// `<prefix>.jurisdictions[i]`, `<prefix>.facilities[i]`).
std::vector<model::FieldError> CheckScope(storage::Connection& connection,
                                          const std::string& tenantId, const model::Scope& scope,
                                          const std::string& prefix = "scope");

/// Roles and scope of a new account (the shape was checked when the input was parsed). The
/// login ID's uniqueness is not among them: see IsLoginIdTaken.
std::vector<model::FieldError> CheckNewAccount(storage::Connection& connection,
                                               const std::string& tenantId,
                                               model::Tier callerTier,
                                               const model::AccountInput& input);

bool IsLoginIdTaken(storage::Connection& connection, const std::string& tenantId,
                    const std::string& loginId);

/// Throws model::ValidationError (400 invalid_field) when `errors` is not empty.
void ThrowIfAny(std::vector<model::FieldError> errors);

} // namespace resv::server::accounts
