#include "tls/OpenSsl.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <stdexcept>

namespace resv::server::tls {
namespace {

std::string BioText(BIO& bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(&bio, &data);
    return std::string(data, static_cast<std::size_t>(length));
}

BioPtr MemoryBio() {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio) {
        ThrowOpenSsl("BIO_new");
    }
    return bio;
}

} // namespace

std::string DrainOpenSslErrors() {
    std::string text;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.empty()) {
            text += "; ";
        }
        text += buffer;
    }
    return text.empty() ? "no OpenSSL error queued" : text;
}

void ThrowOpenSsl(const std::string& what) {
    throw std::runtime_error(what + ": " + DrainOpenSslErrors());
}

std::string ToPem(X509& certificate) {
    BioPtr bio = MemoryBio();
    if (PEM_write_bio_X509(bio.get(), &certificate) != 1) {
        ThrowOpenSsl("PEM_write_bio_X509");
    }
    return BioText(*bio);
}

std::string ToPem(EVP_PKEY& key) {
    BioPtr bio = MemoryBio();
    if (PEM_write_bio_PrivateKey(bio.get(), &key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        ThrowOpenSsl("PEM_write_bio_PrivateKey");
    }
    return BioText(*bio);
}

X509Ptr ReadCertificatePem(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    X509Ptr certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!certificate) {
        ThrowOpenSsl("cannot read the certificate");
    }
    return certificate;
}

EvpPkeyPtr ReadPrivateKeyPem(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        ThrowOpenSsl("cannot read the private key");
    }
    return key;
}

} // namespace resv::server::tls
