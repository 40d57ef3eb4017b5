#include "views/common/Words.h"

#include "views/common/Text.h"

#include "resv/model/Role.h"

#include <wx/intl.h>

namespace resv::views {

wxString RoleName(std::string_view role) {
    namespace r = model::role;
    if (role == r::kCustomerManager) {
        // TRANSLATORS: a built-in role; the whitepaper calls it 顧客管理者.
        return _("Customer manager");
    }
    if (role == r::kCustomerManagerViewer) {
        // TRANSLATORS: a built-in role: a customer manager who can look but not change anything.
        return _("Customer manager (view only)");
    }
    if (role == r::kCustomerEmployee) {
        // TRANSLATORS: a built-in role; the whitepaper calls it 顧客従業員.
        return _("Customer employee");
    }
    if (role == r::kOperator) {
        // TRANSLATORS: a built-in role: the service provider's support staff.
        return _("Provider support operator");
    }
    return FromUtf8(role);
}

wxString RoleNames(const std::vector<std::string>& roles) {
    wxString joined;
    for (const auto& role : roles) {
        if (!joined.empty()) {
            // TRANSLATORS: separates items of a list, e.g. two role names.
            joined += _(", ");
        }
        joined += RoleName(role);
    }
    return joined;
}

wxString RegionName(std::string_view region) {
    if (region == "jp") {
        // TRANSLATORS: the country where the tenant's data is stored.
        return _("Japan");
    }
    return FromUtf8(region);
}

wxString NameWithCode(std::string_view name, std::string_view code) {
    // TRANSLATORS: a name followed by its code, e.g. "Demo Hotel Group (demo)".
    return wxString::Format(_("%s (%s)"), FromUtf8(name), FromUtf8(code));
}

} // namespace resv::views
