#include "resv/model/Account.h"

#include "resv/model/Facility.h"
#include "resv/model/Json.h"

#include <fmt/format.h>

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

namespace {

std::string TrimSpaces(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool HasControlCharacter(std::string_view text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            return true;
        }
    }
    return false;
}

std::string LoginIdOf(const Json& j) {
    auto loginId = Required<std::string>(j, "login_id");
    if (!IsValidLoginId(loginId)) {
        throw ValidationError("login_id", "invalid_value",
                              "login_id must be 3-64 characters of a-z 0-9 . _ -");
    }
    return loginId;
}

std::string DisplayNameOf(const Json& j) {
    const auto raw = Required<std::string>(j, "display_name");
    if (!IsValidUtf8(raw) || HasControlCharacter(raw)) {
        throw ValidationError("display_name", "invalid_value",
                              "display_name must be UTF-8 text without control characters");
    }
    auto name = TrimSpaces(raw);
    if (name.empty()) {
        throw ValidationError("display_name", "required", "display_name must not be empty");
    }
    if (CountCharacters(name) > kMaxDisplayNameLength) {
        throw ValidationError(
            "display_name", "too_long",
            fmt::format("display_name is longer than {} characters", kMaxDisplayNameLength));
    }
    return name;
}

/// Absent → nullopt; null or "" → an engaged nullopt (no address); otherwise a checked address.
std::optional<std::optional<std::string>> EmailOf(const Json& j) {
    const auto it = j.find("email");
    if (it == j.end()) {
        return std::nullopt;
    }
    if (it->is_null()) {
        return std::optional<std::string>{};
    }
    auto email = TrimSpaces(detail::Convert<std::string>(*it, "email"));
    if (email.empty()) {
        return std::optional<std::string>{};
    }
    if (!IsPlausibleEmail(email)) {
        throw ValidationError("email", "invalid_value", "email is not an e-mail address");
    }
    return std::optional<std::string>(email);
}

std::vector<std::string> RolesOf(const Json& j) {
    auto roles = Required<std::vector<std::string>>(j, "roles");
    if (roles.empty()) {
        throw ValidationError("roles", "required", "an account needs at least one role");
    }
    for (std::size_t i = 0; i < roles.size(); ++i) {
        if (roles[i].empty()) {
            throw ValidationError(fmt::format("roles[{}]", i), "required",
                                  "a role name must not be empty");
        }
    }
    return roles;
}

void RequireNonEmpty(const Json& j, const char* field, std::string& into) {
    into = Required<std::string>(j, field);
    if (into.empty()) {
        throw ValidationError(field, "required", std::string(field) + " must not be empty");
    }
}

} // namespace

bool IsValidLoginId(std::string_view loginId) {
    if (loginId.size() < kMinLoginIdLength || loginId.size() > kMaxLoginIdLength) {
        return false;
    }
    for (const char c : loginId) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

bool IsPlausibleEmail(std::string_view email) {
    if (email.size() > kMaxEmailLength || !IsValidUtf8(email)) {
        return false;
    }
    const auto at = email.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) {
        return false;
    }
    const auto domain = email.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') {
        return false;
    }
    for (const char c : email) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == ',' || c == ';' || c == '<' || c == '>') {
            return false;
        }
    }
    return email.find('@') == at;
}

void to_json(nlohmann::json& j, const AccountInput& v) {
    j = Json{{"login_id", v.loginId},
             {"display_name", v.displayName},
             {"email", v.email},
             {"roles", v.roles},
             {"scope", v.scope}};
}

void from_json(const nlohmann::json& j, AccountInput& v) {
    RequireObject(j);
    RejectUnknownFields(j, {"login_id", "display_name", "email", "roles", "scope"});
    AccountInput parsed;
    parsed.loginId = LoginIdOf(j);
    parsed.displayName = DisplayNameOf(j);
    parsed.email = EmailOf(j).value_or(std::nullopt);
    parsed.roles = RolesOf(j);
    parsed.scope = Required<Scope>(j, "scope");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const AccountPatch& v) {
    j = Json::object();
    if (v.displayName) {
        j["display_name"] = *v.displayName;
    }
    if (v.email) {
        j["email"] = *v.email;
    }
    if (v.roles) {
        j["roles"] = *v.roles;
    }
    if (v.scope) {
        j["scope"] = *v.scope;
    }
}

void from_json(const nlohmann::json& j, AccountPatch& v) {
    RequireObject(j);
    if (j.contains("login_id")) {
        throw ValidationError("login_id", "read_only", "login_id cannot be changed");
    }
    RejectUnknownFields(j, {"display_name", "email", "roles", "scope"});
    AccountPatch parsed;
    if (j.contains("display_name")) {
        parsed.displayName = DisplayNameOf(j);
    }
    parsed.email = EmailOf(j);
    if (j.contains("roles")) {
        parsed.roles = RolesOf(j);
    }
    if (j.contains("scope")) {
        parsed.scope = Required<Scope>(j, "scope");
    }
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const AccountCreated& v) {
    j = Json{{"account", v.account}, {"one_time_password", v.oneTimePassword}};
}

void from_json(const nlohmann::json& j, AccountCreated& v) {
    AccountCreated parsed;
    parsed.account = Required<Account>(j, "account");
    parsed.oneTimePassword = Required<std::string>(j, "one_time_password");
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const PasswordChange& v) {
    j = Json{{"current_password", v.currentPassword}, {"new_password", v.newPassword}};
}

void from_json(const nlohmann::json& j, PasswordChange& v) {
    RequireObject(j);
    RejectUnknownFields(j, {"current_password", "new_password"});
    PasswordChange parsed;
    RequireNonEmpty(j, "current_password", parsed.currentPassword);
    RequireNonEmpty(j, "new_password", parsed.newPassword);
    v = std::move(parsed);
}

void to_json(nlohmann::json& j, const SessionInfo& v) {
    j = Json{{"id", v.id},
             {"created_at", FormatRfc3339Utc(v.createdAt)},
             {"last_used_at", FormatRfc3339Utc(v.lastUsedAt)},
             {"expires_at", FormatRfc3339Utc(v.expiresAt)},
             {"source_ip", v.sourceIp},
             {"acting_as", v.actingAs},
             {"current", v.current}};
}

void from_json(const nlohmann::json& j, SessionInfo& v) {
    SessionInfo parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.createdAt = RequiredTime(j, "created_at");
    parsed.lastUsedAt = RequiredTime(j, "last_used_at");
    parsed.expiresAt = RequiredTime(j, "expires_at");
    parsed.sourceIp = Optional<std::string>(j, "source_ip");
    parsed.actingAs = Optional<std::string>(j, "acting_as");
    parsed.current = Optional<bool>(j, "current").value_or(false);
    v = std::move(parsed);
}

} // namespace resv::model
