#pragma once
// Words for the Usage history screen (利用履歴): what an action, a result and a target type are
// called in the user's language, how an actor and a target read in a cell, and what Verify found.

#include "resv/model/AuditEvent.h"

#include <wx/bmpbndl.h>
#include <wx/colour.h>
#include <wx/string.h>

#include <string>
#include <string_view>
#include <vector>

namespace resv::views {

/// "account.create" -> "Account created" / アカウントの作成; an unknown action keeps its code.
wxString AuditActionName(std::string_view action);

/// "account." (or "account") -> "Accounts" / アカウント: a choice of the action filter, for the
/// presenter's ActionCategories().
wxString AuditCategoryName(std::string_view category);

/// "Success", "Denied", "Failed".
wxString AuditResultName(model::AuditResult result);

/// The text colour that sets a denied (red) or failed (brown) event apart; wxNullColour for a
/// success, which keeps the list's own.
wxColour AuditResultColour(model::AuditResult result);

/// "facility" -> "Facility" / 施設; an unknown type keeps its code.
wxString AuditTargetTypeName(std::string_view type);

/// "Facility: Hotel Shinjuku", a type alone when there is no label, empty without a target.
wxString AuditTargetText(const std::optional<model::AuditTarget>& target);

/// "山田 花子 (yamada)", "(yamada)" without a name, "System" for no actor at all.
wxString AuditActorText(const model::AuditActor& actor);

/// What Verify found, in one sentence: "Intact up to #120, signed at 2026-11-28 09:00 JST.",
/// "Event #57 was altered.", "Event #57 is missing.", ...
wxString VerificationText(const model::AuditVerification& verification);

/// The line under it: what the result means and, when broken, what to do.
wxString VerificationAdvice(const model::AuditVerification& verification);

/// "1,234,567": counts of events, in both languages.
wxString GroupDigits(std::int64_t number);

/// "#1234".
wxString SequenceText(std::int64_t sequence);

/// The navigation icon (resources/icons/usage.svg).
wxBitmapBundle UsageIcon(int sizeDip);

} // namespace resv::views
