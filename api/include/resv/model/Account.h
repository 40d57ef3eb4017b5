#pragma once
// 顧客管理者 / 顧客従業員: an account as the API shows it (never with a password or its hash).

#include "resv/model/Role.h"
#include "resv/model/Time.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resv::model {

enum class AccountStatus { Active, Disabled, Locked };

std::string_view ToString(AccountStatus status);
std::optional<AccountStatus> AccountStatusFromString(std::string_view text);
void to_json(nlohmann::json& j, AccountStatus status);
void from_json(const nlohmann::json& j, AccountStatus& status);

/// What an account may reach: everything, or the listed jurisdictions and facilities.
struct Scope {
    bool all = true;
    std::vector<std::string> jurisdictions;
    std::vector<std::string> facilities;

    bool operator==(const Scope&) const = default;
};

void to_json(nlohmann::json& j, const Scope& scope);
void from_json(const nlohmann::json& j, Scope& scope);

struct Account {
    std::string id;
    std::string loginId;
    std::string displayName;
    std::optional<std::string> email;
    std::vector<std::string> roles;
    Tier tier = Tier::Employee;
    Scope scope;
    AccountStatus status = AccountStatus::Active;
    bool mustChangePassword = false;
    std::optional<TimePoint> lastLoginAt;
    std::optional<TimePoint> lockedUntil;

    bool operator==(const Account&) const = default;
};

void to_json(nlohmann::json& j, const Account& account);
void from_json(const nlohmann::json& j, Account& account);

inline constexpr std::size_t kMinLoginIdLength = 3;
inline constexpr std::size_t kMaxLoginIdLength = 64;
inline constexpr std::size_t kMaxDisplayNameLength = 100; ///< characters (code points)
inline constexpr std::size_t kMaxEmailLength = 254;

/// 3–64 characters of a-z 0-9 . _ - (login IDs are lower case; the console lowers what is typed).
bool IsValidLoginId(std::string_view loginId);
/// local@domain with a dot in the domain, no spaces or control characters, at most 254 bytes.
/// Deliberately loose: the mail server is the judge of deliverability.
bool IsPlausibleEmail(std::string_view email);

/// POST /api/v1/accounts. Every field is validated on parsing (ValidationError names the field:
/// login_id, display_name, email, roles[2], scope.facilities[0]); that the roles exist and the
/// scope's ids belong to the tenant is the server's check.
struct AccountInput {
    std::string loginId;
    std::string displayName; ///< trimmed, 1–100 characters
    std::optional<std::string> email;
    std::vector<std::string> roles; ///< names, at least one
    Scope scope;

    bool operator==(const AccountInput&) const = default;
};

void to_json(nlohmann::json& j, const AccountInput& input);
void from_json(const nlohmann::json& j, AccountInput& input);

/// PATCH /api/v1/accounts/{id}: names only what it changes. The login ID cannot change (it is
/// who the usage history names); `"email": null` removes the address.
struct AccountPatch {
    std::optional<std::string> displayName;
    std::optional<std::optional<std::string>> email;
    std::optional<std::vector<std::string>> roles;
    std::optional<Scope> scope;

    bool operator==(const AccountPatch&) const = default;
    bool Empty() const { return !displayName && !email && !roles && !scope; }
};

void to_json(nlohmann::json& j, const AccountPatch& patch);
void from_json(const nlohmann::json& j, AccountPatch& patch);

/// The answer of POST /api/v1/accounts and of reset-password: the one-time password is shown
/// once and never again.
struct AccountCreated {
    Account account;
    std::string oneTimePassword;

    bool operator==(const AccountCreated&) const = default;
};

void to_json(nlohmann::json& j, const AccountCreated& created);
void from_json(const nlohmann::json& j, AccountCreated& created);

/// PUT /api/v1/me/password.
struct PasswordChange {
    std::string currentPassword;
    std::string newPassword;

    bool operator==(const PasswordChange&) const = default;
};

void to_json(nlohmann::json& j, const PasswordChange& change);
/// Both fields required and non-empty; the policy is the server's check (400 weak_password).
void from_json(const nlohmann::json& j, PasswordChange& change);

/// One open session of an account (GET /api/v1/accounts/{id}/sessions).
struct SessionInfo {
    std::string id;
    TimePoint createdAt;
    TimePoint lastUsedAt;
    TimePoint expiresAt; ///< the absolute end
    std::optional<std::string> sourceIp;
    std::optional<std::string> actingAs; ///< the tenant code an operator's session works in
    bool current = false;                ///< the session that asked

    bool operator==(const SessionInfo&) const = default;
};

void to_json(nlohmann::json& j, const SessionInfo& session);
void from_json(const nlohmann::json& j, SessionInfo& session);

} // namespace resv::model
