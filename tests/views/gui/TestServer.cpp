#include "TestServer.h"

#include "resv/server/Server.h"

#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace resv::views::gui_test {

struct TestServer::Impl {
    std::filesystem::path dataDir;
    std::unique_ptr<server::Server> server;
};

TestServer& TestServer::Shared() {
    static TestServer instance;
    return instance;
}

TestServer::TestServer()
    : m_clock(std::make_shared<server::ManualClock>(model::Now()))
    , m_impl(std::make_unique<Impl>()) {
    m_impl->dataDir =
        std::filesystem::temp_directory_path() / ("resv-gui-tests-" + std::to_string(::getpid()));
    std::filesystem::remove_all(m_impl->dataDir);
    server::ServerConfig config;
    config.dataDir = m_impl->dataDir;
    config.port = 0;
    config.clock = m_clock;
    m_impl->server = std::make_unique<server::Server>(config);
    m_impl->server->Start();
    m_impl->server->SeedDemo();
}

TestServer::~TestServer() {
    m_impl->server->Stop();
    m_impl->server.reset();
    std::error_code ignored;
    std::filesystem::remove_all(m_impl->dataDir, ignored);
}

std::string TestServer::Url() const {
    return "https://127.0.0.1:" + std::to_string(m_impl->server->Port());
}

std::filesystem::path TestServer::DemoTokensFile() const {
    return m_impl->dataDir / "demo-terminal-tokens.tsv"; // server/admin/DemoFacilities.h
}

std::string TestServer::CaFile() const {
    return m_impl->server->CaFile().string();
}

} // namespace resv::views::gui_test
