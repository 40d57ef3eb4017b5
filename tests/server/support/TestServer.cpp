#include "support/TestServer.h"

#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>

namespace resv::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "resv-server-test-XXXXXX");
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

model::TimePoint TestEpoch() {
    using namespace std::chrono;
    return sys_days{year{2026} / November / 25} + hours{8};
}

model::LoginRequest RequestFor(const DemoLogin& login) {
    return model::LoginRequest{login.tenant, login.loginId, login.password, std::nullopt};
}

TestServer::TestServer()
    : m_clock(std::make_shared<server::ManualClock>(TestEpoch())) {
    spdlog::set_level(spdlog::level::warn);
    server::ServerConfig config;
    config.dataDir = DataDir();
    config.port = 0;
    config.clock = m_clock;
    // Short, so that a connection a test leaves open does not hold up the server's stop.
    config.keepAliveTimeout = std::chrono::seconds(1);
    m_server = std::make_unique<server::Server>(std::move(config));
    m_server->Start();
    m_server->SeedDemo();
}

TestServer::~TestServer() {
    m_server->Stop();
}

std::string TestServer::BaseUrl(const std::string& host) const {
    return "https://" + host + ":" + std::to_string(Port());
}

std::unique_ptr<client::ApiClient> TestServer::Client(const std::string& host) const {
    client::ClientOptions options;
    options.baseUrl = BaseUrl(host);
    options.caFile = CaFile().string();
    options.connectTimeout = std::chrono::seconds(5);
    options.totalTimeout = std::chrono::seconds(20);
    return std::make_unique<client::ApiClient>(options);
}

client::ApiError ApiErrorOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const client::ApiError& error) {
        return error;
    }
    FAIL("expected an ApiError, but the call succeeded");
    throw std::logic_error("unreachable");
}

} // namespace resv::test
