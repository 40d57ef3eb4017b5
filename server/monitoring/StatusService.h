#pragma once
// 監視 (CLD.12.4.5): GET /api/v1/status and /status/terminals for manager tier and up (and a
// provider session outside tenants), an operator's hand-set status, and the sampler that records
// what the probes find about once a minute.
//
// A component's status is the operator's override if one is set, else its latest sample's (the
// probe is asked right away when there is none from the last 2 minutes; that answer is shown, not
// recorded). updated_at is when that status began: the override's set_at, or the first sample of
// the current run of the same status.
//
// component_samples keep what the probe found; component_days count what the status page said
// (the override when set, so announced maintenance counts as maintenance).

#include "audit/AuditLog.h"
#include "auth/Permissions.h"
#include "monitoring/Probes.h"
#include "monitoring/StatusStore.h"
#include "resv/model/Monitoring.h"
#include "resv/server/Clock.h"
#include "storage/Database.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server::terminals {
class DeviceRegistry;
}

namespace resv::server::monitoring {

inline constexpr std::chrono::seconds kSampleInterval{60};
inline constexpr std::chrono::minutes kSampleFreshFor{2};
inline constexpr int kLatencySamples = 60;

class StatusService {
public:
    /// `probes` holds one probe for each of model::ComponentIds().
    StatusService(storage::Database& database, const audit::AuditLog& audit,
                  std::shared_ptr<const Clock> clock, ProbeSet probes,
                  const terminals::DeviceRegistry& devices);

    /// monitoring.read.
    model::ServiceStatus Status(const auth::Caller& caller);
    /// monitoring.read; the facilities the caller reaches (none for a provider session outside
    /// tenants), by name.
    model::TerminalPresence Terminals(const auth::Caller& caller);

    /// 403 unless incidents.publish from a provider session outside customer tenants.
    void RequireOperator(const auth::Caller& caller);
    /// 404 not_found for an unknown component. Audited in the provider's tenant.
    model::ComponentStatus SetOverride(const auth::Caller& caller, const std::string& componentId,
                                       const model::ComponentOverride& input);
    model::ComponentStatus ClearOverride(const auth::Caller& caller,
                                         const std::string& componentId);

    /// Samples when a minute has passed by the clock since the last sample (or none was taken
    /// yet). Returns whether it sampled. Called from the server's job thread.
    bool SampleIfDue();
    /// Asks every probe and records its finding at `now`, counts the JST day, prunes.
    void Sample(model::TimePoint now);

    /// What GET /status answers, without the permission check.
    std::vector<model::ComponentStatus> Describe(const std::vector<std::string_view>& ids,
                                                 model::TimePoint now);

private:
    model::ComponentStatus DescribeOne(StatusStore& store, std::string_view id,
                                       model::TimePoint now, const std::optional<Finding>& fresh);
    std::string_view RequireComponent(const std::string& componentId) const;

    storage::Database& m_database;
    const audit::AuditLog& m_audit;
    std::shared_ptr<const Clock> m_clock;
    ProbeSet m_probes;
    const terminals::DeviceRegistry& m_devices;
    std::mutex m_sampleMutex;
    std::optional<model::TimePoint> m_lastSample;
};

/// The English name of a component ("Terminal gateway").
std::string ComponentName(std::string_view id);

} // namespace resv::server::monitoring
