#include "ListCases.h"

#include "resv/model/Account.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace resv::bench {
namespace {

// Copied from server/storage/AccountRepository.cpp (kAccountColumns, List, LoadRolesAndScopes):
// if the server's SQL changes, change it here too; the bench checks that the CLI returns the
// same ids as the server, so a difference shows as an error rather than a wrong baseline.
constexpr const char* kAccountColumns =
    "SELECT id, tenant_id, login_id, display_name, email, password_hash, status, "
    "must_change_password, failed_logins, lockouts, locked_until, last_login_at, otp_expires_at, "
    "created_at, scope_all FROM accounts ";

struct After {
    std::optional<std::string> textKey;
    std::optional<std::int64_t> intKey;
    std::string id;
};

std::string DecodeBase64Url(const std::string& text) {
    static const std::string kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string bytes;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const auto value = kAlphabet.find(c);
        if (value == std::string::npos) {
            throw std::runtime_error("a cursor that is not base64url: " + text);
        }
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return bytes;
}

/// The server's cursor is base64url of {"s": sort, "k": key, "id": id}.
After DecodeCursor(const std::string& cursor) {
    const auto j = nlohmann::json::parse(DecodeBase64Url(cursor));
    After after;
    after.id = j.at("id").get<std::string>();
    const auto& key = j.at("k");
    if (key.is_string()) {
        after.textKey = key.get<std::string>();
    } else if (key.is_number_integer()) {
        after.intKey = key.get<std::int64_t>();
    }
    return after;
}

std::string LikePattern(const std::string& text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + "%";
}

} // namespace

std::vector<ListCase> DefaultCases(const std::string& customRole, int accounts) {
    using model::AccountStatus;
    const auto query = [](std::string q, std::optional<std::string> role,
                          std::optional<AccountStatus> status, std::string sort) {
        client::AccountQuery result;
        result.q = std::move(q);
        result.role = std::move(role);
        result.status = status;
        result.sort = std::move(sort);
        result.limit = 100;
        return result;
    };
    // The middle page of the list: page 50 of 100 with 10,000 accounts.
    const int middle = std::max(2, accounts / 200);
    std::vector<ListCase> cases{
        {"first page (login_id)", query("", {}, {}, ""), 0},
        {fmt::format("page {} by cursor (login_id)", middle), query("", {}, {}, ""), middle - 1},
        {"first page sort=display_name", query("", {}, {}, "display_name"), 0},
        {fmt::format("page {} sort=display_name", middle), query("", {}, {}, "display_name"),
         middle - 1},
        {"first page sort=-last_login_at", query("", {}, {}, "-last_login_at"), 0},
        {"first page sort=status", query("", {}, {}, "status"), 0},
        {"q=haruto. (login ID prefix)", query("haruto.", {}, {}, ""), 0},
        {"q=田中 (display name)", query("田中", {}, {}, ""), 0},
        {"q=田中 sort=display_name", query("田中", {}, {}, "display_name"), 0},
        {"q=zz-no-such (no match)", query("zz-no-such", {}, {}, ""), 0},
        {"role=customermanager", query("", "customermanager", {}, ""), 0},
        {"status=locked", query("", {}, AccountStatus::Locked, ""), 0},
        {"status=disabled sort=-last_login_at",
         query("", {}, AccountStatus::Disabled, "-last_login_at"), 0},
    };
    if (!customRole.empty()) {
        cases.push_back({"role=" + customRole + " status=active",
                         query("", customRole, AccountStatus::Active, ""), 0});
    }
    return cases;
}

BoundSql PageSql(const client::AccountQuery& q, const std::string& tenantId,
                 std::int64_t nowMillis) {
    BoundSql bound;
    bound.values.push_back(tenantId);
    const auto param = [&bound](SqlValue value) {
        bound.values.push_back(std::move(value));
        return "?" + std::to_string(bound.values.size());
    };
    std::string& sql = bound.sql;
    sql = std::string(kAccountColumns) + "WHERE tenant_id = ?1";
    if (!q.q.empty()) {
        const std::string like = param(LikePattern(q.q));
        sql += " AND (login_id LIKE " + like + " ESCAPE '\\' OR display_name LIKE " + like +
               " ESCAPE '\\')";
    }
    if (q.role) {
        sql += " AND EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = accounts.id AND "
               "r.role = " +
               param(*q.role) + ")";
    }
    if (q.status) {
        switch (*q.status) {
        case model::AccountStatus::Active:
            sql += " AND status = 'active' AND (locked_until IS NULL OR locked_until <= " +
                   param(nowMillis) + ")";
            break;
        case model::AccountStatus::Locked:
            sql += " AND status = 'active' AND locked_until > " + param(nowMillis);
            break;
        case model::AccountStatus::Disabled:
            sql += " AND status = 'disabled'";
            break;
        }
    }
    const bool descending = q.sort.starts_with('-');
    std::string column = descending ? q.sort.substr(1) : q.sort;
    if (column.empty()) {
        column = "login_id";
    }
    const char* const direction = descending ? "DESC" : "ASC";
    if (q.cursor) {
        const After after = DecodeCursor(*q.cursor);
        const std::string id = param(after.id);
        const bool nullKey = !after.textKey && !after.intKey;
        if (nullKey) {
            sql += descending ? " AND (" + column + " IS NULL AND id < " + id + ")"
                              : " AND ((" + column + " IS NULL AND id > " + id + ") OR " + column +
                                    " IS NOT NULL)";
        } else {
            const std::string key = after.textKey ? param(*after.textKey) : param(*after.intKey);
            sql += " AND ((" + column + ", id) " + (descending ? "<" : ">") + " (" + key + ", " +
                   id + ")" + (descending ? " OR " + column + " IS NULL)" : ")");
        }
    }
    sql += " ORDER BY " + column + " " + direction + ", id " + direction + " LIMIT " +
           param(static_cast<std::int64_t>(q.limit + 1));
    return bound;
}

std::string RolesSql() {
    return "SELECT account_id, role FROM account_roles "
           "WHERE account_id IN (SELECT value FROM json_each(?1)) ORDER BY account_id, role";
}

std::string ScopesSql() {
    return "SELECT account_id, kind, target_id FROM account_scope "
           "WHERE account_id IN (SELECT value FROM json_each(?1)) ORDER BY account_id, kind, "
           "target_id";
}

ServerCase PrepareServerCase(client::ApiClient& client, const ListCase& spec) {
    ServerCase result;
    result.spec = spec;
    result.query = spec.query;
    for (int page = 0; page < spec.skipPages; ++page) {
        const auto answer = client.ListAccounts(result.query);
        if (!answer.nextCursor) {
            throw std::runtime_error(spec.name + ": the list ended before the page asked for");
        }
        result.query.cursor = answer.nextCursor;
    }
    const auto first = client.ListAccounts(result.query);
    result.items = first.items.size();
    result.hasMore = first.nextCursor.has_value();
    for (const auto& account : first.items) {
        result.ids.push_back(account.id);
    }
    return result;
}

double TimeRequest(client::ApiClient& client, const ServerCase& serverCase) {
    const auto start = Clock::now();
    const auto page = client.ListAccounts(serverCase.query);
    const double ms = Ms(Clock::now() - start);
    if (page.items.size() != serverCase.items) {
        throw std::runtime_error(serverCase.spec.name + ": the answer changed during the run");
    }
    return ms;
}

} // namespace resv::bench
