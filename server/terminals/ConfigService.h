#pragma once
// Remote configuration (CLD.12.1.5): every change is a new version of a terminal's settings, kept
// with who made it; terminals learn the desired version from their heartbeat.

#include "facilities/ServiceSupport.h"
#include "resv/model/Page.h"
#include "resv/model/TerminalConfig.h"
#include "storage/TerminalRepository.h"
#include "terminals/DeviceRegistry.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace resv::server::terminals {

class ConfigService {
public:
    ConfigService(facilities::ServiceContext context, DeviceRegistry& registry)
        : m_context(std::move(context))
        , m_registry(registry) {}

    model::TerminalConfig Get(const auth::Caller& caller, const std::string& terminalId);
    /// `patch` names the settings it changes; 409 stale_version when `ifMatch` is not the
    /// current version. A patch that changes nothing makes no new version.
    model::TerminalConfig Put(const auth::Caller& caller, const std::string& terminalId,
                              const nlohmann::json& patch, std::optional<int> ifMatch);
    /// Newest first; the cursor is the last version of the page.
    model::Page<model::ConfigHistoryEntry> History(const auth::Caller& caller,
                                                   const std::string& terminalId,
                                                   const facilities::PageRequest& page);
    /// A new version with the settings of `version`.
    model::TerminalConfig Rollback(const auth::Caller& caller, const std::string& terminalId,
                                   int version);
    /// The same patch to every terminal of the facility / jurisdiction, in one transaction.
    model::BulkConfigResult PutFacility(const auth::Caller& caller, const std::string& facilityId,
                                        const nlohmann::json& patch);
    model::BulkConfigResult PutJurisdiction(const auth::Caller& caller,
                                            const std::string& jurisdictionId,
                                            const nlohmann::json& patch);

private:
    struct Change {
        model::TerminalSettings settings;
        std::string origin;
        std::optional<int> rolledBackTo;
    };

    /// Writes the next version of `terminal` (inside the caller's transaction) and its audit
    /// event; returns it.
    model::TerminalConfig WriteVersion(storage::Connection& connection, const auth::Caller& caller,
                                       const storage::TerminalRecord& terminal,
                                       const model::TerminalSettings& current,
                                       const Change& change);
    model::BulkConfigResult PutAll(const auth::Caller& caller,
                                   const std::vector<storage::TerminalRecord>& terminals,
                                   storage::Connection& connection, const nlohmann::json& patch,
                                   const std::string& origin);

    facilities::ServiceContext m_context;
    DeviceRegistry& m_registry;
};

} // namespace resv::server::terminals
