#include "notices/NoticeSupport.h"

#include "http/Problem.h"
#include "resv/model/Problem.h"
#include "resv/model/Role.h"
#include "storage/TenantRepository.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace resv::server::notices {

namespace ec = model::error_code;

bool IsProviderWide(const auth::Caller& caller) {
    return caller.principal.tenant.code == storage::kProviderTenantCode &&
           !caller.principal.actingAs;
}

void RequirePublisher(const auth::Caller& caller, storage::Database& database,
                      std::string_view permission) {
    if (!IsProviderWide(caller)) {
        throw http::HttpError(403, ec::kForbidden,
                              "Only the provider's operators publish incidents and notices, "
                              "logged in without acting in a customer tenant.");
    }
    auth::RequirePermission(caller, database, permission);
}

Reader ReaderOf(const auth::Caller& caller, storage::Database& database,
                std::string_view permission) {
    auth::RequirePermission(caller, database, permission);
    Reader reader;
    reader.accountId = caller.principal.account.id;
    if (IsProviderWide(caller)) {
        reader.providerWide = true;
        return reader;
    }
    const auto& tenant = caller.principal.EffectiveTenant();
    reader.tenantId = tenant.id;
    reader.tenantCode = tenant.code;
    reader.canAcknowledge =
        caller.Permissions(database).Has(model::permission::kNoticesAck) &&
        !caller.principal.actingAs; // an operator reads for the tenant, acknowledges nothing
    return reader;
}

std::vector<std::string> ResolveTenants(storage::Connection& connection,
                                        const model::TenantSelection& selection,
                                        std::vector<model::FieldError>& errors) {
    const std::vector<CustomerTenant> customers = CustomerTenants(connection);
    std::vector<std::string> ids;
    if (selection.all) {
        for (const auto& tenant : customers) {
            if (tenant.contractStatus == "active") {
                ids.push_back(tenant.id);
            }
        }
        return ids;
    }
    for (std::size_t i = 0; i < selection.codes.size(); ++i) {
        const auto it =
            std::find_if(customers.begin(), customers.end(),
                         [&](const CustomerTenant& t) { return t.code == selection.codes[i]; });
        if (it == customers.end()) {
            errors.push_back(
                {fmt::format("tenants[{}]", i), "unknown_tenant",
                 fmt::format("there is no customer tenant \"{}\"", selection.codes[i])});
        } else {
            ids.push_back(it->id);
        }
    }
    return ids;
}

void ThrowInvalid(std::vector<model::FieldError> errors) {
    const std::string detail =
        errors.empty() ? "The request is not valid." : errors.front().message;
    throw http::HttpError(400, ec::kInvalidField, detail, std::move(errors));
}

model::TenantSelection SelectionFor(const Reader& reader, bool allTenants,
                                    std::vector<std::string> codes) {
    model::TenantSelection selection;
    if (allTenants) {
        selection.all = true;
    } else if (reader.providerWide) {
        selection.codes = std::move(codes);
    } else {
        selection.codes = {reader.tenantCode};
    }
    return selection;
}

std::vector<std::string> RecipientsOf(storage::Connection& connection,
                                      const std::string& tenantId) {
    std::vector<std::string> recipients = ContactsOf(connection, tenantId);
    if (recipients.empty()) {
        recipients = ManagerEmails(connection, tenantId);
    }
    // Addresses typed before validation existed, or an odd account e-mail, never reach a header.
    std::erase_if(recipients,
                  [](const std::string& address) { return !model::IsValidEmailAddress(address); });
    return recipients;
}

std::vector<std::string> MailTenants(storage::Connection& connection,
                                     const mail::MailOutbox& outbox,
                                     const std::vector<std::string>& tenantIds,
                                     const mail::MailSubject& about, const MailText& text) {
    std::vector<std::string> mailed;
    for (const auto& tenantId : tenantIds) {
        mail::OutgoingMail mail;
        mail.recipients = RecipientsOf(connection, tenantId);
        if (mail.recipients.empty()) {
            continue; // nobody to tell: the subject shows as not notified, then overdue
        }
        mail.tenantId = tenantId;
        mail.about = about;
        mail.subject = text.subject;
        mail.body = text.body;
        outbox.Enqueue(connection, mail);
        mailed.push_back(tenantId);
    }
    return mailed;
}

std::vector<std::string> TenantsToMail(storage::Connection& connection, SubjectStore& store,
                                       const std::string& subjectId, bool allTenants) {
    if (allTenants) {
        std::vector<model::FieldError> none;
        store.AddTenants(subjectId,
                         ResolveTenants(connection, model::TenantSelection{true, {}}, none));
    }
    return store.TenantIds(subjectId);
}

std::vector<std::string> CodesOf(storage::Connection& connection,
                                 const std::vector<std::string>& tenantIds) {
    std::vector<std::string> codes;
    for (const auto& tenant : CustomerTenants(connection)) {
        if (std::find(tenantIds.begin(), tenantIds.end(), tenant.id) != tenantIds.end()) {
            codes.push_back(tenant.code);
        }
    }
    return codes;
}

Notification NotificationOf(storage::Connection& connection, const mail::MailOutbox& outbox,
                            const mail::MailSubject& about,
                            const std::vector<std::string>& tenantIds,
                            std::optional<model::TimePoint> notifyBy, model::TimePoint now) {
    Notification result;
    bool allNotified = !tenantIds.empty();
    for (const auto& tenantId : tenantIds) {
        const auto sent = outbox.FirstSentAt(connection, about, tenantId);
        if (!sent) {
            allNotified = false;
            if (notifyBy && now > *notifyBy) {
                result.overdue = true;
            }
            continue;
        }
        if (notifyBy && *sent > *notifyBy) {
            result.overdue = true;
        }
        if (!result.notifiedAt || *sent > *result.notifiedAt) {
            result.notifiedAt = sent;
        }
    }
    if (!allNotified) {
        result.notifiedAt.reset();
    }
    return result;
}

std::vector<std::string> NotifiedTenantsFor(const Reader& reader, SubjectStore& store,
                                            const std::string& subjectId) {
    if (!reader.providerWide) {
        return {reader.tenantId};
    }
    return store.TenantIds(subjectId);
}

void RequireKnownCursor(SubjectStore& store, const std::string& cursor) {
    if (!cursor.empty() && !store.Exists(cursor)) {
        throw http::HttpError(400, ec::kInvalidCursor, "The cursor is not one this list gave.");
    }
}

void AuditSubject(const NoticeContext& context, storage::Connection& connection,
                  const auth::Caller& caller, const std::string& action,
                  const std::string& subjectId, const std::string& title,
                  const nlohmann::json& details) {
    facilities::Audit(context.base, connection, caller, action,
                      audit::Target{audit::CategoryOf(action), subjectId, title}, details);
}

std::string JstAndUtc(model::TimePoint t) {
    return fmt::format("{} ({})", model::FormatJstDateTimeShort(t), model::FormatRfc3339Utc(t));
}

} // namespace resv::server::notices
