#include "http/HttpServer.h"

#include "http/Problem.h"
#include "http/WorkerPool.h"
#include "resv/model/Problem.h"
#include "tls/TlsContext.h"

#include <fmt/format.h>
#include <httplib.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace resv::server::http {
namespace {

namespace ec = model::error_code;
using LibResponseKind = httplib::Server::HandlerResponse;

Request ToRequest(const httplib::Request& in, std::string body) {
    Request request;
    request.method = in.method;
    request.path = in.path;
    for (const auto& [name, value] : in.params) {
        request.query.emplace(name, value);
    }
    for (const auto& [name, value] : in.headers) {
        request.headers.emplace(ToLowerAscii(name), value);
    }
    request.body = std::move(body);
    request.remoteIp = in.remote_addr;
    return request;
}

void Apply(const Response& response, httplib::Response& out) {
    out.status = response.status;
    for (const auto& [name, value] : response.headers) {
        out.set_header(name, value);
    }
    if (response.stream) {
        out.set_chunked_content_provider(
            response.contentType,
            [stream = response.stream](std::size_t /*offset*/, httplib::DataSink& sink) {
                bool complete = false;
                try {
                    complete = stream([&sink](std::string_view piece) {
                        return piece.empty() || sink.write(piece.data(), piece.size());
                    });
                } catch (const std::exception& error) {
                    spdlog::error("writing a streamed answer failed: {}", error.what());
                }
                if (complete) {
                    sink.done();
                }
                return complete; // false closes the connection: the client sees a cut answer
            });
    } else if (!response.body.empty()) {
        out.set_content(response.body, response.contentType.c_str());
    }
}

void AddSecurityHeaders(httplib::Response& out) {
    out.set_header("Strict-Transport-Security", "max-age=31536000");
    out.set_header("Cache-Control", "no-store");
    out.set_header("X-Content-Type-Options", "nosniff");
}

/// SO_REUSEADDR only: the library's default SO_REUSEPORT would let a second server share the port
/// silently instead of failing to start.
void SocketOptions(socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

std::string DetailForStatus(int status) {
    switch (status) {
    case 413:
        return "The request body is too large.";
    case 414:
        return "The request URI is too long.";
    default:
        return status >= 500 ? "The server could not complete the request."
                             : "The request is not valid HTTP.";
    }
}

/// The library's task queue over our elastic pool: the library runs each connection as one task.
class ElasticTaskQueue final : public httplib::TaskQueue {
public:
    explicit ElasticTaskQueue(WorkerPoolLimits limits)
        : m_pool(limits) {}
    void enqueue(std::function<void()> task) override { m_pool.Post(std::move(task)); }
    void shutdown() override { m_pool.Shutdown(); }

private:
    WorkerPool m_pool;
};

/// The sockets of this server's open TLS connections, so that Stop() can end their keep-alive
/// waits: in the compiled library that wait ends only on data or on the keep-alive timeout, and
/// the library tells no one which sockets it accepted. OpenSSL does, since the SSL_CTX is ours:
/// an info callback notes a connection's socket when its handshake starts, and the free callback
/// of an ex_data slot forgets it when the library frees the SSL, which it does before it closes
/// the socket; so every socket noted here is still open while the mutex is held.
class OpenConnections {
public:
    OpenConnections() = default;
    OpenConnections(const OpenConnections&) = delete;
    OpenConnections& operator=(const OpenConnections&) = delete;

    /// From the SSL_CTX set-up; this object must outlive every connection made with `context`.
    void Watch(SSL_CTX& context) {
        SSL_CTX_set_ex_data(&context, ContextSlot(), this);
        SSL_CTX_set_info_callback(&context, &OnInfo);
    }

    /// Shuts down the read side of each: a connection waiting for its next request sees the end
    /// of its stream and closes, while an answer being written still goes out.
    void StopReading() {
        std::lock_guard lock(m_mutex);
        for (const auto& [ssl, socket] : m_sockets) {
            ::shutdown(socket, SHUT_RD);
        }
    }

private:
    static int ContextSlot() {
        static const int slot = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
        return slot;
    }
    static int ConnectionSlot() {
        static const int slot = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, &OnFree);
        return slot;
    }

    static void OnInfo(const SSL* ssl, int where, int /*ret*/) {
        if ((where & SSL_CB_HANDSHAKE_START) == 0 || SSL_get_ex_data(ssl, ConnectionSlot())) {
            return;
        }
        auto* self =
            static_cast<OpenConnections*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ContextSlot()));
        if (self == nullptr) {
            return;
        }
        // Set on the SSL so that OnFree finds this object; OpenSSL passes the SSL as const only.
        SSL_set_ex_data(const_cast<SSL*>(ssl), ConnectionSlot(), self);
        std::lock_guard lock(self->m_mutex);
        self->m_sockets[ssl] = SSL_get_fd(ssl);
    }

    /// Called for every SSL freed in the process, ours or not; `data` is null for others.
    static void OnFree(void* ssl, void* data, CRYPTO_EX_DATA*, int, long, void*) {
        if (auto* self = static_cast<OpenConnections*>(data)) {
            std::lock_guard lock(self->m_mutex);
            self->m_sockets.erase(static_cast<const SSL*>(ssl));
        }
    }

    std::mutex m_mutex;
    std::map<const SSL*, int> m_sockets;
};

} // namespace

struct HttpServer::Impl {
    HttpServerOptions options;
    const Router& router;
    OpenConnections connections; ///< before the server, so that it outlives the server
    std::unique_ptr<httplib::SSLServer> server;
    std::thread thread;
    std::atomic<bool> listenEnded{false};
    int port = 0;

    Impl(HttpServerOptions o, const Router& r)
        : options(std::move(o))
        , router(r) {}

    void Serve(const httplib::Request& in, std::string body, httplib::Response& out) const {
        Apply(router.Dispatch(ToRequest(in, std::move(body))), out);
    }

    void ServeWithBody(const httplib::Request& in, httplib::Response& out,
                       const httplib::ContentReader& reader) const;
    LibResponseKind HandleError(const httplib::Request& in, httplib::Response& out) const;
    void Install();
};

void HttpServer::Impl::ServeWithBody(const httplib::Request& in, httplib::Response& out,
                                     const httplib::ContentReader& reader) const {
    if (in.is_multipart_form_data()) {
        // The body stays unread, so the connection cannot be reused.
        Apply(ProblemResponse(415, ec::kUnsupportedMediaType,
                              "Send the request body as application/json."),
              out);
        out.set_header("Connection", "close");
        return;
    }
    // Without either header an HTTP/1.1 request has no body (RFC 9112 6.3).
    if (!in.has_header("Content-Length") && !in.has_header("Transfer-Encoding")) {
        Serve(in, std::string(), out);
        return;
    }
    // Read here rather than by the library: its own limit does not cover chunked bodies. A body
    // over the limit is read to its end and dropped (as the library does with a sized one), so
    // the rest of it is never taken for the next request on the connection; only a body beyond
    // kDrainLimit is cut off.
    constexpr std::size_t kDrainLimit = 64 * 1024 * 1024;
    std::string body;
    std::size_t dropped = 0;
    bool tooLarge = false;
    const bool complete = reader([&](const char* data, size_t length) {
        if (tooLarge || body.size() + length > options.maxBodyBytes) {
            tooLarge = true;
            dropped += length;
            return dropped <= kDrainLimit;
        }
        body.append(data, length);
        return true;
    });
    if (tooLarge || out.status == 413) {
        Apply(ProblemResponse(
                  413, ec::kPayloadTooLarge,
                  fmt::format("The request body may be at most {} bytes.", options.maxBodyBytes)),
              out);
        if (!complete) {
            out.set_header("Connection", "close");
        }
    } else if (!complete) {
        Apply(ProblemResponse(400, CodeForStatus(400), "The request body could not be read."), out);
    } else {
        Serve(in, std::move(body), out);
    }
}

LibResponseKind HttpServer::Impl::HandleError(const httplib::Request& in,
                                              httplib::Response& out) const {
    if (!out.body.empty()) {
        return LibResponseKind::Unhandled; // a route's own problem: keep it
    }
    if ((in.method == "TRACE" || in.method == "CONNECT") && out.status == 400) {
        Serve(in, std::string(), out); // the router answers 404 or 405 with Allow
    } else {
        Apply(ProblemResponse(out.status, CodeForStatus(out.status), DetailForStatus(out.status)),
              out);
    }
    return LibResponseKind::Handled;
}

void HttpServer::Impl::Install() {
    auto serve = [this](const httplib::Request& in, httplib::Response& out) {
        Serve(in, std::string(), out);
    };
    auto serveWithBody = [this](const httplib::Request& in, httplib::Response& out,
                                const httplib::ContentReader& reader) {
        ServeWithBody(in, out, reader);
    };
    server->Get(".*", serve);
    server->Options(".*", serve);
    server->Post(".*", serveWithBody);
    server->Put(".*", serveWithBody);
    server->Patch(".*", serveWithBody);
    server->Delete(".*", serveWithBody);
    server->set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& in, httplib::Response& out) {
            return HandleError(in, out);
        }));
    server->set_exception_handler(
        [](const httplib::Request& in, httplib::Response& out, std::exception_ptr) {
            spdlog::error("{} {}: unexpected exception in the HTTP layer", in.method, in.path);
            Apply(ProblemResponse(500, ec::kInternal, DetailForStatus(500)), out);
        });
    server->set_post_routing_handler(
        [](const httplib::Request&, httplib::Response& out) { AddSecurityHeaders(out); });
    server->set_logger([](const httplib::Request& in, const httplib::Response& out) {
        spdlog::debug("{} {} {} -> {}", in.remote_addr, in.method, in.path, out.status);
    });
}

HttpServer::HttpServer(HttpServerOptions options, const Router& router)
    : m_impl(std::make_unique<Impl>(std::move(options), router)) {}

HttpServer::~HttpServer() {
    Stop();
}

void HttpServer::Start() {
    Impl& impl = *m_impl;
    std::string tlsError;
    if (impl.options.maxWorkers < 1 || impl.options.keepAliveTimeout.count() < 1) {
        throw std::runtime_error("the HTTP server needs at least one worker and a keep-alive "
                                 "timeout of at least one second");
    }
    impl.server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& context) {
        impl.connections.Watch(context);
        return tls::ConfigureServerContext(context, impl.options.certificateChain,
                                           impl.options.privateKey, tlsError);
    });
    if (!impl.server->is_valid()) {
        throw std::runtime_error(tlsError.empty() ? "cannot set up TLS" : tlsError);
    }
    impl.Install();
    // A kept-alive connection holds its worker until the timeout, so the pool grows until every
    // connection has one; threads beyond the core leave when idle.
    const WorkerPoolLimits limits{.coreThreads = 8,
                                  .maxThreads = static_cast<std::size_t>(impl.options.maxWorkers),
                                  .idleTimeout = std::chrono::seconds(15)};
    // The library owns (and deletes) the queue it gets from here.
    impl.server->new_task_queue = [limits] { return new ElasticTaskQueue(limits); };
    impl.server->set_socket_options(SocketOptions);
    impl.server->set_tcp_nodelay(true);
    impl.server->set_keep_alive_timeout(impl.options.keepAliveTimeout.count());
    impl.server->set_keep_alive_max_count(1000);
    impl.server->set_read_timeout(10);
    impl.server->set_write_timeout(10);
    impl.server->set_payload_max_length(impl.options.maxBodyBytes);

    const auto& host = impl.options.host;
    impl.port = impl.options.port == 0 ? impl.server->bind_to_any_port(host)
                : impl.server->bind_to_port(host, impl.options.port) ? impl.options.port
                                                                     : -1;
    if (impl.port <= 0) {
        throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address "
                                             "of this machine)",
                                             host, impl.options.port));
    }
    impl.thread = std::thread([&impl] {
        impl.server->listen_after_bind();
        impl.listenEnded = true;
    });
    // stop() only works once the loop runs; wait for it so Stop() right after Start() is safe.
    while (!impl.server->is_running() && !impl.listenEnded) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

void HttpServer::Stop() {
    if (!m_impl->server) {
        return;
    }
    m_impl->server->stop(); // closes the listen socket
    // The listen thread now joins the workers, and a connection idling in keep-alive would hold
    // it until its timeout. One whose handshake starts after this ends after the handshake (the
    // library serves nothing once the listen socket is closed); only a client that stalls inside
    // the handshake can still hold Stop, for the read timeout.
    m_impl->connections.StopReading();
    if (m_impl->thread.joinable()) {
        m_impl->thread.join();
    }
}

int HttpServer::Port() const {
    return m_impl->port;
}

} // namespace resv::server::http
