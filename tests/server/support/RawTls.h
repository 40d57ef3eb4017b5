#pragma once
// A TLS client with its own SSL_CTX, so a test can offer exactly the protocol versions and
// ciphers it wants (down to TLS 1.0 at @SECLEVEL=0) and read raw HTTP answers with their headers.

#include <openssl/ssl.h>

#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace resv::test {

struct TlsClientSettings {
    int minVersion = TLS1_2_VERSION;
    int maxVersion = TLS1_3_VERSION;
    std::string cipherList = "DEFAULT";   ///< TLS 1.2 and older
    std::string ciphersuites;             ///< TLS 1.3; empty keeps OpenSSL's default
    std::string caFile;                   ///< empty: no verification
    std::string verifyHost = "localhost"; ///< a DNS name or an IP address literal
};

struct TlsResult {
    bool connected = false;
    int version = 0;       ///< e.g. TLS1_2_VERSION
    std::string cipher;    ///< OpenSSL's name of the negotiated cipher
    int failureReason = 0; ///< ERR_GET_REASON of the first queued error (SSL_R_...)
    std::string failure;   ///< all queued errors, for the test's message
    long verifyResult = 0; ///< X509_V_OK or why the certificate was refused
    std::string response;  ///< everything the server sent after the request, until it closed
};

/// One TLS connection to 127.0.0.1, for exchanges that need more than one request.
class TlsConnection {
public:
    TlsConnection(int port, const TlsClientSettings& settings);
    ~TlsConnection();
    TlsConnection(const TlsConnection&) = delete;
    TlsConnection& operator=(const TlsConnection&) = delete;

    const TlsResult& Handshake() const { return m_result; }
    /// Writes all of `bytes` (stops quietly if the server closes first).
    void Send(const std::string& bytes);
    /// Reads until one complete final answer (by its Content-Length) has arrived.
    std::string ReadAnswer();
    /// Reads until the server closes; returns what was not yet returned by ReadAnswer.
    std::string ReadUntilClosed();

private:
    bool ReadMore();

    int m_socket = -1;
    SSL_CTX* m_context = nullptr;
    SSL* m_ssl = nullptr;
    TlsResult m_result;
    std::string m_buffer;
};

/// Connects to 127.0.0.1:`port`, handshakes, and if `request` is not empty sends it and reads
/// until the server closes.
TlsResult TlsExchange(int port, const TlsClientSettings& settings,
                      const std::string& request = std::string());

struct HttpAnswer {
    int status = 0;
    std::map<std::string, std::string> headers; ///< names in lower case
    std::string body;
    std::size_t end = 0; ///< offset just past this answer in the text it was parsed from
};

/// Every final answer in `raw` ("HTTP/1.1 200 OK\r\nName: value\r\n\r\nbody"...), in order;
/// interim ones ("100 Continue") are skipped. Bodies are as long as their Content-Length.
std::vector<HttpAnswer> ParseHttpAnswers(const std::string& raw);

/// The first final answer in `raw` (status 0 if there is none).
HttpAnswer ParseHttpAnswer(const std::string& raw);

/// One request over a fresh TLS connection with `Connection: close`.
HttpAnswer HttpsRequest(int port, const std::filesystem::path& caFile, const std::string& method,
                        const std::string& path, const std::string& body = std::string(),
                        const std::string& extraHeaders = std::string());

/// Sends `bytes` over plain TCP and returns whatever comes back until the peer closes (or 5 s).
std::string PlainTcpExchange(int port, const std::string& bytes);

/// A TLS server that accepts exactly TLS 1.0 and 1.1 (at @SECLEVEL=0) for one connection:
/// proof that the legacy client settings really offer those versions.
class LegacyTlsServer {
public:
    LegacyTlsServer(const std::filesystem::path& certificate, const std::filesystem::path& key);
    ~LegacyTlsServer();
    LegacyTlsServer(const LegacyTlsServer&) = delete;
    LegacyTlsServer& operator=(const LegacyTlsServer&) = delete;
    int Port() const { return m_port; }

private:
    SSL_CTX* m_context = nullptr;
    int m_listener = -1;
    int m_port = 0;
    std::thread m_thread;
};

} // namespace resv::test
