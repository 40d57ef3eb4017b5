// The Usage history list's page cache: placeholders then rows, a bound on memory, one fetch per
// page, keyset continuation, far jumps from the other end, and stale generations ignored. The
// fetches run against the in-memory FakeAuditApi, so a wrong offset or order shows as wrong rows.
#include "FakeAuditApi.h"
#include "Fakes.h"

#include "views/usage/AuditPageCache.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::views;
using test::FakeAuditApi;

namespace {

constexpr std::size_t kTotal = 1050; // ten full pages and a short one

struct Fixture {
    FakeAuditApi api;
    AuditPageCache cache;
    client::AuditQuery query;

    explicit Fixture(std::size_t maxPages = AuditPageCache::kMaxPages)
        : cache(maxPages) {
        test::FillAuditEvents(api, kTotal, test::SampleTime());
        query.descending = true;
        cache.Reset(query, kTotal);
    }

    /// Runs every fetch the cache hands out, as the presenter does, until none is left.
    std::vector<AuditPageRequest> FetchAll() {
        std::vector<AuditPageRequest> done;
        while (auto request = cache.NextRequest()) {
            auto page = api.ListAuditEvents(request->query);
            cache.Fill(*request, std::move(page));
            done.push_back(*request);
        }
        return done;
    }

    /// The sequence of row `index`: newest first, so row 0 is sequence kTotal.
    static std::int64_t SequenceOf(std::size_t index) {
        return static_cast<std::int64_t>(kTotal - index);
    }

    bool RowsRight(std::size_t first, std::size_t last) const {
        for (std::size_t i = first; i <= last; ++i) {
            const model::AuditEvent* row = cache.Row(i);
            if (row == nullptr || row->sequence != SequenceOf(i)) {
                return false;
            }
        }
        return true;
    }
};

} // namespace

TEST_CASE("a row not loaded yet is a placeholder until its page arrives", "[usage][cache]") {
    Fixture f;
    CHECK(f.cache.Row(5) == nullptr);
    CHECK_FALSE(f.cache.Loading(5));
    f.cache.Want(0, 24);
    CHECK(f.cache.Loading(5));
    const auto request = f.cache.NextRequest();
    REQUIRE(request);
    CHECK(request->page == 0);
    CHECK_FALSE(request->flipped);
    CHECK_FALSE(request->query.offset);
    CHECK_FALSE(request->query.cursor);
    CHECK(request->query.limit == 100);
    CHECK(f.cache.Row(5) == nullptr); // still on its way
    CHECK(f.cache.Loading(5));
    CHECK(f.cache.Fill(*request, f.api.ListAuditEvents(request->query)));
    CHECK_FALSE(f.cache.Loading(5));
    CHECK(f.RowsRight(0, 99));
    CHECK(f.cache.Row(100) == nullptr);
    CHECK(f.cache.Row(kTotal) == nullptr); // past the end
}

TEST_CASE("a page is fetched once however often its rows are asked for", "[usage][cache]") {
    Fixture f;
    f.cache.Want(0, 24);
    f.cache.Want(10, 30);
    f.cache.Want(0, 24);
    const auto first = f.cache.NextRequest();
    REQUIRE(first);
    f.cache.Want(0, 24); // in flight: not wanted again
    CHECK(f.cache.Wanted().empty());
    CHECK_FALSE(f.cache.NextRequest());
    f.cache.Fill(*first, f.api.ListAuditEvents(first->query));
    f.cache.Want(0, 24); // loaded: nothing to fetch
    CHECK_FALSE(f.cache.NextRequest());
    CHECK(f.api.CountOf("ListAuditEvents") == 1);
}

TEST_CASE("at most two fetches run at once, and pages scrolled past are no longer asked for",
          "[usage][cache]") {
    Fixture f;
    f.cache.Want(150, 420); // pages 1 to 4 on screen (a tall window)
    const auto a = f.cache.NextRequest();
    const auto b = f.cache.NextRequest();
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->page == 1);
    CHECK(b->page == 3);                // page 2 waits for page 1's cursor
    CHECK_FALSE(f.cache.NextRequest()); // two in flight
    CHECK(f.cache.InFlight() == 2);
    // The user has dragged on to the middle: pages 2 and 4 are stale, 5 and 6 wanted.
    f.cache.Want(520, 640);
    CHECK(f.cache.Wanted() == std::vector<std::size_t>{5, 6});
    f.cache.Fill(*a, f.api.ListAuditEvents(a->query));
    const auto c = f.cache.NextRequest();
    REQUIRE(c);
    CHECK(c->page == 5);
    f.cache.Fill(*b, f.api.ListAuditEvents(b->query));
    f.cache.Fill(*c, f.api.ListAuditEvents(c->query));
    f.FetchAll();
    CHECK(f.RowsRight(520, 640));
    CHECK(f.cache.Row(250) == nullptr); // pages 2 and 4 were never fetched
    CHECK(f.cache.Row(450) == nullptr);
}

TEST_CASE("scrolling on continues with the previous page's cursor", "[usage][cache]") {
    Fixture f;
    f.cache.Want(0, 30);
    f.FetchAll();
    f.cache.Want(70, 95); // near the end of page 0: page 1 is fetched ahead
    const auto requests = f.FetchAll();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].page == 1);
    CHECK(requests[0].query.cursor);
    CHECK_FALSE(requests[0].query.offset);
    CHECK(f.RowsRight(0, 199));
}

TEST_CASE("a far jump uses an offset, and past half the total the other end", "[usage][cache]") {
    Fixture f;
    SECTION("to a page in the first half: offset from the start, in the list's order") {
        f.cache.Want(330, 350);
        const auto requests = f.FetchAll();
        REQUIRE(requests.size() == 1);
        CHECK_FALSE(requests[0].flipped);
        CHECK(requests[0].query.descending);
        CHECK(requests[0].query.offset == std::optional<std::int64_t>(300));
        CHECK(f.RowsRight(300, 399));
    }
    SECTION("to the last row: the oldest first, no offset at all, rows reversed") {
        f.cache.Want(kTotal - 20, kTotal - 1);
        const auto requests = f.FetchAll();
        REQUIRE(requests.size() == 1);
        CHECK(requests[0].page == 10);
        CHECK(requests[0].flipped);
        CHECK_FALSE(requests[0].query.descending);
        CHECK_FALSE(requests[0].query.offset);
        CHECK(requests[0].query.limit == 50); // the short last page
        CHECK(f.RowsRight(1000, kTotal - 1));
        CHECK(f.cache.Row(kTotal - 1)->sequence == 1);
    }
    SECTION("to a page in the second half: offset from the end") {
        f.cache.Want(850, 870);
        const auto requests = f.FetchAll();
        REQUIRE(requests.size() == 1);
        CHECK(requests[0].flipped);
        CHECK_FALSE(requests[0].query.descending);
        // total - start - count = 1050 - 800 - 100
        CHECK(requests[0].query.offset == std::optional<std::int64_t>(150));
        CHECK(f.RowsRight(800, 899));
        SECTION("and scrolling up from there continues by cursor the other way") {
            f.cache.Want(725, 790);
            const auto up = f.FetchAll();
            REQUIRE(up.size() == 1);
            CHECK(up[0].page == 7);
            CHECK(up[0].flipped);
            CHECK(up[0].query.cursor);
            CHECK_FALSE(up[0].query.offset);
            CHECK(f.RowsRight(700, 899));
        }
    }
}

TEST_CASE("a page next to one still on its way waits for its cursor", "[usage][cache]") {
    Fixture f;
    f.cache.Want(0, 90); // page 0, and page 1 ahead
    const auto page0 = f.cache.NextRequest();
    REQUIRE(page0);
    CHECK_FALSE(f.cache.NextRequest()); // page 1 would need an offset now; the cursor is coming
    f.cache.Fill(*page0, f.api.ListAuditEvents(page0->query));
    const auto page1 = f.cache.NextRequest();
    REQUIRE(page1);
    CHECK(page1->query.cursor);
}

TEST_CASE("memory stays bounded: the least recently shown page goes first", "[usage][cache]") {
    Fixture f(3);
    for (std::size_t page = 0; page < 4; ++page) {
        f.cache.Want(page * 100, page * 100 + 10);
        f.FetchAll();
        CHECK(f.cache.LoadedPages() <= 3);
    }
    CHECK(f.cache.LoadedPages() == 3);
    CHECK(f.cache.Row(5) == nullptr); // page 0, shown longest ago, is gone
    CHECK(f.RowsRight(100, 110));
    CHECK(f.RowsRight(300, 310));
    // Showing page 1 again makes it recent: page 2 goes next.
    f.cache.Want(105, 110);
    f.cache.Want(900, 910);
    f.FetchAll();
    CHECK(f.cache.LoadedPages() == 3);
    CHECK(f.RowsRight(100, 110));
    CHECK(f.cache.Row(205) == nullptr);
    // A page that went is fetched again when it is shown again.
    f.cache.Want(0, 10);
    f.FetchAll();
    CHECK(f.RowsRight(0, 10));
}

TEST_CASE("scrolling through a million rows keeps at most the bound", "[usage][cache]") {
    AuditPageCache cache;
    cache.Reset({}, 1'000'000);
    std::size_t fetched = 0;
    for (std::size_t first = 0; first < 1'000'000; first += 2'500) {
        cache.Want(first, first + 30);
        while (auto request = cache.NextRequest()) {
            model::Page<model::AuditEvent> page;
            page.items.resize(cache.PageRows(request->page));
            cache.Fill(*request, std::move(page));
            ++fetched;
        }
        REQUIRE(cache.LoadedPages() <= AuditPageCache::kMaxPages);
    }
    CHECK(fetched >= 400);
    CHECK(cache.LoadedPages() == AuditPageCache::kMaxPages);
}

TEST_CASE("after a reset, pages of the old generation are ignored", "[usage][cache]") {
    Fixture f;
    f.cache.Want(0, 20);
    const auto old = f.cache.NextRequest();
    REQUIRE(old);
    client::AuditQuery other;
    other.action = "session.";
    f.cache.Reset(other, 0); // the filters changed meanwhile
    CHECK(f.cache.Generation() == old->generation + 1);
    CHECK_FALSE(f.cache.Fill(*old, f.api.ListAuditEvents(old->query)));
    CHECK(f.cache.LoadedPages() == 0);
    CHECK(f.cache.Row(0) == nullptr);
    f.cache.Failed(*old); // nor does an old failure disturb the new generation's count
    CHECK(f.cache.InFlight() == 0);
}

TEST_CASE("a first page that matches the count is kept, one that does not is fetched again",
          "[usage][cache]") {
    Fixture f;
    client::AuditQuery q;
    q.limit = 100;
    auto page = f.api.ListAuditEvents(q);
    f.cache.Reset(q, kTotal, page);
    CHECK(f.RowsRight(0, 99));
    page.items.pop_back();
    f.cache.Reset(q, kTotal, page);
    CHECK(f.cache.Row(0) == nullptr);
}

TEST_CASE("a failed page is asked for again only when shown again, or when only cut short",
          "[usage][cache]") {
    Fixture f;
    f.cache.Want(0, 20);
    auto request = f.cache.NextRequest();
    REQUIRE(request);
    f.cache.Failed(*request);
    CHECK_FALSE(f.cache.Loading(0));
    CHECK_FALSE(f.cache.NextRequest());
    f.cache.Want(0, 20);
    request = f.cache.NextRequest();
    REQUIRE(request);
    f.cache.Failed(*request, true); // cancelled by an export's Cancel: still on screen
    CHECK(f.cache.Loading(0));
    CHECK(f.cache.NextRequest());
}
