// What the client does before and around HTTP: https only, typed errors for refused connections,
// silent servers, non-TLS peers and cancellation. Trust, pins and HTTP errors against the real
// server are proven in tests/server.

#include "resv/client/ApiClient.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

using resv::client::ApiClient;
using resv::client::ApiError;
using resv::client::ClientOptions;
using namespace std::chrono_literals;

namespace {

/// A loopback TCP listener that accepts one connection and then either stays silent or writes a
/// fixed reply; it never speaks TLS.
class LoopbackPeer {
public:
    explicit LoopbackPeer(std::string reply = {})
        : m_reply(std::move(reply)) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(m_fd, 4) == 0);
        socklen_t len = sizeof addr;
        REQUIRE(::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { Serve(); });
    }
    ~LoopbackPeer() {
        m_stop = true;
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        m_thread.join();
    }
    int Port() const { return m_port; }

private:
    void Serve() {
        const int client = ::accept(m_fd, nullptr, nullptr);
        if (client < 0) {
            return;
        }
        if (!m_reply.empty()) {
            (void)::write(client, m_reply.data(), m_reply.size());
        }
        while (!m_stop) {
            std::this_thread::sleep_for(10ms);
        }
        ::close(client);
    }

    int m_fd = -1;
    int m_port = 0;
    std::string m_reply;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

/// A port on loopback that nothing listens on.
int ClosedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

ClientOptions OptionsFor(int port) {
    ClientOptions options;
    options.baseUrl = "https://127.0.0.1:" + std::to_string(port);
    options.connectTimeout = 2s;
    options.totalTimeout = 3s;
    return options;
}

ApiError::Kind KindOf(ApiClient& client) {
    try {
        client.GetHealth();
    } catch (const ApiError& e) {
        return e.GetKind();
    }
    FAIL("the call succeeded");
    return ApiError::Kind::Parse;
}

} // namespace

TEST_CASE("Only https base URLs are accepted") {
    for (const char* url :
         {"http://127.0.0.1:8443", "ftp://127.0.0.1", "https://", "127.0.0.1:8443",
          "https://user@127.0.0.1", "https://127.0.0.1/api/v1", "HTTPS//x", ""}) {
        INFO(url);
        ClientOptions options;
        options.baseUrl = url;
        CHECK_THROWS_AS(ApiClient(options), std::invalid_argument);
    }
    for (const char* url :
         {"https://127.0.0.1:8443", "https://resv.example.jp/", "https://[::1]:8443"}) {
        INFO(url);
        ClientOptions options;
        options.baseUrl = url;
        CHECK_NOTHROW(ApiClient(options));
    }
}

TEST_CASE("A refused connection is a network error") {
    ApiClient client(OptionsFor(ClosedPort()));
    CHECK(KindOf(client) == ApiError::Kind::Network);
}

TEST_CASE("A server that never answers times out as a network error") {
    LoopbackPeer silent;
    ClientOptions options = OptionsFor(silent.Port());
    options.totalTimeout = 500ms;
    ApiClient client(options);
    CHECK(KindOf(client) == ApiError::Kind::Network);
}

TEST_CASE("A peer that does not speak TLS is a TLS error") {
    LoopbackPeer plain("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    ApiClient client(OptionsFor(plain.Port()));
    CHECK(KindOf(client) == ApiError::Kind::Tls);
}

TEST_CASE("Cancel ends a request in flight and the next ones until reset") {
    LoopbackPeer silent;
    ClientOptions options = OptionsFor(silent.Port());
    options.totalTimeout = 20s;
    ApiClient client(options);

    const auto started = std::chrono::steady_clock::now();
    std::thread canceller([&] {
        std::this_thread::sleep_for(200ms);
        client.Cancel();
    });
    const auto kind = KindOf(client);
    canceller.join();
    CHECK(kind == ApiError::Kind::Cancelled);
    // Far below the 20 s timeout: the cancel, not the timer, ended the call.
    CHECK(std::chrono::steady_clock::now() - started < 10s);

    CHECK(KindOf(client) == ApiError::Kind::Cancelled);
    client.ResetCancel();
    CHECK(KindOf(client) == ApiError::Kind::Network);
}

TEST_CASE("Logout without a session sends nothing and keeps no token") {
    ApiClient client(OptionsFor(ClosedPort()));
    CHECK_FALSE(client.HasToken());
    CHECK_NOTHROW(client.Logout());
    client.SetToken("abc");
    CHECK(client.HasToken());
}
