#pragma once
// Facilities and terminals made through the API for the tests, and clients for each kind of caller.

#include "support/TestServer.h"

#include "resv/model/Facility.h"
#include "resv/model/Terminal.h"

#include <memory>
#include <optional>
#include <string>

namespace resv::test {

/// A client logged in as `login` (an operator may act in `actAs`).
std::unique_ptr<client::ApiClient> LoggedIn(const TestServer& server, const DemoLogin& login,
                                            std::optional<std::string> actAs = std::nullopt);

/// A client that sends `deviceToken` as its bearer token.
std::unique_ptr<client::ApiClient> Device(const TestServer& server, const std::string& deviceToken);

/// One jurisdiction with one facility holding a KIOSK and an agent's PC, named after `tag`.
struct Site {
    model::Jurisdiction jurisdiction;
    model::Facility facility;
    model::TerminalWithToken kiosk;
    model::TerminalWithToken agent;
};

Site MakeSite(client::IFacilitiesApi& api, const std::string& tag);

model::TerminalPatch NewTerminal(const std::string& facilityId, const std::string& name,
                                 model::TerminalKind kind, const std::string& ip);

/// POST /api/v1/terminal/heartbeat; returns desired_config_version.
int Heartbeat(client::ApiClient& device, const std::string& ip = "192.0.2.10",
              const std::string& state = "idle");

} // namespace resv::test
