// --demo seeds the demo tenant's facilities and terminals once, with a week of calls, and writes
// fresh device tokens to DIR/demo-terminal-tokens.tsv (0600) on every start.

#include "support/SqliteFile.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace resv;
using namespace resv::test;

namespace {

struct TokenLine {
    std::string terminalId;
    std::string token;
    std::string kind;
    std::string ip;
};

std::vector<TokenLine> ReadTokens(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<TokenLine> lines;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        TokenLine parsed;
        std::getline(fields, parsed.terminalId, '\t');
        std::getline(fields, parsed.token, '\t');
        std::getline(fields, parsed.kind, '\t');
        std::getline(fields, parsed.ip, '\t');
        lines.push_back(parsed);
    }
    return lines;
}

} // namespace

TEST_CASE("The demo has 3 jurisdictions, 12 facilities, about 40 terminals and a week of calls") {
    TestServer server; // seeds the demo
    auto manager = LoggedIn(server, kManager);
    const auto jurisdictions = manager->ListJurisdictions();
    REQUIRE(jurisdictions.size() == 3);
    CHECK(std::any_of(jurisdictions.begin(), jurisdictions.end(),
                      [](const auto& j) { return j.name == "東京管轄"; }));
    const auto facilities = manager->ListFacilities();
    CHECK(facilities.size() == 12);
    CHECK(std::any_of(facilities.begin(), facilities.end(), [](const auto& f) {
        return f.name == "デモホテル 新宿" && f.address.rfind("東京都新宿区", 0) == 0;
    }));
    const auto terminals = manager->ListTerminals();
    CHECK(terminals.size() >= 36);
    CHECK(terminals.size() <= 44);

    const auto calls = QueryRows(server.DataDir() / "resv.db",
                                 "SELECT MIN(at) AS first, COUNT(*) AS n FROM audit_events "
                                 "WHERE action = 'terminal.call'");
    CHECK(calls[0].at("n").get<int>() >= 7 * 12);
    const auto weekAgo = std::chrono::duration_cast<std::chrono::milliseconds>(
        (TestEpoch() - std::chrono::hours(24 * 6)).time_since_epoch());
    CHECK(calls[0].at("first").get<std::int64_t>() < weekAgo.count());
    // The other tenant got none of it.
    CHECK(LoggedIn(server, kOtherManager)->ListTerminals().empty());
}

TEST_CASE("The demo tokens file is private, works, and every seeding rotates its tokens") {
    TestServer server;
    const auto file = server.DataDir() / "demo-terminal-tokens.tsv";
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const auto first = ReadTokens(file);
    auto manager = LoggedIn(server, kManager);
    REQUIRE(first.size() == manager->ListTerminals().size());
    const auto& line = first.front();
    CHECK((line.kind == "kiosk" || line.kind == "agent_pc"));
    CHECK(manager->GetTerminal(line.terminalId).ipAddress == line.ip);
    auto device = Device(server, line.token);
    CHECK(Heartbeat(*device, line.ip) == 1);

    server.Server().SeedDemo(); // as a second --demo start would
    const auto second = ReadTokens(file);
    REQUIRE(second.size() == first.size());
    CHECK(second.front().terminalId == line.terminalId);
    CHECK(second.front().token != line.token);
    CHECK(ApiErrorOf([&] { Heartbeat(*device); }).Code() == "unauthenticated");
    CHECK(Heartbeat(*Device(server, second.front().token)) == 1);
    // Nothing was added twice.
    CHECK(manager->ListFacilities().size() == 12);
}
