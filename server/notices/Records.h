#pragma once
// Incidents and notices as stored (migration 7), with their timelines. The answers a caller gets
// are made from these by the services (what a caller sees depends on who asks).

#include "resv/model/Notices.h"
#include "storage/Sqlite.h"

#include <optional>
#include <string>
#include <vector>

namespace resv::server::notices {

struct IncidentRecord {
    std::string id;
    std::string title;
    model::IncidentSeverity severity = model::IncidentSeverity::Minor;
    model::IncidentStatus status = model::IncidentStatus::Investigating;
    bool allTenants = false;
    std::vector<std::string> components;
    model::TimePoint detectedAt{};
    model::TimePoint notifyBy{};
    model::TimePoint publishedAt{};
    model::TimePoint updatedAt{};
    std::optional<model::TimePoint> resolvedAt;
    std::string createdBy; ///< the operator's account id
};

struct NoticeRecord {
    std::string id;
    model::NoticeKind kind = model::NoticeKind::Change;
    std::string title;
    std::string body;
    bool allTenants = false;
    model::TimePoint effectiveAt{};
    bool emergency = false;
    std::optional<std::string> reason;
    model::TimePoint publishedAt{};
    model::TimePoint updatedAt{};
    std::string createdBy;
};

class IncidentRepository {
public:
    explicit IncidentRepository(storage::Connection& connection)
        : m_connection(connection) {}

    void Insert(const IncidentRecord& record);
    /// Title, severity, status, updated_at and resolved_at.
    void Update(const IncidentRecord& record);
    std::optional<IncidentRecord> Find(const std::string& id);
    void AddUpdate(const std::string& incidentId, const model::IncidentUpdate& update);
    /// Oldest first.
    std::vector<model::IncidentUpdate> Updates(const std::string& incidentId);

private:
    storage::Connection& m_connection;
};

class NoticeRepository {
public:
    explicit NoticeRepository(storage::Connection& connection)
        : m_connection(connection) {}

    void Insert(const NoticeRecord& record);
    /// Title, effective_at, emergency, reason and updated_at.
    void Update(const NoticeRecord& record);
    std::optional<NoticeRecord> Find(const std::string& id);
    void AddUpdate(const std::string& noticeId, const model::NoticeUpdate& update);
    std::vector<model::NoticeUpdate> Updates(const std::string& noticeId);

private:
    storage::Connection& m_connection;
};

} // namespace resv::server::notices
