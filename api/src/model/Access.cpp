#include "resv/model/Access.h"

#include "resv/model/Json.h"
#include "resv/model/Problem.h"

namespace resv::model {

void to_json(nlohmann::json& j, const PermissionGrant& v) {
    j = Json{{"permission", v.permission}, {"roles", v.roles}};
}

void from_json(const nlohmann::json& j, PermissionGrant& v) {
    PermissionGrant parsed;
    parsed.permission = Required<std::string>(j, "permission");
    parsed.roles = Required<std::vector<std::string>>(j, "roles");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const ReachedFacility& v) {
    j = Json{{"id", v.id},
             {"name", v.name},
             {"jurisdiction_id", v.jurisdictionId},
             {"jurisdiction_name", v.jurisdictionName},
             {"via", v.via}};
}

void from_json(const nlohmann::json& j, ReachedFacility& v) {
    ReachedFacility parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.name = Required<std::string>(j, "name");
    parsed.jurisdictionId = Required<std::string>(j, "jurisdiction_id");
    parsed.jurisdictionName = Optional<std::string>(j, "jurisdiction_name").value_or("");
    parsed.via = Required<std::string>(j, "via");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const NamedRef& v) {
    j = Json{{"id", v.id}, {"name", v.name}};
}

void from_json(const nlohmann::json& j, NamedRef& v) {
    NamedRef parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.name = Required<std::string>(j, "name");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const EffectiveAccess& v) {
    j = Json{{"account_id", v.accountId},
             {"login_id", v.loginId},
             {"tier", v.tier},
             {"status", v.status},
             {"permissions", v.permissions},
             {"scope", v.scope},
             {"jurisdictions", v.jurisdictions},
             {"facilities", v.facilities}};
}

void from_json(const nlohmann::json& j, EffectiveAccess& v) {
    EffectiveAccess parsed;
    parsed.accountId = Required<std::string>(j, "account_id");
    parsed.loginId = Required<std::string>(j, "login_id");
    parsed.tier = Required<Tier>(j, "tier");
    parsed.status = Required<AccountStatus>(j, "status");
    parsed.permissions = Required<std::vector<PermissionGrant>>(j, "permissions");
    parsed.scope = Required<Scope>(j, "scope");
    parsed.jurisdictions = Required<std::vector<NamedRef>>(j, "jurisdictions");
    parsed.facilities = Required<std::vector<ReachedFacility>>(j, "facilities");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const ImportRow& v) {
    j = Json{{"line", v.line},
             {"login_id", v.loginId},
             {"status", v.status},
             {"errors", v.errors},
             {"account_id", v.accountId},
             {"one_time_password", v.oneTimePassword}};
}

void from_json(const nlohmann::json& j, ImportRow& v) {
    ImportRow parsed;
    parsed.line = Required<int>(j, "line");
    parsed.loginId = Optional<std::string>(j, "login_id").value_or("");
    parsed.status = Required<std::string>(j, "status");
    parsed.errors =
        Optional<std::vector<FieldError>>(j, "errors").value_or(std::vector<FieldError>{});
    parsed.accountId = Optional<std::string>(j, "account_id");
    parsed.oneTimePassword = Optional<std::string>(j, "one_time_password");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const ImportResult& v) {
    j = Json{{"dry_run", v.dryRun},
             {"applied", v.applied},
             {"valid", v.valid},
             {"invalid", v.invalid},
             {"rows", v.rows}};
}

void from_json(const nlohmann::json& j, ImportResult& v) {
    ImportResult parsed;
    parsed.dryRun = Required<bool>(j, "dry_run");
    parsed.applied = Optional<bool>(j, "applied").value_or(false);
    parsed.valid = Optional<int>(j, "valid").value_or(0);
    parsed.invalid = Optional<int>(j, "invalid").value_or(0);
    parsed.rows = Required<std::vector<ImportRow>>(j, "rows");
    v = std::move(parsed);
}

} // namespace resv::model
