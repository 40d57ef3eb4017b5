#pragma once
// What an account can do and where (GET /api/v1/accounts/{id}/effective-access), and the result
// of an accounts CSV import (POST /api/v1/accounts/import).

#include "resv/model/Account.h"
#include "resv/model/Role.h"
#include "resv/model/Validation.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace resv::model {

/// A permission the account holds, and the roles that give it.
struct PermissionGrant {
    std::string permission;
    std::vector<std::string> roles;

    bool operator==(const PermissionGrant&) const = default;
};

void to_json(nlohmann::json& j, const PermissionGrant& grant);
void from_json(const nlohmann::json& j, PermissionGrant& grant);

/// A facility the account reaches, and why: "all" (the scope is everything), "jurisdiction"
/// (its jurisdiction is in the scope) or "facility" (named itself).
struct ReachedFacility {
    std::string id;
    std::string name;
    std::string jurisdictionId;
    std::string jurisdictionName;
    std::string via;

    bool operator==(const ReachedFacility&) const = default;
};

void to_json(nlohmann::json& j, const ReachedFacility& facility);
void from_json(const nlohmann::json& j, ReachedFacility& facility);

struct NamedRef {
    std::string id;
    std::string name;

    bool operator==(const NamedRef&) const = default;
};

void to_json(nlohmann::json& j, const NamedRef& ref);
void from_json(const nlohmann::json& j, NamedRef& ref);

struct EffectiveAccess {
    std::string accountId;
    std::string loginId;
    Tier tier = Tier::Employee;
    AccountStatus status = AccountStatus::Active;
    std::vector<PermissionGrant> permissions; ///< in catalogue order
    Scope scope;                              ///< as assigned
    std::vector<NamedRef> jurisdictions;      ///< the scope's jurisdictions, with names
    std::vector<ReachedFacility> facilities;  ///< every facility reached

    bool operator==(const EffectiveAccess&) const = default;
};

void to_json(nlohmann::json& j, const EffectiveAccess& access);
void from_json(const nlohmann::json& j, EffectiveAccess& access);

/// One data row of an import, numbered as the CSV's line (the header is line 1).
struct ImportRow {
    int line = 0;
    std::string loginId;
    std::string status; ///< "valid" (dry run), "created", or "error"
    std::vector<FieldError> errors;
    std::optional<std::string> accountId;
    std::optional<std::string> oneTimePassword; ///< created accounts only, shown once

    bool operator==(const ImportRow&) const = default;
};

void to_json(nlohmann::json& j, const ImportRow& row);
void from_json(const nlohmann::json& j, ImportRow& row);

/// A dry run answers 200 with every row checked and nothing written. A real run is all or
/// nothing: 201 with every row created, or 400 invalid_field with nothing written.
struct ImportResult {
    bool dryRun = true;
    bool applied = false;
    int valid = 0;
    int invalid = 0;
    std::vector<ImportRow> rows;

    bool operator==(const ImportResult&) const = default;
};

void to_json(nlohmann::json& j, const ImportResult& result);
void from_json(const nlohmann::json& j, ImportResult& result);

} // namespace resv::model
