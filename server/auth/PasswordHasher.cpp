#include "auth/PasswordHasher.h"

#include "util/Crypto.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace resv::server::auth {
namespace {

class SlotGuard {
public:
    explicit SlotGuard(std::counting_semaphore<64>& slots)
        : m_slots(slots) {
        m_slots.acquire();
    }
    ~SlotGuard() { m_slots.release(); }
    SlotGuard(const SlotGuard&) = delete;
    SlotGuard& operator=(const SlotGuard&) = delete;

private:
    std::counting_semaphore<64>& m_slots;
};

} // namespace

PasswordHasher::PasswordHasher(int maxConcurrent)
    : m_slots(std::clamp(maxConcurrent, 1, 64)) {
    util::EnsureSodium();
    // A hash of a random password nobody knows, made with the same cost as real ones.
    m_dummyHash = Hash(util::Base64UrlNoPadding(util::RandomBytes(24)));
}

std::string PasswordHasher::Hash(std::string_view password) {
    char hash[crypto_pwhash_STRBYTES];
    SlotGuard slot(m_slots);
    if (crypto_pwhash_str_alg(
            hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return std::string(hash);
}

bool PasswordHasher::Verify(std::string_view storedHash, std::string_view password) {
    const std::string hash(storedHash); // crypto_pwhash_str_verify wants a terminated string
    SlotGuard slot(m_slots);
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) {
    Verify(m_dummyHash, password);
}

} // namespace resv::server::auth
