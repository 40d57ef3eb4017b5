// IAuditApi against the real server in-process: the Usage history screen pages, counts, verifies
// and exports through exactly these calls, so a change on either side of the contract fails here.

#include "support/Accounts.h"

#include "resv/client/AuditApi.h"

#include <catch2/catch.hpp>

#include <iconv.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

using namespace resv;
using namespace resv::test;
using client::ApiError;
using client::AuditQuery;
using client::CsvEncoding;
using namespace std::chrono_literals;

namespace {

constexpr int kCreated = 23;
constexpr const char* kCsvHeader = "sequence,at,actor_login_id,actor_display_name,actor_role,"
                                   "source_ip,action,target_type,target_id,target_label,result,"
                                   "details,hash";

/// The time of the i-th jurisdiction the fixture creates: a minute apart from TestEpoch on.
model::TimePoint CreatedAt(int i) {
    return TestEpoch() + std::chrono::minutes(i + 1);
}

/// A server with kCreated jurisdictions made by the demo manager a minute apart, so that there
/// are kCreated `jurisdiction.create` events with known times.
struct History {
    History() {
        for (int i = 0; i < kCreated; ++i) {
            server.Clock().Set(CreatedAt(i));
            manager->CreateJurisdiction({"九州管轄 " + std::to_string(i)});
        }
    }

    client::IAuditApi& Api() { return *manager; }

    TestServer server;
    std::unique_ptr<client::ApiClient> manager = ManagerClient(server);
    TempDir exports;
};

AuditQuery Created() {
    AuditQuery query;
    query.action = "jurisdiction.create";
    return query;
}

/// Every event `query` selects, following next_cursor.
std::vector<model::AuditEvent> AllPages(client::IAuditApi& api, AuditQuery query) {
    std::vector<model::AuditEvent> events;
    for (int page = 0; page < 1000; ++page) {
        auto answer = api.ListAuditEvents(query);
        events.insert(events.end(), answer.items.begin(), answer.items.end());
        if (!answer.nextCursor) {
            return events;
        }
        query.cursor = answer.nextCursor;
    }
    FAIL("next_cursor never ended");
    return events;
}

std::vector<std::int64_t> Sequences(const std::vector<model::AuditEvent>& events) {
    std::vector<std::int64_t> sequences;
    for (const auto& event : events) {
        sequences.push_back(event.sequence);
    }
    return sequences;
}

std::string ReadFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos); // every line, the last included, ends in CRLF
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

std::string Cell(const std::string& line, int index) {
    std::size_t start = 0;
    for (int i = 0; i < index; ++i) {
        start = line.find(',', start) + 1;
    }
    return line.substr(start, line.find(',', start) - start);
}

std::string Cp932ToUtf8(const std::string& bytes) {
    const iconv_t cd = iconv_open("UTF-8", "CP932");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(bytes.size() * 3 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t inLeft = bytes.size();
    char* to = out.data();
    std::size_t outLeft = out.size();
    const std::size_t converted = iconv(cd, &in, &inLeft, &to, &outLeft);
    iconv_close(cd);
    REQUIRE(converted != static_cast<std::size_t>(-1));
    REQUIRE(inLeft == 0);
    out.resize(out.size() - outLeft);
    return out;
}

} // namespace

TEST_CASE("Audit events: keyset pages give every matching event exactly once, in order") {
    History history;
    AuditQuery query = Created();
    query.limit = 5;

    const auto newestFirst = AllPages(history.Api(), query);
    REQUIRE(newestFirst.size() == kCreated);
    const auto sequences = Sequences(newestFirst);
    CHECK(std::set<std::int64_t>(sequences.begin(), sequences.end()).size() == kCreated);
    CHECK(std::is_sorted(sequences.rbegin(), sequences.rend()));
    CHECK(newestFirst.front().at == CreatedAt(kCreated - 1));
    CHECK(newestFirst.back().at == CreatedAt(0));
    for (const auto& event : newestFirst) {
        CHECK(event.action == "jurisdiction.create");
        CHECK(event.actor.loginId == "manager");
        CHECK(event.result == model::AuditResult::Success);
        REQUIRE(event.target);
        CHECK(event.target->type == "jurisdiction");
    }

    query.descending = false;
    query.limit = 7;
    auto oldestFirst = AllPages(history.Api(), query);
    std::reverse(oldestFirst.begin(), oldestFirst.end());
    CHECK(oldestFirst == newestFirst);
}

TEST_CASE("Audit events: the filters select on the server") {
    History history;

    SECTION("from inclusive, to exclusive") {
        AuditQuery query = Created();
        query.from = CreatedAt(5);
        query.to = CreatedAt(15);
        const auto events = AllPages(history.Api(), query);
        REQUIRE(events.size() == 10);
        CHECK(events.front().at == CreatedAt(14));
        CHECK(events.back().at == CreatedAt(5));
        CHECK(history.Api().CountAuditEvents(query).count == 10);
    }
    SECTION("an action prefix, an actor and free text") {
        AuditQuery query;
        query.action = "jurisdiction.";
        query.actor = "manager";
        query.q = "九州管轄 1";
        // "九州管轄 1" and "九州管轄 10" … "九州管轄 19".
        CHECK(AllPages(history.Api(), query).size() == 11);
        query.actor = "viewer";
        CHECK(AllPages(history.Api(), query).empty());
    }
    SECTION("result and target type") {
        AuditQuery query = Created();
        query.targetType = "jurisdiction";
        query.result = model::AuditResult::Success;
        CHECK(AllPages(history.Api(), query).size() == kCreated);
        query.result = model::AuditResult::Failed;
        CHECK(AllPages(history.Api(), query).empty());
    }
}

TEST_CASE("Audit events: an offset jumps into the same order the cursor walks") {
    History history;
    AuditQuery query = Created();
    query.descending = false;
    const auto all = AllPages(history.Api(), query);
    REQUIRE(all.size() == kCreated);

    query.offset = 10;
    query.limit = 5;
    const auto page = history.Api().ListAuditEvents(query);
    REQUIRE(page.items.size() == 5);
    CHECK(page.items == std::vector<model::AuditEvent>(all.begin() + 10, all.begin() + 15));

    query.offset = kCreated;
    CHECK(history.Api().ListAuditEvents(query).items.empty());
}

TEST_CASE("Audit events: bad paging is a 400 the client throws with the server's code") {
    History history;
    AuditQuery query;
    query.cursor = "not-a-cursor";
    const ApiError cursor = ApiErrorOf([&] { history.Api().ListAuditEvents(query); });
    CHECK(cursor.Status() == 400);
    CHECK(cursor.Code() == "invalid_cursor");

    query = AuditQuery{};
    query.limit = 501;
    const ApiError limit = ApiErrorOf([&] { history.Api().ListAuditEvents(query); });
    CHECK(limit.Status() == 400);
    CHECK(limit.Code() == "invalid_field");
}

TEST_CASE("Audit events: the count matches the list and knows the newest sequence") {
    History history;
    const model::AuditCount count = history.Api().CountAuditEvents(Created());
    CHECK(count.count == kCreated);
    const auto newest = history.Api().ListAuditEvents(AuditQuery{});
    REQUIRE_FALSE(newest.items.empty());
    CHECK(count.latestSequence == newest.items.front().sequence);
    CHECK(count.latestSequence >= kCreated);
}

TEST_CASE("Audit events: an untouched chain verifies") {
    History history;
    const model::AuditVerification verification = history.Api().VerifyAuditLog();
    CHECK(verification.ok);
    CHECK(verification.checked == history.Api().CountAuditEvents(AuditQuery{}).latestSequence);
    CHECK_FALSE(verification.firstBadSequence);
    CHECK_FALSE(verification.firstBadReason);
}

TEST_CASE("Audit export: the file on disk is the CSV the contract describes") {
    History history;
    const auto file = history.exports.Path() / "利用履歴.csv";
    std::vector<std::int64_t> reported;
    history.Api().ExportAuditCsv(Created(), CsvEncoding::Utf8WithBom, file, [&](std::int64_t rows) {
        reported.push_back(rows);
        return true;
    });

    CHECK_FALSE(std::filesystem::exists(file.string() + ".part"));
    const std::string csv = ReadFile(file);
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto lines = Lines(csv.substr(3));
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front() == kCsvHeader);
    CHECK(static_cast<std::int64_t>(lines.size() - 1) ==
          history.Api().CountAuditEvents(Created()).count);
    REQUIRE(lines.size() == kCreated + 1);

    // Newest first, as the list; times in JST with milliseconds.
    CHECK(Cell(lines[1], 1) == "2026-11-25T17:23:00.000+09:00");
    CHECK(Cell(lines[kCreated], 1) == "2026-11-25T17:01:00.000+09:00");
    for (std::size_t i = 1; i < lines.size(); ++i) {
        INFO(lines[i]);
        CHECK(Cell(lines[i], 1).ends_with(".000+09:00"));
        CHECK(Cell(lines[i], 2) == "manager");
        CHECK(Cell(lines[i], 6) == "jurisdiction.create");
    }

    REQUIRE_FALSE(reported.empty());
    CHECK(reported.back() == kCreated);
    CHECK(std::is_sorted(reported.begin(), reported.end()));
}

TEST_CASE("Audit export: a file of many chunks holds every listed event once, in order") {
    // Hundreds of kilobytes: the body reaches the sink in many pieces, with line ends split
    // between them.
    TestServer server;
    auto manager = ManagerClient(server);
    for (int i = 0; i < 600; ++i) {
        server.Clock().Advance(1s);
        manager->CreateJurisdiction({"管轄 " + std::to_string(i) + std::string(90, 'x')});
    }
    TempDir exports;
    const auto file = exports.Path() / "usage.csv";
    AuditQuery query = Created();
    query.descending = false;
    std::int64_t lastReported = -1;
    manager->ExportAuditCsv(query, CsvEncoding::Utf8WithBom, file, [&](std::int64_t rows) {
        lastReported = rows;
        return true;
    });

    const std::string csv = ReadFile(file);
    CHECK(csv.size() > 200'000);
    const auto lines = Lines(csv.substr(3));
    std::vector<std::int64_t> exported;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        exported.push_back(std::stoll(Cell(lines[i], 0)));
    }
    REQUIRE(exported.size() == 600);
    CHECK(exported == Sequences(AllPages(*manager, query)));
    CHECK(lastReported == static_cast<std::int64_t>(exported.size()));
}

TEST_CASE("Audit export: cp932 is the same text in Shift_JIS, without a BOM") {
    History history;
    const auto utf8File = history.exports.Path() / "utf8.csv";
    const auto sjisFile = history.exports.Path() / "sjis.csv";
    history.Api().ExportAuditCsv(Created(), CsvEncoding::Utf8WithBom, utf8File, {});
    history.Api().ExportAuditCsv(Created(), CsvEncoding::ShiftJis, sjisFile, {});

    const std::string utf8 = ReadFile(utf8File);
    const std::string sjis = ReadFile(sjisFile);
    REQUIRE(utf8.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(sjis.rfind("\xEF\xBB\xBF", 0) != 0);
    CHECK(sjis != utf8.substr(3)); // the Japanese labels really are in another encoding
    CHECK(Cp932ToUtf8(sjis) == utf8.substr(3));
    CHECK(utf8.find("九州管轄 7") != std::string::npos);
}

TEST_CASE("Audit export: cancelling from the progress callback leaves no file behind") {
    History history;
    const auto file = history.exports.Path() / "usage.csv";
    const auto part = std::filesystem::path(file.string() + ".part");
    int calls = 0;
    const auto cancel = [&](std::int64_t) {
        ++calls;
        return false;
    };

    SECTION("no file was there") {
        const ApiError error = ApiErrorOf([&] {
            history.Api().ExportAuditCsv(Created(), CsvEncoding::Utf8WithBom, file, cancel);
        });
        CHECK(error.GetKind() == ApiError::Kind::Cancelled);
        CHECK(calls == 1);
        CHECK_FALSE(std::filesystem::exists(file));
        CHECK_FALSE(std::filesystem::exists(part));
    }
    SECTION("an earlier export stays as it was") {
        std::ofstream(file, std::ios::binary) << "earlier export\r\n";
        const ApiError error = ApiErrorOf(
            [&] { history.Api().ExportAuditCsv(Created(), CsvEncoding::ShiftJis, file, cancel); });
        CHECK(error.GetKind() == ApiError::Kind::Cancelled);
        CHECK(ReadFile(file) == "earlier export\r\n");
        CHECK_FALSE(std::filesystem::exists(part));
    }

    // The connection the cancel cut is replaced: the client goes on working.
    CHECK(history.Api().CountAuditEvents(Created()).count == kCreated);
}

TEST_CASE("Audit events: an employee is refused with 403, and so is a viewer's export") {
    History history;
    auto account = CreateAccount(history.server, NewAccountInput("yamada.t"));
    auto employee = SignIn(history.server, account);
    ChangePassword(*employee, account);
    client::IAuditApi& employeeApi = *employee;

    const ApiError list = ApiErrorOf([&] { employeeApi.ListAuditEvents(AuditQuery{}); });
    CHECK(list.GetKind() == ApiError::Kind::Http);
    CHECK(list.Status() == 403);
    CHECK(list.Code() == "forbidden");
    CHECK(ApiErrorOf([&] { employeeApi.CountAuditEvents(AuditQuery{}); }).Status() == 403);
    CHECK(ApiErrorOf([&] { employeeApi.VerifyAuditLog(); }).Status() == 403);

    const auto file = history.exports.Path() / "usage.csv";
    const ApiError exported = ApiErrorOf(
        [&] { employeeApi.ExportAuditCsv(AuditQuery{}, CsvEncoding::Utf8WithBom, file, {}); });
    CHECK(exported.Status() == 403);
    CHECK(exported.Code() == "forbidden");
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK_FALSE(std::filesystem::exists(file.string() + ".part"));

    // The built-in viewer reads the history but may not take it away.
    auto viewer = history.server.Client();
    viewer->Login(RequestFor(kViewer));
    CHECK(viewer->CountAuditEvents(Created()).count == kCreated);
    std::ofstream(file, std::ios::binary) << "earlier export\r\n";
    const ApiError viewerExport =
        ApiErrorOf([&] { viewer->ExportAuditCsv(Created(), CsvEncoding::Utf8WithBom, file, {}); });
    CHECK(viewerExport.Status() == 403);
    CHECK(ReadFile(file) == "earlier export\r\n");
}
