#include "views/accounts/AccountWords.h"

#include "views/accounts/AccountEditPresenter.h"
#include "views/common/Text.h"

#include "IconData.h"

#include "resv/model/Problem.h"
#include "resv/model/Time.h"

#include <wx/intl.h>

namespace resv::views {

wxString AccountStatusName(model::AccountStatus status) {
    switch (status) {
    case model::AccountStatus::Active:
        // TRANSLATORS: an account's status: it can log in.
        return _("Active");
    case model::AccountStatus::Disabled:
        // TRANSLATORS: an account's status: a manager turned it off; it cannot log in.
        return _("Disabled");
    case model::AccountStatus::Locked:
        // TRANSLATORS: an account's status: too many wrong passwords; it cannot log in for a while.
        return _("Locked");
    }
    return {};
}

wxString AccountStatusText(const model::Account& account) {
    if (account.status == model::AccountStatus::Locked && account.lockedUntil) {
        // "2026-11-25 17:10 JST" -> "17:10 JST": a lock lasts at most 15 minutes.
        const std::string until = model::FormatJstDateTimeShort(*account.lockedUntil).substr(11);
        // TRANSLATORS: an account's status with the time its lock ends, e.g. "Locked until 17:10
        // JST".
        return wxString::Format(_("Locked until %s"), FromUtf8(until));
    }
    return AccountStatusName(account.status);
}

wxString ScopeText(const model::Scope& scope) {
    if (scope.all) {
        // TRANSLATORS: an account's scope: every jurisdiction and facility of the tenant.
        return _("All");
    }
    const int j = static_cast<int>(scope.jurisdictions.size());
    const int f = static_cast<int>(scope.facilities.size());
    // TRANSLATORS: part of an account's scope, e.g. "2 jurisdictions".
    const wxString jurisdictions =
        wxString::Format(wxPLURAL("%d jurisdiction", "%d jurisdictions", j), j);
    // TRANSLATORS: part of an account's scope, e.g. "3 facilities".
    const wxString facilities = wxString::Format(wxPLURAL("%d facility", "%d facilities", f), f);
    if (j > 0 && f > 0) {
        // TRANSLATORS: an account's scope: "2 jurisdictions, 3 facilities".
        return wxString::Format(_("%s, %s"), jurisdictions, facilities);
    }
    if (j > 0) {
        return jurisdictions;
    }
    if (f > 0) {
        return facilities;
    }
    // TRANSLATORS: an account's scope that reaches no facility at all.
    return _("Nothing");
}

wxString LastLoginText(const model::Account& account) {
    if (!account.lastLoginAt) {
        // TRANSLATORS: the last login of an account that has never logged in.
        return _("Never");
    }
    return FromUtf8(model::FormatJstDateTime(*account.lastLoginAt));
}

wxString AccountName(const model::Account& account) {
    // TRANSLATORS: an account in a question: display name, then login ID.
    return wxString::Format(_("%s (%s)"), FromUtf8(account.displayName), FromUtf8(account.loginId));
}

wxString AccountFieldErrorText(const model::FieldError& error) {
    const std::string field = FieldOfError(error.field);
    const std::string& c = error.code;
    namespace f = account_field;
    if (field == f::kLoginId) {
        if (c == model::error_code::kConflict) {
            return _("This login ID is already used in your organization. Choose another one.");
        }
        if (c == "required") {
            return _("Enter a login ID.");
        }
        return wxString::Format(
            _("Use %zu to %zu characters: lower-case letters a-z, digits and . _ -"),
            model::kMinLoginIdLength, model::kMaxLoginIdLength);
    }
    if (field == f::kDisplayName) {
        if (c == "too_long") {
            return wxString::Format(_("Too long: at most %zu characters."),
                                    model::kMaxDisplayNameLength);
        }
        return c == "required" ? _("Enter the name colleagues know this person by.")
                               : _("Contains characters that cannot be used here.");
    }
    if (field == f::kEmail) {
        return _("Enter an e-mail address such as name@example.jp, or leave it empty.");
    }
    if (field == f::kRoles) {
        if (c == model::error_code::kLastManager) {
            return _("This is the last active customer manager: give another account the "
                     "Customer manager role first.");
        }
        if (c == "required") {
            return _("Choose at least one role.");
        }
        return _("This role cannot be given here (it may have been deleted, or be for the "
                 "service provider only).");
    }
    if (field == f::kScope || field == "all" || field == "jurisdictions" || field == "facilities") {
        if (c == "required") {
            return _("Choose All, or at least one jurisdiction or facility.");
        }
        return _("A chosen jurisdiction or facility no longer exists. Check the choices.");
    }
    if (c == "required") {
        return _("This field is required.");
    }
    return _("This value is not accepted.");
}

wxString ImportStatusText(const std::string& status) {
    if (status == "valid") {
        // TRANSLATORS: an import row that the dry run found correct.
        return _("Ready");
    }
    if (status == "created") {
        return _("Created");
    }
    // TRANSLATORS: an import row with mistakes; it must be corrected in the file.
    return _("Error");
}

wxString ImportErrorsText(const std::vector<model::FieldError>& errors) {
    wxString text;
    for (const auto& error : errors) {
        if (!text.empty()) {
            // TRANSLATORS: separates two error messages of one import row.
            text += _("; ");
        }
        const std::string field = FieldOfError(error.field);
        if (error.code == model::error_code::kConflict || error.code == "exists") {
            text += _("This login ID already exists.");
        } else if (error.code == "duplicate") {
            text += _("An earlier line of the file has the same login ID.");
        } else if (error.code == "ambiguous") {
            text += _("Several facilities have this name: write it as jurisdiction/facility, "
                      "e.g. Tokyo/Hotel Shinjuku.");
        } else if (error.code == "too_many") {
            text += _("Too many names in one cell.");
        } else if (field == "roles" && error.code == "not_found") {
            text += _("A role of this name does not exist.");
        } else if ((field == "jurisdictions" || field == "facilities") &&
                   error.code == "not_found") {
            text += _("A jurisdiction or facility of this name does not exist.");
        } else if (field == "line" || field == "columns") {
            text += _("The line does not have the six columns of the template.");
        } else {
            text += AccountFieldErrorText(error);
        }
    }
    return text;
}

wxString UnavailableText(Unavailable reason) {
    switch (reason) {
    case Unavailable::None:
        return {};
    case Unavailable::ReadOnly:
        return _("Your role can view accounts but not change them (it lacks the permission to "
                 "manage accounts).");
    case Unavailable::NoSelection:
        return _("Select an account in the list first.");
    case Unavailable::Busy:
        return _("Wait until the current change is finished.");
    case Unavailable::NotNeeded:
        return _("Not needed for this account in its current status.");
    case Unavailable::Self:
        return _("You cannot do this to your own account; ask another customer manager.");
    }
    return {};
}

ErrorMessage DescribeAccountError(const client::ApiError& error) {
    if (error.GetKind() == client::ApiError::Kind::Http) {
        if (error.Code() == model::error_code::kLastManager) {
            return {_("This is the last active customer manager of your organization, so it "
                      "cannot be disabled, deleted or lose the role."),
                    _("Give another account the Customer manager role first; then try again.")};
        }
    }
    return DescribeError(error);
}

ErrorMessage DescribeImportError(const client::ApiError& error) {
    // The server could not read the file at all (its field is "file" or "header").
    const auto unreadable = [&]() -> std::optional<ErrorMessage> {
        for (const model::FieldError& problem : error.Problem().errors) {
            if (problem.field == "header") {
                return ErrorMessage{
                    _("The first line of the file does not name the columns of the template."),
                    _("It must name login_id, display_name, email, roles, jurisdictions and "
                      "facilities, each once. A file saved with Export CSV has them.")};
            }
            if (problem.field != "file") {
                continue;
            }
            if (problem.code == "too_many_rows") {
                return ErrorMessage{_("The file has too many accounts to import at once."),
                                    _("Split it into files of at most 300 accounts and import "
                                      "them one after another.")};
            }
            if (problem.code == "no_rows" || problem.code == "empty") {
                return ErrorMessage{_("The file has no accounts to import."),
                                    _("Add one account per line under the header line.")};
            }
            return ErrorMessage{_("The file cannot be read as CSV."),
                                _("A quotation mark may be left open. Save it again from Excel "
                                  "as \"CSV UTF-8 (Comma delimited)\".")};
        }
        return std::nullopt;
    };
    if (error.GetKind() == client::ApiError::Kind::Http &&
        error.Code() == model::error_code::kInvalidField) {
        if (auto message = unreadable()) {
            return *message;
        }
        return {_("Some rows were not accepted, so nothing was created."),
                _("Someone may have changed the accounts since the check. Check the file "
                  "again, correct the rows shown as errors and apply once more.")};
    }
    if (error.GetKind() == client::ApiError::Kind::Http &&
        error.Code() == model::error_code::kPayloadTooLarge) {
        return {_("The file is too large to import at once."),
                _("Split it into smaller files and import them one after another.")};
    }
    return DescribeAccountError(error);
}

wxBitmapBundle AccountsIcon(int sizeDip) {
    return wxBitmapBundle::FromSVG(icon_data::kAccounts, wxSize(sizeDip, sizeDip));
}

} // namespace resv::views
