#pragma once
// Words for the Accounts screen: an account's status, scope and last login as cells, what a
// field or import error means, why an action is unavailable, and the accounts-specific errors
// (last_manager, a login ID already used) before the shared messages.

#include "views/accounts/AccountsPresenter.h"
#include "views/common/ErrorMessages.h"

#include "resv/model/Account.h"
#include "resv/model/Validation.h"

#include <wx/bmpbndl.h>
#include <wx/string.h>

namespace resv::views {

/// "Active", "Disabled", "Locked until 17:10 JST".
wxString AccountStatusText(const model::Account& account);
/// A status filter's choice: "Active", "Disabled", "Locked".
wxString AccountStatusName(model::AccountStatus status);
/// "All" or "2 jurisdictions, 3 facilities".
wxString ScopeText(const model::Scope& scope);
/// "2026-11-25 17:10:49" (the column header says JST), or "Never".
wxString LastLoginText(const model::Account& account);
/// "Yamada Hanako (yamada)": how confirmations name an account.
wxString AccountName(const model::Account& account);

wxString AccountFieldErrorText(const model::FieldError& error);
/// "valid", "created", "error" in words.
wxString ImportStatusText(const std::string& status);
/// One import row's errors, "field: message; ...".
wxString ImportErrorsText(const std::vector<model::FieldError>& errors);

/// The tooltip of an action that cannot be done; empty for Unavailable::None.
wxString UnavailableText(Unavailable reason);

/// DescribeError, with the accounts screen's own words for last_manager, conflict and
/// weak/forbidden cases.
ErrorMessage DescribeAccountError(const client::ApiError& error);
/// The same for an import: rows refused by the real run, a file too large.
ErrorMessage DescribeImportError(const client::ApiError& error);

/// The navigation icon (resources/icons/accounts.svg).
wxBitmapBundle AccountsIcon(int sizeDip);

} // namespace resv::views
