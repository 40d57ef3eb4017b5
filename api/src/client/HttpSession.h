#pragma once
// The libcurl handle behind ApiClient: HTTPS only, TLS 1.2 or newer, peer and host verification
// always on, no redirects. One easy handle is reused so the connection stays open.

#include "resv/client/ApiClient.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace resv::client {

/// Takes a streamed answer's body chunk by chunk; returning false stops the transfer.
using BodySink = std::function<bool(std::string_view chunk)>;

/// How a streamed answer may go slowly without failing: it fails only when less than
/// `minBytesPerSecond` arrive for `window` on end (there is no total timeout).
struct StallLimit {
    long minBytesPerSecond = 1;
    std::chrono::seconds window{60};
};

class HttpSession {
public:
    explicit HttpSession(const ClientOptions& options);
    ~HttpSession();
    HttpSession(const HttpSession&) = delete;
    HttpSession& operator=(const HttpSession&) = delete;

    /// Throws ApiError for anything but a complete HTTP exchange (whatever its status).
    HttpResult Perform(const std::string& method, const std::string& url, const std::string& body,
                       const std::string& contentType, const std::string& bearerToken,
                       const std::map<std::string, std::string>& extraHeaders);

    /// A GET whose 2xx body goes to `sink` as it arrives instead of into the result (whose body
    /// stays empty then), for answers too large to hold. Any other status's body is collected as
    /// Perform does, so that the caller can throw its problem. `sink` returning false, or Cancel(),
    /// throws ApiError(Kind::Cancelled); an exception `sink` throws is rethrown here.
    HttpResult PerformStreamed(const std::string& url, const std::string& accept,
                               const std::string& bearerToken, const BodySink& sink,
                               StallLimit stallLimit);

    /// The requests that follow may take up to `timeout` instead of the options' total timeout;
    /// nullopt goes back to it.
    void SetRequestTimeout(std::optional<std::chrono::milliseconds> timeout) {
        m_requestTimeout = timeout;
    }

    void Cancel() { m_cancelled = true; }
    void ResetCancel() { m_cancelled = false; }
    bool IsCancelled() const { return m_cancelled; }

private:
    struct CurlDeleter {
        void operator()(void* handle) const;
    };

    struct Request;

    void ApplyFixedOptions();
    HttpResult Run(const Request& request);

    const ClientOptions& m_options;
    std::unique_ptr<void, CurlDeleter> m_curl;
    std::atomic<bool> m_cancelled{false};
    std::optional<std::chrono::milliseconds> m_requestTimeout;
};

/// True for "https://host[:port]" with nothing after the authority but an optional "/".
bool IsHttpsBaseUrl(const std::string& url);

} // namespace resv::client
