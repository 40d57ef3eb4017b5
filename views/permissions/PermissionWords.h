#pragma once
// The catalogue's permissions, tiers and reasons in the user's language.

#include "views/permissions/EffectiveAccessPresenter.h"
#include "views/permissions/PermissionsPresenter.h"

#include <wx/string.h>

#include <string_view>

namespace resv::views {

/// "usage.read" -> "View the usage history" / 利用履歴を見る; an unknown one keeps its name.
wxString PermissionTitle(std::string_view permission);
/// One line on what the permission allows.
wxString PermissionExplanation(std::string_view permission);
/// The tier in the user's words: Manager or Employee (in ja, the whitepaper's tier names).
wxString TierName(model::Tier tier);
/// Why a box of the matrix cannot be changed; empty for LockReason::None.
wxString LockText(LockReason reason);
/// "all" -> "All facilities", "jurisdiction" -> "Its jurisdiction", ...
wxString ReachViaText(ReachVia via);
wxString AccountStatusWord(model::AccountStatus status);

} // namespace resv::views
