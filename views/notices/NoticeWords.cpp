#include "views/notices/NoticeWords.h"

#include "views/common/Text.h"

#include "IconData.h"

#include <wx/intl.h>

namespace resv::views {

wxString NoticeKindText(model::NoticeKind kind) {
    switch (kind) {
    case model::NoticeKind::Change:
        // TRANSLATORS: the kind of a notice: a change to the service (変更).
        return wxGETTEXT_IN_CONTEXT("notice kind", "Change");
    case model::NoticeKind::Maintenance:
        // TRANSLATORS: the kind of a notice: planned maintenance (メンテナンス).
        return wxGETTEXT_IN_CONTEXT("notice kind", "Maintenance");
    case model::NoticeKind::Vulnerability:
        // TRANSLATORS: the kind of a notice: a vulnerability report (脆弱性).
        return wxGETTEXT_IN_CONTEXT("notice kind", "Vulnerability");
    }
    return {};
}

wxString ItemKindText(const InboxItem& item) {
    if (const model::Notice* notice = item.Notice()) {
        return NoticeKindText(notice->kind);
    }
    // TRANSLATORS: the kind of an item in the notices list: a service incident (障害).
    return wxGETTEXT_IN_CONTEXT("notice kind", "Incident");
}

wxColour ItemKindColour(const InboxItem& item) {
    if (const model::Incident* incident = item.Incident()) {
        return incident->status == model::IncidentStatus::Resolved ? wxColour(0x2E, 0x7D, 0x32)
                                                                   : wxColour(0xC6, 0x28, 0x28);
    }
    switch (item.Notice()->kind) {
    case model::NoticeKind::Vulnerability:
        return {0xD2, 0x69, 0x1E};
    case model::NoticeKind::Maintenance:
        return {0x5B, 0x7F, 0xA6};
    case model::NoticeKind::Change:
        break;
    }
    return {0x3D, 0x5F, 0x86};
}

wxString SeverityText(model::IncidentSeverity severity) {
    switch (severity) {
    case model::IncidentSeverity::Minor:
        // TRANSLATORS: an incident's severity.
        return wxGETTEXT_IN_CONTEXT("incident severity", "Minor");
    case model::IncidentSeverity::Major:
        // TRANSLATORS: an incident's severity.
        return wxGETTEXT_IN_CONTEXT("incident severity", "Major");
    case model::IncidentSeverity::Critical:
        // TRANSLATORS: an incident's severity.
        return wxGETTEXT_IN_CONTEXT("incident severity", "Critical");
    }
    return {};
}

wxString IncidentStatusText(model::IncidentStatus status) {
    switch (status) {
    case model::IncidentStatus::Investigating:
        // TRANSLATORS: an incident's status: the cause is being looked for.
        return wxGETTEXT_IN_CONTEXT("incident status", "Investigating");
    case model::IncidentStatus::Identified:
        // TRANSLATORS: an incident's status: the cause is known.
        return wxGETTEXT_IN_CONTEXT("incident status", "Identified");
    case model::IncidentStatus::Monitoring:
        // TRANSLATORS: an incident's status: fixed, being watched.
        return wxGETTEXT_IN_CONTEXT("incident status", "Monitoring");
    case model::IncidentStatus::Resolved:
        // TRANSLATORS: an incident's status.
        return wxGETTEXT_IN_CONTEXT("incident status", "Resolved");
    }
    return {};
}

wxString ComponentText(std::string_view id) {
    if (id == model::component::kApi) {
        return wxGETTEXT_IN_CONTEXT("component", "API");
    }
    if (id == model::component::kDatabase) {
        return wxGETTEXT_IN_CONTEXT("component", "Database");
    }
    if (id == model::component::kTerminalGateway) {
        return wxGETTEXT_IN_CONTEXT("component", "Terminal gateway");
    }
    if (id == model::component::kNotifications) {
        return wxGETTEXT_IN_CONTEXT("component", "Notifications");
    }
    return FromUtf8(id);
}

wxString ComponentsText(const std::vector<std::string>& ids) {
    if (ids.empty()) {
        // TRANSLATORS: an incident that names no component.
        return _("None named");
    }
    wxString text;
    for (const auto& id : ids) {
        if (!text.empty()) {
            // TRANSLATORS: between the items of a list in a sentence (、 in Japanese).
            text += _(", ");
        }
        text += ComponentText(id);
    }
    return text;
}

wxString ItemStateText(const InboxItem& item) {
    if (const model::Incident* incident = item.Incident()) {
        return IncidentStatusText(incident->status);
    }
    // TRANSLATORS: in the notices list: when a change or maintenance takes effect (JST).
    return wxString::Format(_("From %s"),
                            FromUtf8(model::FormatJstDateTimeShort(item.Notice()->effectiveAt)));
}

wxString AcknowledgementText(const model::Acknowledgement& ack) {
    // TRANSLATORS: who acknowledged a notice: display name, (login ID), JST date and time.
    return wxString::Format(_("%s (%s), %s"), FromUtf8(ack.displayName), FromUtf8(ack.loginId),
                            FromUtf8(model::FormatJstDateTimeShort(ack.at)));
}

wxString NoticesNavigationLabel(int unread) {
    if (unread <= 0) {
        // TRANSLATORS: the navigation entry of the Notices screen (お知らせ).
        return _("Notices");
    }
    // TRANSLATORS: the navigation entry of the Notices screen with the number of unread items.
    return wxString::Format(_("Notices (%d)"), unread);
}

wxString NoticeFieldErrorText(const model::FieldError& error) {
    const std::string& c = error.code;
    const std::string& f = error.field;
    if (c == "invalid_email") {
        return _("This is not an e-mail address. Write it as name@example.jp, without spaces.");
    }
    if (c == "duplicate") {
        return _("This address is already in the list.");
    }
    if (c == "too_many") {
        return _("At most 20 addresses can be designated. Remove some before saving.");
    }
    if (c == "lead_time") {
        return _("A change or maintenance must be announced at least 7 days before it takes "
                 "effect. Choose a later time, or mark it as an emergency and give the reason.");
    }
    if (c == "unknown_tenant") {
        return _("A chosen tenant no longer exists. Reload the list and choose again.");
    }
    if (c == "in_future") {
        return _("The detection time cannot be in the future.");
    }
    if (c == "too_long") {
        return f == "title" ? _("Too long: at most 200 characters.")
                            : _("Too long: at most 10,000 characters.");
    }
    if (f == "tenants" && c == "required") {
        return _("Choose at least one tenant, or All tenants.");
    }
    if (f == "when") {
        return c == "required" ? _("Enter a date (YYYY-MM-DD) and a time (HH:MM) in JST.")
                               : _("Enter a real date as YYYY-MM-DD and a time as HH:MM (JST).");
    }
    if (f == "reason" && c == "required") {
        return _("An emergency needs a reason: why it cannot wait 7 days.");
    }
    if (c == "required") {
        return _("This field is required.");
    }
    return _("This value is not accepted.");
}

wxBitmapBundle NoticesIcon(int sizeDip) {
    return wxBitmapBundle::FromSVG(icon_data::kNotices, wxSize(sizeDip, sizeDip));
}

} // namespace resv::views
