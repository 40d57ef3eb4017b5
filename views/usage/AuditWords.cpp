#include "views/usage/AuditWords.h"

#include "views/common/Text.h"

#include "IconData.h"

#include <wx/intl.h>

namespace resv::views {
namespace {

struct ActionWord {
    std::string_view action;
    wxString name;
};

// Built on each call so that the words follow a language switch.
wxString LookUpAction(std::string_view action) {
    const ActionWord words[] = {
        // TRANSLATORS: an action in the usage history: someone logged in.
        {"session.login", _("Login")},
        // TRANSLATORS: an action in the usage history: a wrong password or an unknown login ID.
        {"session.login_failed", _("Failed login")},
        {"session.logout", _("Logout")},
        // TRANSLATORS: an action in the usage history: a manager ended someone's session.
        {"session.revoke", _("Session signed out")},
        // TRANSLATORS: an action in the usage history: too many wrong passwords locked it.
        {"account.lockout", _("Account locked")},
        {"account.create", _("Account created")},
        {"account.update", _("Account changed")},
        {"account.delete", _("Account deleted")},
        {"account.disable", _("Account disabled")},
        {"account.enable", _("Account enabled")},
        {"account.unlock", _("Account unlocked")},
        // TRANSLATORS: an action in the usage history: a manager issued a one-time password.
        {"account.reset_password", _("Password reset")},
        // TRANSLATORS: an action in the usage history: someone changed their own password.
        {"account.password_change", _("Password changed")},
        {"account.import", _("Accounts imported (CSV)")},
        {"account.export", _("Accounts exported (CSV)")},
        {"role.create", _("Role created")},
        {"role.update", _("Role changed")},
        {"role.delete", _("Role deleted")},
        {"jurisdiction.create", _("Jurisdiction created")},
        {"jurisdiction.update", _("Jurisdiction changed")},
        {"jurisdiction.delete", _("Jurisdiction deleted")},
        {"facility.create", _("Facility created")},
        {"facility.update", _("Facility changed")},
        {"facility.move", _("Facility moved")},
        {"facility.delete", _("Facility deleted")},
        {"terminal.create", _("Terminal registered")},
        {"terminal.update", _("Terminal changed")},
        {"terminal.delete", _("Terminal deleted")},
        // TRANSLATORS: an action in the usage history: a new device token replaced the old one.
        {"terminal.rotate_token", _("Device token issued")},
        // TRANSLATORS: an action in the usage history: a terminal (KIOSK) called the service.
        {"terminal.call", _("Terminal call")},
        // TRANSLATORS: an action in the usage history: a manager changed a terminal's settings
        // remotely.
        {"terminal.config.update", _("Terminal settings changed")},
        {"terminal.config.rollback", _("Terminal settings rolled back")},
        // TRANSLATORS: an action in the usage history: the terminal reported the new settings in
        // effect.
        {"terminal.config.applied", _("Terminal settings applied")},
        {"terminal.config.failed", _("Terminal settings failed to apply")},
        {"tenant.create", _("Tenant created")},
        // TRANSLATORS: an action in the usage history: a provider support operator was given
        // work in this tenant.
        {"operator.assign", _("Operator assigned")},
        // TRANSLATORS: an action in the usage history: the server refused a request the caller
        // had no permission for.
        {"request.denied", _("Request denied")},
        {"audit.export", _("Usage history exported")},
        // TRANSLATORS: an action in the usage history: the server signed the chain of events so
        // far (a checkpoint), so that later changes show.
        {"audit.checkpoint", _("Usage history signed")},
    };
    for (const ActionWord& word : words) {
        if (word.action == action) {
            return word.name;
        }
    }
    return FromUtf8(action);
}

} // namespace

wxString AuditActionName(std::string_view action) {
    return LookUpAction(action);
}

wxString AuditCategoryName(std::string_view category) {
    if (!category.empty() && category.back() == '.') {
        category.remove_suffix(1);
    }
    if (category == "session") {
        // TRANSLATORS: an action category of the usage history's filter.
        return _("Logins and sessions");
    }
    if (category == "account") {
        return _("Accounts");
    }
    if (category == "role") {
        return _("Roles");
    }
    if (category == "jurisdiction") {
        return _("Jurisdictions");
    }
    if (category == "facility") {
        return _("Facilities");
    }
    if (category == "terminal") {
        return _("Terminals");
    }
    if (category == "tenant") {
        // TRANSLATORS: an action category of the usage history's filter: the tenant (法人) itself.
        return _("Tenant");
    }
    if (category == "operator") {
        // TRANSLATORS: an action category: the provider's support operators' assignments.
        return _("Support operators");
    }
    if (category == "request") {
        // TRANSLATORS: an action category: requests the server refused for lack of permission.
        return _("Denied requests");
    }
    if (category == "audit") {
        // TRANSLATORS: an action category: exports and signatures of the usage history itself.
        return _("Usage history");
    }
    return FromUtf8(category);
}

wxString AuditResultName(model::AuditResult result) {
    switch (result) {
    case model::AuditResult::Success:
        // TRANSLATORS: the result of an event in the usage history.
        return _("Success");
    case model::AuditResult::Denied:
        // TRANSLATORS: the result of an event in the usage history: not permitted.
        return _("Denied");
    case model::AuditResult::Failed:
        // TRANSLATORS: the result of an event in the usage history: it went wrong.
        return _("Failed");
    }
    return {};
}

wxColour AuditResultColour(model::AuditResult result) {
    switch (result) {
    case model::AuditResult::Denied:
        return {0xB0, 0x1C, 0x1C};
    case model::AuditResult::Failed:
        return {0x9A, 0x4A, 0x00};
    case model::AuditResult::Success:
        break;
    }
    return wxNullColour;
}

wxString AuditTargetTypeName(std::string_view type) {
    if (type == "account") {
        // TRANSLATORS: the kind of thing an event in the usage history was done to.
        return _("Account");
    }
    if (type == "role") {
        return _("Role");
    }
    if (type == "jurisdiction") {
        return _("Jurisdiction");
    }
    if (type == "facility") {
        return _("Facility");
    }
    if (type == "terminal") {
        return _("Terminal");
    }
    if (type == "session") {
        return _("Session");
    }
    if (type == "tenant") {
        return _("Tenant");
    }
    if (type == "route") {
        // TRANSLATORS: the target of a denied request: the API route that was asked for.
        return _("API route");
    }
    if (type == "audit_log") {
        return _("Usage history");
    }
    return FromUtf8(type);
}

wxString AuditTargetText(const std::optional<model::AuditTarget>& target) {
    if (!target) {
        return {};
    }
    const wxString type = AuditTargetTypeName(target->type);
    const std::string& label = target->label ? *target->label : target->id.value_or("");
    if (label.empty()) {
        return type;
    }
    // TRANSLATORS: the target of an event: its kind, then its name, e.g. "Facility: Hotel
    // Shinjuku".
    return wxString::Format(_("%s: %s"), type, FromUtf8(label));
}

wxString AuditActorText(const model::AuditActor& actor) {
    const std::string name = actor.displayName.value_or("");
    const std::string login = actor.loginId.value_or("");
    if (name.empty() && login.empty()) {
        // TRANSLATORS: the actor of an event the service did by itself (a signature, a job).
        return actor.id ? _("Unknown") : _("System");
    }
    if (name.empty()) {
        return FromUtf8(login);
    }
    if (login.empty()) {
        return FromUtf8(name);
    }
    // TRANSLATORS: the user of an event: display name, then login ID.
    return wxString::Format(_("%s (%s)"), FromUtf8(name), FromUtf8(login));
}

wxString GroupDigits(std::int64_t number) {
    std::string digits = std::to_string(number < 0 ? -number : number);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), 1, ',');
    }
    return FromUtf8((number < 0 ? "-" : "") + digits);
}

wxString SequenceText(std::int64_t sequence) {
    return wxString::Format(wxS("#%lld"), static_cast<long long>(sequence));
}

wxString VerificationText(const model::AuditVerification& verification) {
    if (verification.ok) {
        if (verification.checked == 0) {
            return _("The usage history has no events to verify yet.");
        }
        const wxString last = SequenceText(verification.checked);
        const auto& checkpoint = verification.checkpoint;
        if (!checkpoint) {
            // TRANSLATORS: Verify's result: every hash matches, but nothing is signed yet.
            return wxString::Format(_("Intact up to %s. No signed checkpoint yet: the server "
                                      "signs the history once a day."),
                                    last);
        }
        const wxString signedAt = FromUtf8(model::FormatJstDateTimeShort(checkpoint->at));
        if (checkpoint->sequence >= verification.checked) {
            // TRANSLATORS: Verify's result, e.g. "Intact up to #120, signed at 2026-11-28 09:00
            // JST."
            return wxString::Format(_("Intact up to %s, signed at %s."), last, signedAt);
        }
        // TRANSLATORS: Verify's result when newer events follow the last signature, e.g.
        // "Intact up to #130, signed at 2026-11-28 09:00 JST up to #120."
        return wxString::Format(_("Intact up to %s, signed at %s up to %s."), last, signedAt,
                                SequenceText(checkpoint->sequence));
    }
    const wxString bad = SequenceText(verification.firstBadSequence.value_or(0));
    const std::string reason = verification.firstBadReason.value_or("");
    if (reason == "altered") {
        // TRANSLATORS: Verify's result: this event's content no longer matches its hash.
        return wxString::Format(_("Event %s was altered."), bad);
    }
    if (reason == "missing") {
        // TRANSLATORS: Verify's result: the sequence numbers have a gap here.
        return wxString::Format(_("Event %s is missing."), bad);
    }
    if (reason == "checkpoint") {
        // TRANSLATORS: Verify's result: the chain was recomputed; the signed hash differs.
        return wxString::Format(_("The chain does not match the signed checkpoint at %s."), bad);
    }
    return wxString::Format(_("The usage history does not verify at %s."), bad);
}

wxString VerificationAdvice(const model::AuditVerification& verification) {
    if (verification.ok && verification.checkpoint) {
        // TRANSLATORS: under Verify's result when the usage history is intact.
        return _("Every event is linked to the one before it by its hash, and the signed "
                 "checkpoint matches: nothing has been changed or removed.");
    }
    if (verification.ok) {
        return _("Every event is linked to the one before it by its hash: nothing has been "
                 "changed or removed.");
    }
    // TRANSLATORS: under Verify's result when the usage history is broken.
    return _("Events from this one on cannot be trusted. Do not change anything on the server; "
             "export the usage history and contact the service provider.");
}

wxBitmapBundle UsageIcon(int sizeDip) {
    return wxBitmapBundle::FromSVG(icon_data::kUsage, wxSize(sizeDip, sizeDip));
}

} // namespace resv::views
