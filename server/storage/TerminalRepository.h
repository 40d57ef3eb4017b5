#pragma once
// 端末 and their configuration versions. Every query takes the tenant, except the lookup by a
// device token's hash (the token itself says whose terminal it is).

#include "resv/model/Terminal.h"
#include "resv/model/TerminalConfig.h"
#include "storage/Sqlite.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace resv::server::storage {

struct TerminalRecord {
    std::string id;
    std::string tenantId;
    std::string facilityId;
    std::string name;
    model::TerminalKind kind = model::TerminalKind::Kiosk;
    std::string ipAddress;
    std::string model;
    std::string serial;
    std::optional<std::string> appVersion;
    std::optional<std::string> reportedIp;
    std::optional<model::TerminalState> state;
    std::optional<model::TimePoint> lastSeenAt;
    int desiredConfigVersion = 1;
    int appliedConfigVersion = 0;
    std::optional<std::string> configError;
    std::optional<int> configErrorVersion;
};

/// What a heartbeat reports, written in batches.
struct TerminalPresence {
    model::TimePoint lastSeenAt;
    std::string appVersion;
    std::string reportedIp;
    model::TerminalState state = model::TerminalState::Idle;
};

struct ConfigVersionRecord {
    int version = 1;
    model::TerminalSettings settings;
    std::vector<std::string> changed;
    model::TimePoint at;
    std::string actorLoginId;
    std::string actorDisplayName;
    std::string origin;
    std::optional<int> rolledBackTo;
};

/// The terminal a device token belongs to.
struct DeviceIdentity {
    std::string terminalId;
    std::string tenantId;
    model::TerminalKind kind = model::TerminalKind::Kiosk;
    int desiredConfigVersion = 1;
};

class TerminalRepository {
public:
    explicit TerminalRepository(Connection& connection)
        : m_connection(connection) {}

    std::vector<TerminalRecord> List(const std::string& tenantId, const std::string& afterId,
                                     int limit);
    std::vector<TerminalRecord> ListInFacility(const std::string& tenantId,
                                               const std::string& facilityId);
    std::vector<TerminalRecord> ListInJurisdiction(const std::string& tenantId,
                                                   const std::string& jurisdictionId);
    std::optional<TerminalRecord> Find(const std::string& tenantId, const std::string& id);
    std::optional<DeviceIdentity> FindByTokenHash(const std::string& tokenHash);

    /// Throw StorageError (IsConstraint) for a name taken in the facility.
    void Insert(const TerminalRecord& record, const std::string& tokenHash, model::TimePoint now);
    void Update(const TerminalRecord& record, model::TimePoint now);
    void Delete(const std::string& tenantId, const std::string& id);
    void SetTokenHash(const std::string& tenantId, const std::string& id,
                      const std::string& tokenHash, model::TimePoint now);

    void SetDesiredVersion(const std::string& id, int version);
    void RecordApplied(const std::string& id, int version);
    void RecordFailed(const std::string& id, int version, const std::string& error);
    void WritePresence(const std::string& id, const TerminalPresence& presence);

    void InsertConfigVersion(const std::string& terminalId, const ConfigVersionRecord& record);
    std::optional<ConfigVersionRecord> FindConfigVersion(const std::string& terminalId,
                                                         int version);
    /// Newest first, versions below `beforeVersion`, at most `limit`.
    std::vector<ConfigVersionRecord> ConfigHistory(const std::string& terminalId, int beforeVersion,
                                                   int limit);

private:
    Connection& m_connection;
};

/// The registered fields (never the token) for audit details.
nlohmann::json ToJson(const TerminalRecord& record);

} // namespace resv::server::storage
