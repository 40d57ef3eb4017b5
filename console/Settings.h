#pragma once
// ISettings in a wxConfig (on Linux ~/.resv-console/resv-console.conf). The password and the
// session token are never written.

#include "views/common/Settings.h"

class wxConfigBase;

namespace resv::console {

class ConfigSettings final : public views::ISettings {
public:
    /// `config` must outlive this object.
    explicit ConfigSettings(wxConfigBase& config)
        : m_config(config) {}

    views::RememberedLogin LoadLogin() const override;
    void SaveLogin(const views::RememberedLogin& login) override;
    std::string Language() const override;
    void SetLanguage(const std::string& language) override;
    std::string ListColumns(const std::string& list) const override;
    void SetListColumns(const std::string& list, const std::string& columns) override;

private:
    wxConfigBase& m_config;
};

} // namespace resv::console
