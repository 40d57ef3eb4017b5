#include "views/notices/PublishPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Problem.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace resv::views {
namespace {

namespace f = publish_field;

std::string Trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::size_t CodePoints(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool ReadNumber(std::string_view text, int& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

} // namespace

std::string PublishControlOf(const std::string& field) {
    const std::string base = field.substr(0, field.find_first_of("[."));
    if (base == "body" || base == "message") {
        return f::kMessage;
    }
    if (base == "detected_at" || base == "effective_at" || base == "emergency") {
        return base == "emergency" ? f::kReason : f::kWhen;
    }
    return base;
}

std::optional<model::TimePoint> ParseJstDateTime(const std::string& date, const std::string& time) {
    const std::string d = Trimmed(date);
    const std::string t = Trimmed(time);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
    if (d.size() != 10 || d[4] != '-' || d[7] != '-' || !ReadNumber(d.substr(0, 4), year) ||
        !ReadNumber(d.substr(5, 2), month) || !ReadNumber(d.substr(8, 2), day)) {
        return std::nullopt;
    }
    const auto colon = t.find(':');
    if (colon == std::string::npos || colon == 0 || t.size() - colon != 3 ||
        !ReadNumber(t.substr(0, colon), hour) || !ReadNumber(t.substr(colon + 1), minute) ||
        hour > 23 || minute > 59) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(year),
                                          std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return model::JstDayStart(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) +
           std::chrono::hours(hour) + std::chrono::minutes(minute);
}

std::pair<std::string, std::string> JstDateAndTime(model::TimePoint t) {
    const auto local = std::chrono::floor<std::chrono::minutes>(t + model::kJstOffset);
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{local - day};
    return {fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())),
            fmt::format("{:02}:{:02}", hms.hours().count(), hms.minutes().count())};
}

PublishPresenter::PublishPresenter(std::shared_ptr<client::INoticesApi> api, PublishMode mode,
                                   std::optional<InboxItem> existing, ITaskRunner& runner,
                                   IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_mode(mode)
    , m_existing(std::move(existing))
    , m_scope(runner, ui) {
    if (!m_existing) {
        return;
    }
    if (const model::Incident* incident = m_existing->Incident()) {
        m_form.title = incident->title;
        m_form.severity = incident->severity;
        m_form.status = incident->status;
        m_form.components = incident->components;
    } else if (const model::Notice* notice = m_existing->Notice()) {
        m_form.title = notice->title;
        m_form.kind = notice->kind;
        std::tie(m_form.date, m_form.time) = JstDateAndTime(notice->effectiveAt);
        m_form.emergency = notice->emergency;
        m_form.reason = notice->reason.value_or("");
    }
}

void PublishPresenter::Notify() const {
    if (m_callbacks.changed) {
        m_callbacks.changed();
    }
}

void PublishPresenter::Start() {
    if (!IsNew()) {
        return;
    }
    auto api = m_api;
    m_scope.Run([api] { return api->ListTenants(); },
                [this](TaskResult<std::vector<client::TenantSummary>> result) {
                    if (!result.Ok()) {
                        Notify();
                        return Failed(ToApiError(result.Error()));
                    }
                    m_tenants = std::move(result.Value());
                    m_tenantsLoaded = true;
                    Notify();
                });
}

void PublishPresenter::Changed(const char* control) {
    if (m_errors.erase(control) > 0 || m_errors.erase(f::kGeneral) > 0) {
        Notify();
    }
}

bool PublishPresenter::LeadTimeShort(model::TimePoint now) const {
    if (IsIncident() || m_form.kind == model::NoticeKind::Vulnerability || m_form.emergency) {
        return false;
    }
    const auto when = ParseJstDateTime(m_form.date, m_form.time);
    return when && *when < now + model::kNoticeLeadTime;
}

void PublishPresenter::Error(const char* control, const char* code) {
    m_errors.insert_or_assign(control, model::FieldError{control, code, code});
}

bool PublishPresenter::Validate() {
    m_errors.clear();
    const std::string title = Trimmed(m_form.title);
    if (IsNew() && title.empty()) {
        Error(f::kTitle, "required");
    } else if (CodePoints(title) > kMaxTitle) {
        Error(f::kTitle, "too_long");
    }
    const std::string message = Trimmed(m_form.message);
    if (message.empty()) {
        Error(f::kMessage, "required");
    } else if (CodePoints(message) > kMaxMessage) {
        Error(f::kMessage, "too_long");
    }
    if (IsNew() && !m_form.allTenants && m_form.tenants.empty()) {
        Error(f::kTenants, "required");
    }
    const bool noTime = Trimmed(m_form.date).empty() && Trimmed(m_form.time).empty();
    if (!(m_mode == PublishMode::NewIncident && noTime) && m_mode != PublishMode::IncidentUpdate) {
        const auto when = ParseJstDateTime(m_form.date, m_form.time);
        if (!when) {
            Error(f::kWhen, noTime ? "required" : "invalid_value");
        } else if (m_mode == PublishMode::NewIncident && *when > model::Now()) {
            Error(f::kWhen, "in_future");
        }
    }
    if (!IsIncident() && m_form.emergency && Trimmed(m_form.reason).empty()) {
        Error(f::kReason, "required");
    }
    return m_errors.empty();
}

void PublishPresenter::Publish() {
    if (m_busy) {
        return;
    }
    const bool valid = Validate();
    if (!valid) {
        return Notify();
    }
    m_busy = true;
    Notify();
    const PublishForm& form = m_form;
    const model::TenantSelection tenants{
        form.allTenants, form.allTenants ? std::vector<std::string>{} : form.tenants};
    const auto when = ParseJstDateTime(form.date, form.time);
    const std::string id = m_existing ? m_existing->Id() : std::string();
    auto api = m_api;
    std::function<InboxItem()> work;
    switch (m_mode) {
    case PublishMode::NewIncident:
        work = [api, input = model::IncidentInput{Trimmed(form.title), form.severity, form.status,
                                                  tenants, form.components, Trimmed(form.message),
                                                  when}] {
            return InboxItem{api->CreateIncident(input)};
        };
        break;
    case PublishMode::IncidentUpdate: {
        const model::Incident& before = *m_existing->Incident();
        model::IncidentPatch patch;
        patch.message = Trimmed(form.message);
        if (form.status != before.status) {
            patch.status = form.status;
        }
        if (form.severity != before.severity) {
            patch.severity = form.severity;
        }
        if (!Trimmed(form.title).empty() && Trimmed(form.title) != before.title) {
            patch.title = Trimmed(form.title);
        }
        work = [api, id, patch] { return InboxItem{api->UpdateIncident(id, patch)}; };
        break;
    }
    case PublishMode::NewNotice: {
        model::NoticeInput input{form.kind, Trimmed(form.title), Trimmed(form.message), tenants,
                                 *when,     form.emergency,      std::nullopt};
        if (form.emergency) {
            input.reason = Trimmed(form.reason);
        }
        work = [api, input] { return InboxItem{api->CreateNotice(input)}; };
        break;
    }
    case PublishMode::NoticeFollowUp: {
        const model::Notice& before = *m_existing->Notice();
        model::NoticePatch patch;
        patch.body = Trimmed(form.message);
        if (!Trimmed(form.title).empty() && Trimmed(form.title) != before.title) {
            patch.title = Trimmed(form.title);
        }
        if (*when != before.effectiveAt) {
            patch.effectiveAt = *when;
        }
        if (form.emergency != before.emergency) {
            patch.emergency = form.emergency;
        }
        if (form.emergency && Trimmed(form.reason) != before.reason.value_or("")) {
            patch.reason = Trimmed(form.reason);
        }
        work = [api, id, patch] { return InboxItem{api->UpdateNotice(id, patch)}; };
        break;
    }
    }
    m_scope.Run(std::move(work), [this](TaskResult<InboxItem> result) {
        m_busy = false;
        if (!result.Ok()) {
            return Failed(ToApiError(result.Error()));
        }
        Notify();
        if (m_callbacks.published) {
            m_callbacks.published(result.Value());
        }
    });
}

void PublishPresenter::Failed(const client::ApiError& error) {
    if (error.GetKind() == client::ApiError::Kind::Http &&
        error.Code() == model::error_code::kInvalidField && !error.Problem().errors.empty()) {
        for (const model::FieldError& fieldError : error.Problem().errors) {
            m_errors.insert_or_assign(PublishControlOf(fieldError.field), fieldError);
        }
        return Notify();
    }
    Notify();
    if (m_callbacks.failed) {
        m_callbacks.failed(error);
    }
}

} // namespace resv::views
