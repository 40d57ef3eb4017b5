#pragma once
// The rows behind the Usage history screen's virtual list, without threads or wx: `total` rows
// (from /count) in pages of kPageSize, at most `maxPages` of them kept (the least recently shown
// goes first), so scrolling through a million events keeps memory flat. A row whose page is not
// here reads as nullptr and the list shows a placeholder; Want() says which rows are on screen
// and NextRequest() hands out the fetches that fill them, nearest what the user looks at now.
//
// How a page is fetched: the next page in order after a loaded one continues with that page's
// `next_cursor` (keyset, as fast at row 900,000 as at row 0); a jump uses `offset`; and past half
// of the total the page is asked for from the other end (the opposite order, offset = total -
// start - count, rows reversed on arrival), so the last row is as quick to reach as the first.
// Reset() starts a new generation: every page goes, and a page of an older generation that
// arrives afterwards is ignored.

#include "resv/client/AuditApi.h"
#include "resv/model/AuditEvent.h"
#include "resv/model/Page.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace resv::views {

/// One page fetch: run `query` (filters, order and paging all set), then give the page to Fill()
/// or, if it failed, the request to Failed().
struct AuditPageRequest {
    std::uint64_t generation = 0;
    std::size_t page = 0;
    bool flipped = false; ///< asked in the opposite order; Fill() reverses the rows
    client::AuditQuery query;

    bool operator==(const AuditPageRequest&) const = default;
};

class AuditPageCache {
public:
    static constexpr std::size_t kPageSize = 100;
    static constexpr std::size_t kMaxPages = 40;
    static constexpr std::size_t kMaxInFlight = 2;
    /// A page next to the visible rows is wanted too when they are this close to it.
    static constexpr std::size_t kPrefetchRows = 20;

    explicit AuditPageCache(std::size_t maxPages = kMaxPages,
                            std::size_t maxInFlight = kMaxInFlight);

    /// Starts over: `query`'s filters and order (its paging is ignored) with `total` rows. Every
    /// page is dropped and the generation moves on. `firstPage`, when given, is page 0 as the
    /// query returned it (the presenter loads it with the count).
    void Reset(const client::AuditQuery& query, std::int64_t total,
               std::optional<model::Page<model::AuditEvent>> firstPage = std::nullopt);
    /// No rows, nothing wanted; the generation moves on.
    void Clear();

    std::uint64_t Generation() const { return m_generation; }
    std::size_t Total() const { return m_total; }
    const client::AuditQuery& Query() const { return m_query; }

    /// Row `index` (0 = the first in the query's order), or nullptr while its page is not here.
    const model::AuditEvent* Row(std::size_t index) const;
    /// Row `index`'s page is being fetched or waits for its turn.
    bool Loading(std::size_t index) const;

    /// Rows `first` to `last` (inclusive) are on screen. Their missing pages become the wanted
    /// ones, top first, then a neighbouring page the user is about to reach; pages wanted before
    /// and no longer visible are forgotten (a fetch already running still completes). The loaded
    /// pages on screen count as just used, so they are the last to be evicted.
    void Want(std::size_t first, std::size_t last);

    /// The next fetch to run, if a page is wanted and fewer than maxInFlight are running. The
    /// page counts as in flight until Fill() or Failed().
    std::optional<AuditPageRequest> NextRequest();

    /// The rows of `request`, in the order they were asked. False (and nothing kept) when the
    /// request is of an older generation. Evicts the least recently used pages beyond maxPages.
    bool Fill(const AuditPageRequest& request, model::Page<model::AuditEvent> page);
    /// The fetch failed: the page is no longer in flight, nor wanted until Want() again, unless
    /// `askAgain` (it was only cut short) and it is still on screen: then it is wanted first.
    void Failed(const AuditPageRequest& request, bool askAgain = false);

    std::size_t LoadedPages() const { return m_pages.size(); }
    std::size_t InFlight() const { return m_inFlight.size(); }
    /// The pages waiting for NextRequest(), in the order they will be fetched.
    const std::vector<std::size_t>& Wanted() const { return m_wanted; }

    /// The index of `page`'s first row, and how many rows it has (the last page may be short).
    std::size_t PageStart(std::size_t page) const { return page * kPageSize; }
    std::size_t PageRows(std::size_t page) const;
    std::size_t PageCount() const { return (m_total + kPageSize - 1) / kPageSize; }

private:
    struct Page {
        std::vector<model::AuditEvent> rows;
        /// From a fetch in the query's order: the cursor that continues to page + 1.
        std::optional<std::string> forwardCursor;
        /// From a flipped fetch: the cursor that continues (flipped) to page - 1.
        std::optional<std::string> backwardCursor;
        std::uint64_t lastUsed = 0;
    };

    struct InFlightPage {
        std::size_t page = 0;
        bool flipped = false;
    };

    AuditPageRequest RequestFor(std::size_t page) const;
    void Evict();
    bool Present(std::size_t page) const;
    bool IsInFlight(std::size_t page) const;
    bool InFlightAs(std::size_t page, bool flipped) const;
    bool WaitsForNeighbour(std::size_t page) const;

    client::AuditQuery m_query;
    std::size_t m_total = 0;
    std::size_t m_maxPages;
    std::size_t m_maxInFlight;
    std::uint64_t m_generation = 0;
    std::uint64_t m_clock = 0;
    std::map<std::size_t, Page> m_pages;
    std::vector<InFlightPage> m_inFlight;
    std::vector<std::size_t> m_wanted;
    std::size_t m_visibleFirst = 0;
    std::size_t m_visibleLast = 0;
};

} // namespace resv::views
