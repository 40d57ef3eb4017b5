#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace resv::client {

struct ClientOptions {
    /// "https://host:port"; anything but https is refused.
    std::string baseUrl;
    /// A PEM file of CA certificates to trust instead of the system's (the dev CA of the demo).
    std::optional<std::string> caFile;
    /// "sha256//BASE64" of the server's public key (SPKI), in addition to normal verification.
    std::optional<std::string> publicKeyPin;
    std::chrono::milliseconds connectTimeout{std::chrono::seconds(10)};
    std::chrono::milliseconds totalTimeout{std::chrono::seconds(30)};
    std::string userAgent = "resv-client";
};

} // namespace resv::client
