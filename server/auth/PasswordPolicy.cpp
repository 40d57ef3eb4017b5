#include "auth/PasswordPolicy.h"

#include "http/Problem.h"
#include "resv/model/Facility.h"
#include "resv/model/Problem.h"

#include <fmt/format.h>
#include <pwquality.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <unordered_set>

namespace resv::server::auth {

/// server/auth/common-passwords.txt, one lower-case password a line (CommonPasswords.cpp.in).
std::string_view CommonPasswordList();

namespace {

namespace reason = password_reason;

std::string LowerAscii(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return lower;
}

const std::unordered_set<std::string>& CommonPasswords() {
    static const std::unordered_set<std::string> passwords = [] {
        std::unordered_set<std::string> set;
        const std::string_view list = CommonPasswordList();
        std::size_t start = 0;
        while (start < list.size()) {
            std::size_t end = list.find('\n', start);
            if (end == std::string_view::npos) {
                end = list.size();
            }
            std::string_view line = list.substr(start, end - start);
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
                line.remove_suffix(1);
            }
            if (!line.empty() && line.front() != '#') {
                set.insert(LowerAscii(line));
            }
            start = end + 1;
        }
        return set;
    }();
    return passwords;
}

bool HasControlCharacter(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F;
    });
}

struct SettingsDeleter {
    void operator()(pwquality_settings_t* settings) const { pwquality_free_settings(settings); }
};
using Settings = std::unique_ptr<pwquality_settings_t, SettingsDeleter>;

/// Only the dictionary (and what cracklib checks with it) is left on; the length, class and
/// login-ID rules are ours. The system's /etc/security/pwquality.conf is deliberately not read.
Settings DictionaryOnlySettings() {
    Settings settings(pwquality_default_settings());
    if (!settings) {
        throw std::runtime_error("libpwquality could not allocate its settings");
    }
    const std::pair<int, int> values[] = {
        {PWQ_SETTING_MIN_LENGTH, 6}, // its lowest; ours (12) is checked before
        {PWQ_SETTING_DIG_CREDIT, 0},      {PWQ_SETTING_UP_CREDIT, 0},
        {PWQ_SETTING_LOW_CREDIT, 0},      {PWQ_SETTING_OTH_CREDIT, 0},
        {PWQ_SETTING_MIN_CLASS, 0},       {PWQ_SETTING_MAX_REPEAT, 0},
        {PWQ_SETTING_MAX_CLASS_REPEAT, 0}, {PWQ_SETTING_MAX_SEQUENCE, 0},
        {PWQ_SETTING_GECOS_CHECK, 0},     {PWQ_SETTING_USER_CHECK, 0},
        {PWQ_SETTING_DICT_CHECK, 1},      {PWQ_SETTING_ENFORCING, 1},
    };
    for (const auto& [setting, value] : values) {
        if (pwquality_set_int_value(settings.get(), setting, value) != 0) {
            throw std::runtime_error(fmt::format("libpwquality refused setting {}", setting));
        }
    }
    return settings;
}

} // namespace

PasswordPolicy::PasswordPolicy() {
    DictionaryOnlySettings(); // fail at start-up, not at the first password change
    CommonPasswords();
}

bool PasswordPolicy::IsCommon(std::string_view password) {
    return CommonPasswords().count(LowerAscii(password)) > 0;
}

std::optional<PasswordVerdict> PasswordPolicy::Check(std::string_view password,
                                                     std::string_view loginId) const {
    if (!model::IsValidUtf8(password) || HasControlCharacter(password)) {
        return PasswordVerdict{reason::kInvalidCharacters,
                               "The password contains a control character."};
    }
    const std::size_t length = model::CountCharacters(password);
    if (length < kMinPasswordLength) {
        return PasswordVerdict{reason::kTooShort, fmt::format("The password needs at least {} "
                                                              "characters.",
                                                              kMinPasswordLength)};
    }
    if (length > kMaxPasswordLength) {
        return PasswordVerdict{reason::kTooLong, fmt::format("The password may have at most {} "
                                                             "characters.",
                                                             kMaxPasswordLength)};
    }
    if (!loginId.empty() && LowerAscii(password).find(LowerAscii(loginId)) != std::string::npos) {
        return PasswordVerdict{reason::kContainsLoginId, "The password contains the login ID."};
    }
    if (IsCommon(password)) {
        return PasswordVerdict{reason::kCommonPassword,
                               "The password is on the list of commonly used passwords."};
    }
    return DictionaryVerdict(password);
}

std::optional<PasswordVerdict> PasswordPolicy::DictionaryVerdict(std::string_view password) const {
    const std::string text(password);
    void* auxError = nullptr;
    int result = 0;
    {
        std::lock_guard lock(m_dictionaryMutex);
        const Settings settings = DictionaryOnlySettings();
        result = pwquality_check(settings.get(), text.c_str(), nullptr, nullptr, &auxError);
    }
    if (result >= 0) {
        return std::nullopt;
    }
    char buffer[PWQ_MAX_ERROR_MESSAGE_LEN];
    // For a cracklib verdict auxError is cracklib's own (static) message.
    const bool dictionary = result == PWQ_ERROR_CRACKLIB_CHECK && auxError &&
                            std::strstr(static_cast<const char*>(auxError), "dictionary");
    const std::string detail = pwquality_strerror(buffer, sizeof buffer, result, auxError);
    if (dictionary) {
        return PasswordVerdict{reason::kDictionaryWord,
                               "The password is based on a dictionary word (" + detail + ")."};
    }
    if (result == PWQ_ERROR_FATAL_FAILURE || result == PWQ_ERROR_MEM_ALLOC) {
        throw std::runtime_error("libpwquality failed: " + detail);
    }
    return PasswordVerdict{reason::kTooSimple, "The password is too simple (" + detail + ")."};
}

void PasswordPolicy::Require(std::string_view password, std::string_view loginId,
                             const std::string& field) const {
    if (auto verdict = Check(password, loginId)) {
        throw http::HttpError(400, model::error_code::kWeakPassword, verdict->message,
                              {model::FieldError{field, verdict->reason, verdict->message}});
    }
}

} // namespace resv::server::auth
