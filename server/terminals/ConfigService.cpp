#include "terminals/ConfigService.h"

#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "resv/model/Role.h"
#include "roles/Reach.h"
#include "storage/FacilityRepository.h"
#include "terminals/TerminalService.h"

#include <fmt/format.h>

namespace resv::server::terminals {
namespace {

namespace perm = model::permission;
using storage::TerminalRecord;
using storage::TerminalRepository;

model::TerminalSettings CurrentSettings(TerminalRepository& repo, const TerminalRecord& terminal) {
    const auto current = repo.FindConfigVersion(terminal.id, terminal.desiredConfigVersion);
    return current ? current->settings : model::TerminalSettings{};
}

model::ConfigHistoryEntry ToEntry(const storage::ConfigVersionRecord& r) {
    return model::ConfigHistoryEntry{r.version,      r.settings,         r.changed, r.at,
                                     r.actorLoginId, r.actorDisplayName, r.origin,  r.rolledBackTo};
}

} // namespace

model::TerminalConfig ConfigService::Get(const auth::Caller& caller,
                                         const std::string& terminalId) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsRead);
    auto db = m_context.database.Acquire();
    TerminalRepository repo(*db);
    const TerminalRecord terminal = RequireReachedTerminal(*db, caller, terminalId);
    return {terminal.desiredConfigVersion, CurrentSettings(repo, terminal)};
}

model::TerminalConfig ConfigService::WriteVersion(storage::Connection& connection,
                                                  const auth::Caller& caller,
                                                  const TerminalRecord& terminal,
                                                  const model::TerminalSettings& current,
                                                  const Change& change) {
    const int version = terminal.desiredConfigVersion + 1;
    const auto& account = caller.principal.account;
    const storage::ConfigVersionRecord record{version,
                                              change.settings,
                                              model::ChangedSettings(current, change.settings),
                                              m_context.clock->Now(),
                                              account.loginId,
                                              account.displayName,
                                              change.origin,
                                              change.rolledBackTo};
    TerminalRepository repo(connection);
    repo.InsertConfigVersion(terminal.id, record);
    repo.SetDesiredVersion(terminal.id, version);
    model::Json details{
        {"before", {{"version", terminal.desiredConfigVersion}, {"settings", current}}},
        {"after", {{"version", version}, {"settings", change.settings}}},
        {"changed", record.changed},
        {"origin", change.origin}};
    if (change.rolledBackTo) {
        details["rolled_back_to"] = *change.rolledBackTo;
    }
    facilities::Audit(m_context, connection, caller,
                      change.rolledBackTo ? "terminal.config.rollback" : "terminal.config.update",
                      terminal.id, details);
    return {version, change.settings};
}

model::TerminalConfig ConfigService::Put(const auth::Caller& caller, const std::string& terminalId,
                                         const nlohmann::json& patch, std::optional<int> ifMatch) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsConfigure);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    TerminalRepository repo(*db);
    const TerminalRecord terminal = RequireReachedTerminal(*db, caller, terminalId);
    if (ifMatch && *ifMatch != terminal.desiredConfigVersion) {
        throw http::HttpError(
            409, model::error_code::kStaleVersion,
            fmt::format("The configuration changed since version {}; it is now version {}.",
                        *ifMatch, terminal.desiredConfigVersion));
    }
    const model::TerminalSettings current = CurrentSettings(repo, terminal);
    const model::TerminalSettings next =
        model::ApplySettingsPatch(current, patch, m_context.clock->Now());
    if (next == current) {
        return {terminal.desiredConfigVersion, current};
    }
    const model::TerminalConfig written =
        WriteVersion(*db, caller, terminal, current, {next, "terminal", std::nullopt});
    transaction.Commit();
    m_registry.SetDesiredVersion(terminalId, written.version);
    return written;
}

model::Page<model::ConfigHistoryEntry> ConfigService::History(const auth::Caller& caller,
                                                              const std::string& terminalId,
                                                              const facilities::PageRequest& page) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsRead);
    int before = std::numeric_limits<int>::max();
    if (!page.after.empty()) {
        try {
            before = std::stoi(page.after);
        } catch (const std::exception&) {
            throw http::HttpError(400, model::error_code::kInvalidCursor,
                                  "The cursor is not one this list gave.");
        }
    }
    auto db = m_context.database.Acquire();
    TerminalRepository repo(*db);
    RequireReachedTerminal(*db, caller, terminalId);
    auto records = repo.ConfigHistory(terminalId, before, page.limit + 1);
    model::Page<model::ConfigHistoryEntry> result;
    result.nextCursor = facilities::TrimPage(
        records, page.limit, [](const auto& r) { return std::to_string(r.version); });
    for (const auto& record : records) {
        result.items.push_back(ToEntry(record));
    }
    return result;
}

model::TerminalConfig ConfigService::Rollback(const auth::Caller& caller,
                                              const std::string& terminalId, int version) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsConfigure);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    TerminalRepository repo(*db);
    const TerminalRecord terminal = RequireReachedTerminal(*db, caller, terminalId);
    const auto target = repo.FindConfigVersion(terminalId, version);
    if (!target) {
        facilities::ThrowInvalidField("version", "version names no version of this terminal");
    }
    const model::TerminalSettings current = CurrentSettings(repo, terminal);
    const model::TerminalConfig written =
        WriteVersion(*db, caller, terminal, current, {target->settings, "rollback", version});
    transaction.Commit();
    m_registry.SetDesiredVersion(terminalId, written.version);
    return written;
}

model::BulkConfigResult ConfigService::PutAll(const auth::Caller& caller,
                                              const std::vector<TerminalRecord>& terminals,
                                              storage::Connection& connection,
                                              const nlohmann::json& patch,
                                              const std::string& origin) {
    TerminalRepository repo(connection);
    const model::TimePoint now = m_context.clock->Now();
    // Validated once up front, so a bad patch answers 400 even where there are no terminals.
    model::ApplySettingsPatch(model::TerminalSettings{}, patch, now);
    model::BulkConfigResult result;
    for (const auto& terminal : terminals) {
        const model::TerminalSettings current = CurrentSettings(repo, terminal);
        const model::TerminalSettings next = model::ApplySettingsPatch(current, patch, now);
        if (next == current) {
            continue;
        }
        const auto written =
            WriteVersion(connection, caller, terminal, current, {next, origin, std::nullopt});
        result.updated.push_back({terminal.id, written.version});
    }
    return result;
}

model::BulkConfigResult ConfigService::PutFacility(const auth::Caller& caller,
                                                   const std::string& facilityId,
                                                   const nlohmann::json& patch) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsConfigure);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    if (!storage::FacilityRepository(*db).FindFacility(caller.TenantId(), facilityId) ||
        !roles::Reach::Of(*db, caller).ReachesFacility(facilityId)) {
        facilities::ThrowNotFound("facility");
    }
    const auto terminals = TerminalRepository(*db).ListInFacility(caller.TenantId(), facilityId);
    auto result = PutAll(caller, terminals, *db, patch, "facility");
    transaction.Commit();
    for (const auto& item : result.updated) {
        m_registry.SetDesiredVersion(item.terminalId, item.version);
    }
    return result;
}

model::BulkConfigResult ConfigService::PutJurisdiction(const auth::Caller& caller,
                                                       const std::string& jurisdictionId,
                                                       const nlohmann::json& patch) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsConfigure);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    if (!storage::FacilityRepository(*db).FindJurisdiction(caller.TenantId(), jurisdictionId) ||
        !roles::Reach::Of(*db, caller).NamesJurisdiction(jurisdictionId)) {
        facilities::ThrowNotFound("jurisdiction");
    }
    const auto terminals =
        TerminalRepository(*db).ListInJurisdiction(caller.TenantId(), jurisdictionId);
    auto result = PutAll(caller, terminals, *db, patch, "jurisdiction");
    transaction.Commit();
    for (const auto& item : result.updated) {
        m_registry.SetDesiredVersion(item.terminalId, item.version);
    }
    return result;
}

} // namespace resv::server::terminals
