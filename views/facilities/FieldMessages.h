#pragma once
// Words for the facilities screen and the remote configuration dialog: what a field's error
// means (the model names the field and a code; the user reads a sentence), a terminal's status
// and state, a display language's name, a day's name.

#include "views/facilities/FacilityTree.h"

#include "resv/model/Terminal.h"
#include "resv/model/Validation.h"

#include <wx/string.h>

#include <string_view>

namespace resv::views {

wxString FieldErrorText(const model::FieldError& error);
wxString StatusText(TerminalStatus status);
wxString TerminalStateText(model::TerminalState state);
wxString TerminalKindText(model::TerminalKind kind);
/// ja → 日本語 / Japanese.
wxString DisplayLanguageName(std::string_view code);
/// mon → 月 / Mon.
wxString DayName(std::string_view day);
/// The setting's name as a label: volume → 音量 / Volume.
wxString SettingLabel(std::string_view setting);

} // namespace resv::views
