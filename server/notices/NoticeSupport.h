#pragma once
// What the incident, notice and contact services share: who reads (one customer tenant, or the
// provider outside tenants, who sees everything), who may publish, the tenants a selection
// names, the mail to each tenant concerned, and whether that mail went out in time.

#include "facilities/ServiceSupport.h"
#include "mail/MailOutbox.h"
#include "notices/SubjectStore.h"
#include "resv/model/Notices.h"

#include <optional>
#include <string>
#include <vector>

namespace resv::server::notices {

struct NoticeContext {
    facilities::ServiceContext base;
    const mail::MailOutbox& outbox;
};

/// A provider session that does not act in a customer tenant.
bool IsProviderWide(const auth::Caller& caller);

/// 403 unless the caller holds `permission` in a provider session outside customer tenants (an
/// operator acting in a tenant works for that tenant and publishes nothing).
void RequirePublisher(const auth::Caller& caller, storage::Database& database,
                      std::string_view permission);

/// Who reads an incident or notice, and so what the answer shows.
struct Reader {
    bool providerWide = false; ///< sees every subject, every tenant's acknowledgements
    std::string tenantId;      ///< the customer tenant (empty when provider-wide)
    std::string tenantCode;
    std::string accountId;
    bool canAcknowledge = false; ///< holds notices.ack (unread counts only for such readers)

    std::optional<std::string> VisibleTo() const {
        return providerWide ? std::nullopt : std::optional<std::string>(tenantId);
    }
};

/// Requires `permission` (monitoring.read for incidents, notices.read for notices).
Reader ReaderOf(const auth::Caller& caller, storage::Database& database,
                std::string_view permission);

/// The tenant ids a selection names: each code must be a customer tenant (errors collect
/// "tenants[i]" unknown_tenant); "all" is every customer tenant whose contract is active.
std::vector<std::string> ResolveTenants(storage::Connection& connection,
                                        const model::TenantSelection& selection,
                                        std::vector<model::FieldError>& errors);

/// 400 invalid_field with these errors; nothing is written.
[[noreturn]] void ThrowInvalid(std::vector<model::FieldError> errors);

/// The selection as the reader may see it: a customer sees "all" or only its own code.
model::TenantSelection SelectionFor(const Reader& reader, bool allTenants,
                                    std::vector<std::string> codes);

/// Where a tenant's mail goes: its designated contacts, or else its active customer managers.
std::vector<std::string> RecipientsOf(storage::Connection& connection, const std::string& tenantId);

struct MailText {
    std::string subject;
    std::string body;
};

/// One mail per tenant that has somewhere to send it, inside the open transaction; returns the
/// ids of the tenants mailed.
std::vector<std::string> MailTenants(storage::Connection& connection,
                                     const mail::MailOutbox& outbox,
                                     const std::vector<std::string>& tenantIds,
                                     const mail::MailSubject& about, const MailText& text);

/// The tenants to mail about a subject: those named, or for "all" every customer tenant whose
/// contract is active now, which join the subject's rows so that their notification is followed.
std::vector<std::string> TenantsToMail(storage::Connection& connection, SubjectStore& store,
                                       const std::string& subjectId, bool allTenants);

/// The codes of these customer tenants, sorted.
std::vector<std::string> CodesOf(storage::Connection& connection,
                                 const std::vector<std::string>& tenantIds);

struct Notification {
    std::optional<model::TimePoint> notifiedAt;
    bool overdue = false;
};

/// Per tenant, notified_at is the first sent_at of mail about the subject; overdue when none was
/// sent by `notifyBy` (and now is later) or the first was later. Over several tenants: the latest
/// first send (null while any is missing), overdue when any is.
Notification NotificationOf(storage::Connection& connection, const mail::MailOutbox& outbox,
                            const mail::MailSubject& about,
                            const std::vector<std::string>& tenantIds,
                            std::optional<model::TimePoint> notifyBy, model::TimePoint now);

/// The tenants a reader's notification status is about.
std::vector<std::string> NotifiedTenantsFor(const Reader& reader, SubjectStore& store,
                                            const std::string& subjectId);

/// A keyset cursor is the id of the last subject shown; one that names none is 400
/// invalid_cursor.
void RequireKnownCursor(SubjectStore& store, const std::string& cursor);

/// A page of the incidents or notices (`Repository`'s records) the reader may see, newest
/// first, each shown by `view(record)`, with the reader's unread count of the whole list.
template <typename Item, typename Repository, typename ViewOf>
model::InboxPage<Item> ListVisible(storage::Connection& connection, SubjectKind kind,
                                   const Reader& reader, const facilities::PageRequest& page,
                                   ViewOf view) {
    SubjectStore store(connection, kind);
    RequireKnownCursor(store, page.after);
    std::vector<std::string> ids = store.ListIds(reader.VisibleTo(), page.after, page.limit + 1);
    model::InboxPage<Item> result;
    result.nextCursor = facilities::TrimPage(ids, page.limit, [](const auto& id) { return id; });
    Repository repository(connection);
    for (const auto& id : ids) {
        if (const auto record = repository.Find(id)) {
            result.items.push_back(view(*record));
        }
    }
    result.unread =
        reader.canAcknowledge ? store.CountUnacknowledged(reader.tenantId, reader.accountId) : 0;
    return result;
}

/// Appends an event in the caller's tenant about an incident or notice, labelled by title.
void AuditSubject(const NoticeContext& context, storage::Connection& connection,
                  const auth::Caller& caller, const std::string& action,
                  const std::string& subjectId, const std::string& title,
                  const nlohmann::json& details);

/// "2026-12-02 17:00 JST (2026-12-02T08:00:00.000Z)".
std::string JstAndUtc(model::TimePoint t);

} // namespace resv::server::notices
