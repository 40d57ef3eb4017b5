#pragma once
// Facilities, jurisdictions, terminals and their remote configuration: what the Facilities &
// Terminals screen needs of the API. ApiClient implements it; presenters' tests fake it.

#include "resv/model/Facility.h"
#include "resv/model/Terminal.h"
#include "resv/model/TerminalConfig.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace resv::client {

class IFacilitiesApi {
public:
    virtual ~IFacilitiesApi() = default;

    // Lists return every item, following next_cursor page by page.
    virtual std::vector<model::Jurisdiction> ListJurisdictions() = 0;
    virtual model::Jurisdiction CreateJurisdiction(const model::JurisdictionPatch& input) = 0;
    virtual model::Jurisdiction UpdateJurisdiction(const std::string& id,
                                                   const model::JurisdictionPatch& patch) = 0;
    virtual void DeleteJurisdiction(const std::string& id) = 0;

    virtual std::vector<model::Facility> ListFacilities() = 0;
    virtual model::Facility CreateFacility(const model::FacilityPatch& input) = 0;
    virtual model::Facility UpdateFacility(const std::string& id,
                                           const model::FacilityPatch& patch) = 0;
    virtual void DeleteFacility(const std::string& id) = 0;

    virtual std::vector<model::Terminal> ListTerminals() = 0;
    virtual model::Terminal GetTerminal(const std::string& id) = 0;
    virtual model::TerminalWithToken CreateTerminal(const model::TerminalPatch& input) = 0;
    virtual model::Terminal UpdateTerminal(const std::string& id,
                                           const model::TerminalPatch& patch) = 0;
    virtual void DeleteTerminal(const std::string& id) = 0;
    virtual model::TerminalWithToken RotateTerminalToken(const std::string& id) = 0;

    virtual model::TerminalConfig GetTerminalConfig(const std::string& terminalId) = 0;
    /// `patch` names only the settings it changes; `ifMatch` is the version the edit started
    /// from (409 stale_version when the configuration moved on since).
    virtual model::TerminalConfig PutTerminalConfig(const std::string& terminalId,
                                                    const nlohmann::json& patch,
                                                    std::optional<int> ifMatch) = 0;
    virtual std::vector<model::ConfigHistoryEntry>
    GetTerminalConfigHistory(const std::string& terminalId) = 0;
    virtual model::TerminalConfig RollbackTerminalConfig(const std::string& terminalId,
                                                         int version) = 0;
    virtual model::BulkConfigResult PutFacilityConfig(const std::string& facilityId,
                                                      const nlohmann::json& patch) = 0;
    virtual model::BulkConfigResult PutJurisdictionConfig(const std::string& jurisdictionId,
                                                          const nlohmann::json& patch) = 0;
};

} // namespace resv::client
