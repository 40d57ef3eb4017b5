#pragma once
// One source of spacing, in device-independent pixels scaled for the window's screen, so every
// dialog and panel is padded alike at any DPI.

#include <wx/sizer.h>
#include <wx/window.h>

namespace resv::views::layout {

enum class Space {
    Small = 4,  ///< between a field and its note
    Medium = 8, ///< between related controls
    Large = 16, ///< around a dialog's content, between groups
};

inline int Px(const wxWindow* window, Space space) {
    return window->FromDIP(static_cast<int>(space));
}

/// Flags for a child with `space` on the given sides.
inline wxSizerFlags Padded(const wxWindow* window, Space space, int sides = wxALL) {
    return wxSizerFlags().Border(sides, Px(window, space));
}

/// A label next to a field in a two-column form.
inline wxSizerFlags FormLabel() {
    return wxSizerFlags().CenterVertical().Right();
}

/// A field that takes the width its column gets.
inline wxSizerFlags FormField() {
    return wxSizerFlags().Expand();
}

/// A new wxFlexGridSizer for label/field rows whose field column grows.
inline wxFlexGridSizer* NewFormGrid(const wxWindow* window) {
    auto* grid =
        new wxFlexGridSizer(2, wxSize(Px(window, Space::Large), Px(window, Space::Medium)));
    grid->AddGrowableCol(1, 1);
    return grid;
}

/// A bold (and optionally larger) copy of the window's font.
inline wxFont Emphasized(const wxWindow* window, double scale = 1.0) {
    wxFont font = window->GetFont().Bold();
    if (scale != 1.0) {
        font = font.Scaled(static_cast<float>(scale));
    }
    return font;
}

} // namespace resv::views::layout
