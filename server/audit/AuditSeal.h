#pragma once
// What makes the usage history provable (DESIGN.md "The audit chain"): the chain is checked
// event by event, and since whoever can write the database could recompute a plain chain, the
// chain's hash is signed from time to time with an Ed25519 key kept outside the database
// (DATA_DIR/keys/audit-signing.key, 0600). An auditor needs only the public key
// (audit-signing.pub) and the database: `resv-server verify-audit TENANT`.

#include "resv/model/AuditEvent.h"
#include "storage/Sqlite.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server::audit {

/// The checkpoint signing key.
class AuditSigner {
public:
    /// Reads DIR/audit-signing.key, making the key pair on first use (the directory 0700, the
    /// secret key 0600, the public key 0644). Throws std::runtime_error naming a file it cannot
    /// read or write.
    static AuditSigner LoadOrCreate(const std::filesystem::path& keysDir);

    std::string PublicKeyHex() const { return m_publicHex; }
    /// Hex of the detached Ed25519 signature of `message`.
    std::string Sign(std::string_view message) const;

private:
    std::vector<unsigned char> m_secret;
    std::string m_publicHex;
};

/// The public key of DIR/audit-signing.pub, for checking without the secret key.
std::string ReadAuditPublicKey(const std::filesystem::path& keysDir);

bool VerifySignature(const std::string& publicKeyHex, std::string_view message,
                     const std::string& signatureHex);

/// What a checkpoint signs: {"at","hash","sequence","tenant"} as compact JSON, keys sorted.
std::string CheckpointMessage(const std::string& tenantCode, std::int64_t sequence,
                              const std::string& hash, model::TimePoint at);

/// Signs a checkpoint of every tenant whose newest event is not signed yet, after checking the
/// events since its last checkpoint (a broken chain is logged and left unsigned). Returns how
/// many it signed.
int SignCheckpoints(storage::Connection& connection, const AuditSigner& signer,
                    model::TimePoint now);

/// Checks the tenant's chain from its first event and every checkpoint against `publicKeyHex`.
model::AuditVerification VerifyAuditChain(storage::Connection& connection,
                                          const std::string& tenantId,
                                          const std::string& tenantCode,
                                          const std::string& publicKeyHex);

} // namespace resv::server::audit
