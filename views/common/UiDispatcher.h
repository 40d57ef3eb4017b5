#pragma once
// "Run this on the UI thread": the one way a worker's result reaches the screen. The console
// implements it with wxTheApp->CallAfter; presenter tests run the posted calls by hand.

#include <functional>

namespace resv::views {

class IUiDispatcher {
public:
    virtual ~IUiDispatcher() = default;
    /// Queues `call` to run on the UI thread. Callable from any thread.
    virtual void Post(std::function<void()> call) = 0;
};

} // namespace resv::views
