#include "console/App.h"

#include "console/Languages.h"
#include "console/Logging.h"
#include "views/common/Text.h"

#include <spdlog/spdlog.h>

#include <wx/cmdline.h>
#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/msgdlg.h>
#include <wx/stdpaths.h>
#include <wx/uilocale.h>

namespace resv::console {

App::App() = default;
App::~App() = default;

void App::OnInitCmdLine(wxCmdLineParser& parser) {
    DescribeCommandLine(parser);
}

void App::DescribeCommandLine(wxCmdLineParser& parser) {
    // Parsed before a language is chosen, so --help is in English.
    static const wxCmdLineEntryDesc kOptions[] = {
        {wxCMD_LINE_SWITCH, "h", "help", "show this help", wxCMD_LINE_VAL_NONE,
         wxCMD_LINE_OPTION_HELP},
        {wxCMD_LINE_OPTION, nullptr, "server", "the server's URL, e.g. https://127.0.0.1:8443",
         wxCMD_LINE_VAL_STRING, 0},
        {wxCMD_LINE_OPTION, nullptr, "ca-file",
         "a PEM file of the CA that signed the server's certificate (the demo's dev CA)",
         wxCMD_LINE_VAL_STRING, 0},
        {wxCMD_LINE_OPTION, nullptr, "lang", "the language, ja or en (remembered)",
         wxCMD_LINE_VAL_STRING, 0},
        wxCMD_LINE_DESC_END,
    };
    parser.SetDesc(kOptions);
    parser.SetSwitchChars(wxS("-"));
}

bool App::OnCmdLineParsed(wxCmdLineParser& parser) {
    wxString value;
    if (parser.Found(wxS("server"), &value)) {
        m_options.serverUrl = views::ToUtf8(value);
    }
    if (parser.Found(wxS("ca-file"), &value)) {
        m_options.caFile = views::ToUtf8(wxFileName(value).GetAbsolutePath());
    }
    if (parser.Found(wxS("lang"), &value)) {
        if (value != wxS("ja") && value != wxS("en")) {
            parser.Usage();
            return false;
        }
        m_language = views::ToUtf8(value);
    }
    return true;
}

bool App::OnInit() {
    SetAppName(wxS("resv-console"));
    SetAppDisplayName(wxS("RESV Customer Mgr"));
    if (!wxApp::OnInit()) { // parses the command line
        return false;
    }
    // ~/.config/resv-console and ~/.local/share/resv-console on Linux, as users there expect;
    // Windows and macOS keep their own conventions.
    wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);
    SetUpLogging(DefaultLogDirectory());
    wxUILocale::UseDefault();

    m_config = std::make_unique<wxFileConfig>(GetAppName(), wxString(), wxString(), wxString(),
                                              wxCONFIG_USE_LOCAL_FILE | wxCONFIG_USE_SUBDIR);
    m_settings = std::make_unique<ConfigSettings>(*m_config);

    const std::string language = ChooseLanguage();
    UseLanguage(language, DefaultCatalogDirs());
    spdlog::info("language {}, server '{}', CA file '{}'", language, m_options.serverUrl,
                 m_options.caFile.value_or(""));

    if (m_options.caFile && !wxFileName::FileExists(views::FromUtf8(*m_options.caFile))) {
        wxMessageBox(wxString::Format(_("The CA certificate file %s does not exist."),
                                      views::FromUtf8(*m_options.caFile)),
                     _("RESV Customer Mgr"), wxOK | wxICON_ERROR);
        return false;
    }

    m_shell = std::make_unique<Shell>(m_options, *m_settings);
    m_shell->ShowLogin();
    return true;
}

std::string App::ChooseLanguage() {
    if (!m_language.empty()) {
        m_settings->SetLanguage(m_language);
        return m_language;
    }
    const std::string remembered = m_settings->Language();
    return remembered.empty() ? SystemLanguage() : remembered;
}

int App::OnExit() {
    m_shell.reset(); // logs out a session still open, stops the worker
    m_settings.reset();
    m_config.reset();
    spdlog::info("resv-console ended");
    spdlog::default_logger()->flush(); // the logger stays: wx may still log while it cleans up
    return wxApp::OnExit();
}

} // namespace resv::console
