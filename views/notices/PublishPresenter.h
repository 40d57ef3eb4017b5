#pragma once
// The provider operator's editor without wx: a new incident, an update to its timeline, a new
// notice or a follow-up. The form as typed, checked before sending (the 7-day rule is the
// server's, against its clock: its lead_time error lands on the date), the server's field errors
// on their controls, and the input kept until the server accepts it.

#include "views/common/Async.h"
#include "views/notices/NoticesPresenter.h"

#include "resv/client/ApiError.h"
#include "resv/client/MonitoringApi.h"
#include "resv/model/Validation.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::views {

enum class PublishMode { NewIncident, IncidentUpdate, NewNotice, NoticeFollowUp };

/// The controls an error can be shown next to.
namespace publish_field {
inline constexpr const char* kTitle = "title";
inline constexpr const char* kSeverity = "severity";
inline constexpr const char* kStatus = "status";
inline constexpr const char* kComponents = "components";
inline constexpr const char* kTenants = "tenants";
inline constexpr const char* kMessage = "message"; ///< an incident's message, a notice's body
inline constexpr const char* kWhen = "when";       ///< detected_at or effective_at
inline constexpr const char* kReason = "reason";
inline constexpr const char* kGeneral = "";
} // namespace publish_field

/// The API's field ("tenants[2]", "effective_at", "body") -> the control it belongs to.
std::string PublishControlOf(const std::string& field);

/// "2026-12-01" and "09:30" read as JST; nothing when either is not a real date or time.
std::optional<model::TimePoint> ParseJstDateTime(const std::string& date, const std::string& time);
/// The JST date ("2026-12-01") and time ("09:30") of `t`.
std::pair<std::string, std::string> JstDateAndTime(model::TimePoint t);

struct PublishForm {
    std::string title;
    model::IncidentSeverity severity = model::IncidentSeverity::Minor;
    model::IncidentStatus status = model::IncidentStatus::Investigating;
    std::vector<std::string> components;
    bool allTenants = false;
    std::vector<std::string> tenants;
    std::string message;
    std::string date; ///< JST, YYYY-MM-DD: detected at (may stay empty: now) or effective at
    std::string time; ///< JST, HH:MM
    model::NoticeKind kind = model::NoticeKind::Change;
    bool emergency = false;
    std::string reason;
};

class PublishPresenter {
public:
    static constexpr std::size_t kMaxTitle = 200;
    static constexpr std::size_t kMaxMessage = 10000;

    struct Callbacks {
        std::function<void()> changed; ///< errors, busy, the tenants arrived
        std::function<void(const InboxItem&)> published;
        std::function<void(const client::ApiError&)> failed; ///< not about a field
    };

    /// `existing` is the incident or notice for an update or a follow-up.
    PublishPresenter(std::shared_ptr<client::INoticesApi> api, PublishMode mode,
                     std::optional<InboxItem> existing, ITaskRunner& runner, IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    /// Loads the tenants to choose from (a new incident or notice).
    void Start();

    PublishMode Mode() const { return m_mode; }
    bool IsNew() const {
        return m_mode == PublishMode::NewIncident || m_mode == PublishMode::NewNotice;
    }
    bool IsIncident() const {
        return m_mode == PublishMode::NewIncident || m_mode == PublishMode::IncidentUpdate;
    }
    const std::optional<InboxItem>& Existing() const { return m_existing; }
    const std::vector<client::TenantSummary>& Tenants() const { return m_tenants; }
    bool TenantsLoaded() const { return m_tenantsLoaded; }

    /// Change fields through Form(), then say which control changed: its error goes.
    PublishForm& Form() { return m_form; }
    const PublishForm& Form() const { return m_form; }
    void Changed(const char* control);

    /// A change or maintenance notice whose effective time is less than 7 days from `now`
    /// without emergency: the server will refuse it. For the hint only.
    bool LeadTimeShort(model::TimePoint now) const;

    bool Validate();
    const std::map<std::string, model::FieldError>& Errors() const { return m_errors; }
    void Publish();
    bool Busy() const { return m_busy; }

private:
    void Failed(const client::ApiError& error);
    void Notify() const;
    void Error(const char* control, const char* code);

    std::shared_ptr<client::INoticesApi> m_api;
    PublishMode m_mode;
    std::optional<InboxItem> m_existing;
    Callbacks m_callbacks;
    PublishForm m_form;
    std::vector<client::TenantSummary> m_tenants;
    std::map<std::string, model::FieldError> m_errors;
    bool m_tenantsLoaded = false;
    bool m_busy = false;
    AsyncScope m_scope;
};

} // namespace resv::views
