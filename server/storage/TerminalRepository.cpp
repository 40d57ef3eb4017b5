#include "storage/TerminalRepository.h"

#include "resv/model/Json.h"

namespace resv::server::storage {
namespace {

constexpr const char* kColumns =
    "SELECT id, tenant_id, facility_id, name, kind, ip_address, model, serial, app_version, "
    "reported_ip, state, last_seen_at, desired_config_version, applied_config_version, "
    "config_error, config_error_version FROM terminals ";

TerminalRecord ReadTerminal(const Statement& row) {
    TerminalRecord r;
    r.id = row.Text(0);
    r.tenantId = row.Text(1);
    r.facilityId = row.Text(2);
    r.name = row.Text(3);
    r.kind = model::TerminalKindFromString(row.Text(4)).value_or(model::TerminalKind::Kiosk);
    r.ipAddress = row.Text(5);
    r.model = row.Text(6);
    r.serial = row.Text(7);
    r.appVersion = row.OptionalText(8);
    r.reportedIp = row.OptionalText(9);
    if (const auto state = row.OptionalText(10)) {
        r.state = model::TerminalStateFromString(*state);
    }
    r.lastSeenAt = row.OptionalTime(11);
    r.desiredConfigVersion = static_cast<int>(row.Int(12));
    r.appliedConfigVersion = static_cast<int>(row.Int(13));
    r.configError = row.OptionalText(14);
    if (const auto v = row.OptionalInt(15)) {
        r.configErrorVersion = static_cast<int>(*v);
    }
    return r;
}

std::vector<TerminalRecord> ReadAll(Statement& query) {
    std::vector<TerminalRecord> items;
    while (query.Step()) {
        items.push_back(ReadTerminal(query));
    }
    return items;
}

ConfigVersionRecord ReadConfigVersion(const Statement& row) {
    ConfigVersionRecord r;
    r.version = static_cast<int>(row.Int(0));
    r.settings = model::Json::parse(row.Text(1)).get<model::TerminalSettings>();
    r.changed = model::Json::parse(row.Text(2)).get<std::vector<std::string>>();
    r.at = row.Time(3);
    r.actorLoginId = row.Text(4);
    r.actorDisplayName = row.Text(5);
    r.origin = row.Text(6);
    if (const auto v = row.OptionalInt(7)) {
        r.rolledBackTo = static_cast<int>(*v);
    }
    return r;
}

} // namespace

std::vector<TerminalRecord> TerminalRepository::List(const std::string& tenantId,
                                                     const std::string& afterId, int limit) {
    Statement query = m_connection.Prepare(std::string(kColumns) +
                                           "WHERE tenant_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3");
    query.BindAll(tenantId, afterId, limit);
    return ReadAll(query);
}

std::vector<TerminalRecord> TerminalRepository::ListInFacility(const std::string& tenantId,
                                                               const std::string& facilityId) {
    Statement query = m_connection.Prepare(std::string(kColumns) +
                                           "WHERE tenant_id = ?1 AND facility_id = ?2 ORDER BY id");
    query.BindAll(tenantId, facilityId);
    return ReadAll(query);
}

std::vector<TerminalRecord>
TerminalRepository::ListInJurisdiction(const std::string& tenantId,
                                       const std::string& jurisdictionId) {
    Statement query = m_connection.Prepare(
        std::string(kColumns) +
        "WHERE tenant_id = ?1 AND facility_id IN "
        "(SELECT id FROM facilities WHERE tenant_id = ?1 AND jurisdiction_id = ?2) ORDER BY id");
    query.BindAll(tenantId, jurisdictionId);
    return ReadAll(query);
}

std::optional<TerminalRecord> TerminalRepository::Find(const std::string& tenantId,
                                                       const std::string& id) {
    Statement query =
        m_connection.Prepare(std::string(kColumns) + "WHERE tenant_id = ?1 AND id = ?2");
    query.BindAll(tenantId, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadTerminal(query);
}

std::optional<DeviceIdentity> TerminalRepository::FindByTokenHash(const std::string& tokenHash) {
    Statement query = m_connection.Prepare(
        "SELECT id, tenant_id, kind, desired_config_version FROM terminals WHERE token_hash = ?1");
    query.Bind(1, tokenHash);
    if (!query.Step()) {
        return std::nullopt;
    }
    return DeviceIdentity{
        query.Text(0), query.Text(1),
        model::TerminalKindFromString(query.Text(2)).value_or(model::TerminalKind::Kiosk),
        static_cast<int>(query.Int(3))};
}

void TerminalRepository::Insert(const TerminalRecord& r, const std::string& tokenHash,
                                model::TimePoint now) {
    m_connection
        .Prepare("INSERT INTO terminals(id, tenant_id, facility_id, name, kind, ip_address, model, "
                 "serial, token_hash, desired_config_version, applied_config_version, created_at, "
                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)")
        .BindAll(r.id, r.tenantId, r.facilityId, r.name, std::string(model::ToString(r.kind)),
                 r.ipAddress, r.model, r.serial, tokenHash, r.desiredConfigVersion,
                 r.appliedConfigVersion, now)
        .Run();
}

void TerminalRepository::Update(const TerminalRecord& r, model::TimePoint now) {
    m_connection
        .Prepare("UPDATE terminals SET facility_id = ?3, name = ?4, kind = ?5, ip_address = ?6, "
                 "model = ?7, serial = ?8, updated_at = ?9 WHERE tenant_id = ?1 AND id = ?2")
        .BindAll(r.tenantId, r.id, r.facilityId, r.name, std::string(model::ToString(r.kind)),
                 r.ipAddress, r.model, r.serial, now)
        .Run();
}

void TerminalRepository::Delete(const std::string& tenantId, const std::string& id) {
    m_connection.Prepare("DELETE FROM terminals WHERE tenant_id = ?1 AND id = ?2")
        .BindAll(tenantId, id)
        .Run();
}

void TerminalRepository::SetTokenHash(const std::string& tenantId, const std::string& id,
                                      const std::string& tokenHash, model::TimePoint now) {
    m_connection
        .Prepare("UPDATE terminals SET token_hash = ?3, updated_at = ?4 "
                 "WHERE tenant_id = ?1 AND id = ?2")
        .BindAll(tenantId, id, tokenHash, now)
        .Run();
}

void TerminalRepository::SetDesiredVersion(const std::string& id, int version) {
    m_connection
        .Prepare("UPDATE terminals SET desired_config_version = ?2, config_error = NULL, "
                 "config_error_version = NULL WHERE id = ?1")
        .BindAll(id, version)
        .Run();
}

void TerminalRepository::RecordApplied(const std::string& id, int version) {
    m_connection
        .Prepare(
            "UPDATE terminals SET applied_config_version = ?2, "
            "config_error = CASE WHEN config_error_version = ?2 THEN NULL ELSE config_error END, "
            "config_error_version = CASE WHEN config_error_version = ?2 THEN NULL "
            "ELSE config_error_version END WHERE id = ?1")
        .BindAll(id, version)
        .Run();
}

void TerminalRepository::RecordFailed(const std::string& id, int version,
                                      const std::string& error) {
    m_connection
        .Prepare("UPDATE terminals SET config_error = ?3, config_error_version = ?2 WHERE id = ?1")
        .BindAll(id, version, error)
        .Run();
}

void TerminalRepository::WritePresence(const std::string& id, const TerminalPresence& p) {
    m_connection
        .Prepare("UPDATE terminals SET last_seen_at = ?2, app_version = ?3, reported_ip = ?4, "
                 "state = ?5 WHERE id = ?1")
        .BindAll(id, p.lastSeenAt, p.appVersion, p.reportedIp,
                 std::string(model::ToString(p.state)))
        .Run();
}

void TerminalRepository::InsertConfigVersion(const std::string& terminalId,
                                             const ConfigVersionRecord& r) {
    m_connection
        .Prepare("INSERT INTO terminal_config_versions(terminal_id, version, settings_json, "
                 "changed_json, at, actor_login_id, actor_display_name, origin, rolled_back_to) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .BindAll(terminalId, r.version, model::Json(r.settings).dump(),
                 model::Json(r.changed).dump(), r.at, r.actorLoginId, r.actorDisplayName, r.origin,
                 r.rolledBackTo)
        .Run();
}

std::optional<ConfigVersionRecord>
TerminalRepository::FindConfigVersion(const std::string& terminalId, int version) {
    Statement query = m_connection.Prepare(
        "SELECT version, settings_json, changed_json, at, actor_login_id, actor_display_name, "
        "origin, rolled_back_to FROM terminal_config_versions "
        "WHERE terminal_id = ?1 AND version = ?2");
    query.BindAll(terminalId, version);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadConfigVersion(query);
}

std::vector<ConfigVersionRecord> TerminalRepository::ConfigHistory(const std::string& terminalId,
                                                                   int beforeVersion, int limit) {
    Statement query = m_connection.Prepare(
        "SELECT version, settings_json, changed_json, at, actor_login_id, actor_display_name, "
        "origin, rolled_back_to FROM terminal_config_versions "
        "WHERE terminal_id = ?1 AND version < ?2 ORDER BY version DESC LIMIT ?3");
    query.BindAll(terminalId, beforeVersion, limit);
    std::vector<ConfigVersionRecord> items;
    while (query.Step()) {
        items.push_back(ReadConfigVersion(query));
    }
    return items;
}

nlohmann::json ToJson(const TerminalRecord& r) {
    return model::Json{{"id", r.id},        {"facility_id", r.facilityId}, {"name", r.name},
                       {"kind", r.kind},    {"ip_address", r.ipAddress},   {"model", r.model},
                       {"serial", r.serial}};
}

} // namespace resv::server::storage
