#pragma once
// One outbox row as an RFC 5322 message that any mail server and reader takes: a UTF-8 subject as
// RFC 2047 encoded-words, a UTF-8 body in base64, CRLF line ends. Stored text never reaches a
// header as anything but text: control characters in a subject become spaces and a recipient
// that is not a plain address is refused, so no CR/LF can start a header of its own.

#include "resv/model/Time.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server::mail {

/// A mail that cannot be written as it is (a bad address); sending it again will not help.
class MailContentError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

struct MailContent {
    std::string from{};            ///< addr-spec (model::IsValidEmailAddress)
    std::vector<std::string> to{}; ///< addr-specs
    std::string subject{};         ///< UTF-8, any text (sanitised here)
    std::string body{};            ///< UTF-8, '\n' or CRLF line ends
    model::TimePoint date{};
    std::string messageId{}; ///< without angle brackets, e.g. "mail_abc@example.jp"
};

/// The whole message, headers and body, CRLF line ends. Throws MailContentError for a sender or
/// recipient that is not a plain address.
std::string ComposeMessage(const MailContent& content);

/// `text` with every control character (C0, DEL, C1) replaced by a space, invalid UTF-8 replaced
/// by U+FFFD, and surrounding spaces trimmed: fit for one header line.
std::string SanitiseHeaderText(std::string_view text);

/// The value of a header named `name` (its "Name: " already counts against the first line): the
/// text itself when it is printable ASCII, else RFC 2047 "B" encoded-words of at most 75
/// characters, split between UTF-8 characters and folded (CRLF + space) so that no line passes
/// 76 characters.
std::string EncodeHeaderValue(std::string_view name, std::string_view sanitisedText);

/// RFC 4648 base64 with padding, in lines of at most `lineLength` characters joined by CRLF
/// (0: one line).
std::string Base64(std::string_view bytes, std::size_t lineLength = 0);

/// RFC 5322 date-time in JST, e.g. "Thu, 26 Nov 2026 17:12:11 +0900".
std::string FormatMailDate(model::TimePoint t);

/// The domain of an addr-spec ("example.jp" of "resv@example.jp").
std::string DomainOf(std::string_view address);

} // namespace resv::server::mail
