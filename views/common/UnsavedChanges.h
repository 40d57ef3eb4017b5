#pragma once
// The one question every editing screen asks before leaving unsaved changes behind.

class wxWindow;

namespace resv::views {

enum class UnsavedChoice { Save, Discard, Cancel };

/// "You have changes that are not saved. Discard them?" with Save, Discard and Cancel.
UnsavedChoice AskAboutUnsavedChanges(wxWindow* parent);

} // namespace resv::views
