#include "monitoring/StatusService.h"

#include "facilities/ServiceSupport.h"
#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "resv/model/Role.h"
#include "roles/Reach.h"
#include "storage/TenantRepository.h"
#include "terminals/DeviceRegistry.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

namespace resv::server::monitoring {
namespace {

namespace perm = model::permission;
using model::ComponentState;

bool IsProviderSessionOutsideTenants(const auth::Principal& principal) {
    return principal.tenant.code == storage::kProviderTenantCode && !principal.actingAs;
}

nlohmann::json OverrideJson(const std::optional<OverrideRecord>& record) {
    if (!record) {
        return nullptr;
    }
    return {{"status", std::string(model::ToString(record->status))}, {"message", record->message}};
}

/// A probe that throws is a probe that could not look: the component is not known to be well.
Finding Ask(Probe& probe, std::string_view id, model::TimePoint now) {
    try {
        return probe.Check(now);
    } catch (const std::exception& error) {
        spdlog::error("the {} probe failed: {}", id, error.what());
        return {ComponentState::MajorOutage, std::nullopt,
                std::string("The probe could not check: ") + error.what()};
    }
}

} // namespace

std::string ComponentName(std::string_view id) {
    if (id == model::component::kApi) {
        return "API";
    }
    if (id == model::component::kDatabase) {
        return "Database";
    }
    if (id == model::component::kTerminalGateway) {
        return "Terminal gateway";
    }
    if (id == model::component::kNotifications) {
        return "Notifications";
    }
    return std::string(id);
}

StatusService::StatusService(storage::Database& database, const audit::AuditLog& audit,
                             std::shared_ptr<const Clock> clock, ProbeSet probes,
                             const terminals::DeviceRegistry& devices)
    : m_database(database)
    , m_audit(audit)
    , m_clock(std::move(clock))
    , m_probes(std::move(probes))
    , m_devices(devices) {
    for (const auto id : model::ComponentIds()) {
        if (m_probes.find(id) == m_probes.end() || !m_probes.find(id)->second) {
            throw std::invalid_argument("no probe for the component " + std::string(id));
        }
    }
}

model::ServiceStatus StatusService::Status(const auth::Caller& caller) {
    auth::RequirePermission(caller, m_database, perm::kMonitoringRead);
    const model::TimePoint now = m_clock->Now();
    return {Describe(model::ComponentIds(), now), now};
}

std::vector<model::ComponentStatus>
StatusService::Describe(const std::vector<std::string_view>& ids, model::TimePoint now) {
    // Which components have no recent sample (overridden or not, so that a cleared override
    // always finds a status); their probes run with no connection leased (the database probe
    // needs one of its own).
    std::vector<std::optional<Finding>> fresh(ids.size());
    std::vector<bool> stale(ids.size(), false);
    {
        auto db = m_database.Acquire();
        StatusStore store(*db);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const std::string id(ids[i]);
            const auto latest = store.LatestSamples(id, 1);
            stale[i] = latest.empty() || latest.front().at < now - kSampleFreshFor;
        }
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (stale[i]) {
            fresh[i] = Ask(*m_probes.find(ids[i])->second, ids[i], now);
        }
    }
    auto db = m_database.Acquire();
    StatusStore store(*db);
    std::vector<model::ComponentStatus> result;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        result.push_back(DescribeOne(store, ids[i], now, fresh[i]));
    }
    return result;
}

model::ComponentStatus StatusService::DescribeOne(StatusStore& store, std::string_view idView,
                                                  model::TimePoint now,
                                                  const std::optional<Finding>& fresh) {
    const std::string id(idView);
    model::ComponentStatus status;
    status.id = id;
    status.name = ComponentName(id);
    const auto samples = store.LatestSamples(id, kLatencySamples);
    for (auto it = samples.rbegin(); it != samples.rend(); ++it) {
        if (it->latencyMs) {
            status.latency.push_back({it->at, *it->latencyMs});
        }
    }
    const auto dates = JstDatesUpTo(now, kUptimeDays);
    const auto days = store.Days(id, dates.front(), dates.back());
    for (const auto& date : dates) {
        const auto day = days.find(date);
        status.uptime.push_back(
            {date, day == days.end() ? std::nullopt : UptimePercent(day->second)});
    }
    if (const auto set = store.FindOverride(id)) {
        status.status = set->status;
        status.message = set->message;
        status.updatedAt = set->setAt;
        status.setByOperator = true;
    } else if (fresh) {
        status.status = fresh->status;
        status.message = fresh->message;
        // The run of the last recorded status continues if the probe still finds it.
        status.updatedAt = !samples.empty() && samples.front().status == fresh->status
                               ? store.RunStart(id, fresh->status, samples.front().at)
                               : now;
    } else {
        const SampleRecord& latest = samples.front();
        status.status = latest.status;
        status.message = latest.message;
        status.updatedAt = store.RunStart(id, latest.status, latest.at);
    }
    return status;
}

model::TerminalPresence StatusService::Terminals(const auth::Caller& caller) {
    auth::RequirePermission(caller, m_database, perm::kMonitoringRead);
    model::TerminalPresence presence;
    presence.checkedAt = m_clock->Now();
    if (IsProviderSessionOutsideTenants(caller.principal)) {
        return presence; // the provider's own tenant has no facilities to show
    }
    auto db = m_database.Acquire();
    const auto reach = roles::Reach::Of(*db, caller);
    auto query =
        db->Prepare("SELECT f.id, f.name, t.id, t.last_seen_at FROM facilities f "
                    "LEFT JOIN terminals t ON t.facility_id = f.id AND t.tenant_id = f.tenant_id "
                    "WHERE f.tenant_id = ?1 ORDER BY f.name, f.id");
    query.BindAll(caller.TenantId());
    while (query.Step()) {
        const std::string facilityId = query.Text(0);
        if (!reach.ReachesFacility(facilityId)) {
            continue;
        }
        if (presence.items.empty() || presence.items.back().facilityId != facilityId) {
            presence.items.push_back({facilityId, query.Text(1), 0, 0});
        }
        if (query.IsNull(2)) {
            continue; // a facility without terminals
        }
        storage::TerminalRecord terminal;
        terminal.id = query.Text(2);
        terminal.lastSeenAt = query.OptionalTime(3);
        m_devices.Merge(terminal);
        const bool online = terminal.lastSeenAt &&
                            presence.checkedAt - *terminal.lastSeenAt <= model::kOnlineWindow;
        ++(online ? presence.items.back().online : presence.items.back().offline);
        ++(online ? presence.online : presence.offline);
    }
    return presence;
}

void StatusService::RequireOperator(const auth::Caller& caller) {
    auth::RequirePermission(caller, m_database, perm::kIncidentsPublish);
    if (!IsProviderSessionOutsideTenants(caller.principal)) {
        throw http::HttpError(403, model::error_code::kForbidden,
                              "Set a component's status from a provider session outside "
                              "customer tenants.");
    }
}

std::string_view StatusService::RequireComponent(const std::string& componentId) const {
    const auto& ids = model::ComponentIds();
    const auto it = std::find(ids.begin(), ids.end(), componentId);
    if (it == ids.end()) {
        facilities::ThrowNotFound("component");
    }
    return *it;
}

model::ComponentStatus StatusService::SetOverride(const auth::Caller& caller,
                                                  const std::string& componentId,
                                                  const model::ComponentOverride& input) {
    RequireOperator(caller);
    const std::string_view id = RequireComponent(componentId);
    const model::TimePoint now = m_clock->Now();
    {
        auto db = m_database.Acquire();
        storage::Transaction transaction(*db);
        StatusStore store(*db);
        const auto before = store.FindOverride(componentId);
        const OverrideRecord after{input.status, input.message, caller.principal.account.id, now};
        store.SetOverride(componentId, after);
        facilities::Audit({m_database, m_audit, m_clock}, *db, caller, "component.status_set",
                          audit::Target{"component", componentId, ComponentName(id)},
                          {{"before", OverrideJson(before)}, {"after", OverrideJson(after)}});
        transaction.Commit();
    }
    return Describe({id}, now).front();
}

model::ComponentStatus StatusService::ClearOverride(const auth::Caller& caller,
                                                    const std::string& componentId) {
    RequireOperator(caller);
    const std::string_view id = RequireComponent(componentId);
    const model::TimePoint now = m_clock->Now();
    {
        auto db = m_database.Acquire();
        storage::Transaction transaction(*db);
        StatusStore store(*db);
        const auto before = store.FindOverride(componentId);
        if (before) { // clearing nothing changes nothing, and is not an event
            store.ClearOverride(componentId);
            facilities::Audit({m_database, m_audit, m_clock}, *db, caller, "component.status_clear",
                              audit::Target{"component", componentId, ComponentName(id)},
                              {{"before", OverrideJson(before)}, {"after", nullptr}});
        }
        transaction.Commit();
    }
    return Describe({id}, now).front();
}

bool StatusService::SampleIfDue() {
    const model::TimePoint now = m_clock->Now();
    {
        std::lock_guard lock(m_sampleMutex);
        // A clock set back (tests) also makes a sample due rather than stopping the sampler.
        if (m_lastSample && now >= *m_lastSample && now < *m_lastSample + kSampleInterval) {
            return false;
        }
    }
    Sample(now);
    return true;
}

void StatusService::Sample(model::TimePoint now) {
    std::lock_guard lock(m_sampleMutex);
    std::vector<SampleRecord> samples;
    for (const auto id : model::ComponentIds()) {
        Finding finding = Ask(*m_probes.find(id)->second, id, now);
        samples.push_back(
            {std::string(id), now, finding.status, finding.latencyMs, std::move(finding.message)});
    }
    const std::string day = JstDate(now);
    auto db = m_database.Acquire();
    storage::Transaction transaction(*db);
    StatusStore store(*db);
    for (const auto& sample : samples) {
        store.InsertSample(sample);
        const auto set = store.FindOverride(sample.component);
        store.CountDay(sample.component, day, set ? set->status : sample.status);
    }
    store.Prune(now);
    transaction.Commit();
    m_lastSample = now;
}

} // namespace resv::server::monitoring
