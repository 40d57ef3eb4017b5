#pragma once
// Which TLS version and cipher a loopback server negotiates with an OpenSSL client offering
// TLS 1.2 and 1.3, so the table shows both sides ran the same protocol.

#include <filesystem>
#include <string>

namespace resv::tools {

/// "TLSv1.3 TLS_AES_256_GCM_SHA384", or "unknown (why)" when the handshake failed.
std::string NegotiatedTls(int port, const std::filesystem::path& caFile);

} // namespace resv::tools
