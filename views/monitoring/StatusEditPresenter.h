#pragma once
// Set status… (a provider operator outside customer tenants): a component's status chosen by
// hand, with the message customers read, until the operator gives it back to its probes. The
// message is required (1–500 characters, taken trimmed). Without wx; the dialog shows it.

#include "views/common/Async.h"

#include "resv/client/ApiError.h"
#include "resv/client/MonitoringApi.h"
#include "resv/model/Monitoring.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace resv::views {

class StatusEditPresenter {
public:
    static constexpr std::size_t kMaxMessage = 500;

    /// What keeps Save from sending; the dialog words it under the message.
    enum class Problem {
        None,
        MessageMissing, ///< empty, or only spaces
        MessageTooLong, ///< more than kMaxMessage characters
    };

    struct Callbacks {
        /// The server took it: the dialog closes and the screen shows the answer.
        std::function<void(const model::ComponentStatus&)> saved;
        /// The server refused it or could not be reached: the dialog stays open with the text.
        std::function<void(const client::ApiError&)> failed;
        /// Saving started or ended.
        std::function<void()> changed;
    };

    /// `current` is the component as the screen shows it: an operator's status and message
    /// already set are offered again; otherwise Maintenance and an empty message.
    StatusEditPresenter(std::shared_ptr<client::IMonitoringApi> api,
                        const model::ComponentStatus& current, ITaskRunner& runner,
                        IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }

    const std::string& ComponentId() const { return m_componentId; }
    model::ComponentState InitialState() const { return m_initialState; }
    const std::string& InitialMessage() const { return m_initialMessage; }

    static Problem Validate(const std::string& message);

    /// Sends PUT /status/components/{id} unless Validate finds a problem (returned; nothing is
    /// sent). Ignored while a save is on its way.
    Problem Save(model::ComponentState state, const std::string& message);
    bool Saving() const { return m_saving; }
    /// The last failure, until the next Save.
    const std::optional<client::ApiError>& Error() const { return m_error; }

private:
    std::shared_ptr<client::IMonitoringApi> m_api;
    std::string m_componentId;
    model::ComponentState m_initialState = model::ComponentState::Maintenance;
    std::string m_initialMessage;
    Callbacks m_callbacks;
    bool m_saving = false;
    std::optional<client::ApiError> m_error;
    AsyncScope m_scope;
};

/// `text` without the spaces around it (ASCII and the ideographic space an IME types).
std::string TrimmedMessage(const std::string& text);

} // namespace resv::views
