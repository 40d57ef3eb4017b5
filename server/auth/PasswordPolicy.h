#pragma once
// What a chosen password must be (issue 4): 12–128 characters counted as code points (any
// script), not containing the login ID, not a dictionary word (libpwquality with cracklib's
// dictionary), not on our shipped list of common passwords. The length and character rules are
// ours; pwquality is asked only for what it knows that we do not: the dictionary.

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace resv::server::auth {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

/// Reason codes, as the console translates them (the `code` of the `new_password` field error).
namespace password_reason {
inline constexpr const char* kTooShort = "too_short";
inline constexpr const char* kTooLong = "too_long";
inline constexpr const char* kInvalidCharacters = "invalid_characters"; ///< control characters
inline constexpr const char* kContainsLoginId = "contains_login_id";
inline constexpr const char* kDictionaryWord = "dictionary_word";
inline constexpr const char* kTooSimple = "too_simple"; ///< cracklib: systematic, too few kinds
inline constexpr const char* kCommonPassword = "common_password";
inline constexpr const char* kSameAsCurrent = "same_as_current";
} // namespace password_reason

struct PasswordVerdict {
    std::string reason;  ///< one of password_reason
    std::string message; ///< English, for logs and API clients
};

class PasswordPolicy {
public:
    PasswordPolicy();

    /// Nothing when `password` is acceptable for the account `loginId`.
    std::optional<PasswordVerdict> Check(std::string_view password,
                                         std::string_view loginId) const;

    /// Throws http::HttpError 400 weak_password naming `field` with the reason as its code.
    void Require(std::string_view password, std::string_view loginId,
                 const std::string& field = "new_password") const;

    /// Whether the shipped list holds `password` (compared without regard to ASCII case).
    static bool IsCommon(std::string_view password);

private:
    std::optional<PasswordVerdict> DictionaryVerdict(std::string_view password) const;

    /// cracklib reads its dictionary through static buffers: one check at a time.
    mutable std::mutex m_dictionaryMutex;
};

} // namespace resv::server::auth
