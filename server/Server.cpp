#include "resv/server/Server.h"

#include "accounts/AccountCsv.h"
#include "accounts/AccountService.h"
#include "admin/AdminService.h"
#include "admin/DemoFacilities.h"
#include "admin/DemoMonitoring.h"
#include "admin/DemoNotices.h"
#include "admin/DemoSeed.h"
#include "audit/AccessLog.h"
#include "audit/AuditLog.h"
#include "audit/AuditSeal.h"
#include "audit/AuditService.h"
#include "audit/Retention.h"
#include "auth/AuthService.h"
#include "auth/PasswordHasher.h"
#include "auth/PasswordPolicy.h"
#include "facilities/FacilityService.h"
#include "http/HttpServer.h"
#include "http/Router.h"
#include "mail/MailDispatcher.h"
#include "mail/MailOutbox.h"
#include "monitoring/StatusService.h"
#include "notices/ContactService.h"
#include "notices/IncidentService.h"
#include "notices/NoticeService.h"
#include "roles/AccessService.h"
#include "roles/RoleService.h"
#include "routes/ApiRoutes.h"
#include "storage/Database.h"
#include "terminals/ConfigService.h"
#include "terminals/DeviceRegistry.h"
#include "terminals/DeviceService.h"
#include "terminals/TerminalService.h"
#include "tls/DevCertificates.h"
#include "util/Files.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace resv::server {

constexpr std::chrono::seconds kPresenceFlushInterval{5};
constexpr std::chrono::hours kRetentionInterval{24};

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
    std::string RunRetention(std::optional<model::TimePoint> asOf);
    int DeliverMail();

private:
    void OpenStorage();
    http::HttpServerOptions TransportOptions();
    void StartFlushing();
    void StopFlushing();
    void RunDueJobs();
    void OpenMail();

    ServerConfig m_config;
    std::shared_ptr<const Clock> m_clock;
    std::mutex m_mutex;
    std::unique_ptr<storage::Database> m_database;
    std::unique_ptr<auth::PasswordHasher> m_hasher;
    std::unique_ptr<audit::AuditLog> m_audit;
    std::unique_ptr<auth::AuthService> m_auth;
    std::unique_ptr<admin::AdminService> m_admin;
    terminals::DeviceRegistry m_devices;
    std::unique_ptr<facilities::FacilityService> m_facilities;
    std::unique_ptr<terminals::TerminalService> m_terminals;
    std::unique_ptr<terminals::ConfigService> m_terminalConfig;
    std::unique_ptr<terminals::DeviceService> m_deviceApi;
    std::unique_ptr<auth::PasswordPolicy> m_passwordPolicy;
    std::unique_ptr<accounts::AccountService> m_accounts;
    std::unique_ptr<accounts::AccountCsv> m_accountCsv;
    std::unique_ptr<roles::RoleService> m_roles;
    std::unique_ptr<roles::AccessService> m_access;
    std::unique_ptr<audit::AuditSigner> m_signer;
    std::unique_ptr<audit::AccessLog> m_accessLog;
    std::unique_ptr<audit::AuditService> m_auditService;
    std::unique_ptr<mail::MailOutbox> m_mailOutbox;
    monitoring::RequestTraffic m_traffic;
    std::unique_ptr<monitoring::StatusService> m_status;
    std::unique_ptr<notices::IncidentService> m_incidents;
    std::unique_ptr<notices::NoticeService> m_notices;
    std::unique_ptr<notices::ContactService> m_contacts;
    std::unique_ptr<mail::MailDispatcher> m_mailDispatcher;
    std::optional<model::TimePoint> m_lastRetention;
    std::thread m_flusher;
    std::mutex m_flushMutex;
    std::condition_variable m_flushWake;
    bool m_flushStop = false;
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
    const facilities::ServiceContext context{*m_database, *m_audit, m_clock};
    m_facilities = std::make_unique<facilities::FacilityService>(context);
    m_terminals = std::make_unique<terminals::TerminalService>(context, m_devices);
    m_terminalConfig = std::make_unique<terminals::ConfigService>(context, m_devices);
    m_deviceApi = std::make_unique<terminals::DeviceService>(context, m_devices);
    m_passwordPolicy = std::make_unique<auth::PasswordPolicy>();
    m_accounts = std::make_unique<accounts::AccountService>(
        context, *m_hasher, *m_passwordPolicy,
        std::chrono::duration_cast<std::chrono::minutes>(m_auth->Policy().idleTimeout));
    m_accountCsv = std::make_unique<accounts::AccountCsv>(context, *m_accounts);
    m_roles = std::make_unique<roles::RoleService>(context);
    m_access = std::make_unique<roles::AccessService>(context);
    m_signer = std::make_unique<audit::AuditSigner>(
        audit::AuditSigner::LoadOrCreate(m_config.dataDir / "keys"));
    m_accessLog = std::make_unique<audit::AccessLog>(m_config.dataDir / "access-log.db");
    m_auditService = std::make_unique<audit::AuditService>(*m_database, *m_audit, m_clock,
                                                           m_signer->PublicKeyHex());
    OpenMail();
    m_status = std::make_unique<monitoring::StatusService>(
        *m_database, *m_audit, m_clock,
        monitoring::RealProbes({*m_database, m_traffic, m_devices, *m_mailOutbox}), m_devices);
    const notices::NoticeContext noticeContext{context, *m_mailOutbox};
    m_incidents = std::make_unique<notices::IncidentService>(noticeContext);
    m_notices = std::make_unique<notices::NoticeService>(noticeContext);
    m_contacts = std::make_unique<notices::ContactService>(noticeContext);
    m_router.SetObserver(
        [this](const http::Request& request, int status, std::chrono::microseconds latency) {
            const model::TimePoint now = m_clock->Now();
            m_accessLog->Record({now, request.method,
                                 request.routeTemplate.empty() ? "-" : request.routeTemplate,
                                 status, latency.count()});
            m_traffic.Record(now, request.routeTemplate, status, latency);
        });
    routes::AddApiRoutes(
        m_router, {*m_auth, m_clock,
                   routes::ResourceServices{*m_auth, *m_facilities, *m_terminals, *m_terminalConfig,
                                            *m_deviceApi, *m_accounts, *m_accountCsv, *m_roles,
                                            *m_access, *m_auditService, *m_status, *m_incidents,
                                            *m_notices, *m_contacts}});
}

// The outbox is always there (mail waits in it); the dispatcher sends only to a configured server.
void ServerImpl::OpenMail() {
    m_mailOutbox = std::make_unique<mail::MailOutbox>(m_clock, !m_config.smtpUrl.empty());
    std::shared_ptr<mail::MailTransport> transport;
    if (!m_config.smtpUrl.empty()) {
        if (m_config.mailFrom.empty()) {
            throw std::runtime_error("--smtp-url needs --mail-from");
        }
        transport = std::make_shared<mail::SmtpSender>(
            mail::SmtpSettings{.url = m_config.smtpUrl,
                               .requireTls = m_config.smtpRequireTls,
                               .caFile = m_config.smtpCaFile,
                               .user = m_config.smtpUser,
                               .password = m_config.smtpPassword});
        spdlog::info("mail goes to {} from {}", transport->Describe(), m_config.mailFrom);
    } else {
        spdlog::info("no mail server (--smtp-url): mail waits in the outbox");
    }
    m_mailDispatcher =
        std::make_unique<mail::MailDispatcher>(*m_database, m_clock, transport, m_config.mailFrom);
    m_mailOutbox->SetOnEnqueued([this] { m_mailDispatcher->Notify(); });
}

http::HttpServerOptions ServerImpl::TransportOptions() {
    if (m_config.tlsCert.has_value() != m_config.tlsKey.has_value()) {
        throw std::runtime_error("--tls-cert and --tls-key go together");
    }
    http::HttpServerOptions options;
    options.host = m_config.host;
    options.port = m_config.port;
    options.maxWorkers = m_config.maxConnections;
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
    StartFlushing();
    m_mailDispatcher->Start();
    spdlog::info("serving {} routes on https://{}:{}", m_router.Routes().size(), m_config.host,
                 m_http->Port());
}

void ServerImpl::Stop() {
    std::lock_guard lock(m_mutex);
    if (m_http) {
        m_http->Stop();
        m_http.reset();
        StopFlushing();
        m_mailDispatcher->Stop();
    }
}

// Heartbeats only touch memory; their presence reaches SQLite every few seconds and at stop.
void ServerImpl::StartFlushing() {
    m_flushStop = false;
    m_flusher = std::thread([this] {
        std::unique_lock lock(m_flushMutex);
        while (!m_flushStop) {
            m_flushWake.wait_for(lock, kPresenceFlushInterval);
            const bool stopping = m_flushStop;
            lock.unlock();
            try {
                m_deviceApi->Flush();
            } catch (const std::exception& error) {
                spdlog::error("writing terminal presence failed: {}", error.what());
            }
            if (!stopping) { // the daily jobs never hold up a stop
                RunDueJobs();
            }
            lock.lock();
        }
    });
}

void ServerImpl::StopFlushing() {
    {
        std::lock_guard lock(m_flushMutex);
        m_flushStop = true;
    }
    m_flushWake.notify_all();
    if (m_flusher.joinable()) {
        m_flusher.join();
    }
    m_accessLog->Flush();
}

// The access log reaches SQLite every few seconds; retention and checkpoints run a few seconds
// after start and then once a day (by the server's clock, which tests inject).
void ServerImpl::RunDueJobs() {
    try {
        m_accessLog->Flush();
        const model::TimePoint now = m_clock->Now();
        if (!m_lastRetention || now >= *m_lastRetention + kRetentionInterval) {
            m_lastRetention = now;
            const auto report = audit::RunRetention(*m_database, *m_accessLog, *m_signer, now);
            spdlog::info("retention: {} access log entries deleted, {} checkpoints signed",
                         report.accessLogRowsDeleted, report.checkpointsSigned);
        }
    } catch (const std::exception& error) {
        spdlog::error("the retention jobs failed: {}", error.what());
    }
    try { // about once a minute by the clock: the components' status (監視)
        m_status->SampleIfDue();
    } catch (const std::exception& error) {
        spdlog::error("sampling the components' status failed: {}", error.what());
    }
}

std::string ServerImpl::RunRetention(std::optional<model::TimePoint> asOf) {
    {
        std::lock_guard lock(m_mutex);
        OpenStorage();
    }
    const model::TimePoint when = asOf.value_or(m_clock->Now());
    return audit::RunRetention(*m_database, *m_accessLog, *m_signer, when).Describe(when);
}

int ServerImpl::DeliverMail() {
    {
        std::lock_guard lock(m_mutex);
        OpenStorage();
    }
    return m_mailDispatcher->DeliverDue().sent;
}

std::string ServerImpl::SeedDemo() {
    {
        std::lock_guard lock(m_mutex);
        OpenStorage();
    }
    std::string text = admin::SeedDemo(*m_admin);
    text += admin::SeedDemoFacilities(*m_database, *m_audit, *m_clock, m_devices, m_config.dataDir);
    text += admin::SeedDemoMonitoring(*m_database, *m_clock);
    text += admin::SeedDemoNotices(*m_database, *m_mailOutbox, *m_clock);
    return text;
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

int Server::DeliverMail() {
    return m_impl->DeliverMail();
}

std::vector<RouteInfo> Server::Routes() const {
    return m_impl->Routes();
}

std::string
Server::RunRetention(std::optional<std::chrono::sys_time<std::chrono::milliseconds>> asOf) {
    return m_impl->RunRetention(asOf);
}

} // namespace resv::server
