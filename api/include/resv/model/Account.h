#pragma once
// 顧客管理者 / 顧客従業員: an account as the API shows it (never with a password or its hash).

#include "resv/model/Role.h"
#include "resv/model/Time.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
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

} // namespace resv::model
