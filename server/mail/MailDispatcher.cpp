#include "mail/MailDispatcher.h"

#include "mail/MailMessage.h"
#include "resv/model/Json.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace resv::server::mail {

namespace {
constexpr std::chrono::seconds kFirstRetry{30};
constexpr std::chrono::hours kLongestRetry{1};
constexpr int kBatch = 50;
} // namespace

std::chrono::milliseconds RetryDelay(int attempts) {
    std::chrono::milliseconds delay = kFirstRetry;
    for (int i = 1; i < attempts && delay < kLongestRetry; ++i) {
        delay *= 2;
    }
    return std::min<std::chrono::milliseconds>(delay, kLongestRetry);
}

struct MailDispatcher::DueMail {
    std::string id;
    std::vector<std::string> recipients;
    std::string subject;
    std::string body;
    model::TimePoint createdAt;
    int attempts = 0;
};

MailDispatcher::MailDispatcher(storage::Database& database, std::shared_ptr<const Clock> clock,
                               std::shared_ptr<MailTransport> transport, std::string from)
    : m_database(database)
    , m_clock(std::move(clock))
    , m_transport(std::move(transport))
    , m_from(std::move(from)) {}

MailDispatcher::~MailDispatcher() {
    Stop();
}

std::vector<MailDispatcher::DueMail> MailDispatcher::TakeDue() {
    auto connection = m_database.Acquire();
    // BEGIN IMMEDIATE waits for a writer that is still inside the transaction that enqueued the
    // mail we were notified about, so the new row is seen rather than missed until the next tick.
    storage::Transaction transaction(*connection);
    storage::Statement query = connection->Prepare(
        "SELECT id, recipients, subject, body, created_at, attempts FROM mail_outbox "
        "WHERE sent_at IS NULL AND next_attempt_at <= ?1 "
        "ORDER BY next_attempt_at, created_at LIMIT ?2");
    query.BindAll(m_clock->Now(), kBatch);
    std::vector<DueMail> due;
    while (query.Step()) {
        DueMail mail;
        mail.id = query.Text(0);
        try {
            mail.recipients = model::Json::parse(query.Text(1)).get<std::vector<std::string>>();
        } catch (const std::exception&) {
            mail.recipients.clear(); // composing refuses it below, and the error is kept
        }
        mail.subject = query.Text(2);
        mail.body = query.Text(3);
        mail.createdAt = query.Time(4);
        mail.attempts = static_cast<int>(query.Int(5));
        due.push_back(std::move(mail));
    }
    transaction.Commit();
    return due;
}

void MailDispatcher::Record(const DueMail& mail, const std::optional<std::string>& error) {
    auto connection = m_database.Acquire();
    storage::Transaction transaction(*connection);
    const model::TimePoint now = m_clock->Now();
    if (error) {
        const int attempts = mail.attempts + 1;
        connection
            ->Prepare("UPDATE mail_outbox SET attempts = ?2, last_error = ?3, "
                      "next_attempt_at = ?4 WHERE id = ?1 AND sent_at IS NULL")
            .BindAll(mail.id, attempts, *error, now + RetryDelay(attempts))
            .Run();
    } else {
        connection
            ->Prepare("UPDATE mail_outbox SET attempts = attempts + 1, sent_at = ?2 "
                      "WHERE id = ?1 AND sent_at IS NULL")
            .BindAll(mail.id, now)
            .Run();
    }
    transaction.Commit();
}

void MailDispatcher::Deliver(const DueMail& mail, DeliveryReport& report) {
    std::optional<std::string> error;
    try {
        const std::string message = ComposeMessage({.from = m_from,
                                                    .to = mail.recipients,
                                                    .subject = mail.subject,
                                                    .body = mail.body,
                                                    .date = mail.createdAt,
                                                    // the id is random and stays the same on
                                                    // every attempt
                                                    .messageId = mail.id + "@" + DomainOf(m_from)});
        m_transport->Send({m_from, mail.recipients}, message, m_stopping);
    } catch (const MailContentError& refused) {
        error = refused.what();
    } catch (const MailSendError& failed) {
        error = failed.what();
    }
    Record(mail, error);
    if (error) {
        ++report.failed;
        spdlog::warn(
            "mail {} to {} recipient(s) not sent (attempt {}; next in {} s): {}", mail.id,
            mail.recipients.size(), mail.attempts + 1,
            std::chrono::duration_cast<std::chrono::seconds>(RetryDelay(mail.attempts + 1)).count(),
            *error);
    } else {
        ++report.sent;
        spdlog::info("mail {} sent to {} recipient(s)", mail.id, mail.recipients.size());
    }
}

DeliveryReport MailDispatcher::DeliverDue() {
    DeliveryReport report;
    if (!m_transport) {
        return report;
    }
    std::lock_guard lock(m_deliveryMutex);
    try {
        for (;;) {
            const std::vector<DueMail> due = TakeDue();
            for (const DueMail& mail : due) {
                if (m_stopping) {
                    return report;
                }
                Deliver(mail, report);
            }
            if (due.size() < static_cast<std::size_t>(kBatch)) {
                break;
            }
        }
    } catch (const MailSendCancelled&) {
        // Stopping: the mail stays due, untouched, and goes at the next start.
    }
    return report;
}

void MailDispatcher::Start(std::chrono::milliseconds interval) {
    if (!m_transport || m_thread.joinable()) {
        return;
    }
    m_stopping = false;
    m_thread = std::thread([this, interval] {
        std::unique_lock lock(m_wakeMutex);
        while (!m_stopping) {
            m_woken = false;
            lock.unlock();
            try {
                DeliverDue();
            } catch (const std::exception& error) {
                spdlog::error("the mail dispatcher failed: {}", error.what());
            }
            lock.lock();
            m_wake.wait_for(lock, interval, [this] { return m_woken || m_stopping.load(); });
        }
    });
}

void MailDispatcher::Stop() {
    {
        std::lock_guard lock(m_wakeMutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void MailDispatcher::Notify() {
    {
        std::lock_guard lock(m_wakeMutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

} // namespace resv::server::mail
