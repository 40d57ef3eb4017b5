#include "mail/MailMessage.h"

#include "resv/model/Notices.h"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <optional>

namespace resv::server::mail {
namespace {

constexpr std::size_t kEncodedWordLimit = 75; // RFC 2047 section 2
constexpr std::size_t kEncodedLineLimit = 76; // RFC 2047 section 2, lines with encoded-words
constexpr std::size_t kFoldAt = 78;           // RFC 5322 section 2.1.1, "SHOULD"
constexpr std::size_t kBase64LineLength = 76; // RFC 2045 section 6.8
constexpr std::string_view kWordStart = "=?UTF-8?B?";
constexpr std::string_view kWordEnd = "?=";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD

struct Utf8Char {
    char32_t codePoint;
    std::size_t length;
};

/// The UTF-8 character at `text[at]`, or nothing when the bytes there are not well-formed UTF-8.
std::optional<Utf8Char> DecodeUtf8(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) {
        return Utf8Char{lead, 1};
    }
    std::size_t length = 0;
    char32_t codePoint = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, codePoint = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, codePoint = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, codePoint = lead & 0x07, minimum = 0x10000;
    } else {
        return std::nullopt;
    }
    if (at + length > text.size()) {
        return std::nullopt;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) {
            return std::nullopt;
        }
        codePoint = (codePoint << 6) | (byte(at + i) & 0x3F);
    }
    if (codePoint < minimum || codePoint > 0x10FFFF ||
        (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
        return std::nullopt;
    }
    return Utf8Char{codePoint, length};
}

bool IsControl(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

bool IsPlainAscii(std::string_view text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7E) {
            return false;
        }
    }
    // Text that looks like an encoded-word would be decoded by readers: encode it too.
    return text.find("=?") == std::string_view::npos;
}

/// Printable ASCII, folded at spaces so that lines stay near 78 characters.
std::string FoldAscii(std::size_t used, std::string_view text) {
    std::string out;
    std::size_t lineLength = used;
    std::size_t start = 0;
    bool first = true;
    while (start <= text.size()) {
        const auto space = text.find(' ', start);
        const auto word =
            text.substr(start, space == std::string_view::npos ? space : space - start);
        if (!first) {
            if (lineLength + 1 + word.size() > kFoldAt && lineLength > used) {
                out += "\r\n";
                lineLength = 0;
            }
            out += ' ';
            ++lineLength;
        }
        out += word;
        lineLength += word.size();
        first = false;
        if (space == std::string_view::npos) {
            break;
        }
        start = space + 1;
    }
    return out;
}

std::string EncodedWord(std::string_view bytes) {
    return std::string(kWordStart) + Base64(bytes) + std::string(kWordEnd);
}

/// UTF-8 bytes that fit in an encoded-word of `budget` characters.
std::size_t BytesFor(std::size_t budget) {
    const std::size_t overhead = kWordStart.size() + kWordEnd.size();
    return budget > overhead ? (budget - overhead) / 4 * 3 : 0;
}

std::string EncodeWords(std::size_t used, std::string_view text) {
    std::string out;
    std::size_t start = 0;
    std::size_t budget = std::min(kEncodedWordLimit, kEncodedLineLimit - used);
    while (start < text.size()) {
        const std::size_t maxBytes = BytesFor(budget);
        std::size_t end = start;
        while (end < text.size()) {
            const auto c = DecodeUtf8(text, end);
            const std::size_t length = c ? c->length : 1; // sanitised text is well-formed
            if (end + length - start > maxBytes) {
                break;
            }
            end += length;
        }
        if (end == start) { // cannot happen with the budgets above; never loop forever
            end = start + 1;
        }
        if (!out.empty()) {
            out += "\r\n ";
        }
        out += EncodedWord(text.substr(start, end - start));
        start = end;
        budget = std::min(kEncodedWordLimit, kEncodedLineLimit - 1); // after the folding space
    }
    return out;
}

void RequireAddress(std::string_view what, std::string_view address) {
    if (!model::IsValidEmailAddress(address)) {
        throw MailContentError(fmt::format("{} is not a plain e-mail address: '{}'", what,
                                           SanitiseHeaderText(address)));
    }
}

std::string AddressList(std::string_view name, const std::vector<std::string>& addresses) {
    std::string out;
    std::size_t lineLength = name.size() + 2;
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        const std::string& address = addresses[i];
        if (i > 0) {
            out += ',';
            ++lineLength;
            if (lineLength + 1 + address.size() > kFoldAt) {
                out += "\r\n";
                lineLength = 0;
            }
            out += ' ';
            ++lineLength;
        }
        out += address;
        lineLength += address.size();
    }
    return out;
}

/// Line ends as CRLF: RFC 2045 wants the canonical form of text before base64.
std::string CanonicalLineEnds(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += "\r\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else if (text[i] == '\n') {
            out += "\r\n";
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace

std::string SanitiseHeaderText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = DecodeUtf8(text, i);
        if (!c) {
            out += kReplacement;
            ++i;
            continue;
        }
        if (IsControl(c->codePoint)) {
            out += ' ';
        } else {
            out.append(text.substr(i, c->length));
        }
        i += c->length;
    }
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) {
        return {};
    }
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

std::string EncodeHeaderValue(std::string_view name, std::string_view sanitisedText) {
    const std::size_t used = name.size() + 2; // "Name: "
    if (IsPlainAscii(sanitisedText)) {
        return FoldAscii(used, sanitisedText);
    }
    return EncodeWords(used, sanitisedText);
}

std::string Base64(std::string_view bytes, std::size_t lineLength) {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4 + (lineLength ? bytes.size() / lineLength * 2 : 0));
    std::size_t column = 0;
    const auto put = [&](char c) {
        if (lineLength != 0 && column == lineLength) {
            out += "\r\n";
            column = 0;
        }
        out += c;
        ++column;
    };
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const auto at = [&](std::size_t k) {
            return k < bytes.size() ? static_cast<unsigned>(static_cast<unsigned char>(bytes[k]))
                                    : 0U;
        };
        const unsigned triple = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
        put(kAlphabet[(triple >> 18) & 0x3F]);
        put(kAlphabet[(triple >> 12) & 0x3F]);
        put(i + 1 < bytes.size() ? kAlphabet[(triple >> 6) & 0x3F] : '=');
        put(i + 2 < bytes.size() ? kAlphabet[triple & 0x3F] : '=');
    }
    return out;
}

std::string FormatMailDate(model::TimePoint t) {
    using namespace std::chrono;
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                      "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto jst = floor<seconds>(t) + hours(9); // JST: +09:00, no daylight saving
    const auto day = floor<days>(jst);
    const year_month_day date{day};
    const hh_mm_ss clock{jst - day};
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0900", kDays[weekday(day).c_encoding()],
                       static_cast<unsigned>(date.day()),
                       kMonths[static_cast<unsigned>(date.month()) - 1],
                       static_cast<int>(date.year()), clock.hours().count(),
                       clock.minutes().count(), clock.seconds().count());
}

std::string DomainOf(std::string_view address) {
    const auto at = address.rfind('@');
    return std::string(at == std::string_view::npos ? std::string_view{} : address.substr(at + 1));
}

std::string ComposeMessage(const MailContent& content) {
    RequireAddress("the sender", content.from);
    if (content.to.empty()) {
        throw MailContentError("a mail needs at least one recipient");
    }
    for (const std::string& address : content.to) {
        RequireAddress("a recipient", address);
    }
    RequireAddress("the Message-ID", content.messageId);
    std::string message;
    message += "Date: " + FormatMailDate(content.date) + "\r\n";
    message += "From: " + content.from + "\r\n";
    message += "To: " + AddressList("To", content.to) + "\r\n";
    message +=
        "Subject: " + EncodeHeaderValue("Subject", SanitiseHeaderText(content.subject)) + "\r\n";
    message += "Message-ID: <" + content.messageId + ">\r\n";
    message += "MIME-Version: 1.0\r\n";
    message += "Content-Type: text/plain; charset=UTF-8\r\n";
    message += "Content-Transfer-Encoding: base64\r\n";
    message += "\r\n";
    message += Base64(CanonicalLineEnds(content.body), kBase64LineLength);
    message += "\r\n";
    return message;
}

} // namespace resv::server::mail
