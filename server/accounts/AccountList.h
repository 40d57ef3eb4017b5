#pragma once
// GET /api/v1/accounts's parameters: sort, filters and the keyset cursor. A cursor carries the
// sort it was made for, the sort key of the last row and its id, so the next page starts exactly
// after that row whatever was inserted meanwhile; a cursor of another sort is invalid_cursor.

#include "storage/AccountRepository.h"

#include <optional>
#include <string>

namespace resv::server::accounts {

/// As they arrive in the query string, before any check.
struct AccountListParams {
    std::string q;
    std::optional<std::string> role;
    std::optional<std::string> status; ///< active | disabled | locked
    std::string sort;                  ///< login_id | display_name | last_login_at | status, '-'
    std::optional<std::string> cursor;
    int limit = 100;
};

/// The repository query of `params` in `tenantId`, reading one row more than the page.
/// Throws http::HttpError 400 invalid_field (sort, status, q) or invalid_cursor.
storage::AccountListQuery ToListQuery(const AccountListParams& params, const std::string& tenantId);

/// The cursor that continues after `last` in the sort of `query`.
std::string CursorAfter(const storage::AccountListQuery& query, const storage::AccountRecord& last);

} // namespace resv::server::accounts
