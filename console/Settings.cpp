#include "console/Settings.h"

#include "views/common/Text.h"

#include <wx/confbase.h>

namespace resv::console {
namespace {

constexpr const char* kServerUrl = "/Login/ServerUrl";
constexpr const char* kTenant = "/Login/Tenant";
constexpr const char* kLoginId = "/Login/LoginId";
constexpr const char* kActAsTenant = "/Login/ActAsTenant";
constexpr const char* kLanguage = "/Interface/Language";

std::string Read(const wxConfigBase& config, const char* key) {
    wxString value;
    config.Read(wxString::FromAscii(key), &value);
    return views::ToUtf8(value);
}

void Write(wxConfigBase& config, const char* key, const std::string& value) {
    config.Write(wxString::FromAscii(key), views::FromUtf8(value));
}

std::string ColumnsKey(const std::string& list) {
    return "/Lists/" + list + "/Columns";
}

} // namespace

views::RememberedLogin ConfigSettings::LoadLogin() const {
    return {Read(m_config, kServerUrl), Read(m_config, kTenant), Read(m_config, kLoginId),
            Read(m_config, kActAsTenant)};
}

void ConfigSettings::SaveLogin(const views::RememberedLogin& login) {
    Write(m_config, kServerUrl, login.serverUrl);
    Write(m_config, kTenant, login.tenant);
    Write(m_config, kLoginId, login.loginId);
    Write(m_config, kActAsTenant, login.actAsTenant);
    m_config.Flush();
}

std::string ConfigSettings::Language() const {
    const std::string language = Read(m_config, kLanguage);
    return language == "ja" || language == "en" ? language : std::string();
}

void ConfigSettings::SetLanguage(const std::string& language) {
    Write(m_config, kLanguage, language);
    m_config.Flush();
}

std::string ConfigSettings::ListColumns(const std::string& list) const {
    return Read(m_config, ColumnsKey(list).c_str());
}

void ConfigSettings::SetListColumns(const std::string& list, const std::string& columns) {
    Write(m_config, ColumnsKey(list).c_str(), columns);
    m_config.Flush();
}

} // namespace resv::console
