#include "TokenFile.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace resv::tools {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const auto tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab - start));
        if (tab == std::string::npos) {
            return fields;
        }
        start = tab + 1;
    }
}

bool IsTokenText(const std::string& token) {
    if (token.empty()) {
        return false;
    }
    for (const unsigned char c : token) {
        if (c <= ' ' || c >= 0x7f) {
            return false;
        }
    }
    return true;
}

} // namespace

std::vector<TerminalEntry> ParseTokenFile(const std::string& text, const std::string& name) {
    std::vector<TerminalEntry> entries;
    std::set<std::string> seen;
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line.front() == '#' || line.starts_with("terminal_id\t")) {
            continue;
        }
        const auto where = fmt::format("{} line {}", name, number);
        const auto fields = SplitTabs(line);
        if (fields.size() != 4) {
            throw TokenFileError(
                fmt::format("{}: expected 4 tab-separated fields (terminal_id, device_token, kind, "
                            "ip_address), found {}",
                            where, fields.size()));
        }
        TerminalEntry entry;
        entry.line = number;
        entry.id = fields[0];
        if (entry.id.empty()) {
            throw TokenFileError(fmt::format("{}: the terminal id is empty", where));
        }
        if (!IsTokenText(fields[1])) {
            throw TokenFileError(fmt::format("{}: the device token is empty or holds spaces or "
                                             "control characters",
                                             where));
        }
        entry.deviceToken = fields[1];
        const auto kind = model::TerminalKindFromString(fields[2]);
        if (!kind) {
            throw TokenFileError(
                fmt::format("{}: kind must be kiosk or agent_pc, not \"{}\"", where, fields[2]));
        }
        entry.kind = *kind;
        if (!model::IsValidIpAddress(fields[3])) {
            throw TokenFileError(
                fmt::format("{}: \"{}\" is not an IPv4 or IPv6 address", where, fields[3]));
        }
        entry.ipAddress = fields[3];
        if (!seen.insert(entry.id).second) {
            throw TokenFileError(fmt::format("{}: terminal {} is listed twice", where, entry.id));
        }
        entries.push_back(std::move(entry));
    }
    if (entries.empty()) {
        throw TokenFileError(fmt::format("{} lists no terminals", name));
    }
    return entries;
}

std::vector<TerminalEntry> ReadTokenFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw TokenFileError(
            fmt::format("cannot read the tokens file {}: {}", file.string(), std::strerror(errno)));
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw TokenFileError(fmt::format("cannot read the tokens file {}", file.string()));
    }
    return ParseTokenFile(text.str(), file.string());
}

} // namespace resv::tools
