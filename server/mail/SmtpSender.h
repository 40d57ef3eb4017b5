#pragma once
// Hands a composed message to the mail server with libcurl's SMTP. STARTTLS is used whenever the
// server offers it, and required with smtps:// or `requireTls`; the server's certificate and host
// name are always verified (a private CA can be named, never switched off).

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace resv::server::mail {

/// A send that did not go through; `what()` is curl's reason, without secrets.
class MailSendError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The send was abandoned because the server is stopping: not the mail server's fault.
class MailSendCancelled : public std::runtime_error {
public:
    MailSendCancelled()
        : std::runtime_error("sending was cancelled") {}
};

struct Envelope {
    std::string from{};
    std::vector<std::string> to{};
};

/// Where mail goes; the dispatcher's seam, so that a test could give it another.
class MailTransport {
public:
    virtual ~MailTransport() = default;
    /// Sends `message` (CRLF line ends). Throws MailSendError, or MailSendCancelled once
    /// `cancel` becomes true.
    virtual void Send(const Envelope& envelope, const std::string& message,
                      const std::atomic<bool>& cancel) = 0;
    /// For the log: where mail goes and how, never with credentials.
    virtual std::string Describe() const = 0;
};

struct SmtpSettings {
    std::string url{}; ///< smtp://host[:port] or smtps://host[:port], without userinfo
    bool requireTls = false;
    std::optional<std::filesystem::path> caFile{}; ///< a private CA for the mail server
    std::string user{};                            ///< empty: no authentication
    std::string password{};                        ///< never logged
    std::chrono::seconds connectTimeout{15};
    std::chrono::seconds timeout{120};
};

class SmtpSender final : public MailTransport {
public:
    /// Throws std::invalid_argument for a URL that is not smtp:// or smtps://.
    explicit SmtpSender(SmtpSettings settings);

    void Send(const Envelope& envelope, const std::string& message,
              const std::atomic<bool>& cancel) override;
    std::string Describe() const override;

    /// smtps:// or --smtp-require-tls: never a word in plain text.
    bool TlsRequired() const;

private:
    SmtpSettings m_settings;
};

/// `url` without "user:password@", for logs and messages.
std::string UrlWithoutUserinfo(const std::string& url);

/// Whether `url` names a user or password ("smtp://user:pw@host").
bool UrlHasUserinfo(const std::string& url);

/// "smtp" or "smtps" for such a URL (case-insensitive), else empty.
std::string SmtpScheme(const std::string& url);

} // namespace resv::server::mail
