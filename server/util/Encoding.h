#pragma once
// Text for Japanese Excel, which reads a CSV file without a BOM as Shift_JIS (Windows code page
// 932).

#include <string>
#include <string_view>

namespace resv::server::util {

/// `utf8` in code page 932; a character it cannot hold (an emoji, say) becomes '?'.
std::string Utf8ToCp932(std::string_view utf8);

} // namespace resv::server::util
