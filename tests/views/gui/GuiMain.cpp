// The GUI tests' own main: Catch2 answers --list* without a display (catch_discover_tests runs
// it so right after the build); everything else starts wx first, with argc 1 so wx does not see
// Catch's options.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <wx/app.h>
#include <wx/image.h>
#include <wx/init.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char* argv[]) {
    Catch::Session session;
    if (const int status = session.applyCommandLine(argc, argv); status != 0) {
        return status;
    }
    const Catch::ConfigData& config = session.configData();
    if (config.listTests || config.listTestNamesOnly || config.listTags || config.listReporters ||
        config.showHelp) {
        return session.run();
    }

    const char* display = std::getenv("DISPLAY");
    if (display == nullptr || *display == '\0') {
        std::cerr << "resv_gui_tests: no display (DISPLAY is not set). The GUI tests need one: "
                     "run them under xvfb-run -a -s \"-screen 0 1280x800x24\" (scripts/test does)."
                  << std::endl;
        return 2;
    }

    wxApp::SetInstance(new wxApp); // wx owns the application object
    int wxArgc = 1;
    char* wxArgv[] = {argv[0], nullptr};
    if (!wxEntryStart(wxArgc, wxArgv) || !wxTheApp->CallOnInit()) {
        std::cerr << "resv_gui_tests: wxWidgets could not start on display " << display
                  << std::endl;
        return 2;
    }
    wxInitAllImageHandlers();

    const int result = session.run();

    wxTheApp->OnExit();
    wxEntryCleanup();
    return result;
}
