// ApiClient's calls for jurisdictions, facilities, terminals and remote configuration.

#include "Parsing.h"
#include "resv/client/ApiClient.h"

namespace resv::client {
namespace {

using detail::Parse;
using detail::ParseAll;
using detail::PercentEncode;

std::string Item(const char* collection, const std::string& id, const char* suffix = "") {
    return std::string("/api/v1/") + collection + "/" + PercentEncode(id) + suffix;
}

} // namespace

std::vector<model::Jurisdiction> ApiClient::ListJurisdictions() {
    return ParseAll<model::Jurisdiction>(ListAll("/api/v1/jurisdictions"), "jurisdiction");
}

model::Jurisdiction ApiClient::CreateJurisdiction(const model::JurisdictionPatch& input) {
    return Parse<model::Jurisdiction>(Send("POST", "/api/v1/jurisdictions", model::Json(input)),
                                      "jurisdiction");
}

model::Jurisdiction ApiClient::UpdateJurisdiction(const std::string& id,
                                                  const model::JurisdictionPatch& patch) {
    return Parse<model::Jurisdiction>(Send("PATCH", Item("jurisdictions", id), model::Json(patch)),
                                      "jurisdiction");
}

void ApiClient::DeleteJurisdiction(const std::string& id) {
    Send("DELETE", Item("jurisdictions", id));
}

std::vector<model::Facility> ApiClient::ListFacilities() {
    return ParseAll<model::Facility>(ListAll("/api/v1/facilities"), "facility");
}

model::Facility ApiClient::CreateFacility(const model::FacilityPatch& input) {
    return Parse<model::Facility>(Send("POST", "/api/v1/facilities", model::Json(input)),
                                  "facility");
}

model::Facility ApiClient::UpdateFacility(const std::string& id,
                                          const model::FacilityPatch& patch) {
    return Parse<model::Facility>(Send("PATCH", Item("facilities", id), model::Json(patch)),
                                  "facility");
}

void ApiClient::DeleteFacility(const std::string& id) {
    Send("DELETE", Item("facilities", id));
}

std::vector<model::Terminal> ApiClient::ListTerminals() {
    return ParseAll<model::Terminal>(ListAll("/api/v1/terminals"), "terminal");
}

model::Terminal ApiClient::GetTerminal(const std::string& id) {
    return Parse<model::Terminal>(Send("GET", Item("terminals", id)), "terminal");
}

model::TerminalWithToken ApiClient::CreateTerminal(const model::TerminalPatch& input) {
    return Parse<model::TerminalWithToken>(Send("POST", "/api/v1/terminals", model::Json(input)),
                                           "created terminal");
}

model::Terminal ApiClient::UpdateTerminal(const std::string& id,
                                          const model::TerminalPatch& patch) {
    return Parse<model::Terminal>(Send("PATCH", Item("terminals", id), model::Json(patch)),
                                  "terminal");
}

void ApiClient::DeleteTerminal(const std::string& id) {
    Send("DELETE", Item("terminals", id));
}

model::TerminalWithToken ApiClient::RotateTerminalToken(const std::string& id) {
    return Parse<model::TerminalWithToken>(
        Send("POST", Item("terminals", id, "/rotate-token"), model::Json::object()),
        "rotated terminal token");
}

model::TerminalConfig ApiClient::GetTerminalConfig(const std::string& terminalId) {
    return Parse<model::TerminalConfig>(Send("GET", Item("terminals", terminalId, "/config")),
                                        "terminal configuration");
}

model::TerminalConfig ApiClient::PutTerminalConfig(const std::string& terminalId,
                                                   const model::Json& patch,
                                                   std::optional<int> ifMatch) {
    std::map<std::string, std::string> headers;
    if (ifMatch) {
        headers.emplace("If-Match", std::to_string(*ifMatch));
    }
    return Parse<model::TerminalConfig>(
        Send("PUT", Item("terminals", terminalId, "/config"), patch, headers),
        "terminal configuration");
}

std::vector<model::ConfigHistoryEntry>
ApiClient::GetTerminalConfigHistory(const std::string& terminalId) {
    return ParseAll<model::ConfigHistoryEntry>(
        ListAll(Item("terminals", terminalId, "/config/history")), "configuration history");
}

model::TerminalConfig ApiClient::RollbackTerminalConfig(const std::string& terminalId,
                                                        int version) {
    return Parse<model::TerminalConfig>(Send("POST",
                                             Item("terminals", terminalId, "/config/rollback"),
                                             model::Json{{"version", version}}),
                                        "terminal configuration");
}

model::BulkConfigResult ApiClient::PutFacilityConfig(const std::string& facilityId,
                                                     const model::Json& patch) {
    return Parse<model::BulkConfigResult>(
        Send("PUT", Item("facilities", facilityId, "/config"), patch), "facility configuration");
}

model::BulkConfigResult ApiClient::PutJurisdictionConfig(const std::string& jurisdictionId,
                                                         const model::Json& patch) {
    return Parse<model::BulkConfigResult>(
        Send("PUT", Item("jurisdictions", jurisdictionId, "/config"), patch),
        "jurisdiction configuration");
}

} // namespace resv::client
