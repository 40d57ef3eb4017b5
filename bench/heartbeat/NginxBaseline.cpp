#include "NginxBaseline.h"

#include <fmt/format.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace resv::tools {
namespace {

using namespace std::chrono_literals;

// The same policy as resv-server's (server/tls/TlsContext.h).
constexpr const char* kTls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                                      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:"
                                      "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char* kTls13Ciphersuites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

class Socket {
public:
    Socket()
        : m_fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {}
    ~Socket() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int Fd() const { return m_fd; }

private:
    int m_fd;
};

sockaddr_in Loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

bool Accepts(int port) {
    const Socket socket;
    const auto address = Loopback(port);
    return socket.Fd() >= 0 &&
           ::connect(socket.Fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

/// nginx's `return 200 '...'` takes a quoted string with variables: refuse what would be read as
/// something else rather than escape it.
std::string QuotedBody(const std::string& body) {
    if (body.find_first_of("'\\$\r\n") != std::string::npos) {
        throw std::runtime_error("the baseline body holds a character the nginx config cannot "
                                 "carry verbatim");
    }
    return "'" + body + "'";
}

std::string Config(const NginxSite& site, int port) {
    const auto dir = site.workDir.string();
    return fmt::format(
        R"(# Written by resv-bench-heartbeat; nginx runs from here only while the bench runs.
daemon off;
master_process on;
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    keepalive_timeout {keepAlive}s;
    keepalive_requests {keepAliveRequests};
    tcp_nodelay on;
    server_tokens off;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers {ciphers};
        ssl_conf_command Ciphersuites {suites};
        ssl_ecdh_curve X25519:prime256v1:secp384r1;
        ssl_prefer_server_ciphers on;
        location = {path} {{
            default_type "{contentType}";
            add_header Cache-Control "no-store" always;
            add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
            return 200 {body};
        }}
        location / {{ return 404; }}
    }}
}}
)",
        fmt::arg("workers", site.workerProcesses), fmt::arg("dir", dir),
        fmt::arg("keepAlive", site.keepAliveSeconds),
        fmt::arg("keepAliveRequests", site.keepAliveRequests), fmt::arg("port", port),
        fmt::arg("certificate", site.certificate.string()),
        fmt::arg("key", site.privateKey.string()), fmt::arg("ciphers", kTls12Ciphers),
        fmt::arg("suites", kTls13Ciphersuites), fmt::arg("path", site.path),
        fmt::arg("contentType", site.contentType), fmt::arg("body", QuotedBody(site.body)));
}

} // namespace

int FreeLoopbackPort() {
    const Socket socket;
    auto address = Loopback(0);
    socklen_t length = sizeof address;
    if (socket.Fd() < 0 ||
        ::bind(socket.Fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(socket.Fd(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("cannot find a free port on 127.0.0.1");
    }
    return ntohs(address.sin_port);
}

std::optional<std::filesystem::path> NginxBaseline::FindBinary() {
    std::vector<std::filesystem::path> candidates{"/usr/sbin/nginx"};
    if (const char* path = std::getenv("PATH")) {
        std::istringstream dirs(path);
        std::string dir;
        while (std::getline(dirs, dir, ':')) {
            if (!dir.empty()) {
                candidates.push_back(std::filesystem::path(dir) / "nginx");
            }
        }
    }
    for (const auto& candidate : candidates) {
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    return std::nullopt;
}

NginxBaseline::NginxBaseline(const std::filesystem::path& binary, NginxSite site)
    : m_site(std::move(site))
    , m_port(FreeLoopbackPort()) {
    std::filesystem::create_directories(m_site.workDir);
    const auto configFile = m_site.workDir / "nginx.conf";
    {
        std::ofstream out(configFile);
        out << Config(m_site, m_port);
        if (!out) {
            throw std::runtime_error("cannot write " + configFile.string());
        }
    }
    const std::string program = binary.string();
    const std::string prefix = m_site.workDir.string() + "/";
    const std::string errorLog = (m_site.workDir / "error.log").string();
    const std::string config = configFile.string();
    // -e: nginx opens its default error log before reading the config; point it here too.
    std::vector<std::string> arguments{program, "-p", prefix, "-e", errorLog, "-c", config};
    std::vector<char*> argv;
    for (auto& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    if (const int error =
            ::posix_spawn(&m_pid, program.c_str(), nullptr, nullptr, argv.data(), environ);
        error != 0) {
        m_pid = -1;
        throw std::runtime_error(fmt::format("cannot start {}: {}", program, std::strerror(error)));
    }
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!Accepts(m_port)) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            throw std::runtime_error(
                fmt::format("nginx stopped during start-up; its error log:\n{}", ErrorLogTail()));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            Stop();
            throw std::runtime_error(
                fmt::format("nginx did not listen on 127.0.0.1:{} within 10 s; its error log:\n{}",
                            m_port, ErrorLogTail()));
        }
        std::this_thread::sleep_for(20ms);
    }
}

NginxBaseline::~NginxBaseline() {
    Stop();
}

void NginxBaseline::Stop() {
    if (m_pid <= 0) {
        return;
    }
    // SIGQUIT: graceful shutdown of the master and its workers.
    ::kill(m_pid, SIGQUIT);
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    int status = 0;
    while (::waitpid(m_pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(20ms);
    }
    m_pid = -1;
}

std::string NginxBaseline::ErrorLogTail() const {
    std::ifstream in(m_site.workDir / "error.log");
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        lines.push_back(line);
    }
    std::string tail;
    for (std::size_t i = lines.size() > 20 ? lines.size() - 20 : 0; i < lines.size(); ++i) {
        tail += "  " + lines[i] + "\n";
    }
    return tail.empty() ? "  (empty)\n" : tail;
}

} // namespace resv::tools
