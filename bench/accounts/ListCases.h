#pragma once
// The accounts-list cases the bench measures, the SQL resv-server runs for each (rebuilt here
// exactly as server/storage/AccountRepository.cpp's List() builds it, so that the sqlite3 CLI can
// run the same text with the same bound values), and timing them through resv::client::ApiClient.

#include "BenchSupport.h"

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiClient.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace resv::bench {

struct ListCase {
    std::string name;
    client::AccountQuery query;
    int skipPages = 0; ///< follow next_cursor this many pages first: the page measured is deep
};

/// The cases of the bench (a first page, the middle page by keyset, sorts, searches, filters).
std::vector<ListCase> DefaultCases(const std::string& customRole, int accounts);

using SqlValue = std::variant<std::string, std::int64_t>;

/// One statement with the values bound to ?1, ?2, ...
struct BoundSql {
    std::string sql;
    std::vector<SqlValue> values;
};

/// What AccountRepository::List runs for one page: the page itself (limit + 1 rows), then the
/// roles and the scopes of those rows (?1 = a JSON array of their ids).
BoundSql PageSql(const client::AccountQuery& query, const std::string& tenantId,
                 std::int64_t nowMillis);
std::string RolesSql();
std::string ScopesSql();

/// A case against resv-server, with what the CLI needs to run the same SQL.
struct ServerCase {
    ListCase spec;
    client::AccountQuery query; ///< as sent (cursor filled in for deep pages)
    std::size_t items = 0;      ///< rows of the answer
    bool hasMore = false;
    std::vector<std::string> ids; ///< of the answer's rows, in order
    std::vector<double> samples;  ///< ms per request
};

/// Follows the cursor to the page `spec` asks for and notes its answer.
ServerCase PrepareServerCase(client::ApiClient& client, const ListCase& spec);

/// One request of the case's page over the client's persistent connection, in ms.
double TimeRequest(client::ApiClient& client, const ServerCase& serverCase);

} // namespace resv::bench
