#pragma once
// What terminals themselves call, with their device token: heartbeat, configuration, its
// acknowledgement, and KIOSK calls. A heartbeat reads and writes no SQLite: the token, the desired
// version and the presence live in the DeviceRegistry, which is flushed in batches.

#include "audit/AuditLog.h"
#include "facilities/ServiceSupport.h"
#include "resv/model/Terminal.h"
#include "resv/model/TerminalConfig.h"
#include "terminals/DeviceRegistry.h"

#include <string>

namespace resv::server::terminals {

class DeviceService {
public:
    DeviceService(facilities::ServiceContext context, DeviceRegistry& registry)
        : m_context(std::move(context))
        , m_registry(registry) {}

    /// From the Authorization header. Throws http::HttpError 401 unauthenticated for anything but
    /// a current device token (a session token included).
    storage::DeviceIdentity Authenticate(const std::string& authorization);

    model::HeartbeatReply Heartbeat(const storage::DeviceIdentity& device,
                                    const model::Heartbeat& heartbeat);
    /// The desired version with the settings as they apply now (an ended remote-support window
    /// is off).
    model::TerminalConfig Config(const storage::DeviceIdentity& device);
    void Acknowledge(const storage::DeviceIdentity& device, const model::ConfigAck& ack,
                     const std::string& sourceIp);
    /// A KIOSK's call to an agent's PC becomes the event `terminal.call` in its tenant.
    void RecordCall(const storage::DeviceIdentity& device, const model::CallReport& call,
                    const std::string& sourceIp);

    /// Writes the presence heard since the last flush.
    void Flush();

private:
    facilities::ServiceContext m_context;
    DeviceRegistry& m_registry;
};

} // namespace resv::server::terminals
