#pragma once
// Logging in, and who the session belongs to (/me).

#include "resv/model/Account.h"
#include "resv/model/Role.h"
#include "resv/model/Time.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace resv::model {

struct TenantRef {
    std::string code;
    std::string name;
    std::string dataRegion = "jp";

    bool operator==(const TenantRef&) const = default;
};

void to_json(nlohmann::json& j, const TenantRef& tenant);
void from_json(const nlohmann::json& j, TenantRef& tenant);

struct LoginRequest {
    std::string tenant;
    std::string loginId;
    std::string password;
    std::optional<std::string> actAsTenant; ///< operators only: the customer tenant to work in

    bool operator==(const LoginRequest&) const = default;
};

void to_json(nlohmann::json& j, const LoginRequest& request);
/// Rejects empty tenant, login_id or password with a ValidationError naming the field.
void from_json(const nlohmann::json& j, LoginRequest& request);

struct LoginResponse {
    std::string token;
    TimePoint expiresAt;           ///< absolute end of the session
    int idleTimeoutSeconds = 1800; ///< the session also ends after this long unused
    Account account;

    bool operator==(const LoginResponse&) const = default;
};

void to_json(nlohmann::json& j, const LoginResponse& response);
void from_json(const nlohmann::json& j, LoginResponse& response);

struct SessionTimes {
    TimePoint expiresAt;
    TimePoint idleExpiresAt;

    bool operator==(const SessionTimes&) const = default;
};

struct Me {
    std::string id;
    std::string loginId;
    std::string displayName;
    std::optional<std::string> email;
    std::vector<std::string> roles;
    /// What the session may do in its tenant, from built-in and custom roles alike (catalogue
    /// names, sorted); the console enables its actions from this list.
    std::vector<std::string> permissions;
    Tier tier = Tier::Employee;
    TenantRef tenant;
    bool mustChangePassword = false;
    SessionTimes session;
    std::optional<TenantRef> actingAs; ///< an operator working inside a customer tenant

    bool operator==(const Me&) const = default;
};

void to_json(nlohmann::json& j, const Me& me);
void from_json(const nlohmann::json& j, Me& me);

struct Health {
    std::string status; ///< "ok"
    std::string version;
    TimePoint serverTime;

    bool operator==(const Health&) const = default;
};

void to_json(nlohmann::json& j, const Health& health);
void from_json(const nlohmann::json& j, Health& health);

} // namespace resv::model
