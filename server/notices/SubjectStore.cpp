#include "notices/SubjectStore.h"

#include "storage/TenantRepository.h"

#include <fmt/format.h>

namespace resv::server::notices {
namespace {

struct Tables {
    const char* main;    ///< incidents | notices
    const char* tenants; ///< incident_tenants | notice_tenants
    const char* key;     ///< incident_id | notice_id
};

Tables TablesOf(SubjectKind kind) {
    return kind == SubjectKind::Incident ? Tables{"incidents", "incident_tenants", "incident_id"}
                                         : Tables{"notices", "notice_tenants", "notice_id"};
}

/// "s.all_tenants = 1 OR EXISTS (…tenant ?N…)": the subject `s` concerns the bound tenant.
std::string ConcernsClause(const Tables& t, int parameter) {
    return fmt::format("(s.all_tenants = 1 OR EXISTS (SELECT 1 FROM {0} c WHERE c.{1} = s.id "
                       "AND c.tenant_id = ?{2}))",
                       t.tenants, t.key, parameter);
}

} // namespace

const char* KindName(SubjectKind kind) {
    return kind == SubjectKind::Incident ? "incident" : "notice";
}

void SubjectStore::AddTenants(const std::string& subjectId,
                              const std::vector<std::string>& tenantIds) {
    const Tables t = TablesOf(m_kind);
    for (const auto& tenantId : tenantIds) {
        m_connection
            .Prepare(fmt::format("INSERT OR IGNORE INTO {}({}, tenant_id) VALUES (?1, ?2)",
                                 t.tenants, t.key))
            .BindAll(subjectId, tenantId)
            .Run();
    }
}

std::vector<std::string> SubjectStore::TenantIds(const std::string& subjectId) {
    const Tables t = TablesOf(m_kind);
    storage::Statement query = m_connection.Prepare(
        fmt::format("SELECT tenant_id FROM {} WHERE {} = ?1 ORDER BY tenant_id", t.tenants, t.key));
    query.BindAll(subjectId);
    std::vector<std::string> ids;
    while (query.Step()) {
        ids.push_back(query.Text(0));
    }
    return ids;
}

std::vector<std::string> SubjectStore::TenantCodes(const std::string& subjectId) {
    const Tables t = TablesOf(m_kind);
    storage::Statement query = m_connection.Prepare(
        fmt::format("SELECT te.code FROM {} c JOIN tenants te ON te.id = c.tenant_id "
                    "WHERE c.{} = ?1 ORDER BY te.code",
                    t.tenants, t.key));
    query.BindAll(subjectId);
    std::vector<std::string> codes;
    while (query.Step()) {
        codes.push_back(query.Text(0));
    }
    return codes;
}

bool SubjectStore::Exists(const std::string& subjectId) {
    storage::Statement query =
        m_connection.Prepare(fmt::format("SELECT 1 FROM {} WHERE id = ?1", TablesOf(m_kind).main));
    query.BindAll(subjectId);
    return query.Step();
}

bool SubjectStore::Concerns(const std::string& subjectId, const std::string& tenantId) {
    const Tables t = TablesOf(m_kind);
    storage::Statement query = m_connection.Prepare(
        fmt::format("SELECT 1 FROM {} s WHERE s.id = ?1 AND {}", t.main, ConcernsClause(t, 2)));
    query.BindAll(subjectId, tenantId);
    return query.Step();
}

std::vector<std::string> SubjectStore::ListIds(const std::optional<std::string>& tenantId,
                                               const std::string& afterId, int limit) {
    const Tables t = TablesOf(m_kind);
    // Newest first; the cursor is the last id shown, so the keyset is (published_at, id) below
    // that subject's.
    std::string sql = fmt::format("SELECT s.id FROM {} s WHERE (?1 IS NULL OR {}) ", t.main,
                                  ConcernsClause(t, 1));
    sql += fmt::format("AND (?2 = '' OR (s.published_at, s.id) < (SELECT a.published_at, a.id "
                       "FROM {} a WHERE a.id = ?2)) ORDER BY s.published_at DESC, s.id DESC "
                       "LIMIT ?3",
                       t.main);
    storage::Statement query = m_connection.Prepare(sql);
    query.BindAll(tenantId, afterId, limit);
    std::vector<std::string> ids;
    while (query.Step()) {
        ids.push_back(query.Text(0));
    }
    return ids;
}

int SubjectStore::CountUnacknowledged(const std::string& tenantId, const std::string& accountId) {
    const Tables t = TablesOf(m_kind);
    storage::Statement query = m_connection.Prepare(fmt::format(
        "SELECT COUNT(*) FROM {} s WHERE {} AND NOT EXISTS (SELECT 1 FROM acknowledgements k "
        "WHERE k.subject_kind = ?2 AND k.subject_id = s.id AND k.account_id = ?3)",
        t.main, ConcernsClause(t, 1)));
    query.BindAll(tenantId, KindName(m_kind), accountId);
    return query.Step() ? static_cast<int>(query.Int(0)) : 0;
}

bool SubjectStore::Acknowledge(const std::string& subjectId, const std::string& tenantId,
                               const model::Acknowledgement& ack) {
    m_connection
        .Prepare("INSERT OR IGNORE INTO acknowledgements(subject_kind, subject_id, account_id, "
                 "tenant_id, login_id, display_name, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .BindAll(KindName(m_kind), subjectId, ack.accountId, tenantId, ack.loginId, ack.displayName,
                 ack.at)
        .Run();
    return m_connection.Changes() > 0;
}

bool SubjectStore::HasAcknowledged(const std::string& subjectId, const std::string& accountId) {
    storage::Statement query =
        m_connection.Prepare("SELECT 1 FROM acknowledgements WHERE subject_kind = ?1 AND "
                             "subject_id = ?2 AND account_id = ?3");
    query.BindAll(KindName(m_kind), subjectId, accountId);
    return query.Step();
}

std::vector<model::Acknowledgement>
SubjectStore::Acknowledgements(const std::string& subjectId,
                               const std::optional<std::string>& tenantId) {
    storage::Statement query = m_connection.Prepare(
        "SELECT account_id, login_id, display_name, at FROM acknowledgements WHERE "
        "subject_kind = ?1 AND subject_id = ?2 AND (?3 IS NULL OR tenant_id = ?3) "
        "ORDER BY at, account_id");
    query.BindAll(KindName(m_kind), subjectId, tenantId);
    std::vector<model::Acknowledgement> acks;
    while (query.Step()) {
        acks.push_back({query.Text(0), query.Text(1), query.Text(2), query.Time(3)});
    }
    return acks;
}

std::vector<std::string> ContactsOf(storage::Connection& connection, const std::string& tenantId) {
    storage::Statement query = connection.Prepare(
        "SELECT email FROM tenant_contacts WHERE tenant_id = ?1 ORDER BY position");
    query.BindAll(tenantId);
    std::vector<std::string> emails;
    while (query.Step()) {
        emails.push_back(query.Text(0));
    }
    return emails;
}

void ReplaceContacts(storage::Connection& connection, const std::string& tenantId,
                     const std::vector<std::string>& emails) {
    connection.Prepare("DELETE FROM tenant_contacts WHERE tenant_id = ?1").BindAll(tenantId).Run();
    for (std::size_t i = 0; i < emails.size(); ++i) {
        connection
            .Prepare("INSERT INTO tenant_contacts(tenant_id, position, email) VALUES (?1, ?2, ?3)")
            .BindAll(tenantId, static_cast<int>(i), emails[i])
            .Run();
    }
}

std::vector<std::string> ManagerEmails(storage::Connection& connection,
                                       const std::string& tenantId) {
    storage::Statement query = connection.Prepare(
        "SELECT DISTINCT a.email FROM accounts a JOIN account_roles r ON r.account_id = a.id "
        "WHERE a.tenant_id = ?1 AND a.status = 'active' AND r.role = 'customermanager' "
        "AND a.email IS NOT NULL AND a.email <> '' ORDER BY a.email");
    query.BindAll(tenantId);
    std::vector<std::string> emails;
    while (query.Step()) {
        emails.push_back(query.Text(0));
    }
    return emails;
}

std::vector<CustomerTenant> CustomerTenants(storage::Connection& connection) {
    storage::Statement query =
        connection.Prepare("SELECT id, code, name, contract_status FROM tenants WHERE code <> ?1 "
                           "AND contract_status <> 'purged' ORDER BY code");
    query.BindAll(storage::kProviderTenantCode);
    std::vector<CustomerTenant> tenants;
    while (query.Step()) {
        tenants.push_back({query.Text(0), query.Text(1), query.Text(2), query.Text(3)});
    }
    return tenants;
}

} // namespace resv::server::notices
