#include "tls/TlsContext.h"

#include "tls/OpenSsl.h"

namespace resv::server::tls {
namespace {

bool ApplyPolicy(SSL_CTX& context) {
    SSL_CTX_set_options(&context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                      SSL_OP_CIPHER_SERVER_PREFERENCE);
    return SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION) == 1 &&
           SSL_CTX_set_max_proto_version(&context, TLS1_3_VERSION) == 1 &&
           SSL_CTX_set_cipher_list(&context, kTls12Ciphers) == 1 &&
           SSL_CTX_set_ciphersuites(&context, kTls13Ciphersuites) == 1 &&
           SSL_CTX_set1_groups_list(&context, "X25519:P-256:P-384") == 1;
}

bool LoadIdentity(SSL_CTX& context, const std::filesystem::path& certificateChain,
                  const std::filesystem::path& privateKey) {
    return SSL_CTX_use_certificate_chain_file(&context, certificateChain.c_str()) == 1 &&
           SSL_CTX_use_PrivateKey_file(&context, privateKey.c_str(), SSL_FILETYPE_PEM) == 1 &&
           SSL_CTX_check_private_key(&context) == 1;
}

} // namespace

bool ConfigureServerContext(SSL_CTX& context, const std::filesystem::path& certificateChain,
                            const std::filesystem::path& privateKey, std::string& error) {
    if (!ApplyPolicy(context)) {
        error = "cannot apply the TLS policy: " + DrainOpenSslErrors();
        return false;
    }
    if (!LoadIdentity(context, certificateChain, privateKey)) {
        error = "cannot load " + certificateChain.string() + " and " + privateKey.string() + ": " +
                DrainOpenSslErrors();
        return false;
    }
    return true;
}

} // namespace resv::server::tls
