#include "console/App.h"

#include <wx/cmdline.h>

#include <cstring>
#include <iostream>

wxIMPLEMENT_APP_NO_MAIN(resv::console::App);

int main(int argc, char* argv[]) {
    // wx needs a display before it parses the command line; --help should not.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            wxCmdLineParser parser(argc, argv);
            resv::console::App::DescribeCommandLine(parser);
            std::cout << parser.GetUsageString().utf8_str().data();
            return 0;
        }
    }
    return wxEntry(argc, argv);
}
