#include "GuiSupport.h"

#include "console/Languages.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/frame.h>
#include <wx/image.h>
#include <wx/menu.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/toolbar.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

namespace resv::views::gui_test {
namespace {

void PumpOnce() {
    wxTheApp->ProcessPendingEvents();
    wxYield();
    wxTheApp->ProcessIdle(); // deletes windows that were Destroy()ed
    wxMilliSleep(10);
}

wxPoint CenterOnScreen(const wxWindow* window) {
    const wxRect rect = window->GetScreenRect();
    return {rect.x + rect.width / 2, rect.y + rect.height / 2};
}

} // namespace

bool WaitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        PumpOnce();
    }
    return true;
}

void Settle(std::chrono::milliseconds duration) {
    const auto until = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < until) {
        PumpOnce();
    }
}

void TypeInto(wxTextCtrl* field, const std::string& text) {
    wxUIActionSimulator simulator;
    simulator.MouseMove(CenterOnScreen(field));
    Settle(std::chrono::milliseconds(50));
    simulator.MouseClick();
    Settle(std::chrono::milliseconds(50));
    field->SetFocus();
    field->SelectAll();
    Settle(std::chrono::milliseconds(50));
    simulator.Text(text.c_str());
    Settle(std::chrono::milliseconds(100));
}

void Click(wxWindow* window) {
    wxUIActionSimulator simulator;
    simulator.MouseMove(CenterOnScreen(window));
    Settle(std::chrono::milliseconds(50));
    simulator.MouseClick();
    Settle(std::chrono::milliseconds(50));
}

bool TickItem(wxCheckListBox* list, const wxString& label) {
    const int row = list->FindString(label);
    if (row == wxNOT_FOUND) {
        return false;
    }
    list->Check(row);
    wxCommandEvent event(wxEVT_CHECKLISTBOX, list->GetId());
    event.SetInt(row);
    event.SetEventObject(list);
    list->ProcessWindowEvent(event);
    return true;
}

wxString Unwrapped(const wxString& text) {
    wxString plain;
    for (const wxUniChar c : text) {
        if (c != ' ' && c != '\n') {
            plain += c;
        }
    }
    return plain;
}

std::filesystem::path Screenshot(wxWindow* window, const std::string& name) {
    window->Raise();
    window->Refresh();
    window->Update();
    Settle();
    const std::filesystem::path dir(RESV_SCREENSHOT_DIR);
    std::filesystem::create_directories(dir);
    const std::filesystem::path file = dir / (name + ".png");

    // Read back from the window itself (wxScreenDC gave stale pixels under GTK 3). A window's DC
    // covers its client area only, so a frame is put together from its menu bar, tool bar,
    // client area and status bar.
    const wxPoint origin = window->GetScreenPosition();
    const wxSize size = window->GetSize();
    wxBitmap bitmap(size.x, size.y, 24);
    {
        wxMemoryDC memory(bitmap);
        memory.SetBackground(*wxWHITE_BRUSH);
        memory.Clear();
        const auto copy = [&](wxWindow* part) {
            if (part == nullptr || !part->IsShown()) {
                return;
            }
            wxClientDC source(part);
            const wxPoint at = part->ClientToScreen(wxPoint(0, 0)) - origin;
            const wxSize partSize = part->GetClientSize();
            memory.Blit(at.x, at.y, partSize.x, partSize.y, &source, 0, 0);
        };
        copy(window);
        if (auto* frame = dynamic_cast<wxFrame*>(window)) {
            copy(frame->GetMenuBar());
            copy(frame->GetToolBar());
            copy(frame->GetStatusBar());
        }
    }
    bitmap.ConvertToImage().SaveFile(wxString::FromUTF8(file.string()), wxBITMAP_TYPE_PNG);
    return file;
}

void UseTestLanguage(const std::string& language) {
    console::UseLanguage(language, {wxString::FromUTF8(RESV_CATALOG_DIR)});
}

} // namespace resv::views::gui_test
