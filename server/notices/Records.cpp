#include "notices/Records.h"

#include "resv/model/Json.h"

namespace resv::server::notices {
namespace {

constexpr const char* kIncidentColumns =
    "id, title, severity, status, all_tenants, components, detected_at, notify_by, "
    "published_at, updated_at, resolved_at, created_by";

constexpr const char* kNoticeColumns = "id, kind, title, body, all_tenants, effective_at, "
                                       "emergency, reason, published_at, updated_at, created_by";

template <typename Enum>
Enum ParseStored(const std::optional<Enum>& parsed, Enum fallback) {
    return parsed.value_or(fallback);
}

IncidentRecord ReadIncident(const storage::Statement& row) {
    IncidentRecord r;
    r.id = row.Text(0);
    r.title = row.Text(1);
    r.severity =
        ParseStored(model::ParseIncidentSeverity(row.Text(2)), model::IncidentSeverity::Minor);
    r.status =
        ParseStored(model::ParseIncidentStatus(row.Text(3)), model::IncidentStatus::Investigating);
    r.allTenants = row.Bool(4);
    const auto components = model::Json::parse(row.Text(5), nullptr, false);
    if (components.is_array()) {
        for (const auto& component : components) {
            if (component.is_string()) {
                r.components.push_back(component.get<std::string>());
            }
        }
    }
    r.detectedAt = row.Time(6);
    r.notifyBy = row.Time(7);
    r.publishedAt = row.Time(8);
    r.updatedAt = row.Time(9);
    r.resolvedAt = row.OptionalTime(10);
    r.createdBy = row.Text(11);
    return r;
}

NoticeRecord ReadNotice(const storage::Statement& row) {
    NoticeRecord r;
    r.id = row.Text(0);
    r.kind = ParseStored(model::ParseNoticeKind(row.Text(1)), model::NoticeKind::Change);
    r.title = row.Text(2);
    r.body = row.Text(3);
    r.allTenants = row.Bool(4);
    r.effectiveAt = row.Time(5);
    r.emergency = row.Bool(6);
    r.reason = row.OptionalText(7);
    r.publishedAt = row.Time(8);
    r.updatedAt = row.Time(9);
    r.createdBy = row.Text(10);
    return r;
}

} // namespace

void IncidentRepository::Insert(const IncidentRecord& r) {
    m_connection
        .Prepare(std::string("INSERT INTO incidents(") + kIncidentColumns +
                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
        .BindAll(r.id, r.title, std::string(model::ToString(r.severity)),
                 std::string(model::ToString(r.status)), r.allTenants,
                 model::Json(r.components).dump(), r.detectedAt, r.notifyBy, r.publishedAt,
                 r.updatedAt, r.resolvedAt, r.createdBy)
        .Run();
}

void IncidentRepository::Update(const IncidentRecord& r) {
    m_connection
        .Prepare("UPDATE incidents SET title = ?2, severity = ?3, status = ?4, updated_at = ?5, "
                 "resolved_at = ?6 WHERE id = ?1")
        .BindAll(r.id, r.title, std::string(model::ToString(r.severity)),
                 std::string(model::ToString(r.status)), r.updatedAt, r.resolvedAt)
        .Run();
}

std::optional<IncidentRecord> IncidentRepository::Find(const std::string& id) {
    storage::Statement query = m_connection.Prepare(std::string("SELECT ") + kIncidentColumns +
                                                    " FROM incidents WHERE id = ?1");
    query.BindAll(id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadIncident(query);
}

void IncidentRepository::AddUpdate(const std::string& incidentId,
                                   const model::IncidentUpdate& update) {
    m_connection
        .Prepare("INSERT INTO incident_updates(incident_id, at, status, message, author) "
                 "VALUES (?1, ?2, ?3, ?4, ?5)")
        .BindAll(incidentId, update.at, std::string(model::ToString(update.status)), update.message,
                 update.author)
        .Run();
}

std::vector<model::IncidentUpdate> IncidentRepository::Updates(const std::string& incidentId) {
    storage::Statement query =
        m_connection.Prepare("SELECT at, status, message, author FROM incident_updates "
                             "WHERE incident_id = ?1 ORDER BY at, id");
    query.BindAll(incidentId);
    std::vector<model::IncidentUpdate> updates;
    while (query.Step()) {
        updates.push_back({query.Time(0),
                           ParseStored(model::ParseIncidentStatus(query.Text(1)),
                                       model::IncidentStatus::Investigating),
                           query.Text(2), query.Text(3)});
    }
    return updates;
}

void NoticeRepository::Insert(const NoticeRecord& r) {
    m_connection
        .Prepare(std::string("INSERT INTO notices(") + kNoticeColumns +
                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .BindAll(r.id, std::string(model::ToString(r.kind)), r.title, r.body, r.allTenants,
                 r.effectiveAt, r.emergency, r.reason, r.publishedAt, r.updatedAt, r.createdBy)
        .Run();
}

void NoticeRepository::Update(const NoticeRecord& r) {
    m_connection
        .Prepare("UPDATE notices SET title = ?2, effective_at = ?3, emergency = ?4, reason = ?5, "
                 "updated_at = ?6 WHERE id = ?1")
        .BindAll(r.id, r.title, r.effectiveAt, r.emergency, r.reason, r.updatedAt)
        .Run();
}

std::optional<NoticeRecord> NoticeRepository::Find(const std::string& id) {
    storage::Statement query = m_connection.Prepare(std::string("SELECT ") + kNoticeColumns +
                                                    " FROM notices WHERE id = ?1");
    query.BindAll(id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadNotice(query);
}

void NoticeRepository::AddUpdate(const std::string& noticeId, const model::NoticeUpdate& update) {
    m_connection
        .Prepare("INSERT INTO notice_updates(notice_id, at, body, author) VALUES (?1, ?2, ?3, ?4)")
        .BindAll(noticeId, update.at, update.body, update.author)
        .Run();
}

std::vector<model::NoticeUpdate> NoticeRepository::Updates(const std::string& noticeId) {
    storage::Statement query = m_connection.Prepare(
        "SELECT at, body, author FROM notice_updates WHERE notice_id = ?1 ORDER BY at, id");
    query.BindAll(noticeId);
    std::vector<model::NoticeUpdate> updates;
    while (query.Step()) {
        updates.push_back({query.Time(0), query.Text(1), query.Text(2)});
    }
    return updates;
}

} // namespace resv::server::notices
