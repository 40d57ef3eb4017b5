#include "console/Logging.h"

#include "views/common/Text.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <wx/app.h>
#include <wx/filename.h>
#include <wx/log.h>
#include <wx/stdpaths.h>
#include <wx/utils.h>

#include <memory>

namespace resv::console {
namespace {

constexpr std::size_t kMaxFileBytes = 2 * 1024 * 1024;
constexpr std::size_t kMaxFiles = 5;

/// wxLog messages (wx's own warnings, failed system calls) into the same file.
class SpdlogTarget final : public wxLog {
protected:
    void DoLogTextAtLevel(wxLogLevel level, const wxString& text) override {
        const std::string message = views::ToUtf8(text);
        switch (level) {
        case wxLOG_FatalError:
        case wxLOG_Error:
            spdlog::error("wx: {}", message);
            break;
        case wxLOG_Warning:
            spdlog::warn("wx: {}", message);
            break;
        case wxLOG_Debug:
        case wxLOG_Trace:
            spdlog::debug("wx: {}", message);
            break;
        default:
            spdlog::info("wx: {}", message);
            break;
        }
    }
};

} // namespace

wxString DefaultLogDirectory() {
#if defined(__UNIX__) && !defined(__WXMAC__)
    // wx 3.2's GetUserDataDir() stays ~/.appname even with the XDG layout; follow XDG ourselves.
    wxString dataHome;
    if (!wxGetEnv(wxS("XDG_DATA_HOME"), &dataHome) || dataHome.empty()) {
        dataHome = wxFileName::GetHomeDir() + wxS("/.local/share");
    }
    return dataHome + wxS("/") + wxTheApp->GetAppName() + wxS("/logs");
#else
    return wxStandardPaths::Get().GetUserDataDir() + wxFILE_SEP_PATH + wxS("logs");
#endif
}

void SetUpLogging(const wxString& directory) {
    std::shared_ptr<spdlog::logger> logger;
    if (wxFileName::Mkdir(directory, 0700, wxPATH_MKDIR_FULL)) {
        const wxString file = directory + wxFILE_SEP_PATH + wxS("resv-console.log");
        try {
            logger = spdlog::rotating_logger_mt("resv-console", views::ToUtf8(file), kMaxFileBytes,
                                                kMaxFiles);
        } catch (const spdlog::spdlog_ex&) {
            logger.reset();
        }
    }
    if (!logger) {
        logger = spdlog::stderr_color_mt("resv-console");
        logger->warn("cannot write the log folder {}; logging to standard error",
                     views::ToUtf8(directory));
    }
    // Local time with its offset, so a support engineer in any zone reads it right.
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %z [%l] %v");
    logger->flush_on(spdlog::level::info); // few lines, and none lost if the console is killed
    spdlog::set_default_logger(logger);
    // wx owns the active target and deletes it at exit; the one it replaces is ours to delete.
    std::unique_ptr<wxLog> previous(wxLog::SetActiveTarget(new SpdlogTarget));
    spdlog::info("resv-console {} started", RESV_VERSION);
}

} // namespace resv::console
