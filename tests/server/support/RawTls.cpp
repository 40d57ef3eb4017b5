#include "support/RawTls.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <memory>
#include <sstream>
#include <utility>

namespace resv::test {
namespace {

struct CtxDeleter {
    void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
struct SslDeleter {
    void operator()(SSL* ssl) const { SSL_free(ssl); }
};

class Socket {
public:
    explicit Socket(int fd)
        : m_fd(fd) {}
    ~Socket() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int Get() const { return m_fd; }

private:
    int m_fd;
};

sockaddr_in Loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

int ConnectLoopback(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    const sockaddr_in address = Loopback(port);
    REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    return fd;
}

std::string DrainErrors(int& firstReason) {
    std::string text;
    firstReason = 0;
    while (const unsigned long code = ERR_get_error()) {
        if (firstReason == 0) {
            firstReason = ERR_GET_REASON(code);
        }
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += std::string(buffer) + "; ";
    }
    return text;
}

std::unique_ptr<SSL_CTX, CtxDeleter> ClientContext(const TlsClientSettings& settings) {
    std::unique_ptr<SSL_CTX, CtxDeleter> context(SSL_CTX_new(TLS_client_method()));
    REQUIRE(context);
    REQUIRE(SSL_CTX_set_min_proto_version(context.get(), settings.minVersion) == 1);
    REQUIRE(SSL_CTX_set_max_proto_version(context.get(), settings.maxVersion) == 1);
    REQUIRE(SSL_CTX_set_cipher_list(context.get(), settings.cipherList.c_str()) == 1);
    if (!settings.ciphersuites.empty()) {
        REQUIRE(SSL_CTX_set_ciphersuites(context.get(), settings.ciphersuites.c_str()) == 1);
    }
    if (!settings.caFile.empty()) {
        REQUIRE(SSL_CTX_load_verify_locations(context.get(), settings.caFile.c_str(), nullptr) ==
                1);
        SSL_CTX_set_verify(context.get(), SSL_VERIFY_PEER, nullptr);
    }
    return context;
}

void SetExpectedPeer(SSL& ssl, const TlsClientSettings& settings) {
    in6_addr ignored{};
    const bool isIp = ::inet_pton(AF_INET, settings.verifyHost.c_str(), &ignored) == 1 ||
                      ::inet_pton(AF_INET6, settings.verifyHost.c_str(), &ignored) == 1;
    if (isIp) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(&ssl), settings.verifyHost.c_str());
    } else {
        SSL_set_tlsext_host_name(&ssl, settings.verifyHost.c_str());
        SSL_set1_host(&ssl, settings.verifyHost.c_str());
    }
}

} // namespace

TlsConnection::TlsConnection(int port, const TlsClientSettings& settings) {
    ERR_clear_error();
    m_context = ClientContext(settings).release();
    m_socket = ConnectLoopback(port);
    m_ssl = SSL_new(m_context);
    REQUIRE(m_ssl);
    SetExpectedPeer(*m_ssl, settings);
    SSL_set_fd(m_ssl, m_socket);
    m_result.connected = SSL_connect(m_ssl) == 1;
    m_result.verifyResult = SSL_get_verify_result(m_ssl);
    if (!m_result.connected) {
        m_result.failure = DrainErrors(m_result.failureReason);
        return;
    }
    m_result.version = SSL_version(m_ssl);
    m_result.cipher = SSL_get_cipher_name(m_ssl);
}

TlsConnection::~TlsConnection() {
    if (m_result.connected) {
        SSL_shutdown(m_ssl);
    }
    SSL_free(m_ssl);
    SSL_CTX_free(m_context);
    ::close(m_socket);
}

void TlsConnection::Send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const int n = SSL_write(m_ssl, bytes.data() + sent, static_cast<int>(bytes.size() - sent));
        if (n <= 0) {
            return; // the server may close early (e.g. after answering 413)
        }
        sent += static_cast<std::size_t>(n);
    }
}

bool TlsConnection::ReadMore() {
    char buffer[16384];
    const int n = SSL_read(m_ssl, buffer, sizeof buffer);
    if (n <= 0) {
        return false;
    }
    m_buffer.append(buffer, static_cast<std::size_t>(n));
    return true;
}

std::string TlsConnection::ReadAnswer() {
    for (;;) {
        const auto answers = ParseHttpAnswers(m_buffer);
        if (!answers.empty()) {
            std::string answer = m_buffer.substr(0, answers.front().end);
            m_buffer.erase(0, answers.front().end);
            return answer;
        }
        if (!ReadMore()) {
            return std::exchange(m_buffer, std::string());
        }
    }
}

std::string TlsConnection::ReadUntilClosed() {
    while (ReadMore()) {
    }
    return std::exchange(m_buffer, std::string());
}

TlsResult TlsExchange(int port, const TlsClientSettings& settings, const std::string& request) {
    TlsConnection connection(port, settings);
    TlsResult result = connection.Handshake();
    if (result.connected && !request.empty()) {
        connection.Send(request);
        result.response = connection.ReadUntilClosed();
    }
    return result;
}

std::vector<HttpAnswer> ParseHttpAnswers(const std::string& raw) {
    std::vector<HttpAnswer> answers;
    std::size_t start = 0;
    while (start < raw.size() && raw.compare(start, 9, "HTTP/1.1 ") == 0) {
        const std::size_t headEnd = raw.find("\r\n\r\n", start);
        if (headEnd == std::string::npos) {
            break;
        }
        HttpAnswer answer;
        std::istringstream head(raw.substr(start, headEnd - start));
        std::string line;
        std::getline(head, line);
        answer.status = std::stoi(line.substr(9, 3));
        while (std::getline(head, line)) {
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            const auto colon = line.find(':');
            if (colon == std::string::npos) {
                continue;
            }
            std::string name = line.substr(0, colon);
            for (char& c : name) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            const auto valueStart = line.find_first_not_of(' ', colon + 1);
            answer.headers[name] = valueStart == std::string::npos ? "" : line.substr(valueStart);
        }
        const auto length = answer.headers.count("content-length")
                                ? std::stoul(answer.headers.at("content-length"))
                                : 0;
        if (headEnd + 4 + length > raw.size()) {
            break; // not all of it has arrived
        }
        answer.body = raw.substr(headEnd + 4, length);
        start = headEnd + 4 + length;
        answer.end = start;
        if (answer.status >= 200) {
            answers.push_back(std::move(answer));
        }
    }
    return answers;
}

HttpAnswer ParseHttpAnswer(const std::string& raw) {
    const auto answers = ParseHttpAnswers(raw);
    return answers.empty() ? HttpAnswer{} : answers.front();
}

HttpAnswer HttpsRequest(int port, const std::filesystem::path& caFile, const std::string& method,
                        const std::string& path, const std::string& body,
                        const std::string& extraHeaders) {
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" +
                          "Connection: close\r\n" + extraHeaders;
    if (!body.empty()) {
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n" + body;
    TlsClientSettings settings;
    settings.caFile = caFile.string();
    const TlsResult result = TlsExchange(port, settings, request);
    INFO(result.failure);
    REQUIRE(result.connected);
    return ParseHttpAnswer(result.response);
}

std::string PlainTcpExchange(int port, const std::string& bytes) {
    Socket socket(ConnectLoopback(port));
    timeval timeout{5, 0};
    ::setsockopt(socket.Get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    REQUIRE(::send(socket.Get(), bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(bytes.size()));
    std::string received;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(socket.Get(), buffer, sizeof buffer, 0);
        if (n <= 0) {
            break;
        }
        received.append(buffer, static_cast<std::size_t>(n));
    }
    return received;
}

LegacyTlsServer::LegacyTlsServer(const std::filesystem::path& certificate,
                                 const std::filesystem::path& key) {
    m_context = SSL_CTX_new(TLS_server_method());
    REQUIRE(m_context);
    SSL_CTX_set_security_level(m_context, 0);
    REQUIRE(SSL_CTX_set_min_proto_version(m_context, TLS1_VERSION) == 1);
    REQUIRE(SSL_CTX_set_max_proto_version(m_context, TLS1_1_VERSION) == 1);
    REQUIRE(SSL_CTX_set_cipher_list(m_context, "DEFAULT:@SECLEVEL=0") == 1);
    REQUIRE(SSL_CTX_use_certificate_chain_file(m_context, certificate.c_str()) == 1);
    REQUIRE(SSL_CTX_use_PrivateKey_file(m_context, key.c_str(), SSL_FILETYPE_PEM) == 1);

    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = Loopback(0);
    REQUIRE(::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(m_listener, 1) == 0);
    socklen_t length = sizeof address;
    ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] {
        Socket connection(::accept(m_listener, nullptr, nullptr));
        if (connection.Get() < 0) {
            return;
        }
        std::unique_ptr<SSL, SslDeleter> ssl(SSL_new(m_context));
        SSL_set_fd(ssl.get(), connection.Get());
        if (SSL_accept(ssl.get()) == 1) {
            SSL_shutdown(ssl.get());
        }
    });
}

LegacyTlsServer::~LegacyTlsServer() {
    ::shutdown(m_listener, SHUT_RDWR);
    ::close(m_listener);
    m_thread.join();
    SSL_CTX_free(m_context);
}

} // namespace resv::test
