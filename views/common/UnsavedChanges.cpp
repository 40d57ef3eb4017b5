#include "views/common/UnsavedChanges.h"

#include <wx/intl.h>
#include <wx/msgdlg.h>

namespace resv::views {

UnsavedChoice AskAboutUnsavedChanges(wxWindow* parent) {
    wxMessageDialog ask(parent, _("You have changes that are not saved. Discard them?"),
                        _("Unsaved changes"), wxYES_NO | wxCANCEL | wxICON_QUESTION);
    ask.SetYesNoCancelLabels(_("Save"), _("Discard"), wxID_CANCEL);
    switch (ask.ShowModal()) {
    case wxID_YES:
        return UnsavedChoice::Save;
    case wxID_NO:
        return UnsavedChoice::Discard;
    default:
        return UnsavedChoice::Cancel;
    }
}

} // namespace resv::views
