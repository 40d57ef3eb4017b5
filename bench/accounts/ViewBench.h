#pragma once
// From a response to painted rows in the real Accounts screen: views::AccountsView with its
// AccountList (a virtual wxListView) and AccountsPresenter, on the real worker thread and the
// console's CallAfter dispatcher, under a display. The API behind it answers from memory with
// the bodies resv-server sent (first pages sorted by login_id and by display_name), parsed as
// ApiClient parses them. Each run clicks a sort: the presenter asks; once the click's own
// repaint is over the answer is "received" (the clock starts), parsed, posted to the UI thread,
// applied, the list refreshed, and the clock stops when the event loop has painted the list's
// rows showing the new page.

#include "resv/model/Role.h"

#include <string>
#include <vector>

namespace resv::bench {

struct ViewInput {
    std::string loginIdPage;     ///< GET /api/v1/accounts?limit=100 as resv-server answered
    std::string displayNamePage; ///< the same with sort=display_name
    std::vector<model::Role> roles;
};

/// Milliseconds per run, each step from the end of the one before.
struct ViewTimings {
    std::vector<double> parseMs;   ///< received -> parsed into model::Page<Account>
    std::vector<double> queueMs;   ///< parsed (worker thread) -> its result starts on the UI thread
    std::vector<double> applyMs;   ///< presenter applies the page, list and buttons updated
    std::vector<double> waitMs;    ///< -> the rows' paint event begins
    std::vector<double> paintMs;   ///< -> painted, the event loop free again
    std::vector<double> paintedMs; ///< received -> rows painted: the sum, the figure of the target
    std::vector<double> uiCpuMs;   ///< CPU time the UI thread spent meanwhile (the rest is waiting)
    std::size_t rows = 0;          ///< rows of a page
    int timeouts = 0;              ///< runs that never painted the new page (within 5 s)
};

/// Needs wx started with a display. `warmup` runs first, not counted.
ViewTimings MeasureView(const ViewInput& input, int warmup, int runs);

} // namespace resv::bench
