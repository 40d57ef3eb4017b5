#pragma once
// CSV as Japanese Excel reads and writes it: RFC 4180 fields (quotes, doubled quotes, line breaks
// inside quotes), CRLF or LF, UTF-8 with or without a BOM. Writing guards against formula
// injection: a cell that starts with = + - @ (or a tab or CR) is written with a leading '.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace resv::server::util {

struct CsvRecord {
    int line = 0; ///< the line the record starts on, from 1
    std::vector<std::string> fields;
};

class CsvError : public std::runtime_error {
public:
    CsvError(int line, const std::string& what)
        : std::runtime_error(what)
        , m_line(line) {}
    int Line() const { return m_line; }

private:
    int m_line;
};

/// Every record of `text`. Blank lines are skipped. Throws CsvError for text that is not UTF-8,
/// an unterminated quote, or a quote in the middle of an unquoted field.
std::vector<CsvRecord> ParseCsv(std::string_view text);

inline constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// One field as written: formula-guarded, quoted when it holds a comma, quote or line break.
std::string CsvField(std::string_view field);

/// Builds a CSV file row by row: UTF-8 with a BOM (so Excel opens it as UTF-8), CRLF line ends.
class CsvWriter {
public:
    CsvWriter();
    void Row(const std::vector<std::string>& fields);
    const std::string& Text() const { return m_text; }

private:
    std::string m_text;
};

} // namespace resv::server::util
