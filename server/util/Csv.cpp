#include "util/Csv.h"

#include "resv/model/Facility.h"

#include <fmt/format.h>

namespace resv::server::util {
namespace {

bool IsBlank(const CsvRecord& record) {
    return record.fields.size() == 1 && record.fields.front().empty();
}

} // namespace

std::string CsvField(std::string_view field) {
    std::string value(field);
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
                           value[0] == '@' || value[0] == '\t' || value[0] == '\r')) {
        value.insert(value.begin(), '\'');
    }
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        return value;
    }
    std::string quoted = "\"";
    for (const char c : value) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    quoted += '"';
    return quoted;
}

std::vector<CsvRecord> ParseCsv(std::string_view text) {
    if (text.substr(0, kBom.size()) == kBom) {
        text.remove_prefix(kBom.size());
    }
    if (!model::IsValidUtf8(text)) {
        throw CsvError(0, "the file is not UTF-8 text");
    }
    std::vector<CsvRecord> records;
    CsvRecord record{1, {std::string()}};
    int line = 1;
    bool quoted = false;    // inside a quoted field
    bool wasQuoted = false; // the current field was quoted and its quote closed
    const auto endRecord = [&] {
        if (!IsBlank(record)) {
            records.push_back(std::move(record));
        }
        record = CsvRecord{line, {std::string()}};
        wasQuoted = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                record.fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
                wasQuoted = true;
            } else {
                line += c == '\n' ? 1 : 0;
                record.fields.back() += c;
            }
        } else if (c == ',') {
            record.fields.emplace_back();
            wasQuoted = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            ++line;
            endRecord();
        } else if (c == '"' && record.fields.back().empty() && !wasQuoted) {
            quoted = true;
        } else if (wasQuoted || c == '"') {
            throw CsvError(line, fmt::format("line {}: a quote in the middle of a field", line));
        } else {
            record.fields.back() += c;
        }
    }
    if (quoted) {
        throw CsvError(record.line,
                       fmt::format("line {}: a quoted field is not closed", record.line));
    }
    endRecord();
    return records;
}

CsvWriter::CsvWriter()
    : m_text(kBom) {}

void CsvWriter::Row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            m_text += ',';
        }
        m_text += CsvField(fields[i]);
    }
    m_text += "\r\n";
}

} // namespace resv::server::util
