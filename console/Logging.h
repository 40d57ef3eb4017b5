#pragma once
// The console's log: a rotating file in the user's data folder (on Linux
// ~/.resv-console/logs/resv-console.log). wx's own log messages go there too instead
// of popping up. Never log a password or a token.

#include <wx/string.h>

namespace resv::console {

/// Makes the folder (0700) and sends spdlog's default logger and wxLog to the file in it.
/// Falls back to standard error when the folder cannot be written.
void SetUpLogging(const wxString& directory);

/// wxStandardPaths' user data dir + "/logs".
wxString DefaultLogDirectory();

} // namespace resv::console
