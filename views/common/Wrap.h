#pragma once
// Line wrapping that works for Japanese too. wxStaticText::Wrap breaks only at spaces, so a
// Japanese sentence (which has none) stays one long line and stretches its dialog.

#include <wx/string.h>

class wxStaticText;
class wxWindow;

namespace resv::views {

/// `text` with line breaks so that no line is wider than `width` pixels in `window`'s font.
/// Breaks at spaces and between Japanese characters, never before closing punctuation (、。）)
/// or after opening brackets. Existing line breaks stay.
wxString WrapText(const wxWindow& window, const wxString& text, int width);

/// Shows `text` (taken literally: '&' is no mnemonic) wrapped to `width` pixels.
void SetWrappedLabel(wxStaticText& label, const wxString& text, int width);

} // namespace resv::views
