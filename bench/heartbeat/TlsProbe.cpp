#include "TlsProbe.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <memory>

namespace resv::tools {
namespace {

struct ContextDeleter {
    void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
struct BioDeleter {
    void operator()(BIO* bio) const { BIO_free_all(bio); }
};

std::string Failure(const char* what) {
    const unsigned long code = ERR_get_error();
    char text[256] = {};
    ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return std::string("unknown (") + what + (code != 0 ? std::string(": ") + text : "") + ")";
}

} // namespace

std::string NegotiatedTls(int port, const std::filesystem::path& caFile) {
    const std::unique_ptr<SSL_CTX, ContextDeleter> context(SSL_CTX_new(TLS_client_method()));
    if (!context || SSL_CTX_set_min_proto_version(context.get(), TLS1_2_VERSION) != 1 ||
        SSL_CTX_load_verify_locations(context.get(), caFile.c_str(), nullptr) != 1) {
        return Failure("client set-up");
    }
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_PEER, nullptr);
    const std::unique_ptr<BIO, BioDeleter> bio(BIO_new_ssl_connect(context.get()));
    if (!bio) {
        return Failure("client set-up");
    }
    const std::string address = "127.0.0.1:" + std::to_string(port);
    BIO_set_conn_hostname(bio.get(), address.c_str());
    SSL* ssl = nullptr;
    BIO_get_ssl(bio.get(), &ssl);
    if (!ssl || SSL_set1_host(ssl, "127.0.0.1") != 1) {
        return Failure("client set-up");
    }
    if (BIO_do_handshake(bio.get()) != 1) {
        return Failure("handshake");
    }
    return std::string(SSL_get_version(ssl)) + " " + SSL_get_cipher_name(ssl);
}

} // namespace resv::tools
