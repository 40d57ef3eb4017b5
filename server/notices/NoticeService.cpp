#include "notices/NoticeService.h"

#include "notices/NoticeMail.h"
#include "resv/model/Json.h"
#include "resv/model/Role.h"
#include "storage/Ids.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace resv::server::notices {
namespace {

namespace perm = model::permission;

mail::MailSubject About(const std::string& id) {
    return {KindName(SubjectKind::Notice), id};
}

nlohmann::json AuditJson(const NoticeRecord& r, const model::TenantSelection& tenants) {
    return {{"kind", r.kind},
            {"title", r.title},
            {"tenants", tenants},
            {"effective_at", model::FormatRfc3339Utc(r.effectiveAt)},
            {"emergency", r.emergency},
            {"reason", r.reason ? nlohmann::json(*r.reason) : nlohmann::json(nullptr)}};
}

Reader PublisherReader(const auth::Caller& caller) {
    return Reader{true, {}, {}, caller.principal.account.id, false};
}

} // namespace

void CheckLeadTime(model::NoticeKind kind, model::TimePoint effectiveAt, bool emergency,
                   const std::optional<std::string>& reason, model::TimePoint now,
                   std::vector<model::FieldError>& errors) {
    if (kind == model::NoticeKind::Vulnerability || (emergency && reason && !reason->empty())) {
        return;
    }
    const model::TimePoint earliest = now + model::kNoticeLeadTime;
    if (effectiveAt < earliest) {
        errors.push_back(
            {"effective_at", "lead_time",
             fmt::format("a change or maintenance is announced at least 7 days ahead: "
                         "effective_at must be {} or later, unless it is an emergency with a "
                         "reason",
                         JstAndUtc(earliest))});
    }
}

model::Notice NoticeService::View(storage::Connection& connection, const NoticeRecord& record,
                                  const Reader& reader) const {
    SubjectStore store(connection, SubjectKind::Notice);
    model::Notice notice;
    notice.id = record.id;
    notice.kind = record.kind;
    notice.title = record.title;
    notice.body = record.body;
    notice.tenants = SelectionFor(reader, record.allTenants, store.TenantCodes(record.id));
    notice.effectiveAt = record.effectiveAt;
    notice.emergency = record.emergency;
    notice.reason = record.reason;
    notice.publishedAt = record.publishedAt;
    notice.updatedAt = record.updatedAt;
    notice.notifiedAt = NotificationOf(connection, m_context.outbox, About(record.id),
                                       NotifiedTenantsFor(reader, store, record.id), std::nullopt,
                                       m_context.base.clock->Now())
                            .notifiedAt;
    notice.updates = NoticeRepository(connection).Updates(record.id);
    notice.acknowledged = store.HasAcknowledged(record.id, reader.accountId);
    notice.acknowledgements = store.Acknowledgements(record.id, reader.VisibleTo());
    return notice;
}

NoticeRecord NoticeService::Visible(storage::Connection& connection, const Reader& reader,
                                    const std::string& id) const {
    auto record = NoticeRepository(connection).Find(id);
    if (!record || (!reader.providerWide &&
                    !SubjectStore(connection, SubjectKind::Notice).Concerns(id, reader.tenantId))) {
        facilities::ThrowNotFound("notice");
    }
    return *record;
}

model::InboxPage<model::Notice> NoticeService::List(const auth::Caller& caller,
                                                    const facilities::PageRequest& page) {
    const Reader reader = ReaderOf(caller, m_context.base.database, perm::kNoticesRead);
    auto db = m_context.base.database.Acquire();
    return ListVisible<model::Notice, NoticeRepository>(
        *db, SubjectKind::Notice, reader, page,
        [&](const auto& record) { return View(*db, record, reader); });
}

model::Notice NoticeService::Get(const auth::Caller& caller, const std::string& id) {
    const Reader reader = ReaderOf(caller, m_context.base.database, perm::kNoticesRead);
    auto db = m_context.base.database.Acquire();
    return View(*db, Visible(*db, reader, id), reader);
}

model::Notice NoticeService::Create(const auth::Caller& caller, const model::NoticeInput& input) {
    RequirePublisher(caller, m_context.base.database, perm::kNoticesPublish);
    const model::TimePoint now = m_context.base.clock->Now();
    auto db = m_context.base.database.Acquire();
    storage::Transaction transaction(*db);
    std::vector<model::FieldError> errors;
    const std::vector<std::string> tenantIds = ResolveTenants(*db, input.tenants, errors);
    CheckLeadTime(input.kind, input.effectiveAt, input.emergency, input.reason, now, errors);
    if (!errors.empty()) {
        ThrowInvalid(std::move(errors));
    }
    NoticeRecord record;
    record.id = storage::NewId(storage::id_prefix::kNotice);
    record.kind = input.kind;
    record.title = input.title;
    record.body = input.body;
    record.allTenants = input.tenants.all;
    record.effectiveAt = input.effectiveAt;
    record.emergency = input.emergency;
    record.reason = input.emergency ? input.reason : std::nullopt;
    record.publishedAt = now;
    record.updatedAt = now;
    record.createdBy = caller.principal.account.id;
    NoticeRepository repo(*db);
    SubjectStore store(*db, SubjectKind::Notice);
    repo.Insert(record);
    store.AddTenants(record.id, tenantIds);
    const auto mailed =
        MailTenants(*db, m_context.outbox, TenantsToMail(*db, store, record.id, record.allTenants),
                    About(record.id), NoticeMail(record, std::nullopt));
    AuditSubject(m_context, *db, caller, "notice.publish", record.id, record.title,
                 {{"before", nullptr},
                  {"after", AuditJson(record, input.tenants)},
                  {"mailed_tenants", CodesOf(*db, mailed)}});
    transaction.Commit();
    return View(*db, record, PublisherReader(caller));
}

model::Notice NoticeService::Update(const auth::Caller& caller, const std::string& id,
                                    const model::NoticePatch& patch) {
    RequirePublisher(caller, m_context.base.database, perm::kNoticesPublish);
    const model::TimePoint now = m_context.base.clock->Now();
    const Reader reader = PublisherReader(caller);
    auto db = m_context.base.database.Acquire();
    storage::Transaction transaction(*db);
    const NoticeRecord before = Visible(*db, reader, id);
    NoticeRecord after = before;
    after.title = patch.title.value_or(before.title);
    after.emergency = patch.emergency.value_or(before.emergency);
    after.reason = patch.reason ? patch.reason : before.reason;
    after.effectiveAt = patch.effectiveAt.value_or(before.effectiveAt);
    after.updatedAt = now;
    std::vector<model::FieldError> errors;
    if (after.emergency && !after.reason) {
        errors.push_back({"reason", "required", "an emergency notice needs a reason"});
    }
    if (patch.effectiveAt) {
        CheckLeadTime(after.kind, after.effectiveAt, after.emergency, after.reason, now, errors);
    }
    if (!errors.empty()) {
        ThrowInvalid(std::move(errors));
    }
    if (!after.emergency) {
        after.reason.reset();
    }
    NoticeRepository repo(*db);
    SubjectStore store(*db, SubjectKind::Notice);
    repo.Update(after);
    repo.AddUpdate(id, {now, patch.body, caller.principal.account.displayName});
    const auto mailed =
        MailTenants(*db, m_context.outbox, TenantsToMail(*db, store, id, after.allTenants),
                    About(id), NoticeMail(after, patch.body));
    const model::TenantSelection tenants{after.allTenants, store.TenantCodes(id)};
    AuditSubject(m_context, *db, caller, "notice.update", id, after.title,
                 {{"before", AuditJson(before, tenants)},
                  {"after", AuditJson(after, tenants)},
                  {"body", patch.body},
                  {"mailed_tenants", CodesOf(*db, mailed)}});
    transaction.Commit();
    return View(*db, after, reader);
}

model::Notice NoticeService::Acknowledge(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.base.database, perm::kNoticesAck);
    const Reader reader = ReaderOf(caller, m_context.base.database, perm::kNoticesRead);
    auto db = m_context.base.database.Acquire();
    storage::Transaction transaction(*db);
    const NoticeRecord record = Visible(*db, reader, id);
    const auto& account = caller.principal.account;
    const model::Acknowledgement ack{account.id, account.loginId, account.displayName,
                                     m_context.base.clock->Now()};
    if (SubjectStore(*db, SubjectKind::Notice).Acknowledge(id, reader.tenantId, ack)) {
        AuditSubject(m_context, *db, caller, "notice.ack", id, record.title,
                     {{"title", record.title}, {"at", model::FormatRfc3339Utc(ack.at)}});
    }
    transaction.Commit();
    return View(*db, record, reader);
}

} // namespace resv::server::notices
