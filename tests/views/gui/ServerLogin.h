#pragma once
// Logging in to the GUI tests' shared resv-server (TestServer): through the console's own login
// dialog, or with a client of its own that stands for another PC or checks what the server holds.

#include "resv/client/ApiClient.h"

#include <memory>
#include <string>

namespace resv::console {
class MainFrame;
class Shell;
} // namespace resv::console

namespace resv::views::gui_test {

inline constexpr const char* kManagerPassword = "Kanri-Demo#2026";

/// The options of a client of the shared server (its URL, its dev CA).
client::ClientOptions ServerClientOptions();

/// A client logged in to tenant demo as `loginId`.
std::unique_ptr<client::ApiClient> LoggedInClient(const std::string& loginId,
                                                  const std::string& password);

/// Types tenant demo, `loginId` and `password` into the shell's login dialog and submits.
void SubmitLogin(console::Shell& shell, const std::string& loginId, const std::string& password);

/// The demo manager logged in through the dialog: the main window, once shown.
console::MainFrame* LogInAsManager(console::Shell& shell);

} // namespace resv::views::gui_test
