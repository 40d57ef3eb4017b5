#pragma once
// resv-console [--server URL] [--ca-file FILE] [--lang ja|en]

#include "console/Settings.h"
#include "console/Shell.h"

#include <wx/app.h>

#include <memory>
#include <string>

class wxConfigBase;

namespace resv::console {

class App final : public wxApp {
public:
    App();
    ~App() override;

    bool OnInit() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    /// The options, for the parser of OnInitCmdLine and for --help answered without a display.
    static void DescribeCommandLine(wxCmdLineParser& parser);
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

private:
    std::string ChooseLanguage();

    ShellOptions m_options;
    std::string m_language; ///< --lang
    std::unique_ptr<wxConfigBase> m_config;
    std::unique_ptr<ConfigSettings> m_settings;
    std::unique_ptr<Shell> m_shell;
};

} // namespace resv::console
