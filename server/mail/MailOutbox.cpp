#include "mail/MailOutbox.h"

#include "resv/model/Json.h"
#include "storage/Ids.h"

#include <algorithm>
#include <stdexcept>

namespace resv::server::mail {
namespace {

std::string OneLine(std::string text) {
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return text;
}

} // namespace

std::string MailOutbox::Enqueue(storage::Connection& connection, const OutgoingMail& mail) const {
    if (mail.recipients.empty()) {
        throw std::invalid_argument("a mail needs at least one recipient");
    }
    const std::string id = storage::NewId(storage::id_prefix::kMail);
    const model::TimePoint now = m_clock->Now();
    connection
        .Prepare("INSERT INTO mail_outbox(id, tenant_id, subject_kind, subject_id, recipients, "
                 "subject, body, created_at, next_attempt_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)")
        .BindAll(id, mail.tenantId,
                 mail.about ? std::optional<std::string>(mail.about->kind) : std::nullopt,
                 mail.about ? std::optional<std::string>(mail.about->id) : std::nullopt,
                 model::Json(mail.recipients).dump(), OneLine(mail.subject), mail.body, now)
        .Run();
    if (m_onEnqueued) {
        m_onEnqueued();
    }
    return id;
}

OutboxHealth MailOutbox::Health(storage::Connection& connection) const {
    OutboxHealth health;
    health.configured = m_configured;
    storage::Statement counts = connection.Prepare(
        "SELECT COUNT(*), COALESCE(SUM(attempts > 0), 0), MIN(created_at) FROM mail_outbox "
        "WHERE sent_at IS NULL");
    if (counts.Step()) {
        health.pending = static_cast<int>(counts.Int(0));
        health.failing = static_cast<int>(counts.Int(1));
        health.oldestPendingAt = counts.OptionalTime(2);
    }
    storage::Statement error =
        connection.Prepare("SELECT last_error FROM mail_outbox WHERE sent_at IS NULL AND "
                           "last_error IS NOT NULL ORDER BY next_attempt_at DESC LIMIT 1");
    if (error.Step()) {
        health.lastError = error.OptionalText(0);
    }
    storage::Statement sent = connection.Prepare("SELECT MAX(sent_at) FROM mail_outbox");
    if (sent.Step()) {
        health.lastSentAt = sent.OptionalTime(0);
    }
    return health;
}

std::optional<model::TimePoint> MailOutbox::FirstSentAt(storage::Connection& connection,
                                                        const MailSubject& about,
                                                        const std::string& tenantId) const {
    storage::Statement query = connection.Prepare(
        "SELECT MIN(sent_at) FROM mail_outbox WHERE subject_kind = ?1 AND subject_id = ?2 "
        "AND tenant_id = ?3 AND sent_at IS NOT NULL");
    query.BindAll(about.kind, about.id, tenantId);
    return query.Step() ? query.OptionalTime(0) : std::nullopt;
}

} // namespace resv::server::mail
