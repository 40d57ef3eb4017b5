#pragma once
// Names the server sends as codes, in the user's language (the whitepaper's words in Japanese).

#include <wx/string.h>

#include <string>
#include <string_view>
#include <vector>

namespace resv::views {

/// "customermanager" -> "Customer manager" / 顧客管理者; a tenant-defined role keeps its name.
wxString RoleName(std::string_view role);

/// The roles joined with the language's list separator.
wxString RoleNames(const std::vector<std::string>& roles);

/// "jp" -> "Japan" / 日本; an unknown region keeps its code.
wxString RegionName(std::string_view region);

/// "Name (code)".
wxString NameWithCode(std::string_view name, std::string_view code);

} // namespace resv::views
