#include "HttpSession.h"

#include <curl/curl.h>
#include <openssl/x509_vfy.h>

#include <fmt/format.h>

#include <exception>
#include <mutex>
#include <stdexcept>

namespace resv::client {
namespace {

using Reason = ApiError::CertificateReason;

void GlobalInitOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void Append(Slist& list, const std::string& header) {
    curl_slist* grown = curl_slist_append(list.get(), header.c_str());
    if (!grown) {
        throw std::bad_alloc();
    }
    list.release();
    list.reset(grown);
}

/// Where an answer's body goes: into `collected`, or, when a sink is given and the status is 2xx,
/// to the sink as it arrives.
struct BodyTarget {
    CURL* curl = nullptr;
    std::string* collected = nullptr;
    const BodySink* sink = nullptr;
    std::optional<bool> streaming{}; ///< decided at the first chunk, once the status is known
    bool sinkStopped = false;
    std::exception_ptr sinkError{}; ///< exceptions must not cross libcurl's C frames
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
    auto& target = *static_cast<BodyTarget*>(user);
    const size_t length = size * count;
    if (target.sink && !target.streaming) {
        long status = 0;
        curl_easy_getinfo(target.curl, CURLINFO_RESPONSE_CODE, &status);
        target.streaming = status >= 200 && status < 300;
    }
    if (!target.streaming.value_or(false)) {
        target.collected->append(data, length);
        return length;
    }
    try {
        if ((*target.sink)(std::string_view(data, length))) {
            return length;
        }
        target.sinkStopped = true;
    } catch (...) {
        target.sinkError = std::current_exception();
    }
    return 0; // anything but `length` ends the transfer with CURLE_WRITE_ERROR
}

int Progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    // Non-zero aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
    return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
}

Reason ReasonFromVerifyResult(long verifyResult) {
    switch (verifyResult) {
    case X509_V_OK:
        // OpenSSL accepted the chain, so curl's own host name check refused it.
        return Reason::HostnameMismatch;
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return Reason::Expired;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return Reason::NotYetValid;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        return Reason::UnknownIssuer;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return Reason::HostnameMismatch;
    case X509_V_ERR_CERT_REVOKED:
        return Reason::Revoked;
    default:
        return Reason::Other;
    }
}

[[noreturn]] void ThrowForCurl(CURL* curl, CURLcode code, const char* errorBuffer) {
    const std::string detail = fmt::format(
        "{} ({})", *errorBuffer ? errorBuffer : curl_easy_strerror(code), static_cast<int>(code));
    switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
        throw ApiError(ApiError::Kind::Cancelled, "the request was cancelled");
    case CURLE_PEER_FAILED_VERIFICATION: {
        long verifyResult = X509_V_OK;
        curl_easy_getinfo(curl, CURLINFO_SSL_VERIFYRESULT, &verifyResult);
        throw ApiError(ApiError::Kind::Certificate, detail, ReasonFromVerifyResult(verifyResult));
    }
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        throw ApiError(ApiError::Kind::Certificate, detail, Reason::PinMismatch);
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
        throw ApiError(ApiError::Kind::Certificate, detail, Reason::UnknownIssuer);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
        throw ApiError(ApiError::Kind::Tls, detail);
    default:
        throw ApiError(ApiError::Kind::Network, detail);
    }
}

template <typename T>
void Set(CURL* curl, CURLoption option, T value) {
    const CURLcode code = curl_easy_setopt(curl, option, value);
    if (code != CURLE_OK) {
        // Only a libcurl built without a required feature gets here; refuse rather than go on
        // with a weaker setting.
        throw ApiError(ApiError::Kind::Tls,
                       fmt::format("libcurl refused option {}: {}", static_cast<int>(option),
                                   curl_easy_strerror(code)));
    }
}

} // namespace

void HttpSession::CurlDeleter::operator()(void* handle) const {
    curl_easy_cleanup(static_cast<CURL*>(handle));
}

bool IsHttpsBaseUrl(const std::string& url) {
    constexpr std::string_view kScheme = "https://";
    if (url.size() <= kScheme.size() || url.compare(0, kScheme.size(), kScheme) != 0) {
        return false;
    }
    const std::string authority = url.substr(kScheme.size());
    const auto slash = authority.find('/');
    const std::string host = authority.substr(0, slash);
    if (host.empty() || host.find_first_of(" @?#\\") != std::string::npos) {
        return false;
    }
    return slash == std::string::npos || slash == authority.size() - 1;
}

HttpSession::HttpSession(const ClientOptions& options)
    : m_options(options) {
    GlobalInitOnce();
    if (!IsHttpsBaseUrl(options.baseUrl)) {
        throw std::invalid_argument("the server address must be https://host[:port]");
    }
    m_curl.reset(curl_easy_init());
    if (!m_curl) {
        throw std::bad_alloc();
    }
    ApplyFixedOptions();
}

HttpSession::~HttpSession() = default;

void HttpSession::ApplyFixedOptions() {
    CURL* curl = static_cast<CURL*>(m_curl.get());
    Set(curl, CURLOPT_PROTOCOLS_STR, "https");
    Set(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    Set(curl, CURLOPT_FOLLOWLOCATION, 0L);
    Set(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    Set(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    Set(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (m_options.caFile) {
        Set(curl, CURLOPT_CAINFO, m_options.caFile->c_str());
    }
    if (m_options.publicKeyPin) {
        Set(curl, CURLOPT_PINNEDPUBLICKEY, m_options.publicKeyPin->c_str());
    }
    Set(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connectTimeout.count()));
    Set(curl, CURLOPT_NOSIGNAL, 1L);
    Set(curl, CURLOPT_USERAGENT, m_options.userAgent.c_str());
    Set(curl, CURLOPT_NOPROGRESS, 0L);
    Set(curl, CURLOPT_XFERINFOFUNCTION, &Progress);
    Set(curl, CURLOPT_XFERINFODATA, static_cast<void*>(&m_cancelled));
    Set(curl, CURLOPT_WRITEFUNCTION, &WriteBody);
    Set(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    Set(curl, CURLOPT_MAXAGE_CONN, static_cast<long>(m_options.maxIdleConnectionAge.count()));
}

/// One exchange's inputs: Perform's, or PerformStreamed's with a sink and a stall limit.
struct HttpSession::Request {
    const std::string& method;
    const std::string& url;
    const std::string& body;
    const std::string& contentType;
    const std::string& accept;
    const std::string& bearerToken;
    const std::map<std::string, std::string>& extraHeaders;
    const BodySink* sink = nullptr;
    std::optional<StallLimit> stallLimit;
};

HttpResult HttpSession::Perform(const std::string& method, const std::string& url,
                                const std::string& body, const std::string& contentType,
                                const std::string& bearerToken,
                                const std::map<std::string, std::string>& extraHeaders) {
    static const std::string kAccept = "application/json, application/problem+json";
    return Run(Request{method, url, body, contentType, kAccept, bearerToken, extraHeaders, nullptr,
                       std::nullopt});
}

HttpResult HttpSession::PerformStreamed(const std::string& url, const std::string& accept,
                                        const std::string& bearerToken, const BodySink& sink,
                                        StallLimit stallLimit) {
    static const std::string kGet = "GET";
    static const std::string kNone;
    static const std::map<std::string, std::string> kNoHeaders;
    return Run(
        Request{kGet, url, kNone, kNone, accept, bearerToken, kNoHeaders, &sink, stallLimit});
}

HttpResult HttpSession::Run(const Request& request) {
    if (m_cancelled) {
        throw ApiError(ApiError::Kind::Cancelled, "the request was cancelled");
    }
    CURL* curl = static_cast<CURL*>(m_curl.get());
    HttpResult result;
    BodyTarget target{.curl = curl, .collected = &result.body, .sink = request.sink};
    char errorBuffer[CURL_ERROR_SIZE] = {};

    Slist headers;
    Append(headers, "Accept: " + request.accept);
    if (!request.bearerToken.empty()) {
        Append(headers, "Authorization: Bearer " + request.bearerToken);
    }
    const std::string& method = request.method;
    const bool hasBody = method != "GET" && method != "DELETE" && method != "HEAD";
    if (hasBody) {
        Append(headers, "Content-Type: " + request.contentType);
    }
    for (const auto& [name, value] : request.extraHeaders) {
        if (name.find_first_of(":\r\n") != std::string::npos ||
            value.find_first_of("\r\n") != std::string::npos) {
            throw std::invalid_argument("a header name or value holds a line break or colon");
        }
        Append(headers, name + ": " + value);
    }
    // libcurl sends "Expect: 100-continue" for larger bodies; the server answers at once anyway.
    Append(headers, "Expect:");

    Set(curl, CURLOPT_URL, request.url.c_str());
    // A streamed answer may take as long as it keeps arriving: it has a stall limit instead of a
    // total timeout. Every request sets both, so neither outlives the request that needed it.
    const long timeoutMs =
        request.stallLimit
            ? 0L
            : static_cast<long>(m_requestTimeout.value_or(m_options.totalTimeout).count());
    Set(curl, CURLOPT_TIMEOUT_MS, timeoutMs);
    Set(curl, CURLOPT_LOW_SPEED_LIMIT,
        request.stallLimit ? request.stallLimit->minBytesPerSecond : 0L);
    Set(curl, CURLOPT_LOW_SPEED_TIME,
        request.stallLimit ? static_cast<long>(request.stallLimit->window.count()) : 0L);
    Set(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    Set(curl, CURLOPT_HTTPHEADER, headers.get());
    Set(curl, CURLOPT_WRITEDATA, static_cast<void*>(&target));
    // HTTPGET resets whatever method and body the previous request on this handle had.
    Set(curl, CURLOPT_HTTPGET, 1L);
    Set(curl, CURLOPT_CUSTOMREQUEST, method == "GET" ? nullptr : method.c_str());
    if (hasBody) {
        Set(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        Set(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    }

    const CURLcode code = curl_easy_perform(curl);
    // The handle keeps pointers to these buffers; clear them before they go out of scope.
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, nullptr);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, nullptr);
    if (code == CURLE_WRITE_ERROR && target.sinkError) {
        std::rethrow_exception(target.sinkError);
    }
    if (code == CURLE_WRITE_ERROR && target.sinkStopped) {
        throw ApiError(ApiError::Kind::Cancelled, "the receiver of the answer stopped it");
    }
    if (code != CURLE_OK) {
        ThrowForCurl(curl, code, errorBuffer);
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    result.status = static_cast<int>(status);
    const char* type = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) {
        result.contentType = type;
    }
    return result;
}

} // namespace resv::client
