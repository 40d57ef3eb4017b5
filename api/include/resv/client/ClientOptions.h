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
    /// A kept-alive connection idle longer than this is not reused but replaced. Below
    /// resv-server's keep-alive (40 s), so the client never sends on a connection the server has
    /// just closed: Debian 12's libcurl counts such retries over the handle's whole life and, at
    /// the sixth, fails the request with "Connection died" (curl/curl#19066), which a console
    /// left idle between clicks would otherwise show as a network error.
    std::chrono::seconds maxIdleConnectionAge{30};
    std::string userAgent = "resv-client";
};

} // namespace resv::client
