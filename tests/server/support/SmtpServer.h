#pragma once
// A real SMTP server on loopback for the mail tests: Debian's python3-aiosmtpd, run as
// `/usr/bin/python3 -m aiosmtpd` (the python3 first on PATH may be another interpreter without
// it), writing what it receives to a maildir. And the standard library's e-mail parser, to read
// a received message back the way a mail reader would.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace resv::test {

class SmtpServer {
public:
    struct Tls {
        std::filesystem::path certificate;
        std::filesystem::path key;
        bool implicit = false; ///< SMTPS (TLS from the first byte); else STARTTLS, required
    };

    /// Picks a free loopback port and a maildir under `dir`; does not start yet.
    explicit SmtpServer(std::filesystem::path dir, std::optional<Tls> tls = std::nullopt);
    ~SmtpServer();
    SmtpServer(const SmtpServer&) = delete;
    SmtpServer& operator=(const SmtpServer&) = delete;

    /// Starts it and returns once it accepts connections (a bounded wait; fails the test
    /// with aiosmtpd's output if it does not come up).
    void Start();
    void Stop();

    int Port() const { return m_port; }
    /// "smtp://HOST:PORT" (or smtps://).
    std::string Url(const std::string& host = "127.0.0.1") const;
    /// The files of the messages received so far.
    std::vector<std::filesystem::path> Messages() const;

private:
    std::filesystem::path m_dir;
    std::optional<Tls> m_tls;
    int m_port = 0;
    pid_t m_pid = -1;
};

/// A loopback TCP port nobody listens on right now.
int FreeLoopbackPort();

/// A received message as Python's e-mail package reads it.
struct ParsedMail {
    std::string subject;        ///< email.message_from_bytes(policy=policy.default)["Subject"]
    std::string decodedSubject; ///< str(make_header(decode_header(raw Subject)))
    std::string body;           ///< get_content(), CRLF turned into '\n'
    std::string from;
    std::string to;
    std::string messageId;
    std::string contentType;
    std::string transferEncoding;
    std::vector<std::string> headerNames; ///< in order, as received
    std::string raw;                      ///< the file's bytes
};

/// Reads `file` with `/usr/bin/python3 -c` and the email package.
ParsedMail ParseMail(const std::filesystem::path& file);

} // namespace resv::test
