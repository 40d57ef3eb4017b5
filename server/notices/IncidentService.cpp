#include "notices/IncidentService.h"

#include "notices/NoticeMail.h"
#include "resv/model/Json.h"
#include "resv/model/Role.h"
#include "storage/Ids.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace resv::server::notices {
namespace {

namespace perm = model::permission;

mail::MailSubject About(const std::string& id) {
    return {KindName(SubjectKind::Incident), id};
}

/// What the audit log keeps of an incident.
nlohmann::json AuditJson(const IncidentRecord& r, const model::TenantSelection& tenants) {
    return {{"title", r.title},
            {"severity", r.severity},
            {"status", r.status},
            {"tenants", tenants},
            {"components", r.components},
            {"detected_at", model::FormatRfc3339Utc(r.detectedAt)},
            {"notify_by", model::FormatRfc3339Utc(r.notifyBy)},
            {"resolved_at", model::TimeToJson(r.resolvedAt)}};
}

} // namespace

model::Incident IncidentService::View(storage::Connection& connection, const IncidentRecord& record,
                                      const Reader& reader) const {
    SubjectStore store(connection, SubjectKind::Incident);
    model::Incident incident;
    incident.id = record.id;
    incident.title = record.title;
    incident.severity = record.severity;
    incident.status = record.status;
    incident.tenants = SelectionFor(reader, record.allTenants, store.TenantCodes(record.id));
    incident.components = record.components;
    incident.detectedAt = record.detectedAt;
    incident.notifyBy = record.notifyBy;
    incident.publishedAt = record.publishedAt;
    incident.updatedAt = record.updatedAt;
    incident.resolvedAt = record.resolvedAt;
    const Notification notification = NotificationOf(connection, m_context.outbox, About(record.id),
                                                     NotifiedTenantsFor(reader, store, record.id),
                                                     record.notifyBy, m_context.base.clock->Now());
    incident.notifiedAt = notification.notifiedAt;
    incident.overdue = notification.overdue;
    incident.updates = IncidentRepository(connection).Updates(record.id);
    incident.acknowledged = store.HasAcknowledged(record.id, reader.accountId);
    incident.acknowledgements = store.Acknowledgements(record.id, reader.VisibleTo());
    return incident;
}

IncidentRecord IncidentService::Visible(storage::Connection& connection, const Reader& reader,
                                        const std::string& id) const {
    auto record = IncidentRepository(connection).Find(id);
    if (!record ||
        (!reader.providerWide &&
         !SubjectStore(connection, SubjectKind::Incident).Concerns(id, reader.tenantId))) {
        facilities::ThrowNotFound("incident");
    }
    return *record;
}

model::InboxPage<model::Incident> IncidentService::List(const auth::Caller& caller,
                                                        const facilities::PageRequest& page) {
    const Reader reader = ReaderOf(caller, m_context.base.database, perm::kMonitoringRead);
    auto db = m_context.base.database.Acquire();
    return ListVisible<model::Incident, IncidentRepository>(
        *db, SubjectKind::Incident, reader, page,
        [&](const auto& record) { return View(*db, record, reader); });
}

model::Incident IncidentService::Get(const auth::Caller& caller, const std::string& id) {
    const Reader reader = ReaderOf(caller, m_context.base.database, perm::kMonitoringRead);
    auto db = m_context.base.database.Acquire();
    return View(*db, Visible(*db, reader, id), reader);
}

model::Incident IncidentService::Create(const auth::Caller& caller,
                                        const model::IncidentInput& input) {
    RequirePublisher(caller, m_context.base.database, perm::kIncidentsPublish);
    const model::TimePoint now = m_context.base.clock->Now();
    auto db = m_context.base.database.Acquire();
    storage::Transaction transaction(*db);
    std::vector<model::FieldError> errors;
    const std::vector<std::string> tenantIds = ResolveTenants(*db, input.tenants, errors);
    if (input.detectedAt && *input.detectedAt > now) {
        errors.push_back(
            {"detected_at", "in_future", "detected_at is later than now (" + JstAndUtc(now) + ")"});
    }
    if (!errors.empty()) {
        ThrowInvalid(std::move(errors));
    }
    IncidentRecord record;
    record.id = storage::NewId(storage::id_prefix::kIncident);
    record.title = input.title;
    record.severity = input.severity;
    record.status = input.status;
    record.allTenants = input.tenants.all;
    record.components = input.components;
    record.detectedAt = input.detectedAt.value_or(now);
    record.notifyBy = record.detectedAt + model::kIncidentNotifyWithin;
    record.publishedAt = now;
    record.updatedAt = now;
    if (record.status == model::IncidentStatus::Resolved) {
        record.resolvedAt = now;
    }
    record.createdBy = caller.principal.account.id;
    const model::IncidentUpdate first{now, record.status, input.message,
                                      caller.principal.account.displayName};
    IncidentRepository repo(*db);
    SubjectStore store(*db, SubjectKind::Incident);
    repo.Insert(record);
    store.AddTenants(record.id, tenantIds);
    repo.AddUpdate(record.id, first);
    const auto mailed =
        MailTenants(*db, m_context.outbox, TenantsToMail(*db, store, record.id, record.allTenants),
                    About(record.id), IncidentMail(record, first, false));
    const Reader reader{true, {}, {}, caller.principal.account.id, false};
    AuditSubject(m_context, *db, caller, "incident.publish", record.id, record.title,
                 {{"before", nullptr},
                  {"after", AuditJson(record, input.tenants)},
                  {"message", input.message},
                  {"mailed_tenants", CodesOf(*db, mailed)}});
    transaction.Commit();
    return View(*db, record, reader);
}

model::Incident IncidentService::Update(const auth::Caller& caller, const std::string& id,
                                        const model::IncidentPatch& patch) {
    RequirePublisher(caller, m_context.base.database, perm::kIncidentsPublish);
    const model::TimePoint now = m_context.base.clock->Now();
    const Reader reader{true, {}, {}, caller.principal.account.id, false};
    auto db = m_context.base.database.Acquire();
    storage::Transaction transaction(*db);
    const IncidentRecord before = Visible(*db, reader, id);
    IncidentRecord after = before;
    after.title = patch.title.value_or(before.title);
    after.severity = patch.severity.value_or(before.severity);
    after.status = patch.status.value_or(before.status);
    after.updatedAt = now;
    if (after.status == model::IncidentStatus::Resolved) {
        if (before.status != model::IncidentStatus::Resolved) {
            after.resolvedAt = now;
        }
    } else {
        after.resolvedAt.reset(); // reopened
    }
    const model::IncidentUpdate entry{now, after.status, patch.message,
                                      caller.principal.account.displayName};
    IncidentRepository repo(*db);
    SubjectStore store(*db, SubjectKind::Incident);
    repo.Update(after);
    repo.AddUpdate(id, entry);
    const auto mailed =
        MailTenants(*db, m_context.outbox, TenantsToMail(*db, store, id, after.allTenants),
                    About(id), IncidentMail(after, entry, true));
    const model::TenantSelection tenants{after.allTenants, store.TenantCodes(id)};
    AuditSubject(m_context, *db, caller, "incident.update", id, after.title,
                 {{"before", AuditJson(before, tenants)},
                  {"after", AuditJson(after, tenants)},
                  {"message", patch.message},
                  {"mailed_tenants", CodesOf(*db, mailed)}});
    transaction.Commit();
    return View(*db, after, reader);
}

model::Incident IncidentService::Acknowledge(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.base.database, perm::kNoticesAck);
    const Reader reader = ReaderOf(caller, m_context.base.database, perm::kMonitoringRead);
    auto db = m_context.base.database.Acquire();
    storage::Transaction transaction(*db);
    const IncidentRecord record = Visible(*db, reader, id);
    const auto& account = caller.principal.account;
    const model::Acknowledgement ack{account.id, account.loginId, account.displayName,
                                     m_context.base.clock->Now()};
    if (SubjectStore(*db, SubjectKind::Incident).Acknowledge(id, reader.tenantId, ack)) {
        AuditSubject(m_context, *db, caller, "incident.ack", id, record.title,
                     {{"title", record.title}, {"at", model::FormatRfc3339Utc(ack.at)}});
    }
    transaction.Commit();
    return View(*db, record, reader);
}

} // namespace resv::server::notices
