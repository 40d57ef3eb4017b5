#pragma once
// The few primitives the server needs, from libsodium: randomness, SHA-256, encodings.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server::util {

/// Initialises libsodium once; throws std::runtime_error if it cannot.
void EnsureSodium();

std::vector<unsigned char> RandomBytes(std::size_t count);

/// Lower-case hex of SHA-256(data).
std::string Sha256Hex(std::string_view data);

/// RFC 4648 base64url without padding.
std::string Base64UrlNoPadding(const std::vector<unsigned char>& bytes);

/// RFC 4648 base32 in lower case, without padding (ids that are safe in URLs and file names).
std::string Base32Lower(const std::vector<unsigned char>& bytes);

/// A uniformly random index in [0, upperBound).
std::size_t RandomIndex(std::size_t upperBound);

} // namespace resv::server::util
