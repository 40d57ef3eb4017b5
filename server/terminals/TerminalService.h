#pragma once
// 端末: registration, status and device tokens (terminals.read / terminals.write). A device
// token is shown once: at creation and at rotation; only its SHA-256 is kept.

#include "facilities/ServiceSupport.h"
#include "resv/model/Page.h"
#include "resv/model/Terminal.h"
#include "storage/TerminalRepository.h"
#include "terminals/DeviceRegistry.h"

namespace resv::server::terminals {

/// The terminal as the API shows it at `now`: the newest presence merged, status computed.
model::Terminal ToModel(storage::TerminalRecord record, const DeviceRegistry& registry,
                        model::TimePoint now);

/// The terminal `id` of the caller's tenant, if its facility is in the caller's scope; else 404.
storage::TerminalRecord RequireReachedTerminal(storage::Connection& connection,
                                               const auth::Caller& caller, const std::string& id);

class TerminalService {
public:
    TerminalService(facilities::ServiceContext context, DeviceRegistry& registry)
        : m_context(std::move(context))
        , m_registry(registry) {}

    model::Page<model::Terminal> List(const auth::Caller& caller,
                                      const facilities::PageRequest& page);
    model::Terminal Get(const auth::Caller& caller, const std::string& id);
    model::TerminalWithToken Create(const auth::Caller& caller, const model::TerminalPatch& input);
    model::Terminal Update(const auth::Caller& caller, const std::string& id,
                           const model::TerminalPatch& patch);
    /// Its device token stops working at once.
    void Delete(const auth::Caller& caller, const std::string& id);
    /// A new token; the old one stops working at once.
    model::TerminalWithToken RotateToken(const auth::Caller& caller, const std::string& id);

private:
    facilities::ServiceContext m_context;
    DeviceRegistry& m_registry;
};

} // namespace resv::server::terminals
