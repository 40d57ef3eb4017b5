#pragma once
// Sends what the outbox holds: every ~10 s, and soon after a mail is enqueued. A mail that fails is
// kept, with its error and a next attempt after 30 s, 1 min, 2 min ... at most 1 h; a sent mail
// keeps its row with sent_at. Delivery is at least once: if the process dies between the mail
// server's "250" and writing sent_at, the mail goes again (with the same Message-ID, so readers
// can tell).

#include "mail/SmtpSender.h"
#include "resv/server/Clock.h"
#include "storage/Database.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace resv::server::mail {

/// 30 s × 2^(attempts − 1), at most 1 h: the wait after the `attempts`-th failure.
std::chrono::milliseconds RetryDelay(int attempts);

struct DeliveryReport {
    int sent = 0;
    int failed = 0;
};

class MailDispatcher {
public:
    /// `transport` null: no mail server configured, nothing is sent and mail waits.
    MailDispatcher(storage::Database& database, std::shared_ptr<const Clock> clock,
                   std::shared_ptr<MailTransport> transport, std::string from);
    ~MailDispatcher();
    MailDispatcher(const MailDispatcher&) = delete;
    MailDispatcher& operator=(const MailDispatcher&) = delete;

    /// Sends every mail due by the clock, now, on the calling thread.
    DeliveryReport DeliverDue();

    /// Runs DeliverDue on a thread every `interval` and when notified (nothing without a
    /// transport). Stop cancels a send in progress and joins; both are safe to call twice.
    void Start(std::chrono::milliseconds interval = std::chrono::seconds(10));
    void Stop();
    /// A mail was enqueued (maybe in a transaction not committed yet: DeliverDue waits for it).
    void Notify();

private:
    struct DueMail;
    std::vector<DueMail> TakeDue();
    void Deliver(const DueMail& mail, DeliveryReport& report);
    void Record(const DueMail& mail, const std::optional<std::string>& error);

    storage::Database& m_database;
    std::shared_ptr<const Clock> m_clock;
    std::shared_ptr<MailTransport> m_transport;
    std::string m_from;
    std::mutex m_deliveryMutex; ///< one delivery at a time: a mail is never sent twice at once
    std::atomic<bool> m_stopping{false};
    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    bool m_woken = false;
    std::thread m_thread;
};

} // namespace resv::server::mail
