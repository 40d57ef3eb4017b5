#include "views/monitoring/MonitoringWords.h"

#include "views/common/Text.h"

#include "IconData.h"

#include <cmath>

namespace resv::views {

wxString ComponentName(std::string_view id, std::string_view fallback) {
    namespace c = model::component;
    if (id == c::kApi) {
        // TRANSLATORS: a monitored component: the service's web API.
        return _("API");
    }
    if (id == c::kDatabase) {
        // TRANSLATORS: a monitored component.
        return _("Database");
    }
    if (id == c::kTerminalGateway) {
        // TRANSLATORS: a monitored component: where the KIOSK terminals and agent PCs connect.
        return _("Terminal connections");
    }
    if (id == c::kNotifications) {
        // TRANSLATORS: a monitored component: the e-mail of incidents and notices.
        return _("Notification mail");
    }
    return FromUtf8(fallback.empty() ? id : fallback);
}

wxString ComponentName(const model::ComponentStatus& component) {
    return ComponentName(component.id, component.name);
}

wxString ComponentStateName(model::ComponentState state) {
    switch (state) {
    case model::ComponentState::Operational:
        // TRANSLATORS: a component's status (正常).
        return _("Operational");
    case model::ComponentState::Degraded:
        // TRANSLATORS: a component's status: it works, but slowly (性能低下).
        return _("Degraded performance");
    case model::ComponentState::Maintenance:
        // TRANSLATORS: a component's status (メンテナンス中).
        return _("Under maintenance");
    case model::ComponentState::PartialOutage:
        // TRANSLATORS: a component's status (一部停止).
        return _("Partial outage");
    case model::ComponentState::MajorOutage:
        // TRANSLATORS: a component's status (全面停止).
        return _("Major outage");
    }
    return {};
}

wxString OverallHeadline(model::ComponentState worst) {
    if (worst == model::ComponentState::Operational) {
        // TRANSLATORS: the Monitoring screen's banner when every component is operational.
        return _("All systems operational");
    }
    return ComponentStateName(worst);
}

wxColour ComponentStateColour(model::ComponentState state) {
    switch (state) {
    case model::ComponentState::Operational:
        return {0x1E, 0x7E, 0x34};
    case model::ComponentState::Degraded:
        return {0xF2, 0xB6, 0x00};
    case model::ComponentState::Maintenance:
        return {0x19, 0x67, 0xD2};
    case model::ComponentState::PartialOutage:
        return {0xE8, 0x71, 0x0A};
    case model::ComponentState::MajorOutage:
        return {0xC5, 0x22, 0x1F};
    }
    return *wxBLACK;
}

wxColour ComponentStateTextColour(model::ComponentState state) {
    switch (state) {
    case model::ComponentState::Degraded:
    case model::ComponentState::PartialOutage:
        return {0x20, 0x21, 0x24}; // dark on amber and orange reads better than white
    default:
        return *wxWHITE;
    }
}

wxColour ComponentStateTint(model::ComponentState state) {
    switch (state) {
    case model::ComponentState::Operational:
        return {0xE6, 0xF4, 0xEA};
    case model::ComponentState::Degraded:
        return {0xFE, 0xF7, 0xE0};
    case model::ComponentState::Maintenance:
        return {0xE8, 0xF0, 0xFE};
    case model::ComponentState::PartialOutage:
        return {0xFE, 0xEF, 0xE3};
    case model::ComponentState::MajorOutage:
        return {0xFC, 0xE8, 0xE6};
    }
    return *wxWHITE;
}

wxColour UptimeColour(UptimeBand band) {
    switch (band) {
    case UptimeBand::NoData:
        return {0xCF, 0xD3, 0xD8};
    case UptimeBand::Full:
        return {0x34, 0xA8, 0x53};
    case UptimeBand::Minor:
        return {0xA8, 0xC5, 0x45};
    case UptimeBand::Serious:
        return {0xF2, 0xB6, 0x00};
    case UptimeBand::Down:
        return {0xD9, 0x30, 0x25};
    }
    return *wxLIGHT_GREY;
}

wxString PercentText(const std::optional<double>& percent) {
    if (!percent) {
        return wxString(wxUniChar(0x2014)); // an em dash
    }
    return FromUtf8(FormatPercent(*percent)) + wxS("%");
}

wxString UptimeDayText(const model::UptimeDay& day) {
    const wxString date = FromUtf8(day.date);
    if (!day.percent) {
        // TRANSLATORS: tooltip of a day's bar when nothing was measured; %s is a JST date such
        // as 2026-11-26.
        return wxString::Format(_("%s JST: no data"), date);
    }
    // TRANSLATORS: tooltip of a day's bar; the first %s is a JST date such as 2026-11-26, the
    // second the uptime such as 99.86 (the %% is a percent sign).
    return wxString::Format(_("%s JST: %s%% up"), date, FromUtf8(FormatPercent(*day.percent)));
}

wxString UptimeAverageText(const std::vector<model::UptimeDay>& days) {
    const std::optional<double> average = AverageUptime(days);
    if (!average) {
        // TRANSLATORS: under the uptime bars when no day has been measured yet.
        return _("No uptime measured yet");
    }
    // TRANSLATORS: under the uptime bars: the average of the measured days of the last 90, e.g.
    // "99.95% uptime over 90 days".
    return wxString::Format(_("%s uptime over 90 days"), PercentText(average));
}

wxString MillisecondsText(double milliseconds) {
    if (milliseconds >= 10 || milliseconds <= 0) {
        // TRANSLATORS: a latency in milliseconds, e.g. "12 ms".
        return wxString::Format(_("%d ms"), static_cast<int>(std::lround(milliseconds)));
    }
    // TRANSLATORS: a latency under 10 milliseconds, e.g. "2.5 ms".
    return wxString::Format(_("%.1f ms"), milliseconds);
}

wxBitmapBundle MonitoringIcon(int sizeDip) {
    return wxBitmapBundle::FromSVG(icon_data::kMonitoring, wxSize(sizeDip, sizeDip));
}

} // namespace resv::views
