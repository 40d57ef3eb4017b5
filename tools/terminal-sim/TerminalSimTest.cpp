// resv-terminal-sim's command line, tokens file and start-up check, without a server.

#include "SimOptions.h"
#include "Simulator.h"
#include "TokenFile.h"

#include <catch2/catch.hpp>

using namespace resv;

TEST_CASE("A server that does not answer is named with the reason", "[terminal_sim]") {
    client::ClientOptions options;
    // Port 1 on loopback: nothing listens there.
    options.baseUrl = "https://127.0.0.1:1";
    const auto problem = tools::CheckServer(options);
    REQUIRE(problem);
    CHECK_THAT(*problem, Catch::StartsWith("cannot reach the server at https://127.0.0.1:1"));
}

TEST_CASE("The tokens file is read strictly and errors name the line, never the token",
          "[terminal_sim]") {
    const auto entries = tools::ParseTokenFile("terminal_id\tdevice_token\tkind\tip_address\n"
                                               "# comment\n"
                                               "t1\tsecret-1\tkiosk\t192.0.2.1\n"
                                               "\n"
                                               "t2\tsecret-2\tagent_pc\t2001:db8::2\r\n",
                                               "tokens.tsv");
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].id == "t1");
    CHECK(entries[0].kind == model::TerminalKind::Kiosk);
    CHECK(entries[1].kind == model::TerminalKind::AgentPc);
    CHECK(entries[1].ipAddress == "2001:db8::2");
    CHECK(entries[1].line == 5);

    using tools::TokenFileError;
    CHECK_THROWS_WITH(tools::ParseTokenFile("t1\tsecret-1\tkiosk\n", "f"),
                      "f line 1: expected 4 tab-separated fields (terminal_id, device_token, kind, "
                      "ip_address), found 3");
    CHECK_THROWS_WITH(tools::ParseTokenFile("t1\tsecret-1\ttablet\t192.0.2.1\n", "f"),
                      "f line 1: kind must be kiosk or agent_pc, not \"tablet\"");
    CHECK_THROWS_WITH(tools::ParseTokenFile("t1\tsecret-1\tkiosk\t192.0.2.300\n", "f"),
                      "f line 1: \"192.0.2.300\" is not an IPv4 or IPv6 address");
    CHECK_THROWS_WITH(tools::ParseTokenFile(
                          "t1\tsecret-1\tkiosk\t192.0.2.1\nt1\tsecret-2\tkiosk\t192.0.2.1\n", "f"),
                      "f line 2: terminal t1 is listed twice");
    CHECK_THROWS_WITH(tools::ParseTokenFile("# nothing\n", "f"), "f lists no terminals");
    CHECK_THROWS_WITH(tools::ReadTokenFile("/nonexistent/tokens.tsv"),
                      Catch::StartsWith("cannot read the tokens file /nonexistent/tokens.tsv"));
}

TEST_CASE("The command line needs server, CA and tokens and checks its numbers", "[terminal_sim]") {
    const auto ok = tools::ParseSimArguments({"--server", "https://127.0.0.1:8443", "--ca-file",
                                              "ca.crt", "--tokens", "t.tsv", "--count", "5",
                                              "--interval", "2.5", "--once"});
    REQUIRE(ok.options);
    CHECK(ok.options->count == 5);
    CHECK(ok.options->interval == std::chrono::milliseconds(2500));
    CHECK(ok.options->once);

    const auto missing = tools::ParseSimArguments({"--server", "https://127.0.0.1:8443"});
    CHECK_FALSE(missing.options);
    CHECK(missing.exitCode == 2);
    CHECK_THAT(missing.message, Catch::Contains("--ca-file is required"));

    const auto plain = tools::ParseSimArguments(
        {"--server", "http://127.0.0.1:8443", "--ca-file", "c", "--tokens", "t"});
    CHECK_THAT(plain.message, Catch::Contains("--server must be an https:// address"));

    const auto badCount = tools::ParseSimArguments(
        {"--server", "https://h", "--ca-file", "c", "--tokens", "t", "--count", "0"});
    CHECK_THAT(badCount.message, Catch::Contains("--count must be a whole number"));

    const auto badInterval = tools::ParseSimArguments(
        {"--server", "https://h", "--ca-file", "c", "--tokens", "t", "--interval", "fast"});
    CHECK_THAT(badInterval.message, Catch::Contains("--interval must be a number of seconds"));

    const auto help = tools::ParseSimArguments({"--help"});
    CHECK(help.exitCode == 0);
    CHECK_THAT(help.message, Catch::StartsWith("Usage: resv-terminal-sim"));
}
