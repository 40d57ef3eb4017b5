#pragma once
// The Usage history screen (views::UsageHistoryView: its AuditEventList, a virtual wxListView,
// over UsageHistoryPresenter's bounded page cache) against resv-server holding a million events,
// on the console's WorkerThread and CallAfter dispatcher, as MainFrame builds it. Times run from
// the user's act (opening the screen, applying a filter, a jump) until the list's paint event has
// drawn the rows that act asked for with their events (not "Loading..." placeholders).

#include "resv/client/ApiClient.h"

#include <memory>
#include <string>
#include <vector>

namespace resv::bench {

struct ViewBenchOptions {
    int runs = 20;          ///< of each timed act
    long scrollStep = 5000; ///< rows per step when scrolling through; 0: no scrolling
    bool scrollAll = true;  ///< through every row (else the first 200 steps)
};

struct ViewTimings {
    std::vector<double> openMs;    ///< open the screen (default: last 7 days) -> painted
    std::vector<double> historyMs; ///< apply "Custom" over the whole history -> painted
    std::vector<double> lastRowMs; ///< EnsureVisible(last row) -> its row painted
    std::vector<double> middleMs;  ///< EnsureVisible(middle row) -> painted
    /// For each act above: how long its API calls took on the worker thread (request to parsed
    /// answer, summed), and how many there were; the rest is the screen's own work and waiting.
    std::vector<double> openApiMs, historyApiMs, lastRowApiMs, middleApiMs;
    std::vector<double> openCalls, historyCalls, lastRowCalls, middleCalls;
    /// Scrolling down one page (100 rows) at a time from row 250,000: the next page continues
    /// from the loaded one by its cursor.
    std::vector<double> pageDownMs, pageDownApiMs, pageDownCalls;
    std::size_t weekRows = 0;         ///< rows of the default list
    std::size_t historyRows = 0;      ///< rows of the whole history
    long scrollSteps = 0;             ///< steps taken when scrolling through
    double scrollSeconds = 0;         ///< all of them
    std::vector<double> scrollStepMs; ///< each step: EnsureVisible -> its rows painted
    long rssBeforeKb = 0;             ///< before the screen opened
    long rssOpenKb = 0;               ///< after the whole history's first rows
    long rssPeakKb = 0;               ///< the largest VmRSS seen while scrolling
    long rssAfterKb = 0;              ///< after scrolling through
    long hwmKb = 0;                   ///< VmHWM at the end (the process's peak)
    int timeouts = 0;                 ///< acts whose rows were not painted within 20 s
};

/// Needs wx started with a display. `client` is signed in (usage.read).
ViewTimings MeasureView(const std::shared_ptr<client::ApiClient>& client,
                        const std::string& serverUrl, const ViewBenchOptions& options);

/// VmRSS (or another field) of /proc/self/status, in kB.
long ProcStatusKb(const char* field);

} // namespace resv::bench
