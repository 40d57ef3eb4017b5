#pragma once
// What the GUI tests share: waiting on the event loop, driving controls as a person would,
// screenshots and the language.

#include <wx/string.h>

class wxCheckListBox;

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

class wxTextCtrl;
class wxWindow;

namespace resv::views::gui_test {

/// Runs the event loop until `condition` holds; false when `timeout` passed first.
bool WaitUntil(const std::function<bool()>& condition,
               std::chrono::milliseconds timeout = std::chrono::seconds(20));
/// Lets the event loop run for `duration` (painting before a screenshot).
void Settle(std::chrono::milliseconds duration = std::chrono::milliseconds(300));

/// Clicks into the field, selects what is there and types `text` with the keyboard.
void TypeInto(wxTextCtrl* field, const std::string& text);
/// Moves the pointer onto the window (a button, a panel) and clicks it.
void Click(wxWindow* window);

/// Ticks the item labelled `label` as a click would (the box and its event); false when absent.
bool TickItem(wxCheckListBox* list, const wxString& label);

/// `text` without spaces and line breaks: a wrapped label compares equal to its message.
wxString Unwrapped(const wxString& text);

/// Saves what `window` shows as build/screenshots/<name>.png; returns the path.
std::filesystem::path Screenshot(wxWindow* window, const std::string& name);

/// Switches the console's language in-process ("ja" or "en"), catalogs from the build tree.
void UseTestLanguage(const std::string& language);

} // namespace resv::views::gui_test
