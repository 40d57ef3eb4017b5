#include "views/facilities/FieldMessages.h"

#include "resv/model/Facility.h"
#include "resv/model/TerminalConfig.h"

#include <wx/intl.h>

namespace resv::views {
namespace {

/// The length limit of a field, for a too_long message; 0 when the field has none.
std::size_t LimitOf(const std::string& field) {
    if (field == "name") {
        return model::kMaxNameLength;
    }
    if (field == "address") {
        return model::kMaxAddressLength;
    }
    if (field == "phone") {
        return model::kMaxPhoneLength;
    }
    if (field == "notes") {
        return model::kMaxNotesLength;
    }
    if (field == "idle_message") {
        return model::kMaxIdleMessageLength;
    }
    return 0;
}

bool EndsWith(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

wxString FieldErrorText(const model::FieldError& error) {
    const std::string& f = error.field;
    const std::string& c = error.code;
    if (c == "conflict") {
        return _("This name is already used by another item of the same kind.");
    }
    if (c == "too_long" && LimitOf(f) > 0) {
        return wxString::Format(_("Too long: at most %zu characters."), LimitOf(f));
    }
    if (f == "ip_address") {
        return c == "required" ? _("Enter the terminal's IP address.")
                               : _("Enter an IPv4 or IPv6 address, such as 192.0.2.10.");
    }
    if (f == "phone" && c == "invalid_value") {
        return _("Use only digits, spaces and + - ( ).");
    }
    if (f == "volume") {
        return _("Choose a volume from 0 to 100.");
    }
    if (EndsWith(f, "days")) {
        return _("Choose at least one day.");
    }
    if (EndsWith(f, "open")) {
        return _("Enter the opening time as HH:MM, from 00:00 to 23:59.");
    }
    if (EndsWith(f, "close")) {
        return _("Enter the closing time as HH:MM, after the opening time, at most 24:00.");
    }
    if (EndsWith(f, "until") && c == "required") {
        return _("Enter the end as a date (YYYY-MM-DD) and a time (HH:MM) in JST.");
    }
    if (EndsWith(f, "until")) {
        return _("Choose an end in the future, at most 24 hours from now.");
    }
    if (f == "settings") {
        return _("Nothing has been changed yet.");
    }
    if (c == "required") {
        return _("This field is required.");
    }
    if (f == "idle_message" || f == "name" || f == "address" || f == "notes") {
        return _("Contains characters that cannot be used here.");
    }
    return _("This value is not accepted.");
}

wxString StatusText(TerminalStatus status) {
    switch (status) {
    case TerminalStatus::Online:
        return _("Online");
    case TerminalStatus::Offline:
        return _("Offline");
    case TerminalStatus::ConfigPending:
        // TRANSLATORS: a terminal has not yet acknowledged its new remote configuration.
        return _("Configuration pending");
    case TerminalStatus::ConfigFailed:
        return _("Configuration failed");
    }
    return {};
}

wxString TerminalStateText(model::TerminalState state) {
    switch (state) {
    case model::TerminalState::Idle:
        return _("Idle");
    case model::TerminalState::InCall:
        return _("In a call");
    case model::TerminalState::Maintenance:
        return _("Maintenance");
    case model::TerminalState::Error:
        return _("Error");
    }
    return {};
}

wxString TerminalKindText(model::TerminalKind kind) {
    return kind == model::TerminalKind::Kiosk ? _("KIOSK") : _("Agent PC");
}

wxString DisplayLanguageName(std::string_view code) {
    if (code == "ja") {
        return _("Japanese");
    }
    if (code == "en") {
        return _("English");
    }
    if (code == "zh") {
        return _("Chinese");
    }
    if (code == "ko") {
        return _("Korean");
    }
    return wxString::FromUTF8(code.data(), code.size());
}

wxString DayName(std::string_view day) {
    static const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const wxString names[] = {_("Mon"), _("Tue"), _("Wed"), _("Thu"),
                              _("Fri"), _("Sat"), _("Sun")};
    for (int i = 0; i < 7; ++i) {
        if (day == kDays[i]) {
            return names[i];
        }
    }
    return wxString::FromUTF8(day.data(), day.size());
}

wxString SettingLabel(std::string_view setting) {
    if (setting == model::kSettingVolume) {
        return _("Volume");
    }
    if (setting == model::kSettingDisplayLanguage) {
        return _("Screen language");
    }
    if (setting == model::kSettingIdleMessage) {
        return _("Idle message");
    }
    if (setting == model::kSettingBusinessHours) {
        return _("Business hours");
    }
    if (setting == model::kSettingRemoteSupport) {
        // TRANSLATORS: 保守 in Japanese: the provider's engineers may connect to the terminal.
        return _("Remote support");
    }
    return wxString::FromUTF8(setting.data(), setting.size());
}

} // namespace resv::views
