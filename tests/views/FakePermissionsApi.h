#pragma once
// An IAccountsApi in memory for the Permissions screen's and the password change's tests: roles
// and the catalogue that apply changes as the server would (built-ins refused, the tier rule),
// accounts to search, effective access per account, and a password policy of two rules. A test
// may set the error the next call throws; calls and the inputs sent are recorded. Thread-safe
// enough for the real worker thread: the GUI tests only read it after waiting.

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiClient.h"
#include "resv/client/ApiError.h"
#include "resv/model/Problem.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace resv::views::test {

class FakePermissionsApi final : public client::IAccountsApi {
public:
    std::vector<model::PermissionInfo> catalogue = model::PermissionCatalogue();
    std::vector<model::Role> roles;
    std::vector<model::Account> accounts;
    std::map<std::string, model::EffectiveAccess> access;
    /// The password the account has now; ChangeMyPassword checks against it.
    std::string password = "Ichiji-Pass#01";
    std::string loginId = "tanaka";

    std::optional<client::ApiError> nextError;
    std::vector<std::string> calls;
    std::vector<model::RoleInput> roleInputs; ///< UpdateRole's and CreateRole's, in order
    std::vector<client::AccountQuery> queries;
    std::vector<model::PasswordChange> passwordChanges;
    int nextId = 100;

    FakePermissionsApi() {
        for (const model::BuiltinRole& builtin : model::BuiltinRoles()) {
            if (builtin.tier == model::Tier::Provider) {
                continue; // not offered in a customer tenant
            }
            model::Role role{
                std::string(builtin.name), std::string(builtin.name), builtin.tier, {}, true};
            for (std::string_view permission : builtin.permissions) {
                role.permissions.emplace_back(permission);
            }
            roles.push_back(role);
        }
        roles.push_back({"role_front",
                         "Front desk",
                         model::Tier::Employee,
                         {"facilities.read", "terminals.read", "notices.read"},
                         false});
        roles.push_back({"role_area",
                         "Area manager",
                         model::Tier::Manager,
                         {"facilities.read", "terminals.read", "usage.read", "monitoring.read"},
                         false});
    }

    std::vector<model::PermissionInfo> ListPermissions() override {
        Call("ListPermissions");
        return catalogue;
    }
    std::vector<model::Role> ListRoles() override {
        Call("ListRoles");
        return roles;
    }
    model::Role CreateRole(const model::RoleInput& input) override {
        Call("CreateRole");
        roleInputs.push_back(input);
        model::Role role{"role_" + std::to_string(nextId++), *input.name, *input.tier,
                         *input.permissions, false};
        roles.push_back(role);
        return role;
    }
    model::Role UpdateRole(const std::string& id, const model::RoleInput& patch) override {
        Call("UpdateRole " + id);
        roleInputs.push_back(patch);
        model::Role& role = FindRole(id);
        if (role.builtin) {
            Throw(403, model::error_code::kForbidden);
        }
        model::Role changed = role;
        if (patch.name) {
            changed.name = *patch.name;
        }
        if (patch.tier) {
            changed.tier = *patch.tier;
        }
        if (patch.permissions) {
            changed.permissions = *patch.permissions;
        }
        if (changed.tier == model::Tier::Employee) {
            for (const std::string& permission : changed.permissions) {
                if (model::IsManagerTierOnlyPermission(permission)) {
                    Throw(400, model::error_code::kPermissionNotAllowedForTier);
                }
            }
        }
        role = changed;
        return role;
    }
    void DeleteRole(const std::string& id) override {
        Call("DeleteRole " + id);
        const model::Role& role = FindRole(id);
        const bool held = std::any_of(accounts.begin(), accounts.end(), [&](const auto& a) {
            return std::find(a.roles.begin(), a.roles.end(), role.name) != a.roles.end();
        });
        if (held) {
            Throw(409, model::error_code::kNotEmpty);
        }
        std::erase_if(roles, [&](const model::Role& r) { return r.id == id; });
    }

    model::Page<model::Account> ListAccounts(const client::AccountQuery& query) override {
        Call("ListAccounts");
        queries.push_back(query);
        std::vector<model::Account> matching;
        for (const model::Account& account : accounts) {
            const bool text = query.q.empty() ||
                              account.loginId.find(query.q) != std::string::npos ||
                              account.displayName.find(query.q) != std::string::npos;
            const bool role = !query.role || std::find(account.roles.begin(), account.roles.end(),
                                                       *query.role) != account.roles.end();
            if (text && role) {
                matching.push_back(account);
            }
        }
        // Two to a page, so that following next_cursor is tested.
        const std::size_t start = query.cursor ? std::stoul(*query.cursor) : 0;
        model::Page<model::Account> page;
        for (std::size_t i = start; i < matching.size() && i < start + 2; ++i) {
            page.items.push_back(matching[i]);
        }
        if (start + 2 < matching.size()) {
            page.nextCursor = std::to_string(start + 2);
        }
        return page;
    }
    model::EffectiveAccess GetEffectiveAccess(const std::string& accountId) override {
        Call("GetEffectiveAccess " + accountId);
        const auto it = access.find(accountId);
        if (it == access.end()) {
            Throw(404, model::error_code::kNotFound);
        }
        return it->second;
    }

    void ChangeMyPassword(const model::PasswordChange& change) override {
        Call("ChangeMyPassword");
        passwordChanges.push_back(change);
        if (change.currentPassword != password) {
            ThrowField(model::error_code::kInvalidField, "current_password", "incorrect");
        }
        if (change.newPassword.find("password") != std::string::npos) {
            ThrowField(model::error_code::kWeakPassword, "new_password", "common_password");
        }
        if (change.newPassword.find("sakura") != std::string::npos) {
            ThrowField(model::error_code::kWeakPassword, "new_password", "dictionary_word");
        }
        password = change.newPassword;
    }

    // Not used by these screens.
    model::Account GetAccount(const std::string&) override { Unused(); }
    model::AccountCreated CreateAccount(const model::AccountInput&) override { Unused(); }
    model::Account UpdateAccount(const std::string&, const model::AccountPatch&) override {
        Unused();
    }
    void DeleteAccount(const std::string&) override { Unused(); }
    model::Account DisableAccount(const std::string&) override { Unused(); }
    model::Account EnableAccount(const std::string&) override { Unused(); }
    model::Account UnlockAccount(const std::string&) override { Unused(); }
    model::AccountCreated ResetPassword(const std::string&) override { Unused(); }
    std::vector<model::SessionInfo> ListSessions(const std::string&) override { Unused(); }
    void RevokeSessions(const std::string&) override { Unused(); }
    void RevokeSession(const std::string&, const std::string&) override { Unused(); }
    std::string ExportAccountsCsv() override { Unused(); }
    model::ImportResult ImportAccountsCsv(const std::string&, bool) override { Unused(); }

    static model::Account Account(std::string id, std::string loginId, std::string displayName,
                                  std::vector<std::string> roleNames) {
        model::Account account;
        account.id = std::move(id);
        account.loginId = std::move(loginId);
        account.displayName = std::move(displayName);
        account.roles = std::move(roleNames);
        return account;
    }

private:
    [[noreturn]] static void Unused() {
        throw std::logic_error("FakePermissionsApi: not used by these tests");
    }

    void Call(std::string what) {
        std::lock_guard lock(m_mutex);
        calls.push_back(std::move(what));
        if (nextError) {
            const client::ApiError error = *nextError;
            nextError.reset();
            throw error;
        }
    }
    model::Role& FindRole(const std::string& id) {
        const auto it = std::find_if(roles.begin(), roles.end(),
                                     [&](const model::Role& r) { return r.id == id; });
        if (it == roles.end()) {
            Throw(404, model::error_code::kNotFound);
        }
        return *it;
    }
    [[noreturn]] static void Throw(int status, const char* code) {
        model::Problem problem;
        problem.status = status;
        problem.code = code;
        problem.title = code;
        throw client::ApiError(problem);
    }
    [[noreturn]] static void ThrowField(const char* code, const char* field, const char* reason) {
        model::Problem problem;
        problem.status = 400;
        problem.code = code;
        problem.title = code;
        problem.errors.push_back({field, reason, reason});
        throw client::ApiError(problem);
    }

    std::mutex m_mutex;
};

} // namespace resv::views::test
