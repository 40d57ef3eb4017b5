#include "auth/Tokens.h"

#include "util/Crypto.h"

namespace resv::server::auth {

std::string NewToken() {
    return util::Base64UrlNoPadding(util::RandomBytes(32));
}

std::string HashToken(std::string_view token) {
    return util::Sha256Hex(token);
}

std::string NewOneTimePassword() {
    // No 0/O, 1/l/I: the password is read off a screen and typed.
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    std::string password;
    for (int i = 0; i < 20; ++i) {
        if (i > 0 && i % 5 == 0) {
            password += '-';
        }
        password += kAlphabet[util::RandomIndex(kAlphabet.size())];
    }
    return password;
}

} // namespace resv::server::auth
