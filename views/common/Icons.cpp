#include "views/common/Icons.h"

#include "IconData.h"

namespace resv::views {
namespace {

const char* SvgOf(Icon icon) {
    switch (icon) {
    case Icon::App:
        return icon_data::kApp;
    case Icon::Home:
        return icon_data::kHome;
    case Icon::Logout:
        return icon_data::kLogout;
    case Icon::Account:
        return icon_data::kAccount;
    case Icon::Session:
        return icon_data::kSession;
    case Icon::Facilities:
        return icon_data::kFacilities;
    case Icon::Jurisdiction:
        return icon_data::kJurisdiction;
    case Icon::Facility:
        return icon_data::kFacility;
    case Icon::TerminalOnline:
        return icon_data::kTerminalOnline;
    case Icon::TerminalOffline:
        return icon_data::kTerminalOffline;
    case Icon::TerminalPending:
        return icon_data::kTerminalPending;
    case Icon::TerminalFailed:
        return icon_data::kTerminalFailed;
    }
    return icon_data::kApp;
}

} // namespace

wxBitmapBundle IconBundle(Icon icon, int sizeDip) {
    // FromSVG(const char*) copies the text, which nanosvg then parses destructively.
    return wxBitmapBundle::FromSVG(SvgOf(icon), wxSize(sizeDip, sizeDip));
}

wxIconBundle AppIcons() {
    const wxBitmapBundle bundle = IconBundle(Icon::App, 32);
    wxIconBundle icons;
    for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
        wxIcon icon;
        icon.CopyFromBitmap(bundle.GetBitmap(wxSize(size, size)));
        icons.AddIcon(icon);
    }
    return icons;
}

} // namespace resv::views
