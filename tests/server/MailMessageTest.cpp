// The mail as written for the wire: RFC 2047 subjects within their limits and split between
// characters, a base64 UTF-8 body, no header made from stored text, no bad address accepted;
// read back by Python's e-mail package as a mail reader would.

#include "mail/MailMessage.h"
#include "mail/MailDispatcher.h"
#include "support/SmtpServer.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

using namespace resv;
using namespace resv::server::mail;
using resv::test::ParseMail;
using resv::test::TempDir;

namespace {

const std::string kOutageSubject = "【障害】予約システムに接続できません";
const std::string kOutageBody = "いつもご利用ありがとうございます。\n"
                                "2026年11月25日 17:00 JST より、予約システムに接続できない障害が"
                                "発生しています。\n復旧まで今しばらくお待ちください。\n";

MailContent Content(std::string subject, std::string body = "本文です。\n") {
    return {.from = "resv-notice@example.jp",
            .to = {"kanri@hotel.example.jp", "joho@hotel.example.jp"},
            .subject = std::move(subject),
            .body = std::move(body),
            .date = test::TestEpoch(),
            .messageId = "mail_test1@example.jp"};
}

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (auto end = text.find("\r\n"); end != std::string::npos; end = text.find("\r\n", start)) {
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

/// The header block's lines of `message` (up to the empty line).
std::vector<std::string> HeaderLines(const std::string& message) {
    std::vector<std::string> lines = Lines(message);
    const auto blank = std::find(lines.begin(), lines.end(), "");
    REQUIRE(blank != lines.end());
    lines.erase(blank, lines.end());
    return lines;
}

/// The Subject field, unfolded lines kept apart: "Subject: ..." and its continuation lines.
std::vector<std::string> SubjectLines(const std::string& message) {
    std::vector<std::string> subject;
    for (const std::string& line : HeaderLines(message)) {
        if (line.rfind("Subject: ", 0) == 0 || (!subject.empty() && line.front() == ' ')) {
            subject.push_back(line);
        } else if (!subject.empty()) {
            break;
        }
    }
    return subject;
}

std::string Base64Decode(const std::string& text) {
    static const std::string kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const auto value = kAlphabet.find(c);
        if (value == std::string::npos) {
            continue; // '=', CR, LF
        }
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

/// Whether `bytes` is whole UTF-8 characters (no character cut at either end).
bool IsWholeUtf8(const std::string& bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        const std::size_t length = lead < 0x80         ? 1
                                   : (lead >> 5) == 6  ? 2
                                   : (lead >> 4) == 14 ? 3
                                   : (lead >> 3) == 30 ? 4
                                                       : 0;
        if (length == 0 || i + length > bytes.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

test::ParsedMail ParseWritten(const TempDir& dir, const std::string& message) {
    const auto file = dir.Path() / "message.eml";
    std::ofstream(file, std::ios::binary) << message;
    return ParseMail(file);
}

} // namespace

TEST_CASE("A Japanese subject becomes encoded-words of at most 75 characters, split between "
          "characters, that a mail reader decodes back") {
    TempDir dir;
    const std::string longSubject = kOutageSubject + " 続報: " + kOutageSubject + "（" +
                                    "データベース応答遅延のため、一部の施設で端末が接続できません" +
                                    "）";
    for (const std::string& subject : {kOutageSubject, longSubject}) {
        const std::string message = ComposeMessage(Content(subject));
        const std::vector<std::string> lines = SubjectLines(message);
        REQUIRE(!lines.empty());
        const std::regex word(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=)");
        std::string decoded;
        for (const std::string& line : lines) {
            CHECK(line.size() <= 76);
            for (auto it = std::sregex_iterator(line.begin(), line.end(), word);
                 it != std::sregex_iterator(); ++it) {
                CHECK(it->str().size() <= 75);
                const std::string bytes = Base64Decode((*it)[1].str());
                CHECK(IsWholeUtf8(bytes)); // no character is cut between two words
                decoded += bytes;
            }
        }
        CHECK(decoded == subject);
        if (subject == longSubject) {
            CHECK(lines.size() > 2); // folded: CRLF + space between the words
        }
        const auto parsed = ParseWritten(dir, message);
        CHECK(parsed.subject == subject);
        CHECK(parsed.decodedSubject == subject);
    }
}

TEST_CASE("The body is UTF-8 in base64 lines of 76 characters and decodes back to the text") {
    TempDir dir;
    std::string body;
    for (int i = 0; i < 20; ++i) {
        body += kOutageBody;
    }
    const std::string message = ComposeMessage(Content(kOutageSubject, body));
    const std::string bodyPart = message.substr(message.find("\r\n\r\n") + 4);
    for (const std::string& line : Lines(bodyPart)) {
        CHECK(line.size() <= 76);
    }
    std::string canonical = body; // RFC 2045: text is CRLF before base64
    for (std::size_t at = 0; (at = canonical.find('\n', at)) != std::string::npos; at += 2) {
        canonical.replace(at, 1, "\r\n");
    }
    CHECK(Base64Decode(bodyPart) == canonical);

    const auto parsed = ParseWritten(dir, message);
    CHECK(parsed.body == body);
    CHECK(parsed.contentType == "text/plain; charset=utf-8");
    CHECK(parsed.transferEncoding == "base64");
    CHECK(parsed.from == "resv-notice@example.jp");
    CHECK(parsed.to == "kanri@hotel.example.jp, joho@hotel.example.jp");
    CHECK(parsed.messageId == "<mail_test1@example.jp>");
    CHECK(parsed.headerNames ==
          std::vector<std::string>{"Date", "From", "To", "Subject", "Message-ID", "MIME-Version",
                                   "Content-Type", "Content-Transfer-Encoding"});
    // Every line ends in CRLF; no bare LF anywhere.
    CHECK(std::regex_search(message, std::regex("[^\r]\n")) == false);
}

TEST_CASE("CR and LF in a stored subject never start a header of their own") {
    TempDir dir;
    for (const std::string& subject :
         {std::string("Maintenance\r\nBcc: everyone@example.com"),
          std::string("メンテナンス\nBcc: everyone@example.com\r\n\r\nforged body"),
          std::string("tab\tand\x7f"
                      "del\x1b[31m")}) {
        const std::string message = ComposeMessage(Content(subject));
        const auto parsed = ParseWritten(dir, message);
        CHECK(std::count(parsed.headerNames.begin(), parsed.headerNames.end(), "Bcc") == 0);
        CHECK(parsed.headerNames.size() == 8);
        CHECK(parsed.subject.find('\n') == std::string::npos);
        CHECK(parsed.subject.find('\r') == std::string::npos);
        CHECK(parsed.body == "本文です。\n");
    }
    CHECK(SanitiseHeaderText("a\r\nBcc: x@y.jp") == "a  Bcc: x@y.jp");
    CHECK(SanitiseHeaderText("  \x01 障害\xC2\x85 ") == "障害");
    CHECK(SanitiseHeaderText("bad \xff byte") == "bad \xEF\xBF\xBD byte");
    // Text that looks like an encoded-word is encoded, so a reader shows it as typed.
    const auto parsed = ParseWritten(dir, ComposeMessage(Content("=?UTF-8?B?5pWF6Zqc?= test")));
    CHECK(parsed.subject == "=?UTF-8?B?5pWF6Zqc?= test");
}

TEST_CASE("A plain ASCII subject stays readable text, folded at spaces when long") {
    const std::string message = ComposeMessage(Content("Scheduled maintenance"));
    CHECK(message.find("\r\nSubject: Scheduled maintenance\r\n") != std::string::npos);
    std::string longSubject;
    for (int i = 0; i < 12; ++i) {
        longSubject += "maintenance ";
    }
    longSubject += "window";
    const auto lines = SubjectLines(ComposeMessage(Content(longSubject)));
    REQUIRE(lines.size() >= 2);
    for (const auto& line : lines) {
        CHECK(line.size() <= 78);
    }
}

TEST_CASE("A recipient or sender that is not a plain address is refused") {
    for (const std::string& bad :
         {std::string("kanri@hotel.example.jp\r\nBcc: x@example.com"), std::string("kanri"),
          std::string("Kanri <kanri@hotel.example.jp>"), std::string("a@b.jp, c@d.jp"),
          std::string("")}) {
        MailContent content = Content(kOutageSubject);
        content.to.push_back(bad);
        CHECK_THROWS_AS(ComposeMessage(content), MailContentError);
        content = Content(kOutageSubject);
        content.from = bad;
        CHECK_THROWS_AS(ComposeMessage(content), MailContentError);
    }
    MailContent none = Content(kOutageSubject);
    none.to.clear();
    CHECK_THROWS_AS(ComposeMessage(none), MailContentError);
}

TEST_CASE("The Date header is RFC 5322 in JST") {
    CHECK(FormatMailDate(test::TestEpoch()) == "Wed, 25 Nov 2026 17:00:00 +0900");
    CHECK(FormatMailDate(test::TestEpoch() + std::chrono::hours(7) +
                         std::chrono::milliseconds(999)) == "Thu, 26 Nov 2026 00:00:00 +0900");
    CHECK(ComposeMessage(Content("x")).rfind("Date: Wed, 25 Nov 2026 17:00:00 +0900\r\n", 0) == 0);
}

TEST_CASE("A failed mail waits 30 s, then twice as long each time, at most an hour") {
    using std::chrono::seconds;
    CHECK(RetryDelay(1) == seconds(30));
    CHECK(RetryDelay(2) == seconds(60));
    CHECK(RetryDelay(3) == seconds(120));
    CHECK(RetryDelay(7) == seconds(1920));
    CHECK(RetryDelay(8) == seconds(3600));
    CHECK(RetryDelay(1000) == seconds(3600));
}

TEST_CASE("The mail server's address is logged without a user or password") {
    CHECK(UrlWithoutUserinfo("smtp://user:secret@mail.example.jp:587") ==
          "smtp://mail.example.jp:587");
    CHECK(UrlWithoutUserinfo("smtps://mail.example.jp") == "smtps://mail.example.jp");
    CHECK(UrlHasUserinfo("smtp://u@mail.example.jp"));
    CHECK_FALSE(UrlHasUserinfo("smtp://mail.example.jp/at@path"));
    const SmtpSender sender(
        {.url = "smtp://mail.example.jp:587", .user = "resv", .password = "Pa55-word-never-shown"});
    CHECK(sender.TlsRequired()); // credentials never travel in plain text
    CHECK(sender.Describe().find("Pa55") == std::string::npos);
    CHECK(SmtpSender({.url = "smtp://mail.example.jp"}).Describe() ==
          "smtp://mail.example.jp (STARTTLS when offered)");
    CHECK(SmtpSender({.url = "smtps://mail.example.jp"}).TlsRequired());
    CHECK_THROWS_AS(SmtpSender({.url = "http://mail.example.jp"}), std::invalid_argument);
}
