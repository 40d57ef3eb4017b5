#pragma once
// Our SVG icons, compiled into the program (resources/*.svg), so nothing is looked up on disk.

#include <wx/bmpbndl.h>
#include <wx/iconbndl.h>

namespace resv::views {

enum class Icon {
    App,     ///< resources/resv-console.svg
    Home,    ///< resources/icons/home.svg
    Logout,  ///< resources/icons/logout.svg
    Account, ///< resources/icons/account.svg
    Session, ///< resources/icons/session.svg
    Facilities,      ///< resources/icons/facilities.svg (navigation)
    Jurisdiction,    ///< resources/icons/jurisdiction.svg
    Facility,        ///< resources/icons/facility.svg
    TerminalOnline,  ///< a screen with a check in a circle
    TerminalOffline, ///< a screen with a cross in a square
    TerminalPending, ///< a screen with a clock in a circle
    TerminalFailed,  ///< a screen with an exclamation mark in a triangle
};

/// `sizeDip` is the size at 100 % scaling; the bundle renders sharp at any scale.
wxBitmapBundle IconBundle(Icon icon, int sizeDip);

/// The application icon at the sizes window managers ask for.
wxIconBundle AppIcons();

} // namespace resv::views
