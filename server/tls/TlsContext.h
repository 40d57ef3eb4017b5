#pragma once
// The TLS policy (A.10.1.1, the SSL Labs A+ criteria): TLS 1.2 and 1.3 only; in TLS 1.2 only
// ECDHE key exchange with AEAD ciphers; no compression, no renegotiation.

#include <openssl/ssl.h>

#include <filesystem>
#include <string>

namespace resv::server::tls {

/// TLS 1.2 suites: forward secrecy (ECDHE) and authenticated encryption (GCM, ChaCha20-Poly1305).
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305";
/// TLS 1.3 suites are all AEAD; listed so a changed OpenSSL default cannot widen them.
inline constexpr const char* kTls13Ciphersuites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

/// Applies the policy and loads the certificate chain and key. On failure returns false and
/// says why in `error`.
bool ConfigureServerContext(SSL_CTX& context, const std::filesystem::path& certificateChain,
                            const std::filesystem::path& privateKey, std::string& error);

} // namespace resv::server::tls
