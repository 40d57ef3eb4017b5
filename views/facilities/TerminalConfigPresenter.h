#pragma once
// The remote configuration dialog (遠隔設定) without wx: the current settings, the user's edit
// validated as the server will (ApplySettingsPatch), the diff, Apply to one terminal with
// If-Match or to a whole facility/jurisdiction, history with rollback, and the terminals'
// 「pending → applied」 as they acknowledge (the view polls).

#include "views/common/Async.h"
#include "views/facilities/FacilityTree.h"

#include "resv/client/ApiError.h"
#include "resv/client/FacilitiesApi.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::views {

/// What the dialog configures: one terminal, or every terminal of a facility or jurisdiction.
struct ConfigTarget {
    NodeRef ref;
    std::string name;
    /// The terminals it reaches; for a group, the first one's settings are the starting point.
    std::vector<std::string> terminalIds;

    bool IsGroup() const { return ref.kind != NodeKind::Terminal; }
};

/// How far the applied change has got.
struct ApplyProgress {
    int applied = 0;
    int pending = 0;
    int failed = 0;
    std::vector<std::string> failures; ///< "name: reason" of terminals that refused
    bool Done() const { return pending == 0; }
};

class TerminalConfigPresenter {
public:
    struct Callbacks {
        std::function<void()> changed; ///< anything the dialog shows
        std::function<void(const client::ApiError&)> failed;
    };

    TerminalConfigPresenter(std::shared_ptr<client::IFacilitiesApi> api, ConfigTarget target,
                            ITaskRunner& runner, IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    const ConfigTarget& Target() const { return m_target; }

    /// Loads the settings (and, for one terminal, its history). Keeps the user's edit: after a
    /// stale_version answer this is how the user takes in the other change and applies again.
    void Load();
    bool Loaded() const { return m_base.has_value(); }
    bool Busy() const { return m_busy; }
    /// The version the edit started from (If-Match).
    int BaseVersion() const { return m_base ? m_base->version : 0; }
    const model::TerminalSettings& Current() const;
    const model::TerminalSettings& Edited() const { return m_edited; }
    void SetEdited(model::TerminalSettings settings);

    /// Validates at `now`; errors by field ("volume", "remote_support.until", ...).
    bool Validate(model::TimePoint now);
    const std::map<std::string, model::FieldError>& Errors() const { return m_errors; }
    /// The top-level settings the edit changes, in display order.
    std::vector<std::string> Changes() const;
    /// Only the changed settings, as PUT sends them.
    nlohmann::json PatchJson() const;

    /// Sends the change (the view confirmed a group apply with the user first).
    void Apply(model::TimePoint now);
    /// The server refused because the configuration changed since the edit began.
    bool Stale() const { return m_stale; }

    const std::vector<model::ConfigHistoryEntry>& History() const { return m_history; }
    void Rollback(int version);

    /// Terminals whose acknowledgement is awaited; empty when nothing was applied yet.
    const std::optional<ApplyProgress>& Progress() const { return m_progress; }
    bool Polling() const { return m_progress && !m_progress->Done(); }
    /// One look at the terminals' states (the view calls it every few seconds while Polling).
    void Poll();

private:
    void Failed(const client::ApiError& error);
    void Notify() const;
    void StartTracking(std::map<std::string, int> versions);
    /// A configuration one terminal now has after Apply or Rollback: the new base, a clean edit,
    /// and the terminal's acknowledgement awaited.
    void AdoptWritten(const std::string& terminalId, model::TerminalConfig config,
                      std::vector<model::ConfigHistoryEntry> history);

    std::shared_ptr<client::IFacilitiesApi> m_api;
    ConfigTarget m_target;
    Callbacks m_callbacks;
    std::optional<model::TerminalConfig> m_base;
    model::TerminalSettings m_edited;
    bool m_edit = false; ///< the user changed something since the first load
    std::map<std::string, model::FieldError> m_errors;
    std::vector<model::ConfigHistoryEntry> m_history;
    std::map<std::string, int> m_awaited; ///< terminal id → version it must apply
    std::optional<ApplyProgress> m_progress;
    bool m_busy = false;
    bool m_polling = false;
    bool m_stale = false;
    AsyncScope m_scope;
    AsyncScope m_pollScope;
};

} // namespace resv::views
