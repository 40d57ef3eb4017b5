#include "resv/model/Account.h"

#include "resv/model/Json.h"

namespace resv::model {

std::string_view ToString(AccountStatus status) {
    switch (status) {
    case AccountStatus::Active:
        return "active";
    case AccountStatus::Disabled:
        return "disabled";
    case AccountStatus::Locked:
        return "locked";
    }
    return "disabled";
}

std::optional<AccountStatus> AccountStatusFromString(std::string_view text) {
    for (const auto s : {AccountStatus::Active, AccountStatus::Disabled, AccountStatus::Locked}) {
        if (ToString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

void to_json(nlohmann::json& j, AccountStatus status) {
    j = std::string(ToString(status));
}

void from_json(const nlohmann::json& j, AccountStatus& status) {
    const auto parsed =
        j.is_string() ? AccountStatusFromString(j.get<std::string>()) : std::nullopt;
    if (!parsed) {
        throw ValidationError("", "invalid_value", "status must be active, disabled or locked");
    }
    status = *parsed;
}

void to_json(nlohmann::json& j, const Scope& scope) {
    if (scope.all) {
        j = Json{{"all", true}};
    } else {
        j = Json{{"jurisdictions", scope.jurisdictions}, {"facilities", scope.facilities}};
    }
}

void from_json(const nlohmann::json& j, Scope& scope) {
    RequireObject(j, "scope");
    Scope parsed;
    parsed.all = Optional<bool>(j, "all").value_or(false);
    parsed.jurisdictions =
        Optional<std::vector<std::string>>(j, "jurisdictions").value_or(std::vector<std::string>{});
    parsed.facilities =
        Optional<std::vector<std::string>>(j, "facilities").value_or(std::vector<std::string>{});
    if (parsed.all && (!parsed.jurisdictions.empty() || !parsed.facilities.empty())) {
        throw ValidationError("all", "invalid_value",
                              "a scope is either all or a list of jurisdictions and facilities");
    }
    scope = std::move(parsed);
}

void to_json(nlohmann::json& j, const Account& a) {
    j = Json{{"id", a.id},
             {"login_id", a.loginId},
             {"display_name", a.displayName},
             {"email", a.email},
             {"roles", a.roles},
             {"tier", a.tier},
             {"scope", a.scope},
             {"status", a.status},
             {"must_change_password", a.mustChangePassword},
             {"last_login_at", TimeToJson(a.lastLoginAt)},
             {"locked_until", TimeToJson(a.lockedUntil)}};
}

void from_json(const nlohmann::json& j, Account& a) {
    Account parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.loginId = Required<std::string>(j, "login_id");
    parsed.displayName = Required<std::string>(j, "display_name");
    parsed.email = Optional<std::string>(j, "email");
    parsed.roles = Required<std::vector<std::string>>(j, "roles");
    parsed.tier = Required<Tier>(j, "tier");
    parsed.scope = Optional<Scope>(j, "scope").value_or(Scope{});
    parsed.status = Required<AccountStatus>(j, "status");
    parsed.mustChangePassword = Optional<bool>(j, "must_change_password").value_or(false);
    parsed.lastLoginAt = OptionalTime(j, "last_login_at");
    parsed.lockedUntil = OptionalTime(j, "locked_until");
    a = std::move(parsed);
}

} // namespace resv::model
