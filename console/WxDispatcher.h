#pragma once
// IUiDispatcher over wx: a posted call runs in the UI thread's event loop.

#include "views/common/UiDispatcher.h"

#include <wx/app.h>

namespace resv::console {

class WxDispatcher final : public views::IUiDispatcher {
public:
    void Post(std::function<void()> call) override {
        // CallAfter queues an event, which wx allows from any thread. Without an application
        // (only while shutting down, after the worker has stopped) there is nobody to run it.
        if (wxTheApp) {
            wxTheApp->CallAfter(std::move(call));
        }
    }
};

} // namespace resv::console
