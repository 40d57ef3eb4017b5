#include "tls/DevCertificates.h"

#include "tls/OpenSsl.h"
#include "util/Files.h"

#include <openssl/rand.h>
#include <spdlog/spdlog.h>

#include <array>
#include <ctime>
#include <optional>

namespace resv::server::tls {
namespace {

constexpr long kCaDays = 3650;
constexpr long kServerDays = 397; // what browsers still accept for a leaf certificate
constexpr std::time_t kRenewBeforeSeconds = 30L * 24 * 3600;

struct KeyPair {
    X509Ptr certificate;
    EvpPkeyPtr key;
};

EvpPkeyPtr NewP256Key() {
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) {
        ThrowOpenSsl("cannot generate a P-256 key");
    }
    return key;
}

void SetRandomSerial(X509& certificate) {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        ThrowOpenSsl("RAND_bytes");
    }
    bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7f) | 0x40); // positive, 16 bytes long
    BignumPtr serial(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(&certificate))) {
        ThrowOpenSsl("cannot set the serial number");
    }
}

X509Ptr NewCertificate(EVP_PKEY& subjectKey, const char* commonName, long days) {
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1) {
        ThrowOpenSsl("X509_new");
    }
    SetRandomSerial(*certificate);
    X509_NAME* name = X509_get_subject_name(certificate.get());
    const auto* organisation = reinterpret_cast<const unsigned char*>("RESV");
    const auto* cn = reinterpret_cast<const unsigned char*>(commonName);
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, organisation, -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) != 1) {
        ThrowOpenSsl("cannot set the subject");
    }
    // An hour back, so a client whose clock is a little behind still accepts it.
    if (!X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600) ||
        !X509_time_adj_ex(X509_getm_notAfter(certificate.get()), static_cast<int>(days), 0,
                          nullptr) ||
        X509_set_pubkey(certificate.get(), &subjectKey) != 1) {
        ThrowOpenSsl("cannot set validity or key");
    }
    return certificate;
}

void AddExtension(X509& certificate, X509& issuer, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, &issuer, &certificate, nullptr, nullptr, 0);
    X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    if (!extension || X509_add_ext(&certificate, extension.get(), -1) != 1) {
        ThrowOpenSsl(std::string("cannot add extension ") + OBJ_nid2sn(nid));
    }
}

void Sign(X509& certificate, X509& issuer, EVP_PKEY& issuerKey) {
    if (X509_set_issuer_name(&certificate, X509_get_subject_name(&issuer)) != 1 ||
        X509_sign(&certificate, &issuerKey, EVP_sha256()) <= 0) {
        ThrowOpenSsl("cannot sign the certificate");
    }
}

KeyPair MakeCa() {
    KeyPair ca{nullptr, NewP256Key()};
    ca.certificate = NewCertificate(*ca.key, "RESV development CA", kCaDays);
    X509& cert = *ca.certificate;
    AddExtension(cert, cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    AddExtension(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign");
    AddExtension(cert, cert, NID_subject_key_identifier, "hash");
    AddExtension(cert, cert, NID_authority_key_identifier, "keyid:always");
    Sign(cert, cert, *ca.key);
    return ca;
}

KeyPair MakeServer(const KeyPair& ca) {
    KeyPair server{nullptr, NewP256Key()};
    server.certificate = NewCertificate(*server.key, "localhost", kServerDays);
    X509& cert = *server.certificate;
    AddExtension(cert, *ca.certificate, NID_basic_constraints, "critical,CA:FALSE");
    AddExtension(cert, *ca.certificate, NID_key_usage, "critical,digitalSignature");
    AddExtension(cert, *ca.certificate, NID_ext_key_usage, "serverAuth");
    AddExtension(cert, *ca.certificate, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    AddExtension(cert, *ca.certificate, NID_subject_key_identifier, "hash");
    AddExtension(cert, *ca.certificate, NID_authority_key_identifier, "keyid:always");
    Sign(cert, *ca.certificate, *ca.key);
    return server;
}

std::optional<KeyPair> Load(const std::filesystem::path& certFile,
                            const std::filesystem::path& keyFile) {
    if (!std::filesystem::exists(certFile) || !std::filesystem::exists(keyFile)) {
        return std::nullopt;
    }
    KeyPair pair{ReadCertificatePem(util::ReadFile(certFile)),
                 ReadPrivateKeyPem(util::ReadFile(keyFile))};
    if (X509_check_private_key(pair.certificate.get(), pair.key.get()) != 1) {
        spdlog::warn("{} does not match {}; making new ones", keyFile.string(), certFile.string());
        return std::nullopt;
    }
    return pair;
}

bool ValidLongEnough(X509& certificate) {
    std::time_t renewAt = std::time(nullptr) + kRenewBeforeSeconds;
    return X509_cmp_time(X509_get0_notAfter(&certificate), &renewAt) > 0;
}

void Save(const KeyPair& pair, const std::filesystem::path& certFile,
          const std::filesystem::path& keyFile) {
    util::WriteFileAtomically(keyFile, ToPem(*pair.key), util::kPrivateFileMode);
    util::WriteFileAtomically(certFile, ToPem(*pair.certificate), util::kPublicFileMode);
}

} // namespace

DevTlsFiles EnsureDevCertificates(const std::filesystem::path& tlsDir) {
    util::EnsurePrivateDirectory(tlsDir);
    const DevTlsFiles files{tlsDir / "ca.crt", tlsDir / "server.crt", tlsDir / "server.key"};
    const auto caKeyFile = tlsDir / "ca.key";

    std::optional<KeyPair> ca = Load(files.caCertificate, caKeyFile);
    const bool newCa = !ca || !ValidLongEnough(*ca->certificate);
    if (newCa) {
        spdlog::info("making a development CA in {}", tlsDir.string());
        ca = MakeCa();
        Save(*ca, files.caCertificate, caKeyFile);
    }
    std::optional<KeyPair> server = Load(files.serverCertificate, files.serverKey);
    const bool reuse = !newCa && server && ValidLongEnough(*server->certificate) &&
                       X509_verify(server->certificate.get(), ca->key.get()) == 1;
    if (!reuse) {
        spdlog::info("making a server certificate for localhost, 127.0.0.1 and ::1");
        Save(MakeServer(*ca), files.serverCertificate, files.serverKey);
    }
    DrainOpenSslErrors();
    return files;
}

} // namespace resv::server::tls
