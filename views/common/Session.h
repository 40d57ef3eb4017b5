#pragma once
// The logged-in session every screen works in, as screens see it. The console's shell implements
// it; presenter tests give a fake.

#include "resv/client/ApiClient.h"
#include "resv/model/Session.h"

#include <functional>
#include <memory>
#include <string>

namespace resv::views {

/// Makes a client for the server URL typed at login (the console adds its CA file and timeouts).
using ClientFactory = std::function<std::shared_ptr<client::IApiClient>(const std::string& url)>;

/// Use on the UI thread. The client itself is used only from jobs on the task runner.
class ISession {
public:
    virtual ~ISession() = default;

    /// Shared so that a job still running keeps it alive after its screen has closed.
    virtual std::shared_ptr<client::IApiClient> Client() const = 0;
    virtual const std::string& ServerUrl() const = 0;
    virtual const model::Me& Me() const = 0;
    /// A fresh /me arrived: the session keeps it and the shell refreshes what shows it.
    virtual void UpdateMe(model::Me me) = 0;
    /// A call found the session over (session_expired, unauthenticated): the shell goes back to
    /// the login dialog and shows `error`'s message there. Safe to call more than once.
    virtual void Expired(const client::ApiError& error) = 0;
};

} // namespace resv::views
