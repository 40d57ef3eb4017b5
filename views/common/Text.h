#pragma once
// Text crosses between the model (UTF-8 std::string) and wx only through these, never through a
// narrow literal (which breaks, or crashes, in the C locale).

#include <wx/string.h>

#include <string>
#include <string_view>

namespace resv::views {

inline wxString FromUtf8(std::string_view text) {
    return wxString::FromUTF8(text.data(), text.size());
}

inline std::string ToUtf8(const wxString& text) {
    const wxScopedCharBuffer utf8 = text.utf8_str();
    return std::string(utf8.data(), utf8.length());
}

} // namespace resv::views
