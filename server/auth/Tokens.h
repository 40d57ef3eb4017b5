#pragma once
// Session tokens: 256 random bits, base64url; only their SHA-256 is stored, so a copy of the
// database cannot be used to log in.

#include <string>
#include <string_view>

namespace resv::server::auth {

/// 32 bytes from libsodium's CSPRNG as base64url without padding (43 characters).
std::string NewToken();

/// What the database keeps: lower-case hex SHA-256 of the token.
std::string HashToken(std::string_view token);

/// A one-time password for a new account: 20 characters from an alphabet without look-alikes
/// (about 115 bits), in groups of five for reading aloud.
std::string NewOneTimePassword();

} // namespace resv::server::auth
