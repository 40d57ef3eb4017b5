#pragma once
// What incidents and notices share in storage (migration 7): the tenants they concern, which of
// them a tenant sees, acknowledgements per account, the designated contacts and the customer
// tenants an operator may name. SQL with bound parameters only; the table names come from this
// file's constants, never from a request.

#include "resv/model/Notices.h"
#include "storage/Sqlite.h"

#include <optional>
#include <string>
#include <vector>

namespace resv::server::notices {

enum class SubjectKind { Incident, Notice };

/// "incident" | "notice": the subject_kind of acknowledgements and of the mail outbox.
const char* KindName(SubjectKind kind);

/// A customer tenant as an operator names it.
struct CustomerTenant {
    std::string id;
    std::string code;
    std::string name;
    std::string contractStatus;
};

class SubjectStore {
public:
    SubjectStore(storage::Connection& connection, SubjectKind kind)
        : m_connection(connection)
        , m_kind(kind) {}

    /// Adds the tenants the subject concerns (those already there stay).
    void AddTenants(const std::string& subjectId, const std::vector<std::string>& tenantIds);
    std::vector<std::string> TenantIds(const std::string& subjectId);
    /// Codes of the concerned tenants, sorted.
    std::vector<std::string> TenantCodes(const std::string& subjectId);

    bool Exists(const std::string& subjectId);
    /// Whether `tenantId` sees the subject: it concerns every tenant, or this one.
    bool Concerns(const std::string& subjectId, const std::string& tenantId);

    /// Ids newest published first, after the subject `afterId` (none: from the start), that
    /// `tenantId` sees (none: every one), at most `limit`.
    std::vector<std::string> ListIds(const std::optional<std::string>& tenantId,
                                     const std::string& afterId, int limit);
    /// How many of the subjects `tenantId` sees the account has not acknowledged.
    int CountUnacknowledged(const std::string& tenantId, const std::string& accountId);

    /// Records the acknowledgement unless the account already gave one; true when recorded.
    bool Acknowledge(const std::string& subjectId, const std::string& tenantId,
                     const model::Acknowledgement& ack);
    bool HasAcknowledged(const std::string& subjectId, const std::string& accountId);
    /// Oldest first; of one tenant's accounts, or of every tenant's.
    std::vector<model::Acknowledgement>
    Acknowledgements(const std::string& subjectId, const std::optional<std::string>& tenantId);

private:
    storage::Connection& m_connection;
    SubjectKind m_kind;
};

/// The designated contacts, in the order given.
std::vector<std::string> ContactsOf(storage::Connection& connection, const std::string& tenantId);
void ReplaceContacts(storage::Connection& connection, const std::string& tenantId,
                     const std::vector<std::string>& emails);
/// E-mail addresses of the tenant's active accounts holding the customermanager role.
std::vector<std::string> ManagerEmails(storage::Connection& connection,
                                       const std::string& tenantId);

/// Every tenant but the provider's own and those purged, sorted by code.
std::vector<CustomerTenant> CustomerTenants(storage::Connection& connection);

} // namespace resv::server::notices
