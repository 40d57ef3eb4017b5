// TLS 1.2 and 1.3 only, ECDHE with AEAD only in TLS 1.2, a certificate for localhost, 127.0.0.1
// and ::1 from the dev CA; and the client's refusal of an untrusted CA or a wrong pin.

#include "support/RawTls.h"
#include "support/TestServer.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace resv;
using namespace resv::test;
using client::ApiError;

namespace {

TlsClientSettings Trusting(const TestServer& server) {
    TlsClientSettings settings;
    settings.caFile = server.CaFile().string();
    return settings;
}

/// What a client from before 2018 offers: TLS 1.0 and 1.1 only, at security level 0.
TlsClientSettings LegacyClient() {
    TlsClientSettings settings;
    settings.minVersion = TLS1_VERSION;
    settings.maxVersion = TLS1_1_VERSION;
    settings.cipherList = "DEFAULT:@SECLEVEL=0";
    return settings;
}

/// "sha256//BASE64" of the certificate's public key, as curl pins it.
std::string PinOf(const std::filesystem::path& certificateFile) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(certificateFile.c_str(), "r"),
                                               &std::fclose);
    REQUIRE(file);
    std::unique_ptr<X509, void (*)(X509*)> certificate(
        PEM_read_X509(file.get(), nullptr, nullptr, nullptr), &X509_free);
    REQUIRE(certificate);
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(X509_get0_pubkey(certificate.get()), &der);
    REQUIRE(length > 0);
    unsigned char digest[32];
    unsigned int digestLength = 0;
    EVP_Digest(der, static_cast<std::size_t>(length), digest, &digestLength, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    unsigned char base64[64] = {};
    EVP_EncodeBlock(base64, digest, static_cast<int>(digestLength));
    return "sha256//" + std::string(reinterpret_cast<char*>(base64));
}

/// A self-signed RSA-2048 certificate for localhost, as an operator might bring with --tls-cert.
std::pair<std::filesystem::path, std::filesystem::path>
MakeSelfSignedRsa(const std::filesystem::path& dir) {
    std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    REQUIRE(key);
    std::unique_ptr<X509, void (*)(X509*)> certificate(X509_new(), &X509_free);
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 3600);
    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), name);
    X509_set_pubkey(certificate.get(), key.get());
    REQUIRE(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0);

    const auto certificateFile = dir / "rsa.crt";
    const auto keyFile = dir / "rsa.key";
    std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(certificateFile.c_str(), "w"),
                                              &std::fclose);
    REQUIRE(PEM_write_X509(out.get(), certificate.get()) == 1);
    out.reset(std::fopen(keyFile.c_str(), "w"));
    REQUIRE(PEM_write_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1);
    return {certificateFile, keyFile};
}

} // namespace

TEST_CASE("A client offering only TLS 1.0/1.1 is refused in the handshake") {
    TestServer server;
    // The same client settings do complete a TLS 1.1 handshake with a server that allows it,
    // so the refusal below is the policy's doing, not a client that cannot speak TLS 1.1.
    {
        const auto tlsDir = server.DataDir() / "tls";
        LegacyTlsServer legacy(tlsDir / "server.crt", tlsDir / "server.key");
        const TlsResult control = TlsExchange(legacy.Port(), LegacyClient());
        INFO(control.failure);
        REQUIRE(control.connected);
        CHECK(control.version == TLS1_1_VERSION);
    }
    const TlsResult result = TlsExchange(server.Port(), LegacyClient());
    INFO(result.failure);
    CHECK_FALSE(result.connected);
    CHECK(result.failureReason == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION);
}

TEST_CASE("TLS 1.2 and TLS 1.3 clients are served, with verified certificates") {
    TestServer server;
    TlsClientSettings tls12 = Trusting(server);
    tls12.minVersion = tls12.maxVersion = TLS1_2_VERSION;
    const TlsResult twelve = TlsExchange(server.Port(), tls12);
    INFO(twelve.failure);
    REQUIRE(twelve.connected);
    CHECK(twelve.version == TLS1_2_VERSION);
    CHECK(twelve.cipher.rfind("ECDHE-", 0) == 0);

    TlsClientSettings tls13 = Trusting(server);
    tls13.minVersion = tls13.maxVersion = TLS1_3_VERSION;
    const TlsResult thirteen = TlsExchange(server.Port(), tls13);
    INFO(thirteen.failure);
    REQUIRE(thirteen.connected);
    CHECK(thirteen.version == TLS1_3_VERSION);
}

TEST_CASE("In TLS 1.2 only ECDHE with AEAD is accepted") {
    TestServer server;
    const std::vector<std::string> refused{
        "ECDHE-ECDSA-AES128-SHA",    // CBC
        "ECDHE-ECDSA-AES256-SHA384", // CBC
        "ECDHE-ECDSA-AES128-SHA256", // CBC
        "ECDHE-ECDSA-AES128-CCM8",   // AEAD, but with a short tag
        "ECDHE-ECDSA-AES128-CCM",    // AEAD, but not on the list
    };
    for (const auto& cipher : refused) {
        INFO(cipher);
        TlsClientSettings settings = Trusting(server);
        settings.minVersion = settings.maxVersion = TLS1_2_VERSION;
        settings.cipherList = cipher + ":@SECLEVEL=0";
        const TlsResult result = TlsExchange(server.Port(), settings);
        CHECK_FALSE(result.connected);
        CHECK(result.failureReason == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE);
    }
    for (const std::string cipher :
         {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
          "ECDHE-ECDSA-CHACHA20-POLY1305"}) {
        INFO(cipher);
        TlsClientSettings settings = Trusting(server);
        settings.minVersion = settings.maxVersion = TLS1_2_VERSION;
        settings.cipherList = cipher;
        const TlsResult result = TlsExchange(server.Port(), settings);
        INFO(result.failure);
        CHECK(result.connected);
        CHECK(result.cipher == cipher);
    }
}

TEST_CASE("With a given RSA certificate, RSA key exchange, DHE and CBC are still refused") {
    TempDir dir;
    const auto [certificate, key] = MakeSelfSignedRsa(dir.Path());
    server::ServerConfig config;
    config.dataDir = dir.Path() / "data";
    config.port = 0;
    config.tlsCert = certificate;
    config.tlsKey = key;
    server::Server server(config);
    server.Start();
    CHECK(server.CaFile().empty());
    CHECK_FALSE(std::filesystem::exists(dir.Path() / "data" / "tls"));

    for (const std::string cipher :
         {"AES128-GCM-SHA256", "AES256-GCM-SHA384", "DHE-RSA-AES128-GCM-SHA256",
          "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES128-SHA256"}) {
        INFO(cipher);
        TlsClientSettings settings;
        settings.minVersion = settings.maxVersion = TLS1_2_VERSION;
        settings.cipherList = cipher + ":@SECLEVEL=0";
        const TlsResult result = TlsExchange(server.Port(), settings);
        CHECK_FALSE(result.connected);
        CHECK(result.failureReason == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE);
    }
    TlsClientSettings good;
    good.caFile = certificate.string();
    good.minVersion = good.maxVersion = TLS1_2_VERSION;
    good.cipherList = "ECDHE-RSA-AES128-GCM-SHA256";
    const TlsResult result = TlsExchange(server.Port(), good);
    INFO(result.failure);
    CHECK(result.connected);
    CHECK(result.cipher == "ECDHE-RSA-AES128-GCM-SHA256");
}

TEST_CASE("The dev certificate is valid for localhost, 127.0.0.1 and ::1, and nothing else") {
    TestServer server;
    for (const char* host : {"localhost", "127.0.0.1", "::1"}) {
        INFO(host);
        TlsClientSettings settings = Trusting(server);
        settings.verifyHost = host;
        const TlsResult result = TlsExchange(server.Port(), settings);
        INFO(result.failure);
        CHECK(result.connected);
        CHECK(result.verifyResult == X509_V_OK);
    }
    TlsClientSettings elsewhere = Trusting(server);
    elsewhere.verifyHost = "resv.example.jp";
    const TlsResult result = TlsExchange(server.Port(), elsewhere);
    CHECK_FALSE(result.connected);
    CHECK(result.verifyResult == X509_V_ERR_HOSTNAME_MISMATCH);
}

TEST_CASE("The client refuses a server whose CA it was not given, and a wrong pin") {
    TestServer server;
    TestServer stranger; // another dev CA

    client::ClientOptions untrusted;
    untrusted.baseUrl = server.BaseUrl();
    untrusted.caFile = stranger.CaFile().string();
    const ApiError unknownCa = ApiErrorOf([&] { client::ApiClient(untrusted).GetHealth(); });
    CHECK(unknownCa.GetKind() == ApiError::Kind::Certificate);
    CHECK(unknownCa.GetCertificateReason() == ApiError::CertificateReason::UnknownIssuer);

    client::ClientOptions systemTrust;
    systemTrust.baseUrl = server.BaseUrl();
    CHECK(ApiErrorOf([&] { client::ApiClient(systemTrust).GetHealth(); }).GetKind() ==
          ApiError::Kind::Certificate);

    client::ClientOptions wrongPin;
    wrongPin.baseUrl = server.BaseUrl();
    wrongPin.caFile = server.CaFile().string();
    wrongPin.publicKeyPin = PinOf(stranger.DataDir() / "tls" / "server.crt");
    const ApiError pinned = ApiErrorOf([&] { client::ApiClient(wrongPin).GetHealth(); });
    CHECK(pinned.GetKind() == ApiError::Kind::Certificate);
    CHECK(pinned.GetCertificateReason() == ApiError::CertificateReason::PinMismatch);

    client::ClientOptions rightPin = wrongPin;
    rightPin.publicKeyPin = PinOf(server.DataDir() / "tls" / "server.crt");
    CHECK(client::ApiClient(rightPin).GetHealth().status == "ok");
}
