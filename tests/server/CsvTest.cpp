// CSV as the accounts import reads it and the exports write it.
#include "util/Csv.h"

#include <catch2/catch.hpp>

using resv::server::util::CsvError;
using resv::server::util::CsvWriter;
using resv::server::util::ParseCsv;

TEST_CASE("CSV fields: quotes, doubled quotes, commas and line breaks inside quotes") {
    const auto records = ParseCsv("\xEF\xBB\xBFlogin_id,display_name\r\n"
                                  "hana,\"Yamada, Hana\"\r\n"
                                  "\r\n"
                                  "taro,\"say \"\"hi\"\"\nnext line\"\n"
                                  "last,\xE5\xB1\xB1\xE7\x94\xB0");
    REQUIRE(records.size() == 4);
    CHECK(records[0].fields == std::vector<std::string>{"login_id", "display_name"});
    CHECK(records[1].line == 2);
    CHECK(records[1].fields[1] == "Yamada, Hana");
    CHECK(records[2].line == 4);
    CHECK(records[2].fields[1] == "say \"hi\"\nnext line");
    CHECK(records[3].line == 6);
    CHECK(records[3].fields[1] == "\xE5\xB1\xB1\xE7\x94\xB0");
}

TEST_CASE("CSV that cannot be read says where") {
    CHECK_THROWS_AS(ParseCsv("a,\"open\nb"), CsvError);
    try {
        ParseCsv("a,b\nc,d\"e\n");
        FAIL("accepted a quote inside a field");
    } catch (const CsvError& e) {
        CHECK(e.Line() == 2);
    }
    CHECK_THROWS_AS(ParseCsv("\x82\xA0,b\n"), CsvError); // Shift_JIS, not UTF-8
}

TEST_CASE("Written CSV opens in Excel as UTF-8 and never as a formula") {
    CsvWriter writer;
    writer.Row({"login_id", "display_name"});
    writer.Row({"hana", "=HYPERLINK(\"x\")"});
    writer.Row({"taro", "a,b"});
    CHECK(writer.Text() == "\xEF\xBB\xBFlogin_id,display_name\r\n"
                           "hana,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
                           "taro,\"a,b\"\r\n");
    const auto back = ParseCsv(writer.Text());
    REQUIRE(back.size() == 3);
    CHECK(back[2].fields[1] == "a,b");
}
