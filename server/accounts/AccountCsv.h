#pragma once
// Accounts as CSV (A.9.2.1: a 30-hotel group registers its staff in one go).
// Export: UTF-8 with a BOM so Japanese Excel opens it; the import's six columns first, then
// status, last login and lock end (ISO 8601 +09:00), which an import ignores, so an export edited
// in Excel imports again. A cell that Excel would take for a formula is written with a leading '
// (util::CsvWriter), and the import takes that ' off again.
// Import: columns login_id, display_name, email, roles, jurisdictions, facilities (any order, a
// header row naming them); lists separated by ';'; names, not ids; empty scope = all. A facility
// is named by itself when its name is unique in the tenant, otherwise as "管轄名/施設名". It only
// creates: an existing login ID is a row error. A dry run checks every row and writes nothing; a
// real run is all or nothing.

#include "accounts/AccountService.h"
#include "resv/model/Access.h"

#include <string>
#include <string_view>

namespace resv::server::accounts {

/// Rows a file may hold. A real run hashes one one-time password per row (Argon2id, tens of
/// milliseconds each), and the whole run must end well within a client's 30 s timeout.
inline constexpr int kMaxImportRows = 300;
/// Names in one list cell (roles, jurisdictions or facilities).
inline constexpr std::size_t kMaxNamesPerCell = 100;

class AccountCsv {
public:
    AccountCsv(facilities::ServiceContext context, AccountService& accounts);

    /// accounts.read; an audit event `account.export` says how many rows left.
    std::string Export(const auth::Caller& caller);

    /// accounts.write. Throws http::HttpError 400 invalid_field for a file that cannot be read
    /// (not UTF-8, broken quoting, wrong header, no rows, too many rows: fields `file` or
    /// `header`), and for a real run with any bad row (errors named `rows[LINE].field`, LINE
    /// being the CSV line), writing nothing. Row errors name the file's columns: `login_id`
    /// (`exists`, `duplicate`, `invalid_value`), `display_name`, `email`, `roles[i]`
    /// (`not_found`, `role_not_allowed`), `jurisdictions[i]` and `facilities[i]` (`not_found`,
    /// `ambiguous`), `line` (`field_count`).
    model::ImportResult Import(const auth::Caller& caller, std::string_view csv, bool dryRun);

private:
    facilities::ServiceContext m_context;
    AccountService& m_accounts;
};

} // namespace resv::server::accounts
