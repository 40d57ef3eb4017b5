#pragma once
// Without --tls-cert the server makes its own development CA and a certificate for localhost,
// 127.0.0.1 and ::1 signed by it (P-256), once, and reuses them on later starts.

#include <filesystem>

namespace resv::server::tls {

struct DevTlsFiles {
    std::filesystem::path caCertificate; ///< what clients trust (DIR/tls/ca.crt)
    std::filesystem::path serverCertificate;
    std::filesystem::path serverKey;
};

/// Makes `tlsDir` (0700) and what is missing or about to expire in it: `ca.crt` + `ca.key`,
/// `server.crt` + `server.key` (keys 0600). Throws std::runtime_error with OpenSSL's reason.
DevTlsFiles EnsureDevCertificates(const std::filesystem::path& tlsDir);

} // namespace resv::server::tls
