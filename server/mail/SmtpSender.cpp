#include "mail/SmtpSender.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace resv::server::mail {
namespace {

struct EasyDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using StringList = std::unique_ptr<curl_slist, ListDeleter>;

void EnsureCurl() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw std::runtime_error("libcurl could not be initialised");
        }
    });
}

/// The message, handed to curl piece by piece.
struct Upload {
    const std::string& text;
    std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* userData) {
    auto& upload = *static_cast<Upload*>(userData);
    const std::size_t n = std::min(size * count, upload.text.size() - upload.offset);
    std::memcpy(buffer, upload.text.data() + upload.offset, n);
    upload.offset += n;
    return n;
}

int Progress(void* userData, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const std::atomic<bool>*>(userData)->load() ? 1 : 0;
}

/// Sets an option; a failure here is a libcurl built without what we need, not a mail problem.
template <typename T>
void Set(CURL* curl, CURLoption option, T value) {
    const CURLcode code = curl_easy_setopt(curl, option, value);
    if (code != CURLE_OK) {
        throw MailSendError(
            fmt::format("libcurl refused an SMTP option: {}", curl_easy_strerror(code)));
    }
}

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// Where the authority of `url` starts and ends (after "scheme://", before '/', '?' or '#').
std::pair<std::size_t, std::size_t> Authority(const std::string& url) {
    const auto scheme = url.find("://");
    const std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
    const auto end = url.find_first_of("/?#", start);
    return {start, end == std::string::npos ? url.size() : end};
}

} // namespace

std::string SmtpScheme(const std::string& url) {
    const std::string lower = Lower(url.substr(0, url.find("://")));
    if (url.find("://") == std::string::npos || (lower != "smtp" && lower != "smtps")) {
        return {};
    }
    return lower;
}

bool UrlHasUserinfo(const std::string& url) {
    const auto [start, end] = Authority(url);
    return url.substr(start, end - start).find('@') != std::string::npos;
}

std::string UrlWithoutUserinfo(const std::string& url) {
    const auto [start, end] = Authority(url);
    const auto at = url.substr(start, end - start).rfind('@');
    if (at == std::string::npos) {
        return url;
    }
    return url.substr(0, start) + url.substr(start + at + 1);
}

SmtpSender::SmtpSender(SmtpSettings settings)
    : m_settings(std::move(settings)) {
    if (SmtpScheme(m_settings.url).empty()) {
        throw std::invalid_argument("the mail server URL must start with smtp:// or smtps://");
    }
    EnsureCurl();
}

bool SmtpSender::TlsRequired() const {
    // Credentials never travel in plain text either.
    return m_settings.requireTls || SmtpScheme(m_settings.url) == "smtps" ||
           !m_settings.user.empty();
}

std::string SmtpSender::Describe() const {
    const std::string how = SmtpScheme(m_settings.url) == "smtps" ? "TLS"
                            : TlsRequired()                       ? "STARTTLS required"
                                                                  : "STARTTLS when offered";
    return fmt::format("{} ({}{})", UrlWithoutUserinfo(m_settings.url), how,
                       m_settings.user.empty() ? "" : ", as " + m_settings.user);
}

void SmtpSender::Send(const Envelope& envelope, const std::string& message,
                      const std::atomic<bool>& cancel) {
    EasyHandle easy(curl_easy_init());
    if (!easy) {
        throw MailSendError("libcurl could not make a handle");
    }
    CURL* curl = easy.get();
    StringList recipients;
    for (const std::string& address : envelope.to) {
        curl_slist* appended = curl_slist_append(recipients.get(), ("<" + address + ">").c_str());
        if (!appended) {
            throw MailSendError("out of memory for the recipients");
        }
        recipients.release();
        recipients.reset(appended);
    }
    Upload upload{message};
    char errors[CURL_ERROR_SIZE] = {};
    Set(curl, CURLOPT_ERRORBUFFER, errors);
    Set(curl, CURLOPT_URL, m_settings.url.c_str());
    Set(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    Set(curl, CURLOPT_NOSIGNAL, 1L);
    Set(curl, CURLOPT_USE_SSL,
        TlsRequired() ? static_cast<long>(CURLUSESSL_ALL) : static_cast<long>(CURLUSESSL_TRY));
    Set(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    Set(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    Set(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (m_settings.caFile) {
        Set(curl, CURLOPT_CAINFO, m_settings.caFile->c_str());
    }
    if (!m_settings.user.empty()) {
        Set(curl, CURLOPT_USERNAME, m_settings.user.c_str());
        Set(curl, CURLOPT_PASSWORD, m_settings.password.c_str());
    }
    Set(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(m_settings.connectTimeout.count()));
    Set(curl, CURLOPT_TIMEOUT, static_cast<long>(m_settings.timeout.count()));
    Set(curl, CURLOPT_MAIL_FROM, ("<" + envelope.from + ">").c_str());
    Set(curl, CURLOPT_MAIL_RCPT, recipients.get());
    Set(curl, CURLOPT_UPLOAD, 1L);
    Set(curl, CURLOPT_READFUNCTION, &ReadUpload);
    Set(curl, CURLOPT_READDATA, &upload);
    Set(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    Set(curl, CURLOPT_NOPROGRESS, 0L);
    Set(curl, CURLOPT_XFERINFOFUNCTION, &Progress);
    Set(curl, CURLOPT_XFERINFODATA, &cancel);

    const CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) {
        return;
    }
    if (code == CURLE_ABORTED_BY_CALLBACK && cancel.load()) {
        throw MailSendCancelled();
    }
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    std::string reason = errors[0] != '\0' ? errors : curl_easy_strerror(code);
    if (!m_settings.password.empty()) { // curl never says it; make sure of it
        for (auto at = reason.find(m_settings.password); at != std::string::npos;
             at = reason.find(m_settings.password)) {
            reason.replace(at, m_settings.password.size(), "***");
        }
    }
    throw MailSendError(reply != 0 ? fmt::format("{} (SMTP reply {})", reason, reply) : reason);
}

} // namespace resv::server::mail
