#pragma once
// HTTPS transport. The only place that knows the HTTP library: it turns the library's requests
// into ours, runs the Router, and adds the headers every response carries.

#include "http/Router.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace resv::server::http {

struct HttpServerOptions {
    std::string host = "127.0.0.1";
    int port = 0; ///< 0 picks a free port
    std::filesystem::path certificateChain;
    std::filesystem::path privateKey;
    /// Each open connection holds a worker thread while it is used or kept alive; the pool grows
    /// to this many on demand (connections beyond it wait to be served). See ServerConfig.
    int maxWorkers = 512;
    /// Longer than a terminal's 30 s heartbeat, so terminals keep their connection.
    std::chrono::seconds keepAliveTimeout{40};
    std::size_t maxBodyBytes = 1024 * 1024;
};

class HttpServer {
public:
    HttpServer(HttpServerOptions options, const Router& router);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Sets up TLS, binds and serves on a background thread. Throws std::runtime_error.
    void Start();
    /// Stops accepting, ends idle kept-alive connections at once (answers being written still
    /// go out) and waits for the workers. Safe to call twice.
    void Stop();
    int Port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace resv::server::http
