#pragma once
// Accounts, roles and permissions (A.9.2): what the Accounts and Permissions screens need of the
// API. ApiClient implements it; presenters' tests fake it.

#include "resv/model/Access.h"
#include "resv/model/Account.h"
#include "resv/model/Page.h"
#include "resv/model/Role.h"

#include <optional>
#include <string>
#include <vector>

namespace resv::client {

/// GET /api/v1/accounts's parameters. `sort` is login_id, display_name, last_login_at or status,
/// with a leading '-' for descending; empty for the server's default (login_id).
struct AccountQuery {
    std::string q;
    std::optional<std::string> role;
    std::optional<model::AccountStatus> status;
    std::string sort;
    std::optional<std::string> cursor;
    int limit = 100;

    bool operator==(const AccountQuery&) const = default;
};

/// The query string of `query`, starting with '?' (or empty).
std::string ToQueryString(const AccountQuery& query);

class IAccountsApi {
public:
    virtual ~IAccountsApi() = default;

    virtual model::Page<model::Account> ListAccounts(const AccountQuery& query) = 0;
    virtual model::Account GetAccount(const std::string& id) = 0;
    virtual model::AccountCreated CreateAccount(const model::AccountInput& input) = 0;
    virtual model::Account UpdateAccount(const std::string& id,
                                         const model::AccountPatch& patch) = 0;
    virtual void DeleteAccount(const std::string& id) = 0;
    virtual model::Account DisableAccount(const std::string& id) = 0;
    virtual model::Account EnableAccount(const std::string& id) = 0;
    virtual model::Account UnlockAccount(const std::string& id) = 0;
    /// A new one-time password; the account's sessions end.
    virtual model::AccountCreated ResetPassword(const std::string& id) = 0;

    virtual std::vector<model::SessionInfo> ListSessions(const std::string& accountId) = 0;
    virtual void RevokeSessions(const std::string& accountId) = 0;
    virtual void RevokeSession(const std::string& accountId, const std::string& sessionId) = 0;

    /// The signed-in account's own password; the account's other sessions end.
    virtual void ChangeMyPassword(const model::PasswordChange& change) = 0;

    virtual std::vector<model::PermissionInfo> ListPermissions() = 0;
    virtual std::vector<model::Role> ListRoles() = 0;
    virtual model::Role CreateRole(const model::RoleInput& input) = 0;
    virtual model::Role UpdateRole(const std::string& id, const model::RoleInput& patch) = 0;
    virtual void DeleteRole(const std::string& id) = 0;

    virtual model::EffectiveAccess GetEffectiveAccess(const std::string& accountId) = 0;

    /// GET /api/v1/accounts/export.csv: the file's bytes (UTF-8 with BOM).
    virtual std::string ExportAccountsCsv() = 0;
    /// POST /api/v1/accounts/import. A real run with bad rows throws ApiError 400 invalid_field
    /// and writes nothing; a dry run answers every row.
    virtual model::ImportResult ImportAccountsCsv(const std::string& csv, bool dryRun) = 0;
};

} // namespace resv::client
