#pragma once
// resv-server as a library: the thin main and the tests both run it in-process.

#include "resv/server/Clock.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::server {

/// Every member has a default, so `Server({.dataDir = dir, .port = 0})` compiles without
/// -Wmissing-field-initializers warnings.
struct ServerConfig {
    std::filesystem::path dataDir{};
    std::string host = "127.0.0.1";
    int port = 8443; ///< 0 picks a free port (tests)
    std::optional<std::filesystem::path> tlsCert{};
    std::optional<std::filesystem::path> tlsKey{};
    std::shared_ptr<const Clock> clock{}; ///< null means the system clock
    /// Connections served at once: each holds a worker thread while open, kept-alive idle time
    /// included; the pool grows to this on demand and shrinks when idle. Longer than a KIOSK
    /// terminal's 30 s heartbeat, the keep-alive lets terminals keep their connection (no TLS
    /// handshake per heartbeat). In production a load balancer in front holds the many terminal
    /// connections (DESIGN.md, "HTTP server notes"), and these bound its connections to us.
    int maxConnections = 512;
    std::chrono::seconds keepAliveTimeout{40};
    /// Argon2id hashes at once (64 MiB each).
    int maxConcurrentHashes = 2;
    int databaseConnections = 4;
    /// Where e-mail goes (smtp://host:port or smtps://host:port); empty: mail waits in the
    /// outbox and the notifications component says no mail server is configured.
    std::string smtpUrl{};
    std::string mailFrom{}; ///< the envelope and From address
    /// Refuse to send over a connection that did not become TLS (smtps:// always requires it).
    bool smtpRequireTls = false;
    /// The CA that signed a private mail server's certificate (else the system's CAs). The
    /// certificate and host name are always verified.
    std::optional<std::filesystem::path> smtpCaFile{};
    /// SMTP AUTH; with a user, TLS is required (credentials never go in plain text). The password
    /// comes from the environment (RESV_SMTP_PASSWORD), never the command line, never the log.
    std::string smtpUser{};
    std::string smtpPassword{};
};

/// One route the server serves, with an OpenAPI-style path ("/api/v1/sessions/current").
struct RouteInfo {
    std::string method;
    std::string path;

    auto operator<=>(const RouteInfo&) const = default;
};

class ServerImpl;

class Server {
public:
    explicit Server(ServerConfig config);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Opens the data dir (0700), migrates the database, makes the dev CA and certificate on first
    /// start when no certificate was given, and starts listening on a background thread.
    /// Throws std::runtime_error with a readable reason when it cannot.
    void Start();
    /// Stops listening and waits for the workers. Safe to call twice.
    void Stop();

    int Port() const;
    /// The dev CA that signed the server's certificate (DIR/tls/ca.crt); empty with --tls-cert.
    std::filesystem::path CaFile() const;
    /// Seeds the demo tenants and accounts (idempotent) and returns the text `--demo` prints.
    std::string SeedDemo();

    /// Every route the server answers, once started (a test compares it with api/openapi.yaml).
    std::vector<RouteInfo> Routes() const;

    /// Runs the daily retention jobs now, as of `asOf` (default: the server's clock): the access
    /// log loses entries older than 31 days, the usage history gets signed checkpoints. Returns
    /// what `resv-server run-retention` prints.
    std::string RunRetention(
        std::optional<std::chrono::sys_time<std::chrono::milliseconds>> asOf = std::nullopt);

    /// Sends the mail that is due now, as the mail thread does every few seconds (tests);
    /// returns how many were sent. Nothing without smtpUrl.
    int DeliverMail();

private:
    std::unique_ptr<ServerImpl> m_impl;
};

} // namespace resv::server
