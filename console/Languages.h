#pragma once
// Which language the console speaks, and where its catalogs are. English is the source language;
// Japanese comes from i18n/ja.po, wx's own labels (Cancel, ...) from wx3.2-i18n.

#include <wx/string.h>

#include <string>
#include <vector>

namespace resv::console {

inline constexpr const char* kCatalogDomain = "resv-console";

/// "ja" when the OS's language is Japanese, else "en".
std::string SystemLanguage();

/// Where resv-console.mo may be, from the executable's place: the build tree's i18n/ and the
/// install prefix's share/locale/.
std::vector<wxString> DefaultCatalogDirs();

/// Installs a fresh wxTranslations for `language` ("ja" or "en") with our catalog and wx's.
/// Windows made afterwards speak it. Returns false (and logs) when our catalog was not found.
bool UseLanguage(const std::string& language, const std::vector<wxString>& catalogDirs);

} // namespace resv::console
