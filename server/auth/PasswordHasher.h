#pragma once
// Passwords only as Argon2id hashes (A.10.1.1): libsodium's crypto_pwhash_str at the INTERACTIVE
// cost (64 MiB, t=2). Each hash takes that much memory, so only a few run at once.

#include <semaphore>
#include <string>
#include <string_view>

namespace resv::server::auth {

class PasswordHasher {
public:
    /// `maxConcurrent` hashes or verifications at a time; the rest wait their turn.
    explicit PasswordHasher(int maxConcurrent = 2);

    /// "$argon2id$v=19$m=65536,t=2,p=1$..." Throws std::runtime_error if memory runs out.
    std::string Hash(std::string_view password);

    /// Constant-time check of `password` against a stored hash; false for a malformed hash.
    bool Verify(std::string_view storedHash, std::string_view password);

    /// Runs a verification that cannot succeed and costs the same as a real one, so an unknown
    /// user is answered no faster than a wrong password.
    void VerifyDummy(std::string_view password);

private:
    std::counting_semaphore<64> m_slots;
    std::string m_dummyHash;
};

} // namespace resv::server::auth
