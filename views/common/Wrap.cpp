#include "views/common/Wrap.h"

#include <wx/dcclient.h>
#include <wx/stattext.h>
#include <wx/tokenzr.h>

#include <vector>

namespace resv::views {
namespace {

bool IsWide(wxUniChar c) {
    const auto code = c.GetValue();
    return (code >= 0x2E80 && code <= 0x9FFF) || (code >= 0xF900 && code <= 0xFAFF) ||
           (code >= 0xFF00 && code <= 0xFFEF);
}

bool IsSpace(wxUniChar c) {
    return c == ' ' || c == '\t' || c.GetValue() == 0x3000;
}

/// Kinsoku: characters that must not begin a line.
bool NoBreakBefore(wxUniChar c) {
    static const wxString kClosing =
        wxString::FromUTF8("、。，．・：；？！ー…）」』】〕〉》") +
        wxString::FromUTF8("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々,.:;?!)]}");
    return kClosing.Find(c) != wxNOT_FOUND;
}

/// Characters that must not end a line.
bool NoBreakAfter(wxUniChar c) {
    static const wxString kOpening = wxString::FromUTF8("（「『【〔〈《([{");
    return kOpening.Find(c) != wxNOT_FOUND;
}

/// Splits a paragraph into pieces that may each start a new line; a piece keeps its trailing
/// spaces, which are dropped where a line ends.
std::vector<wxString> Pieces(const wxString& paragraph) {
    std::vector<wxString> pieces;
    wxString current;
    for (auto it = paragraph.begin(); it != paragraph.end(); ++it) {
        const wxUniChar c = *it;
        current += c;
        const auto next = it + 1;
        if (next == paragraph.end()) {
            break;
        }
        const wxUniChar n = *next;
        const bool afterSpace = IsSpace(c) && !IsSpace(n);
        const bool betweenWide = (IsWide(c) || IsWide(n)) && !IsSpace(c) && !IsSpace(n) &&
                                 !NoBreakBefore(n) && !NoBreakAfter(c);
        if (afterSpace || betweenWide) {
            pieces.push_back(current);
            current.clear();
        }
    }
    if (!current.empty()) {
        pieces.push_back(current);
    }
    return pieces;
}

wxString TrimEnd(wxString text) {
    while (!text.empty() && IsSpace(text.Last())) {
        text.RemoveLast();
    }
    return text;
}

} // namespace

wxString WrapText(const wxWindow& window, const wxString& text, int width) {
    wxString result;
    wxStringTokenizer paragraphs(text, wxS("\n"), wxTOKEN_RET_EMPTY_ALL);
    bool firstParagraph = true;
    while (paragraphs.HasMoreTokens()) {
        if (!firstParagraph) {
            result += '\n';
        }
        firstParagraph = false;
        wxString line;
        for (const wxString& piece : Pieces(paragraphs.GetNextToken())) {
            const wxString candidate = line + piece;
            if (!line.empty() && window.GetTextExtent(TrimEnd(candidate)).x > width) {
                result += TrimEnd(line) + '\n';
                line = piece;
            } else {
                line = candidate;
            }
        }
        result += TrimEnd(line);
    }
    return result;
}

void SetWrappedLabel(wxStaticText& label, const wxString& text, int width) {
    const wxString wrapped = WrapText(label, text, width);
    label.SetLabelText(wrapped);
    // wxGTK may keep the best size of the previous text (seen with a bold font): state the size
    // the new lines need, so the sizer gives them room.
    wxClientDC dc(&label);
    dc.SetFont(label.GetFont());
    label.SetMinSize(wrapped.empty() ? wxDefaultSize : dc.GetMultiLineTextExtent(wrapped));
    label.InvalidateBestSize();
}

} // namespace resv::views
