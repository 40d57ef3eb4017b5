#pragma once
// An IAccountsApi in memory for presenter and GUI tests: lists filter, sort and page as the
// server does (keyset by position here); changes apply to the accounts; a test may set the error
// the next call throws; calls and queries are recorded (under a lock: GUI tests call from the
// worker thread).

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiError.h"
#include "resv/model/Problem.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace resv::views::test {

class FakeAccountsApi final : public client::IAccountsApi {
public:
    std::vector<model::Account> accounts;
    std::vector<model::Role> roles;
    std::optional<client::ApiError> nextError; ///< thrown by the next call, then cleared
    std::vector<std::string> calls;
    std::vector<client::AccountQuery> queries;
    std::vector<std::pair<std::string, bool>> imports; ///< csv, dry run
    model::ImportResult importAnswer;
    std::string exportCsv = "\xEF\xBB\xBFlogin_id,display_name\r\n";
    /// Account id -> its open sessions, as ListSessions answers them.
    std::map<std::string, std::vector<model::SessionInfo>> sessions;
    int nextId = 1000;

    std::vector<std::string> Calls() {
        std::lock_guard lock(m_mutex);
        return calls;
    }
    client::AccountQuery LastQuery() {
        std::lock_guard lock(m_mutex);
        return queries.back();
    }
    model::Account* Find(const std::string& id) {
        const auto it = std::find_if(accounts.begin(), accounts.end(),
                                     [&](const model::Account& a) { return a.id == id; });
        return it == accounts.end() ? nullptr : &*it;
    }

    model::Page<model::Account> ListAccounts(const client::AccountQuery& query) override {
        Call("ListAccounts");
        {
            std::lock_guard lock(m_mutex);
            queries.push_back(query);
        }
        std::vector<model::Account> matching;
        for (const auto& a : accounts) {
            const bool text = query.q.empty() || a.loginId.find(query.q) != std::string::npos ||
                              a.displayName.find(query.q) != std::string::npos;
            const bool role = !query.role || std::find(a.roles.begin(), a.roles.end(),
                                                       *query.role) != a.roles.end();
            const bool status = !query.status || a.status == *query.status;
            if (text && role && status) {
                matching.push_back(a);
            }
        }
        const bool descending = query.sort.starts_with('-');
        const std::string key = descending ? query.sort.substr(1) : query.sort;
        std::stable_sort(matching.begin(), matching.end(), [&](const auto& a, const auto& b) {
            const bool less =
                key == "display_name" ? a.displayName < b.displayName : a.loginId < b.loginId;
            const bool greater =
                key == "display_name" ? b.displayName < a.displayName : b.loginId < a.loginId;
            return descending ? greater : less;
        });
        const std::size_t start = query.cursor ? std::stoul(*query.cursor) : 0;
        model::Page<model::Account> page;
        for (std::size_t i = start;
             i < matching.size() && page.items.size() < static_cast<std::size_t>(query.limit);
             ++i) {
            page.items.push_back(matching[i]);
        }
        if (start + page.items.size() < matching.size()) {
            page.nextCursor = std::to_string(start + page.items.size());
        }
        return page;
    }
    model::Account GetAccount(const std::string& id) override {
        Call("GetAccount " + id);
        return *Find(id);
    }
    model::AccountCreated CreateAccount(const model::AccountInput& input) override {
        Call("CreateAccount " + input.loginId);
        model::Account a;
        a.id = "acc_" + std::to_string(nextId++);
        a.loginId = input.loginId;
        a.displayName = input.displayName;
        a.email = input.email;
        a.roles = input.roles;
        a.scope = input.scope;
        a.mustChangePassword = true;
        accounts.push_back(a);
        return {a, "otp-" + a.loginId};
    }
    model::Account UpdateAccount(const std::string& id, const model::AccountPatch& patch) override {
        Call("UpdateAccount " + id);
        model::Account& a = *Find(id);
        if (patch.displayName) {
            a.displayName = *patch.displayName;
        }
        if (patch.email) {
            a.email = *patch.email;
        }
        if (patch.roles) {
            a.roles = *patch.roles;
        }
        if (patch.scope) {
            a.scope = *patch.scope;
        }
        lastPatch = patch;
        return a;
    }
    std::optional<model::AccountPatch> lastPatch;
    void DeleteAccount(const std::string& id) override {
        Call("DeleteAccount " + id);
        std::erase_if(accounts, [&](const model::Account& a) { return a.id == id; });
    }
    model::Account DisableAccount(const std::string& id) override {
        Call("DisableAccount " + id);
        Find(id)->status = model::AccountStatus::Disabled;
        return *Find(id);
    }
    model::Account EnableAccount(const std::string& id) override {
        Call("EnableAccount " + id);
        Find(id)->status = model::AccountStatus::Active;
        return *Find(id);
    }
    model::Account UnlockAccount(const std::string& id) override {
        Call("UnlockAccount " + id);
        Find(id)->status = model::AccountStatus::Active;
        Find(id)->lockedUntil.reset();
        return *Find(id);
    }
    model::AccountCreated ResetPassword(const std::string& id) override {
        Call("ResetPassword " + id);
        Find(id)->mustChangePassword = true;
        return {*Find(id), "reset-" + Find(id)->loginId};
    }
    std::vector<model::SessionInfo> ListSessions(const std::string& id) override {
        Call("ListSessions " + id);
        std::lock_guard lock(m_mutex);
        return sessions[id];
    }
    void RevokeSessions(const std::string& id) override {
        Call("RevokeSessions " + id);
        std::lock_guard lock(m_mutex);
        sessions[id].clear();
    }
    /// A session not in `sessions` (ended, or never there) answers 404 not_found.
    void RevokeSession(const std::string& id, const std::string& session) override {
        Call("RevokeSession " + id + " " + session);
        std::lock_guard lock(m_mutex);
        if (std::erase_if(sessions[id], [&](const auto& s) { return s.id == session; }) == 0) {
            model::Problem problem;
            problem.status = 404;
            problem.code = "not_found";
            problem.title = "not_found";
            throw client::ApiError(problem);
        }
    }
    void ChangeMyPassword(const model::PasswordChange&) override { Call("ChangeMyPassword"); }
    std::vector<model::PermissionInfo> ListPermissions() override {
        Call("ListPermissions");
        return model::PermissionCatalogue();
    }
    std::vector<model::Role> ListRoles() override {
        Call("ListRoles");
        return roles;
    }
    model::Role CreateRole(const model::RoleInput&) override {
        Call("CreateRole");
        return {};
    }
    model::Role UpdateRole(const std::string& id, const model::RoleInput&) override {
        Call("UpdateRole " + id);
        return {};
    }
    void DeleteRole(const std::string& id) override { Call("DeleteRole " + id); }
    model::EffectiveAccess GetEffectiveAccess(const std::string& id) override {
        Call("GetEffectiveAccess " + id);
        return {};
    }
    std::string ExportAccountsCsv() override {
        Call("ExportAccountsCsv");
        return exportCsv;
    }
    model::ImportResult ImportAccountsCsv(const std::string& csv, bool dryRun) override {
        Call(dryRun ? "ImportAccountsCsv dry" : "ImportAccountsCsv real");
        {
            std::lock_guard lock(m_mutex);
            imports.emplace_back(csv, dryRun);
        }
        model::ImportResult result = importAnswer;
        result.dryRun = dryRun;
        result.applied = !dryRun;
        for (auto& row : result.rows) {
            row.status = dryRun ? "valid" : "created";
            if (dryRun) {
                row.oneTimePassword.reset();
            } else {
                row.oneTimePassword = "otp-" + row.loginId;
            }
        }
        return result;
    }

private:
    void Call(std::string name) {
        std::lock_guard lock(m_mutex);
        calls.push_back(std::move(name));
        if (nextError) {
            const client::ApiError error = *nextError;
            nextError.reset();
            throw error;
        }
    }

    std::mutex m_mutex;
};

inline model::Role BuiltinRoleOf(std::string_view name) {
    const model::BuiltinRole* builtin = model::FindBuiltinRole(name);
    model::Role role;
    role.id = role.name = std::string(name);
    role.tier = builtin->tier;
    role.permissions = {builtin->permissions.begin(), builtin->permissions.end()};
    role.builtin = true;
    return role;
}

/// Three built-in roles and a custom one; `count` accounts user001… (the first a manager).
inline void FillAccounts(FakeAccountsApi& api, int count = 5) {
    api.roles = {BuiltinRoleOf(model::role::kCustomerManager),
                 BuiltinRoleOf(model::role::kCustomerManagerViewer),
                 BuiltinRoleOf(model::role::kCustomerEmployee)};
    model::Role frontDesk;
    frontDesk.id = "rol_1";
    frontDesk.name = "Front desk";
    frontDesk.permissions = {"facilities.read", "terminals.read"};
    api.roles.push_back(frontDesk);
    for (int i = 1; i <= count; ++i) {
        model::Account a;
        char login[16];
        std::snprintf(login, sizeof login, "user%03d", i);
        a.id = "acc_" + std::to_string(i);
        a.loginId = login;
        a.displayName = "User " + std::to_string(i);
        a.roles = {i == 1 ? "customermanager" : "customeremployee"};
        a.tier = i == 1 ? model::Tier::Manager : model::Tier::Employee;
        api.accounts.push_back(a);
    }
}

} // namespace resv::views::test
