#include "views/permissions/PermissionWords.h"

#include "views/common/Text.h"

#include <wx/intl.h>

#include <utility>

namespace resv::views {
namespace {

struct Words {
    std::string_view permission;
    wxString title;
    wxString explanation;
};

// Built on each call so that the words follow a language switch.
std::pair<wxString, wxString> Describe(std::string_view permission) {
    namespace p = model::permission;
    const Words words[] = {
        {p::kAccountsRead, _("View accounts"),
         _("See the staff accounts, their roles, scope and status.")},
        {p::kAccountsWrite, _("Manage accounts"),
         _("Register, edit, disable and delete accounts; reset passwords.")},
        {p::kRolesRead, _("View roles"), _("See the roles and what each one allows.")},
        {p::kRolesWrite, _("Manage roles"), _("Create, change and delete custom roles.")},
        {p::kFacilitiesRead, _("View facilities"),
         _("See jurisdictions and facilities in the account's scope.")},
        {p::kFacilitiesWrite, _("Manage facilities"),
         _("Add, edit, move and delete jurisdictions and facilities.")},
        {p::kTerminalsRead, _("View terminals"), _("See terminals and their status.")},
        {p::kTerminalsWrite, _("Manage terminals"),
         _("Register, edit and delete terminals; issue device tokens.")},
        {p::kTerminalsConfigure, _("Configure terminals remotely"),
         _("Change a terminal's settings from the console.")},
        // TRANSLATORS: 利用履歴 in the whitepaper.
        {p::kUsageRead, _("View the usage history"),
         _("See who did what and when (manager tier and above).")},
        {p::kUsageExport, _("Export the usage history"),
         _("Save the usage history to a file (manager tier and above).")},
        {p::kMonitoringRead, _("View service status"),
         _("See monitoring, failures and uptime (manager tier and above).")},
        {p::kNoticesRead, _("View notices"), _("See incident, change and maintenance notices.")},
        {p::kNoticesAck, _("Acknowledge notices"), _("Mark notices as read for the tenant.")},
        {p::kTenantContactsWrite, _("Manage designated contacts"),
         _("Choose who receives the provider's notices by e-mail.")},
    };
    for (const Words& entry : words) {
        if (entry.permission == permission) {
            return {entry.title, entry.explanation};
        }
    }
    return {FromUtf8(permission), wxString()};
}

} // namespace

wxString PermissionTitle(std::string_view permission) {
    return Describe(permission).first;
}

wxString PermissionExplanation(std::string_view permission) {
    return Describe(permission).second;
}

wxString TierName(model::Tier tier) {
    switch (tier) {
    case model::Tier::Provider:
        // TRANSLATORS: the tier of the provider's own support staff.
        return _("Provider");
    case model::Tier::Manager:
        // TRANSLATORS: a role's tier: customer manager level (顧客管理者).
        return _("Manager");
    case model::Tier::Employee:
        // TRANSLATORS: a role's tier: customer employee level (顧客従業員).
        return _("Employee");
    }
    return {};
}

wxString LockText(LockReason reason) {
    switch (reason) {
    case LockReason::None:
        return {};
    case LockReason::ReadOnlyAccount:
        return _("Your role can view roles but not change them.");
    case LockReason::Builtin:
        return _("Built-in roles cannot be changed. Create a custom role to choose permissions "
                 "freely.");
    case LockReason::TierTooLow:
        return _("Only manager-tier roles may hold this permission (the usage history and "
                 "service status are for customer managers and above). Set the tier to Manager "
                 "to grant it.");
    }
    return {};
}

wxString ReachViaText(ReachVia via) {
    switch (via) {
    case ReachVia::All:
        return _("Scope: all facilities");
    case ReachVia::Jurisdiction:
        return _("Its jurisdiction is in the scope");
    case ReachVia::Facility:
        return _("Named in the scope");
    case ReachVia::Other:
        break;
    }
    return _("Other");
}

wxString AccountStatusWord(model::AccountStatus status) {
    switch (status) {
    case model::AccountStatus::Active:
        return _("Active");
    case model::AccountStatus::Disabled:
        return _("Disabled");
    case model::AccountStatus::Locked:
        return _("Locked");
    }
    return {};
}

} // namespace resv::views
