#pragma once
// RAII owners for the OpenSSL objects the server makes, and one way to report OpenSSL's errors.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

namespace resv::server::tls {

template <auto FreeFunction>
struct OpenSslDeleter {
    template <typename T>
    void operator()(T* object) const {
        FreeFunction(object);
    }
};

using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION_free>>;

/// The queued OpenSSL errors as one line (and clears the queue).
std::string DrainOpenSslErrors();

/// Throws std::runtime_error("what: <OpenSSL's errors>").
[[noreturn]] void ThrowOpenSsl(const std::string& what);

/// PEM text of a certificate / a private key (PKCS#8, unencrypted: the file's mode protects it).
std::string ToPem(X509& certificate);
std::string ToPem(EVP_PKEY& key);

X509Ptr ReadCertificatePem(const std::string& pem);
EvpPkeyPtr ReadPrivateKeyPem(const std::string& pem);

} // namespace resv::server::tls
