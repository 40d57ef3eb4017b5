#include "util/Crypto.h"

#include <sodium.h>

#include <array>
#include <mutex>
#include <stdexcept>

namespace resv::server::util {

void EnsureSodium() {
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] { ok = sodium_init() >= 0; });
    if (!ok) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

std::vector<unsigned char> RandomBytes(std::size_t count) {
    EnsureSodium();
    std::vector<unsigned char> bytes(count);
    randombytes_buf(bytes.data(), bytes.size());
    return bytes;
}

std::string Sha256Hex(std::string_view data) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size());
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

std::string Base64UrlNoPadding(const std::vector<unsigned char>& bytes) {
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
    text.resize(text.find('\0'));
    return text;
}

std::string Base32Lower(const std::vector<unsigned char>& bytes) {
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    std::string text;
    unsigned buffer = 0;
    int bits = 0;
    for (const unsigned char byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            text += kAlphabet[(buffer >> (bits - 5)) & 0x1f];
            bits -= 5;
        }
    }
    if (bits > 0) {
        text += kAlphabet[(buffer << (5 - bits)) & 0x1f];
    }
    return text;
}

std::size_t RandomIndex(std::size_t upperBound) {
    EnsureSodium();
    return randombytes_uniform(static_cast<uint32_t>(upperBound));
}

} // namespace resv::server::util
