#pragma once
// The file `resv-server --demo` writes for the simulator (DIR/demo-terminal-tokens.tsv): one line
// per terminal, `terminal_id<TAB>device_token<TAB>kind<TAB>ip_address`. It holds secrets, so no
// error message ever quotes a line of it.

#include "resv/model/Terminal.h"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace resv::tools {

struct TerminalEntry {
    std::string id;
    std::string deviceToken;
    model::TerminalKind kind = model::TerminalKind::Kiosk;
    std::string ipAddress;
    int line = 0; ///< where it came from, for messages
};

/// A tokens file that cannot be used; the message names the file and the line.
class TokenFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Blank lines, lines starting with '#' and a header line starting with "terminal_id" are
/// skipped. Throws TokenFileError for an unreadable file, a malformed line, a duplicate terminal
/// or a file without any terminal.
std::vector<TerminalEntry> ReadTokenFile(const std::filesystem::path& file);

/// The same from text already read; `name` is what messages call it.
std::vector<TerminalEntry> ParseTokenFile(const std::string& text, const std::string& name);

} // namespace resv::tools
