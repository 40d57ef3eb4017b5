#pragma once
// nginx from Debian as the baseline: started by the bench on a free loopback port with a config
// of its own in a temp dir, serving one fixed body at one path over the same certificate and TLS
// policy as resv-server, with keep-alive; stopped when the object goes.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace resv::tools {

struct NginxSite {
    std::filesystem::path workDir; ///< config, pid and error log go here
    std::filesystem::path certificate;
    std::filesystem::path privateKey;
    std::string path;        ///< e.g. /api/v1/terminal/heartbeat
    std::string body;        ///< answered to every method at `path`
    std::string contentType; ///< e.g. application/json
    int workerProcesses = 2;
    int keepAliveSeconds = 5;
    int keepAliveRequests = 1000;
};

class NginxBaseline {
public:
    /// /usr/sbin/nginx or nginx on PATH; nothing when it is not installed.
    static std::optional<std::filesystem::path> FindBinary();

    /// Writes the config, starts nginx and waits until it accepts connections. Throws
    /// std::runtime_error with nginx's own error log when it cannot.
    NginxBaseline(const std::filesystem::path& binary, NginxSite site);
    ~NginxBaseline();
    NginxBaseline(const NginxBaseline&) = delete;
    NginxBaseline& operator=(const NginxBaseline&) = delete;

    int Port() const { return m_port; }
    /// Stops nginx (graceful, then forced) and waits for it. Safe to call twice.
    void Stop();

private:
    std::string ErrorLogTail() const;

    NginxSite m_site;
    int m_port = 0;
    pid_t m_pid = -1;
};

/// A port on 127.0.0.1 that was free a moment ago.
int FreeLoopbackPort();

} // namespace resv::tools
