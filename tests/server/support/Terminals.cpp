#include "support/Terminals.h"

#include "resv/model/Json.h"

namespace resv::test {

std::unique_ptr<client::ApiClient> LoggedIn(const TestServer& server, const DemoLogin& login,
                                            std::optional<std::string> actAs) {
    auto client = server.Client();
    auto request = RequestFor(login);
    request.actAsTenant = std::move(actAs);
    client->Login(request);
    return client;
}

std::unique_ptr<client::ApiClient> Device(const TestServer& server,
                                          const std::string& deviceToken) {
    auto client = server.Client();
    client->SetToken(deviceToken);
    return client;
}

model::TerminalPatch NewTerminal(const std::string& facilityId, const std::string& name,
                                 model::TerminalKind kind, const std::string& ip) {
    model::TerminalPatch patch;
    patch.facilityId = facilityId;
    patch.name = name;
    patch.kind = kind;
    patch.ipAddress = ip;
    patch.model = "RK-200";
    patch.serial = "SN-" + name;
    return patch;
}

Site MakeSite(client::IFacilitiesApi& api, const std::string& tag) {
    Site site;
    site.jurisdiction = api.CreateJurisdiction({"管轄 " + tag});
    model::FacilityPatch facility;
    facility.name = "ホテル " + tag;
    facility.jurisdictionId = site.jurisdiction.id;
    facility.address = "東京都新宿区西新宿1-1-1";
    site.facility = api.CreateFacility(facility);
    site.kiosk = api.CreateTerminal(
        NewTerminal(site.facility.id, "KIOSK " + tag, model::TerminalKind::Kiosk, "192.0.2.10"));
    site.agent = api.CreateTerminal(
        NewTerminal(site.facility.id, "Agent " + tag, model::TerminalKind::AgentPc, "192.0.2.20"));
    return site;
}

int Heartbeat(client::ApiClient& device, const std::string& ip, const std::string& state) {
    const auto reply =
        device.Send("POST", "/api/v1/terminal/heartbeat",
                    model::Json{{"app_version", "3.2.1"}, {"ip_address", ip}, {"state", state}});
    return reply.at("desired_config_version").get<int>();
}

} // namespace resv::test
