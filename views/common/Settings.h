#pragma once
// What the console remembers between runs. Never the password, never a token.

#include <string>

namespace resv::views {

struct RememberedLogin {
    std::string serverUrl;
    std::string tenant;
    std::string loginId;
    std::string actAsTenant; ///< operators only; empty otherwise

    bool operator==(const RememberedLogin&) const = default;
};

class ISettings {
public:
    virtual ~ISettings() = default;

    virtual RememberedLogin LoadLogin() const = 0;
    virtual void SaveLogin(const RememberedLogin& login) = 0;
    /// "ja", "en", or empty for the OS's language.
    virtual std::string Language() const = 0;
    virtual void SetLanguage(const std::string& language) = 0;
    /// A list's columns as the user left them (widths, hidden ones), in the list's own format;
    /// empty when never saved. `list` names the list, e.g. "usage-history".
    virtual std::string ListColumns(const std::string& list) const = 0;
    virtual void SetListColumns(const std::string& list, const std::string& columns) = 0;
};

} // namespace resv::views
