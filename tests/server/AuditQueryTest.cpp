// Issue 5: GET /api/v1/audit-events, /count and /export.csv. Events are made at known instants on
// the injected clock; every filter's answer is compared with the same filter applied by the test
// to the whole history, so each one selects exactly what it names. `from` is inclusive and `to`
// exclusive: the JST day 2026-11-28 is [2026-11-27T15:00:00Z, 2026-11-28T15:00:00Z).

#include "support/Accounts.h"
#include "support/AuditHistory.h"
#include "support/StoredAccounts.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <set>

using namespace resv;
using namespace resv::test;
using nlohmann::json;

namespace {

constexpr const char* kT1 = "2026-11-27T14:59:59.999Z"; // the last instant of JST 11-27
constexpr const char* kT2 = "2026-11-27T15:00:00.000Z"; // JST 2026-11-28 00:00
constexpr const char* kT3 = "2026-11-28T03:00:00.000Z"; // JST noon: the manager's changes
constexpr const char* kT4 = "2026-11-28T14:59:59.999Z"; // the last instant of JST 11-28
constexpr const char* kT5 = "2026-11-28T15:00:00.000Z"; // JST 2026-11-29 00:00
constexpr const char* kT6 = "2026-11-29T00:00:00.000Z"; // when the tests read
constexpr const char* kJstDay = "from=2026-11-27T15:00:00Z&to=2026-11-28T15:00:00Z";
constexpr const char* kCsvHeader = "sequence,at,actor_login_id,actor_display_name,actor_role,"
                                   "source_ip,action,target_type,target_id,target_label,result,"
                                   "details,hash";

using Predicate = std::function<bool(const json&)>;

/// The demo tenant's history with events at T1…T5, read by the demo manager at T6.
struct Timeline {
    TestServer server;
    StoredAccount user = StoreAccount(server, "query.user", {"customeremployee"});
    std::unique_ptr<client::ApiClient> reader;
    std::string zebraId;

    Timeline() {
        LogInAndOut(kT1);
        LogInAndOut(kT2);

        server.Clock().Set(At(kT3));
        auto manager = LoggedIn(server, kManager);
        model::AccountInput zebra = NewAccountInput("zebra.q");
        zebra.displayName = "Zebra Quokka";
        zebraId = manager->CreateAccount(zebra).account.id;
        model::AccountPatch rename;
        rename.displayName = "Zebra Quokka 二世";
        manager->UpdateAccount(zebraId, rename);
        model::AccountInput formula = NewAccountInput("formula.q", {"customermanager_viewer"});
        formula.displayName = "=1+2";
        const auto created = manager->CreateAccount(formula);
        SignIn(server, {created.account, "formula.q", created.oneTimePassword});
        auto staff = LoggedIn(server, kStaff);
        REQUIRE(staff->SendRaw("GET", "/api/v1/accounts", "", "application/json").status == 403);
        model::LoginRequest wrong{"demo", user.loginId, "not-the-password", std::nullopt};
        REQUIRE(server.Client()
                    ->SendRaw("POST", "/api/v1/sessions", json(wrong).dump(), "application/json")
                    .status == 401);
        manager->Logout();

        LogInAndOut(kT4);
        LogInAndOut(kT5);
        server.Clock().Set(At(kT6));
        reader = LoggedIn(server, kManager);
    }

    void LogInAndOut(const char* at) {
        server.Clock().Set(At(at));
        LoggedIn(server, user)->Logout();
    }

    /// The whole history, oldest first.
    std::vector<json> All() { return AllEvents(*reader, "order=asc"); }
};

std::vector<json> Where(const std::vector<json>& events, const Predicate& predicate) {
    std::vector<json> matching;
    std::copy_if(events.begin(), events.end(), std::back_inserter(matching), predicate);
    return matching;
}

std::string Text(const json& value) {
    return value.is_string() ? value.get<std::string>() : std::string();
}

std::string Lower(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

/// What `q` searches, per the contract: actor login/display name, action, target label/id,
/// details.
bool MatchesText(const json& event, const std::string& q) {
    const auto& target = event.at("target");
    std::string text = Text(event.at("actor").at("login_id")) + "\n" +
                       Text(event.at("actor").at("display_name")) + "\n" +
                       Text(event.at("action")) + "\n" + event.at("details").dump();
    if (target.is_object()) {
        text += "\n" + Text(target.at("label")) + "\n" + Text(target.at("id"));
    }
    return Lower(text).find(Lower(q)) != std::string::npos;
}

bool AtIn(const json& event, const char* from, const char* to) {
    const std::string at = Text(event.at("at"));
    return at >= from && at < to; // fixed-width UTC text sorts as time does
}

std::int64_t CountOf(client::ApiClient& client, const std::string& filters) {
    const auto answer = Get(client, std::string(kAuditEvents) + "/count?" + filters);
    INFO(filters << ": " << answer.body);
    REQUIRE(answer.status == 200);
    return answer.Json().at("count").get<std::int64_t>();
}

/// The server's answer to `filters` is exactly the history filtered by `predicate`, in order,
/// and /count agrees.
void CheckFilter(Timeline& timeline, const std::vector<json>& all, const std::string& filters,
                 const Predicate& predicate) {
    INFO(filters);
    const auto expected = Sequences(Where(all, predicate));
    CHECK(Sequences(AllEvents(*timeline.reader, filters + "&order=asc")) == expected);
    CHECK(CountOf(*timeline.reader, filters) == static_cast<std::int64_t>(expected.size()));
}

} // namespace

TEST_CASE("Audit events: from is inclusive and to exclusive, so the JST day 2026-11-28 holds "
          "15:00:00.000Z of the 27th and 14:59:59.999Z of the 28th") {
    Timeline timeline;
    const auto all = timeline.All();
    const auto inDay = [](const json& e) { return AtIn(e, kT2, kT5); };
    CheckFilter(timeline, all, kJstDay, inDay);

    const auto day = AllEvents(*timeline.reader, std::string(kJstDay) + "&order=asc");
    const auto userLogins = [&](const std::vector<json>& events) {
        std::vector<std::string> ats;
        for (const auto& e : events) {
            if (e.at("actor").at("login_id") == "query.user" && e.at("action") == "session.login") {
                ats.push_back(Text(e.at("at")));
            }
        }
        return ats;
    };
    CHECK(userLogins(day) == std::vector<std::string>{kT2, kT4});
    CHECK(userLogins(all) == std::vector<std::string>{kT1, kT2, kT4, kT5});

    // The same day written as JST offsets.
    CHECK(Sequences(AllEvents(*timeline.reader,
                              "from=2026-11-28T00:00:00%2B09:00&to=2026-11-29T00:00:00%2B09:00"
                              "&order=asc")) == Sequences(day));
    // One millisecond wide: only what happened at exactly `from`.
    CheckFilter(timeline, all, "from=2026-11-28T15:00:00.000Z&to=2026-11-28T15:00:00.001Z",
                [](const json& e) { return Text(e.at("at")) == kT5; });
    CHECK(Where(all, [](const json& e) { return Text(e.at("at")) == kT5; }).size() == 2);
    // Open-ended on either side.
    CheckFilter(timeline, all, "from=2026-11-28T15:00:00Z",
                [](const json& e) { return Text(e.at("at")) >= kT5; });
    CheckFilter(timeline, all, "to=2026-11-27T15:00:00Z",
                [](const json& e) { return Text(e.at("at")) < kT2; });
}

TEST_CASE("Audit events: actor, action, result, target type and free text select exactly what "
          "they name, alone and together") {
    Timeline timeline;
    const auto all = timeline.All();
    const auto actorIs = [](const char* login) {
        return [login](const json& e) { return e.at("actor").at("login_id") == login; };
    };
    const auto actionIs = [](const char* action) {
        return [action](const json& e) { return e.at("action") == action; };
    };
    const auto category = [](const char* prefix) {
        return [prefix](const json& e) { return Text(e.at("action")).rfind(prefix, 0) == 0; };
    };

    CheckFilter(timeline, all, "actor=query.user", actorIs("query.user"));
    CHECK(Where(all, actorIs("query.user")).size() >= 9); // 4 logins, 4 logouts, 1 failure
    CheckFilter(timeline, all, "actor=nobody", actorIs("nobody"));
    // latest_sequence is the tenant's newest, whatever the filters.
    const auto none =
        timeline.reader->Send("GET", std::string(kAuditEvents) + "/count?actor=nobody");
    CHECK(none.at("count") == 0);
    CHECK(none.at("latest_sequence") == static_cast<std::int64_t>(all.size()));
    CheckFilter(timeline, all, "action=session.login", actionIs("session.login"));
    CheckFilter(timeline, all, "action=account.update", actionIs("account.update"));
    CheckFilter(timeline, all, "action=account.", category("account."));
    CheckFilter(timeline, all, "action=session.", category("session."));
    CHECK(Where(all, category("account.")).size() >= 3); // 2 creates and the update

    CheckFilter(timeline, all, "result=failed",
                [](const json& e) { return e.at("result") == "failed"; });
    CheckFilter(timeline, all, "result=denied",
                [](const json& e) { return e.at("result") == "denied"; });
    CheckFilter(timeline, all, "result=success",
                [](const json& e) { return e.at("result") == "success"; });
    const auto failed = AllEvents(*timeline.reader, "result=failed");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].at("action") == "session.login_failed");
    const auto denied = AllEvents(*timeline.reader, "result=denied");
    REQUIRE(denied.size() == 1);
    CHECK(denied[0].at("action") == "request.denied");

    const auto targetType = [](const char* type) {
        return [type](const json& e) {
            return e.at("target").is_object() && e.at("target").at("type") == type;
        };
    };
    CheckFilter(timeline, all, "target_type=account", targetType("account"));
    CheckFilter(timeline, all, "target_type=session", targetType("session"));
    CheckFilter(timeline, all, "target_type=route", targetType("route"));

    for (const char* q : {"quokka", "ZEBRA", "Query.User", "花子", "=1+2", "no-such-text"}) {
        CheckFilter(timeline, all, "q=" + Encoded(q),
                    [q](const json& e) { return MatchesText(e, q); });
    }
    CHECK(Where(all, [](const json& e) { return MatchesText(e, "quokka"); }).size() >= 2);

    // Together: every filter narrows.
    CheckFilter(timeline, all, std::string(kJstDay) + "&actor=query.user&action=session.",
                [&](const json& e) {
                    return AtIn(e, kT2, kT5) && actorIs("query.user")(e) && category("session.")(e);
                });
    CHECK(AllEvents(*timeline.reader, std::string(kJstDay) + "&actor=query.user&action=session.")
              .size() == 5);
    CheckFilter(timeline, all, "action=account.&q=quokka&result=success", [&](const json& e) {
        return category("account.")(e) && MatchesText(e, "quokka") && e.at("result") == "success";
    });
}

TEST_CASE("Audit events: desc is the reverse of asc, keyset pages visit every event once in "
          "order, and offset pages are the same slices") {
    Timeline timeline;
    auto& reader = *timeline.reader;
    const auto asc = AllEvents(reader, "order=asc");
    const auto n = static_cast<std::int64_t>(asc.size());
    REQUIRE(n >= 20);

    // Ordered by (at, sequence); every sequence once.
    for (std::size_t i = 1; i < asc.size(); ++i) {
        const auto key = [](const json& e) {
            return std::make_pair(Text(e.at("at")), e.at("sequence").get<std::int64_t>());
        };
        INFO(asc[i - 1].dump() << "\n" << asc[i].dump());
        CHECK(key(asc[i - 1]) < key(asc[i]));
    }
    const auto sequences = Sequences(asc);
    CHECK(std::set<std::int64_t>(sequences.begin(), sequences.end()).size() == asc.size());
    CHECK(*std::max_element(sequences.begin(), sequences.end()) == n);

    auto reversed = sequences;
    std::reverse(reversed.begin(), reversed.end());
    CHECK(Sequences(AllEvents(reader, "order=desc")) == reversed);
    CHECK(Sequences(AllEvents(reader, "")) == reversed); // desc by default

    for (const int limit : {1, 7, 50}) {
        INFO("limit " << limit);
        CHECK(Sequences(AllEvents(reader, "order=asc", limit)) == sequences);
        CHECK(Sequences(AllEvents(reader, "order=desc", limit)) == reversed);
    }
    const auto sessions = Sequences(AllEvents(reader, "action=session.&order=asc"));
    CHECK(Sequences(AllEvents(reader, "action=session.&order=asc", 3)) == sessions);

    // The first page of the default list: 100 newest, with a cursor to the rest.
    const auto first = Get(reader, kAuditEvents).Json();
    CHECK(first.at("items").size() == std::min<std::size_t>(100, asc.size()));
    CHECK(first.at("next_cursor").is_string() == (asc.size() > 100));

    const auto slice = [](const std::vector<std::int64_t>& from, std::int64_t offset, int limit) {
        const auto begin = std::min<std::size_t>(static_cast<std::size_t>(offset), from.size());
        const auto end =
            std::min<std::size_t>(begin + static_cast<std::size_t>(limit), from.size());
        return std::vector<std::int64_t>(from.begin() + static_cast<std::ptrdiff_t>(begin),
                                         from.begin() + static_cast<std::ptrdiff_t>(end));
    };
    for (const std::int64_t offset :
         {std::int64_t{0}, std::int64_t{1}, std::int64_t{7}, n - 3, n, n + 5}) {
        INFO("offset " << offset);
        for (const char* order : {"asc", "desc"}) {
            INFO(order);
            const auto page = Get(reader, std::string(kAuditEvents) + "?order=" + order +
                                              "&limit=5&offset=" + std::to_string(offset));
            REQUIRE(page.status == 200);
            const auto items = page.Json().at("items").get<std::vector<json>>();
            CHECK(Sequences(items) ==
                  slice(std::string(order) == "asc" ? sequences : reversed, offset, 5));
        }
    }
    const auto filtered =
        Get(reader, std::string(kAuditEvents) + "?action=session.&order=asc&limit=3&offset=2");
    REQUIRE(filtered.status == 200);
    const auto items = filtered.Json().at("items").get<std::vector<json>>();
    CHECK(Sequences(items) == slice(sessions, 2, 3));
}

TEST_CASE("Audit events: a bad parameter is 400 naming it, on the list, count and export, and "
          "changes nothing") {
    Timeline timeline;
    auto& reader = *timeline.reader;
    const auto before = timeline.All();
    struct Bad {
        const char* query;
        const char* code;
        const char* field;
    };
    const Bad cases[] = {
        {"from=yesterday", "invalid_field", "from"},
        {"to=2026-13-01T00:00:00Z", "invalid_field", "to"},
        {"result=maybe", "invalid_field", "result"},
        {"result=failure", "invalid_field", "result"},
        {"order=up", "invalid_field", "order"},
        {"limit=0", "invalid_field", "limit"},
        {"limit=501", "invalid_field", "limit"},
        {"limit=ten", "invalid_field", "limit"},
        {"offset=-1", "invalid_field", "offset"},
        {"offset=x", "invalid_field", "offset"},
        {"cursor=garbage", "invalid_cursor", ""},
    };
    for (const Bad& bad : cases) {
        INFO(bad.query);
        const Answer answer = Get(reader, std::string(kAuditEvents) + "?" + bad.query);
        INFO(answer.body);
        CHECK(answer.status == 400);
        CHECK(answer.Code() == bad.code);
        if (*bad.field != '\0') {
            CHECK(answer.Field() == bad.field);
        }
    }
    // The filters are checked the same way where there is no paging.
    for (const char* path : {"/count", "/export.csv"}) {
        for (const Bad& bad : {cases[0], cases[2]}) {
            INFO(path << "?" << bad.query);
            const Answer answer = Get(reader, std::string(kAuditEvents) + path + "?" + bad.query);
            CHECK(answer.status == 400);
            CHECK(answer.Code() == bad.code);
            CHECK(answer.Field() == bad.field);
        }
    }
    const Answer encoding = Get(reader, std::string(kAuditEvents) + "/export.csv?encoding=latin1");
    CHECK(encoding.status == 400);
    CHECK(encoding.Field() == "encoding");
    // A cursor from one page and an offset together are refused, not half-obeyed.
    const auto page = Get(reader, std::string(kAuditEvents) + "?limit=2").Json();
    REQUIRE(page.at("next_cursor").is_string());
    const Answer both = Get(reader, std::string(kAuditEvents) + "?limit=2&offset=3&cursor=" +
                                        Encoded(page.at("next_cursor").get<std::string>()));
    CHECK(both.status == 400);

    // No event was written (no export ran) and none changed.
    CHECK(timeline.All() == before);
}

TEST_CASE("Audit CSV export: BOM, the exact header, one row per event with +09:00 times, "
          "formula guard, Shift_JIS for Excel, and each export is an audit event") {
    Timeline timeline;
    auto& reader = *timeline.reader;
    const std::string filters = std::string(kJstDay) + "&order=asc";
    const auto events = AllEvents(reader, filters);
    REQUIRE(events.size() >= 10);
    const auto exportsBefore = EventsAbout(reader, "audit.export").size();

    const auto utf8 =
        reader.SendRaw("GET", std::string(kAuditEvents) + "/export.csv?" + filters, "", "");
    REQUIRE(utf8.status == 200);
    CHECK(utf8.contentType == "text/csv; charset=utf-8");
    REQUIRE(utf8.body.rfind(kUtf8Bom, 0) == 0);
    const auto records = CsvRecords(utf8.body);
    REQUIRE(records.size() == events.size() + 1);
    std::string header;
    for (const auto& field : records[0]) {
        header += (header.empty() ? "" : ",") + field;
    }
    CHECK(header == kCsvHeader);

    const auto guarded = [](const std::string& cell) {
        return !cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos
                   ? "'" + cell
                   : cell;
    };
    bool sawFormula = false;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const json& e = events[i];
        const auto& row = records[i + 1];
        INFO(e.dump());
        REQUIRE(row.size() == 13);
        const auto& target = e.at("target");
        const auto targetText = [&](const char* key) {
            return target.is_object() ? Text(target.at(key)) : std::string();
        };
        CHECK(row[0] == std::to_string(e.at("sequence").get<std::int64_t>()));
        CHECK(row[1] == JstIso(Text(e.at("at"))));
        CHECK(row[2] == guarded(Text(e.at("actor").at("login_id"))));
        CHECK(row[3] == guarded(Text(e.at("actor").at("display_name"))));
        CHECK(row[4] == Text(e.at("actor").at("role")));
        CHECK(row[5] == Text(e.at("source_ip")));
        CHECK(row[6] == Text(e.at("action")));
        CHECK(row[7] == targetText("type"));
        CHECK(row[8] == guarded(targetText("id")));
        CHECK(row[9] == guarded(targetText("label")));
        CHECK(row[10] == Text(e.at("result")));
        CHECK(json::parse(row[11], nullptr, false) == e.at("details"));
        CHECK(row[12] == Text(e.at("hash")));
        if (e.at("actor").at("display_name") == "=1+2") {
            CHECK(row[3] == "'=1+2");
            sawFormula = true;
        }
    }
    CHECK(sawFormula);
    CHECK(records[1][1] == "2026-11-28T00:00:00.000+09:00"); // the first instant of the JST day

    // Newest first when asked.
    const auto desc = reader.SendRaw(
        "GET", std::string(kAuditEvents) + "/export.csv?" + kJstDay + "&order=desc", "", "");
    REQUIRE(desc.status == 200);
    const auto descRecords = CsvRecords(desc.body);
    REQUIRE(descRecords.size() == records.size());
    CHECK(descRecords[1] == records.back());

    // Shift_JIS for Excel: the same text, no BOM.
    const auto sjis = reader.SendRaw(
        "GET", std::string(kAuditEvents) + "/export.csv?" + filters + "&encoding=cp932", "", "");
    REQUIRE(sjis.status == 200);
    CHECK(sjis.contentType == "text/csv; charset=Shift_JIS");
    CHECK(sjis.body.rfind(kUtf8Bom, 0) != 0);
    CHECK(FromCp932(sjis.body) == utf8.body.substr(3));
    CHECK(FromCp932(sjis.body).find("二世") != std::string::npos);
    const auto explicitUtf8 = reader.SendRaw(
        "GET", std::string(kAuditEvents) + "/export.csv?" + filters + "&encoding=utf-8", "", "");
    CHECK(explicitUtf8.body == utf8.body);

    // Four exports, four audit.export events by the manager.
    const auto exports = EventsAbout(reader, "audit.export");
    REQUIRE(exports.size() == exportsBefore + 4);
    for (std::size_t i = exportsBefore; i < exports.size(); ++i) {
        CHECK(exports[i].at("actor").at("login_id") == "manager");
        CHECK(exports[i].at("result") == "success");
        CHECK(exports[i].at("target").at("type") == "audit_log");
    }
}
