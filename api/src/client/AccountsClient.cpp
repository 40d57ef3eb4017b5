// ApiClient's calls for accounts, sessions, roles and permissions.

#include "HttpSession.h"
#include "Parsing.h"
#include "resv/client/ApiClient.h"

#include <chrono>

namespace resv::client {
namespace {

using detail::Parse;
using detail::ParseAll;
using detail::PercentEncode;

/// How long a real import may take: the server's 300 rows at up to a second each, and room.
constexpr std::chrono::minutes kImportTimeout{10};

std::string AccountPath(const std::string& id, const char* suffix = "") {
    return "/api/v1/accounts/" + PercentEncode(id) + suffix;
}

std::string RolePath(const std::string& id) {
    return "/api/v1/roles/" + PercentEncode(id);
}

} // namespace

std::string ToQueryString(const AccountQuery& query) {
    std::string out;
    const auto add = [&out](const char* key, const std::string& value) {
        out += out.empty() ? '?' : '&';
        out += key;
        out += '=';
        out += PercentEncode(value);
    };
    if (!query.q.empty()) {
        add("q", query.q);
    }
    if (query.role) {
        add("role", *query.role);
    }
    if (query.status) {
        add("status", std::string(model::ToString(*query.status)));
    }
    if (!query.sort.empty()) {
        add("sort", query.sort);
    }
    if (query.cursor) {
        add("cursor", *query.cursor);
    }
    add("limit", std::to_string(query.limit));
    return out;
}

model::Page<model::Account> ApiClient::ListAccounts(const AccountQuery& query) {
    return Parse<model::Page<model::Account>>(
        Send("GET", "/api/v1/accounts" + ToQueryString(query)), "accounts");
}

model::Account ApiClient::GetAccount(const std::string& id) {
    return Parse<model::Account>(Send("GET", AccountPath(id)), "account");
}

model::AccountCreated ApiClient::CreateAccount(const model::AccountInput& input) {
    return Parse<model::AccountCreated>(Send("POST", "/api/v1/accounts", model::Json(input)),
                                        "created account");
}

model::Account ApiClient::UpdateAccount(const std::string& id, const model::AccountPatch& patch) {
    return Parse<model::Account>(Send("PATCH", AccountPath(id), model::Json(patch)), "account");
}

void ApiClient::DeleteAccount(const std::string& id) {
    Send("DELETE", AccountPath(id));
}

model::Account ApiClient::DisableAccount(const std::string& id) {
    return Parse<model::Account>(Send("POST", AccountPath(id, "/disable")), "account");
}

model::Account ApiClient::EnableAccount(const std::string& id) {
    return Parse<model::Account>(Send("POST", AccountPath(id, "/enable")), "account");
}

model::Account ApiClient::UnlockAccount(const std::string& id) {
    return Parse<model::Account>(Send("POST", AccountPath(id, "/unlock")), "account");
}

model::AccountCreated ApiClient::ResetPassword(const std::string& id) {
    return Parse<model::AccountCreated>(Send("POST", AccountPath(id, "/reset-password")),
                                        "reset password");
}

std::vector<model::SessionInfo> ApiClient::ListSessions(const std::string& accountId) {
    return ParseAll<model::SessionInfo>(ListAll(AccountPath(accountId, "/sessions")), "session");
}

void ApiClient::RevokeSessions(const std::string& accountId) {
    Send("DELETE", AccountPath(accountId, "/sessions"));
}

void ApiClient::RevokeSession(const std::string& accountId, const std::string& sessionId) {
    Send("DELETE", AccountPath(accountId, "/sessions/") + PercentEncode(sessionId));
}

void ApiClient::ChangeMyPassword(const model::PasswordChange& change) {
    Send("PUT", "/api/v1/me/password", model::Json(change));
}

std::vector<model::PermissionInfo> ApiClient::ListPermissions() {
    return ParseAll<model::PermissionInfo>(ListAll("/api/v1/permissions"), "permission");
}

std::vector<model::Role> ApiClient::ListRoles() {
    return ParseAll<model::Role>(ListAll("/api/v1/roles"), "role");
}

model::Role ApiClient::CreateRole(const model::RoleInput& input) {
    return Parse<model::Role>(Send("POST", "/api/v1/roles", model::Json(input)), "role");
}

model::Role ApiClient::UpdateRole(const std::string& id, const model::RoleInput& patch) {
    return Parse<model::Role>(Send("PATCH", RolePath(id), model::Json(patch)), "role");
}

void ApiClient::DeleteRole(const std::string& id) {
    Send("DELETE", RolePath(id));
}

model::EffectiveAccess ApiClient::GetEffectiveAccess(const std::string& accountId) {
    return Parse<model::EffectiveAccess>(Send("GET", AccountPath(accountId, "/effective-access")),
                                         "effective access");
}

std::string ApiClient::ExportAccountsCsv() {
    return Download("/api/v1/accounts/export.csv");
}

model::ImportResult ApiClient::ImportAccountsCsv(const std::string& csv, bool dryRun) {
    const std::string path =
        std::string("/api/v1/accounts/import?dry_run=") + (dryRun ? "true" : "false");
    // A real run hashes a one-time password per row (Argon2id, tenths of a second each under
    // load): 300 rows may take minutes, and a timeout would leave the accounts created on the
    // server with their passwords lost to the manager.
    struct LongerTimeout {
        HttpSession& http;
        ~LongerTimeout() { http.SetRequestTimeout(std::nullopt); }
    } longer{*m_http};
    if (!dryRun) {
        m_http->SetRequestTimeout(kImportTimeout);
    }
    return Parse<model::ImportResult>(Upload("POST", path, csv, "text/csv; charset=utf-8"),
                                      "import result");
}

} // namespace resv::client
