#pragma once
// The libcurl handle behind ApiClient: HTTPS only, TLS 1.2 or newer, peer and host verification
// always on, no redirects. One easy handle is reused so the connection stays open.

#include "resv/client/ApiClient.h"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace resv::client {

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

    void ApplyFixedOptions();

    const ClientOptions& m_options;
    std::unique_ptr<void, CurlDeleter> m_curl;
    std::atomic<bool> m_cancelled{false};
    std::optional<std::chrono::milliseconds> m_requestTimeout;
};

/// True for "https://host[:port]" with nothing after the authority but an optional "/".
bool IsHttpsBaseUrl(const std::string& url);

} // namespace resv::client
