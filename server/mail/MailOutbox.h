#pragma once
// The durable outbox of e-mail (A.16.1.1: incidents "ご登録頂いたメールアドレス宛"; A.12.1.2 and
// A.12.6.1: notices to the designated contacts). A mail is written in the same transaction as
// what it announces, so it exists exactly when that does; the dispatcher sends it later and
// retries with backoff. Rows are kept after sending (sent_at), never deleted by a failure.

#include "resv/model/Time.h"
#include "resv/server/Clock.h"
#include "storage/Sqlite.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::server::mail {

/// What a mail is about, so that "notified at" can be found again.
struct MailSubject {
    std::string kind; ///< "incident" | "notice"
    std::string id;
};

struct OutgoingMail {
    std::optional<std::string> tenantId{}; ///< whose contacts it goes to
    std::optional<MailSubject> about{};
    std::vector<std::string> recipients{}; ///< validated addr-specs (model::IsValidEmailAddress)
    std::string subject{};                 ///< UTF-8, one line (CR/LF are replaced by spaces)
    std::string body{};                    ///< UTF-8 plain text, '\n' line ends
};

/// The outbox as the notifications component's probe sees it.
struct OutboxHealth {
    bool configured = false; ///< an SMTP server was given (--smtp-url)
    int pending = 0;         ///< not sent yet
    int failing = 0;         ///< not sent and tried at least once
    std::optional<model::TimePoint> oldestPendingAt;
    std::optional<std::string> lastError; ///< of the most recently failed attempt still pending
    std::optional<model::TimePoint> lastSentAt;
};

class MailOutbox {
public:
    explicit MailOutbox(std::shared_ptr<const Clock> clock, bool configured = false)
        : m_clock(std::move(clock))
        , m_configured(configured) {}

    /// Inside the caller's transaction; returns the mail's id. Throws std::invalid_argument
    /// for a mail without recipients.
    std::string Enqueue(storage::Connection& connection, const OutgoingMail& mail) const;

    OutboxHealth Health(storage::Connection& connection) const;

    /// The earliest sent_at of the mail about `about` to `tenantId`, if any was sent.
    std::optional<model::TimePoint> FirstSentAt(storage::Connection& connection,
                                                const MailSubject& about,
                                                const std::string& tenantId) const;

    bool Configured() const { return m_configured; }

    /// Called after each Enqueue (the dispatcher wakes up). Set it before the server serves.
    void SetOnEnqueued(std::function<void()> onEnqueued) { m_onEnqueued = std::move(onEnqueued); }

private:
    std::shared_ptr<const Clock> m_clock;
    bool m_configured;
    std::function<void()> m_onEnqueued;
};

} // namespace resv::server::mail
