#include "views/usage/AuditPageCache.h"

#include <algorithm>

namespace resv::views {
namespace {

bool Holds(const std::vector<std::size_t>& pages, std::size_t page) {
    return std::find(pages.begin(), pages.end(), page) != pages.end();
}

void Remove(std::vector<std::size_t>& pages, std::size_t page) {
    pages.erase(std::remove(pages.begin(), pages.end(), page), pages.end());
}

} // namespace

AuditPageCache::AuditPageCache(std::size_t maxPages, std::size_t maxInFlight)
    : m_maxPages(std::max<std::size_t>(maxPages, 1))
    , m_maxInFlight(std::max<std::size_t>(maxInFlight, 1)) {
    m_query.limit = static_cast<int>(kPageSize);
}

void AuditPageCache::Reset(const client::AuditQuery& query, std::int64_t total,
                           std::optional<model::Page<model::AuditEvent>> firstPage) {
    ++m_generation;
    m_query = query;
    m_query.cursor.reset();
    m_query.offset.reset();
    m_query.limit = static_cast<int>(kPageSize);
    m_total = static_cast<std::size_t>(std::max<std::int64_t>(total, 0));
    m_pages.clear();
    m_inFlight.clear();
    m_wanted.clear();
    m_visibleFirst = 0;
    m_visibleLast = 0;
    // A first page that does not match the count (events arrived between the two calls) would
    // leave rows that never load: it is fetched again instead.
    if (firstPage && m_total > 0 && firstPage->items.size() == PageRows(0)) {
        Page page;
        page.rows = std::move(firstPage->items);
        page.forwardCursor = std::move(firstPage->nextCursor);
        page.lastUsed = ++m_clock;
        m_pages.emplace(0, std::move(page));
    }
}

void AuditPageCache::Clear() {
    Reset(m_query, 0);
}

std::size_t AuditPageCache::PageRows(std::size_t page) const {
    const std::size_t start = PageStart(page);
    return start >= m_total ? 0 : std::min(kPageSize, m_total - start);
}

bool AuditPageCache::Present(std::size_t page) const {
    return m_pages.find(page) != m_pages.end();
}

bool AuditPageCache::InFlightAs(std::size_t page, bool flipped) const {
    return std::any_of(m_inFlight.begin(), m_inFlight.end(), [&](const InFlightPage& f) {
        return f.page == page && f.flipped == flipped;
    });
}

bool AuditPageCache::IsInFlight(std::size_t page) const {
    return InFlightAs(page, false) || InFlightAs(page, true);
}

const model::AuditEvent* AuditPageCache::Row(std::size_t index) const {
    if (index >= m_total) {
        return nullptr;
    }
    const auto it = m_pages.find(index / kPageSize);
    if (it == m_pages.end() || index % kPageSize >= it->second.rows.size()) {
        return nullptr;
    }
    return &it->second.rows[index % kPageSize];
}

bool AuditPageCache::Loading(std::size_t index) const {
    if (index >= m_total) {
        return false;
    }
    const std::size_t page = index / kPageSize;
    return !Present(page) && (IsInFlight(page) || Holds(m_wanted, page));
}

void AuditPageCache::Want(std::size_t first, std::size_t last) {
    m_wanted.clear();
    if (m_total == 0) {
        return;
    }
    last = std::min(last, m_total - 1);
    first = std::min(first, last);
    m_visibleFirst = first;
    m_visibleLast = last;
    const std::size_t firstPage = first / kPageSize;
    const std::size_t lastPage = last / kPageSize;
    ++m_clock;
    const auto consider = [this](std::size_t page) {
        if (const auto it = m_pages.find(page); it != m_pages.end()) {
            it->second.lastUsed = m_clock;
        } else if (!IsInFlight(page) && !Holds(m_wanted, page)) {
            m_wanted.push_back(page);
        }
    };
    for (std::size_t page = firstPage; page <= lastPage; ++page) {
        consider(page);
    }
    // The page the user is about to reach, scrolling either way.
    if (lastPage + 1 < PageCount() && (last + kPrefetchRows) / kPageSize > lastPage) {
        consider(lastPage + 1);
    }
    if (firstPage > 0 && first < firstPage * kPageSize + kPrefetchRows) {
        consider(firstPage - 1);
    }
}

bool AuditPageCache::WaitsForNeighbour(std::size_t page) const {
    // A neighbour on its way brings the cursor to this page: a keyset fetch after it is cheaper
    // than an offset now.
    return (page > 0 && InFlightAs(page - 1, false)) || InFlightAs(page + 1, true);
}

std::optional<AuditPageRequest> AuditPageCache::NextRequest() {
    if (m_inFlight.size() >= m_maxInFlight) {
        return std::nullopt;
    }
    const auto it = std::find_if(m_wanted.begin(), m_wanted.end(),
                                 [this](std::size_t page) { return !WaitsForNeighbour(page); });
    if (it == m_wanted.end()) {
        return std::nullopt;
    }
    const std::size_t page = *it;
    m_wanted.erase(it);
    AuditPageRequest request = RequestFor(page);
    m_inFlight.push_back({page, request.flipped});
    return request;
}

AuditPageRequest AuditPageCache::RequestFor(std::size_t page) const {
    AuditPageRequest request;
    request.generation = m_generation;
    request.page = page;
    request.query = m_query;
    const std::size_t start = PageStart(page);
    const std::size_t rows = PageRows(page);
    request.query.limit = static_cast<int>(rows);
    const auto before = page > 0 ? m_pages.find(page - 1) : m_pages.end();
    if (before != m_pages.end() && before->second.forwardCursor) {
        request.query.cursor = before->second.forwardCursor;
        return request;
    }
    const auto after = m_pages.find(page + 1);
    if (after != m_pages.end() && after->second.backwardCursor) {
        request.flipped = true;
        request.query.descending = !m_query.descending;
        request.query.cursor = after->second.backwardCursor;
        return request;
    }
    const std::size_t fromEnd = m_total - start - rows;
    if (fromEnd < start) {
        request.flipped = true;
        request.query.descending = !m_query.descending;
        if (fromEnd > 0) {
            request.query.offset = static_cast<std::int64_t>(fromEnd);
        }
    } else if (start > 0) {
        request.query.offset = static_cast<std::int64_t>(start);
    }
    return request;
}

bool AuditPageCache::Fill(const AuditPageRequest& request, model::Page<model::AuditEvent> page) {
    if (request.generation != m_generation) {
        return false;
    }
    m_inFlight.erase(std::remove_if(m_inFlight.begin(), m_inFlight.end(),
                                    [&](const InFlightPage& f) { return f.page == request.page; }),
                     m_inFlight.end());
    Remove(m_wanted, request.page);
    Page stored;
    stored.rows = std::move(page.items);
    if (request.flipped) {
        std::reverse(stored.rows.begin(), stored.rows.end());
        stored.backwardCursor = std::move(page.nextCursor);
    } else {
        stored.forwardCursor = std::move(page.nextCursor);
    }
    if (stored.rows.size() > PageRows(request.page)) {
        stored.rows.resize(PageRows(request.page));
    }
    stored.lastUsed = ++m_clock;
    m_pages[request.page] = std::move(stored);
    Evict();
    return true;
}

void AuditPageCache::Failed(const AuditPageRequest& request, bool askAgain) {
    if (request.generation != m_generation) {
        return;
    }
    m_inFlight.erase(std::remove_if(m_inFlight.begin(), m_inFlight.end(),
                                    [&](const InFlightPage& f) { return f.page == request.page; }),
                     m_inFlight.end());
    const std::size_t start = PageStart(request.page);
    const bool visible = start <= m_visibleLast && m_visibleFirst < start + kPageSize;
    if (askAgain && visible && !Holds(m_wanted, request.page)) {
        m_wanted.insert(m_wanted.begin(), request.page);
    }
}

void AuditPageCache::Evict() {
    const std::size_t firstVisible = m_visibleFirst / kPageSize;
    const std::size_t lastVisible = m_visibleLast / kPageSize;
    while (m_pages.size() > m_maxPages) {
        // The least recently used page off screen; if every page is on screen, the oldest.
        auto victim = m_pages.end();
        auto oldest = m_pages.end();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (oldest == m_pages.end() || it->second.lastUsed < oldest->second.lastUsed) {
                oldest = it;
            }
            const bool visible = it->first >= firstVisible && it->first <= lastVisible;
            if (!visible &&
                (victim == m_pages.end() || it->second.lastUsed < victim->second.lastUsed)) {
                victim = it;
            }
        }
        m_pages.erase(victim != m_pages.end() ? victim : oldest);
    }
}

} // namespace resv::views
