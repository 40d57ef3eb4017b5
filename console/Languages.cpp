#include "console/Languages.h"

#include "views/common/Text.h"

#include <spdlog/spdlog.h>

#include <wx/filename.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

#include <algorithm>

namespace resv::console {

std::string SystemLanguage() {
    const int language = wxUILocale::GetSystemLanguage();
    if (language == wxLANGUAGE_UNKNOWN || language == wxLANGUAGE_DEFAULT) {
        return "en";
    }
    return wxUILocale::GetLanguageCanonicalName(language).StartsWith(wxS("ja")) ? "ja" : "en";
}

std::vector<wxString> DefaultCatalogDirs() {
    const wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
    wxFileName buildTree(exe.GetPath(), wxString());
    buildTree.RemoveLastDir();
    buildTree.AppendDir(wxS("i18n"));
    wxFileName installed(exe.GetPath(), wxString());
    installed.RemoveLastDir();
    installed.AppendDir(wxS("share"));
    installed.AppendDir(wxS("locale"));
    return {buildTree.GetPath(), installed.GetPath()};
}

bool UseLanguage(const std::string& language, const std::vector<wxString>& catalogDirs) {
    static std::vector<wxString> added; // the loader keeps a global list: add each dir once
    for (const wxString& dir : catalogDirs) {
        if (std::find(added.begin(), added.end(), dir) == added.end()) {
            wxFileTranslationsLoader::AddCatalogLookupPathPrefix(dir);
            added.push_back(dir);
        }
    }
    auto* translations = new wxTranslations; // wxTranslations::Set takes ownership
    wxTranslations::Set(translations);
    translations->SetLanguage(views::FromUtf8(language));
    translations->AddStdCatalog();
    if (language == "en") {
        return true; // the source language needs no catalog of ours
    }
    if (!translations->AddCatalog(wxString::FromAscii(kCatalogDomain))) {
        spdlog::warn("no {} catalog for '{}' in the catalog folders; the console speaks English",
                     kCatalogDomain, language);
        return false;
    }
    return true;
}

} // namespace resv::console
