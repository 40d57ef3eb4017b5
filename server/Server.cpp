#include "resv/server/Server.h"

#include "admin/AdminService.h"
#include "admin/DemoSeed.h"
#include "audit/AuditLog.h"
#include "auth/AuthService.h"
#include "auth/PasswordHasher.h"
#include "http/HttpServer.h"
#include "http/Router.h"
#include "routes/ApiRoutes.h"
#include "storage/Database.h"
#include "tls/DevCertificates.h"
#include "util/Files.h"

#include <spdlog/spdlog.h>

#include <mutex>
#include <stdexcept>

namespace resv::server {

class ServerImpl {
public:
    explicit ServerImpl(ServerConfig config)
        : m_config(std::move(config))
        , m_clock(m_config.clock ? m_config.clock : std::make_shared<SystemClock>()) {}

    void Start();
    void Stop();
    int Port() const { return m_http ? m_http->Port() : 0; }
    std::filesystem::path CaFile() const { return m_caFile; }
    std::string SeedDemo();
    std::vector<RouteInfo> Routes() const;

private:
    void OpenStorage();
    http::HttpServerOptions TransportOptions();

    ServerConfig m_config;
    std::shared_ptr<const Clock> m_clock;
    std::mutex m_mutex;
    std::unique_ptr<storage::Database> m_database;
    std::unique_ptr<auth::PasswordHasher> m_hasher;
    std::unique_ptr<audit::AuditLog> m_audit;
    std::unique_ptr<auth::AuthService> m_auth;
    std::unique_ptr<admin::AdminService> m_admin;
    http::Router m_router;
    std::unique_ptr<http::HttpServer> m_http;
    std::filesystem::path m_caFile;
};

void ServerImpl::OpenStorage() {
    if (m_database) {
        return;
    }
    if (m_config.dataDir.empty()) {
        throw std::runtime_error("no data directory given");
    }
    util::EnsurePrivateDirectory(m_config.dataDir);
    m_database = std::make_unique<storage::Database>(m_config.dataDir / "resv.db",
                                                     m_config.databaseConnections);
    m_hasher = std::make_unique<auth::PasswordHasher>(m_config.maxConcurrentHashes);
    m_audit = std::make_unique<audit::AuditLog>(m_clock);
    m_auth = std::make_unique<auth::AuthService>(*m_database, *m_hasher, *m_audit, m_clock);
    m_admin = std::make_unique<admin::AdminService>(*m_database, *m_hasher, *m_audit, m_clock);
    routes::AddApiRoutes(m_router, {*m_auth, m_clock});
}

http::HttpServerOptions ServerImpl::TransportOptions() {
    if (m_config.tlsCert.has_value() != m_config.tlsKey.has_value()) {
        throw std::runtime_error("--tls-cert and --tls-key go together");
    }
    http::HttpServerOptions options;
    options.host = m_config.host;
    options.port = m_config.port;
    options.workerThreads = m_config.workerThreads;
    options.keepAliveTimeout = m_config.keepAliveTimeout;
    if (m_config.tlsCert) {
        options.certificateChain = *m_config.tlsCert;
        options.privateKey = *m_config.tlsKey;
        m_caFile.clear();
    } else {
        const auto files = tls::EnsureDevCertificates(m_config.dataDir / "tls");
        options.certificateChain = files.serverCertificate;
        options.privateKey = files.serverKey;
        m_caFile = files.caCertificate;
    }
    return options;
}

void ServerImpl::Start() {
    std::lock_guard lock(m_mutex);
    if (m_http) {
        return;
    }
    OpenStorage();
    auto transport = std::make_unique<http::HttpServer>(TransportOptions(), m_router);
    transport->Start();
    m_http = std::move(transport);
    spdlog::info("serving {} routes on https://{}:{}", m_router.Routes().size(), m_config.host,
                 m_http->Port());
}

void ServerImpl::Stop() {
    std::lock_guard lock(m_mutex);
    if (m_http) {
        m_http->Stop();
        m_http.reset();
    }
}

std::string ServerImpl::SeedDemo() {
    {
        std::lock_guard lock(m_mutex);
        OpenStorage();
    }
    return admin::SeedDemo(*m_admin);
}

std::vector<RouteInfo> ServerImpl::Routes() const {
    std::vector<RouteInfo> routes;
    for (const auto& route : m_router.Routes()) {
        routes.push_back({route.method, route.path});
    }
    return routes;
}

Server::Server(ServerConfig config)
    : m_impl(std::make_unique<ServerImpl>(std::move(config))) {}

Server::~Server() {
    Stop();
}

void Server::Start() {
    m_impl->Start();
}

void Server::Stop() {
    m_impl->Stop();
}

int Server::Port() const {
    return m_impl->Port();
}

std::filesystem::path Server::CaFile() const {
    return m_impl->CaFile();
}

std::string Server::SeedDemo() {
    return m_impl->SeedDemo();
}

std::vector<RouteInfo> Server::Routes() const {
    return m_impl->Routes();
}

} // namespace resv::server
