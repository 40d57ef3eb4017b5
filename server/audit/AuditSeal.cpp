#include "audit/AuditSeal.h"

#include "audit/AuditLog.h"
#include "audit/AuditRows.h"
#include "resv/model/Json.h"
#include "util/Crypto.h"
#include "util/Files.h"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <map>
#include <stdexcept>

namespace resv::server::audit {
namespace {

constexpr const char* kSecretFile = "audit-signing.key";
constexpr const char* kPublicFile = "audit-signing.pub";
constexpr int kBatch = 2000;

std::string Hex(const unsigned char* data, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), data, size);
    hex.pop_back();
    return hex;
}

std::vector<unsigned char> FromHex(std::string_view hex, std::size_t expected) {
    std::vector<unsigned char> bytes(expected);
    std::size_t length = 0;
    if (sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &length,
                       nullptr) != 0 ||
        length != expected) {
        return {};
    }
    return bytes;
}

std::string Trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

struct Checkpoint {
    std::int64_t sequence;
    std::string hash;
    model::TimePoint at;
    std::string publicKey;
    std::string signature;
};

std::vector<Checkpoint> CheckpointsOf(storage::Connection& connection,
                                      const std::string& tenantId) {
    storage::Statement query = connection.Prepare(
        "SELECT sequence, hash, at, public_key, signature FROM audit_checkpoints "
        "WHERE tenant_id = ?1 ORDER BY sequence, id");
    query.Bind(1, tenantId);
    std::vector<Checkpoint> checkpoints;
    while (query.Step()) {
        checkpoints.push_back(
            {query.Int(0), query.Text(1), query.Time(2), query.Text(3), query.Text(4)});
    }
    return checkpoints;
}

/// Walks the chain from the event after `startSequence` (whose hash is `startHash`) and reports
/// the first break; `onEvent` sees every event that fits.
struct Walk {
    std::int64_t checked = 0;
    std::int64_t lastSequence = 0;
    std::string lastHash;
    std::optional<std::int64_t> badSequence;
    std::optional<std::string> badReason;
};

template <typename OnEvent>
Walk WalkChain(storage::Connection& connection, const std::string& tenantId,
               std::int64_t startSequence, std::string startHash, OnEvent onEvent) {
    Walk walk;
    walk.lastSequence = startSequence;
    walk.lastHash = std::move(startHash);
    for (;;) {
        storage::Statement query = connection.Prepare(
            fmt::format("SELECT {} FROM audit_events WHERE tenant_id = ?1 AND sequence > ?2 "
                        "ORDER BY sequence LIMIT ?3",
                        kAuditEventColumns));
        query.BindAll(tenantId, walk.lastSequence, kBatch);
        int rows = 0;
        while (query.Step()) {
            ++rows;
            const auto [event, readable] = ReadAuditRow(query);
            if (event.sequence != walk.lastSequence + 1) {
                walk.badSequence = walk.lastSequence + 1;
                walk.badReason = "missing";
                return walk;
            }
            if (!readable || event.prevHash != walk.lastHash || ChainHash(event) != event.hash) {
                walk.badSequence = event.sequence;
                walk.badReason = "altered";
                return walk;
            }
            ++walk.checked;
            walk.lastSequence = event.sequence;
            walk.lastHash = event.hash;
            onEvent(event.sequence, event.hash);
        }
        if (rows < kBatch) {
            return walk;
        }
    }
}

} // namespace

AuditSigner AuditSigner::LoadOrCreate(const std::filesystem::path& keysDir) {
    util::EnsureSodium();
    util::EnsurePrivateDirectory(keysDir);
    const auto secretFile = keysDir / kSecretFile;
    AuditSigner signer;
    if (std::filesystem::exists(secretFile)) {
        signer.m_secret = FromHex(Trimmed(util::ReadFile(secretFile)), crypto_sign_SECRETKEYBYTES);
        if (signer.m_secret.empty()) {
            throw std::runtime_error(secretFile.string() + " is not an Ed25519 secret key");
        }
        std::vector<unsigned char> publicKey(crypto_sign_PUBLICKEYBYTES);
        crypto_sign_ed25519_sk_to_pk(publicKey.data(), signer.m_secret.data());
        signer.m_publicHex = Hex(publicKey.data(), publicKey.size());
    } else {
        std::vector<unsigned char> publicKey(crypto_sign_PUBLICKEYBYTES);
        signer.m_secret.resize(crypto_sign_SECRETKEYBYTES);
        crypto_sign_keypair(publicKey.data(), signer.m_secret.data());
        signer.m_publicHex = Hex(publicKey.data(), publicKey.size());
        util::WriteFileAtomically(secretFile,
                                  Hex(signer.m_secret.data(), signer.m_secret.size()) + "\n",
                                  util::kPrivateFileMode);
        spdlog::info("made the audit checkpoint signing key {}", secretFile.string());
    }
    const auto publicFile = keysDir / kPublicFile;
    if (!std::filesystem::exists(publicFile) ||
        Trimmed(util::ReadFile(publicFile)) != signer.m_publicHex) {
        util::WriteFileAtomically(publicFile, signer.m_publicHex + "\n", util::kPublicFileMode);
    }
    return signer;
}

std::string AuditSigner::Sign(std::string_view message) const {
    std::vector<unsigned char> signature(crypto_sign_BYTES);
    crypto_sign_detached(signature.data(), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         m_secret.data());
    return Hex(signature.data(), signature.size());
}

std::string ReadAuditPublicKey(const std::filesystem::path& keysDir) {
    const auto file = keysDir / kPublicFile;
    if (!std::filesystem::exists(file)) {
        throw std::runtime_error(file.string() + " does not exist");
    }
    return Trimmed(util::ReadFile(file));
}

bool VerifySignature(const std::string& publicKeyHex, std::string_view message,
                     const std::string& signatureHex) {
    util::EnsureSodium();
    const auto publicKey = FromHex(publicKeyHex, crypto_sign_PUBLICKEYBYTES);
    const auto signature = FromHex(signatureHex, crypto_sign_BYTES);
    if (publicKey.empty() || signature.empty()) {
        return false;
    }
    return crypto_sign_verify_detached(signature.data(),
                                       reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), publicKey.data()) == 0;
}

std::string CheckpointMessage(const std::string& tenantCode, std::int64_t sequence,
                              const std::string& hash, model::TimePoint at) {
    return model::Json{{"at", model::FormatRfc3339Utc(at)},
                       {"hash", hash},
                       {"sequence", sequence},
                       {"tenant", tenantCode}}
        .dump();
}

int SignCheckpoints(storage::Connection& connection, const AuditSigner& signer,
                    model::TimePoint now) {
    struct Tenant {
        std::string id;
        std::string code;
    };
    std::vector<Tenant> tenants;
    {
        storage::Statement query = connection.Prepare("SELECT id, code FROM tenants ORDER BY code");
        while (query.Step()) {
            tenants.push_back({query.Text(0), query.Text(1)});
        }
    }
    int signedCount = 0;
    for (const Tenant& tenant : tenants) {
        storage::Transaction transaction(connection);
        const auto checkpoints = CheckpointsOf(connection, tenant.id);
        std::int64_t fromSequence = 0;
        std::string fromHash = kGenesisHash;
        if (!checkpoints.empty()) {
            fromSequence = checkpoints.back().sequence;
            fromHash = checkpoints.back().hash;
        }
        const Walk walk = WalkChain(connection, tenant.id, fromSequence, fromHash,
                                    [](std::int64_t, const std::string&) {});
        if (walk.badSequence) {
            spdlog::error("the usage history of tenant {} is broken at event {} ({}); no "
                          "checkpoint signed",
                          tenant.code, *walk.badSequence, *walk.badReason);
            continue;
        }
        if (walk.lastSequence == fromSequence) {
            continue; // nothing new since the last checkpoint
        }
        const std::string message =
            CheckpointMessage(tenant.code, walk.lastSequence, walk.lastHash, now);
        connection
            .Prepare("INSERT INTO audit_checkpoints(tenant_id, sequence, hash, at, public_key, "
                     "signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .BindAll(tenant.id, walk.lastSequence, walk.lastHash, now, signer.PublicKeyHex(),
                     signer.Sign(message))
            .Run();
        transaction.Commit();
        ++signedCount;
    }
    return signedCount;
}

model::AuditVerification VerifyAuditChain(storage::Connection& connection,
                                          const std::string& tenantId,
                                          const std::string& tenantCode,
                                          const std::string& publicKeyHex) {
    const auto checkpoints = CheckpointsOf(connection, tenantId);
    std::map<std::int64_t, std::vector<const Checkpoint*>> bySequence;
    for (const auto& checkpoint : checkpoints) {
        bySequence[checkpoint.sequence].push_back(&checkpoint);
    }
    // A checkpoint is valid when our key signed it and the chain has its hash at its sequence.
    std::map<const Checkpoint*, bool> valid;
    const auto signatureHolds = [&](const Checkpoint& checkpoint) {
        return checkpoint.publicKey == publicKeyHex &&
               VerifySignature(publicKeyHex,
                               CheckpointMessage(tenantCode, checkpoint.sequence, checkpoint.hash,
                                                 checkpoint.at),
                               checkpoint.signature);
    };
    const Walk walk = WalkChain(
        connection, tenantId, 0, kGenesisHash, [&](std::int64_t sequence, const std::string& hash) {
            const auto it = bySequence.find(sequence);
            if (it == bySequence.end()) {
                return;
            }
            for (const Checkpoint* checkpoint : it->second) {
                valid[checkpoint] = checkpoint->hash == hash && signatureHolds(*checkpoint);
            }
        });
    model::AuditVerification result;
    result.checked = walk.checked;
    result.firstBadSequence = walk.badSequence;
    result.firstBadReason = walk.badReason;
    if (!walk.badSequence) {
        for (const auto& checkpoint : checkpoints) {
            const auto it = valid.find(&checkpoint);
            if (it != valid.end() && it->second) {
                continue;
            }
            if (it == valid.end() && checkpoint.sequence > walk.lastSequence) {
                // Signed events that are no longer there: the end of the chain was cut off.
                result.firstBadSequence = walk.lastSequence + 1;
                result.firstBadReason = "missing";
            } else {
                result.firstBadSequence = checkpoint.sequence;
                result.firstBadReason = "checkpoint";
            }
            break;
        }
    }
    if (!checkpoints.empty()) {
        const Checkpoint& latest = checkpoints.back();
        const auto it = valid.find(&latest);
        result.checkpoint = model::AuditCheckpointStatus{latest.sequence, latest.at,
                                                         it != valid.end() && it->second};
    }
    result.ok = !result.firstBadSequence.has_value();
    return result;
}

} // namespace resv::server::audit
