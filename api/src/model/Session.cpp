#include "resv/model/Session.h"

#include "resv/model/Json.h"

namespace resv::model {
namespace {

std::string RequiredNonEmpty(const Json& j, const char* field) {
    auto value = Required<std::string>(j, field);
    if (value.empty()) {
        throw ValidationError(field, "required", std::string(field) + " must not be empty");
    }
    return value;
}

} // namespace

void to_json(nlohmann::json& j, const TenantRef& t) {
    j = Json{{"code", t.code}, {"name", t.name}, {"data_region", t.dataRegion}};
}

void from_json(const nlohmann::json& j, TenantRef& t) {
    TenantRef parsed;
    parsed.code = Required<std::string>(j, "code");
    parsed.name = Required<std::string>(j, "name");
    parsed.dataRegion = Optional<std::string>(j, "data_region").value_or("jp");
    t = std::move(parsed);
}

void to_json(nlohmann::json& j, const LoginRequest& r) {
    j = Json{{"tenant", r.tenant}, {"login_id", r.loginId}, {"password", r.password}};
    if (r.actAsTenant) {
        j["act_as_tenant"] = *r.actAsTenant;
    }
}

void from_json(const nlohmann::json& j, LoginRequest& r) {
    RequireObject(j);
    LoginRequest parsed;
    parsed.tenant = RequiredNonEmpty(j, "tenant");
    parsed.loginId = RequiredNonEmpty(j, "login_id");
    parsed.password = RequiredNonEmpty(j, "password");
    parsed.actAsTenant = Optional<std::string>(j, "act_as_tenant");
    if (parsed.actAsTenant && parsed.actAsTenant->empty()) {
        parsed.actAsTenant.reset();
    }
    r = std::move(parsed);
}

void to_json(nlohmann::json& j, const LoginResponse& r) {
    j = Json{{"token", r.token},
             {"expires_at", FormatRfc3339Utc(r.expiresAt)},
             {"idle_timeout_seconds", r.idleTimeoutSeconds},
             {"account", r.account}};
}

void from_json(const nlohmann::json& j, LoginResponse& r) {
    LoginResponse parsed;
    parsed.token = Required<std::string>(j, "token");
    parsed.expiresAt = RequiredTime(j, "expires_at");
    parsed.idleTimeoutSeconds = Required<int>(j, "idle_timeout_seconds");
    parsed.account = Required<Account>(j, "account");
    r = std::move(parsed);
}

void to_json(nlohmann::json& j, const Me& m) {
    j = Json{{"id", m.id},
             {"login_id", m.loginId},
             {"display_name", m.displayName},
             {"email", m.email},
             {"roles", m.roles},
             {"permissions", m.permissions},
             {"tier", m.tier},
             {"tenant", m.tenant},
             {"must_change_password", m.mustChangePassword},
             {"session",
              {{"expires_at", FormatRfc3339Utc(m.session.expiresAt)},
               {"idle_expires_at", FormatRfc3339Utc(m.session.idleExpiresAt)}}},
             {"acting_as", m.actingAs ? Json(*m.actingAs) : Json(nullptr)}};
}

void from_json(const nlohmann::json& j, Me& m) {
    Me parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.loginId = Required<std::string>(j, "login_id");
    parsed.displayName = Required<std::string>(j, "display_name");
    parsed.email = Optional<std::string>(j, "email");
    parsed.roles = Required<std::vector<std::string>>(j, "roles");
    parsed.permissions = Optional<std::vector<std::string>>(j, "permissions")
                             .value_or(std::vector<std::string>{});
    parsed.tier = Required<Tier>(j, "tier");
    parsed.tenant = Required<TenantRef>(j, "tenant");
    parsed.mustChangePassword = Optional<bool>(j, "must_change_password").value_or(false);
    const auto session = Required<Json>(j, "session");
    try {
        parsed.session.expiresAt = RequiredTime(session, "expires_at");
        parsed.session.idleExpiresAt = RequiredTime(session, "idle_expires_at");
    } catch (const ValidationError& e) {
        throw e.Prefixed("session");
    }
    parsed.actingAs = Optional<TenantRef>(j, "acting_as");
    m = std::move(parsed);
}

void to_json(nlohmann::json& j, const Health& h) {
    j = Json{{"status", h.status},
             {"version", h.version},
             {"server_time", FormatRfc3339Utc(h.serverTime)}};
}

void from_json(const nlohmann::json& j, Health& h) {
    Health parsed;
    parsed.status = Required<std::string>(j, "status");
    parsed.version = Required<std::string>(j, "version");
    parsed.serverTime = RequiredTime(j, "server_time");
    h = std::move(parsed);
}

} // namespace resv::model
