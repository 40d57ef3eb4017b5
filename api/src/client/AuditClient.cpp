// ApiClient's calls for the usage history (利用履歴): list, count, verify and the streamed CSV
// export.

#include "HttpSession.h"
#include "Parsing.h"
#include "resv/client/ApiClient.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <system_error>

namespace resv::client {
namespace {

using detail::Parse;
using detail::PercentEncode;

constexpr const char* kAuditEvents = "/api/v1/audit-events";

/// Verifying recomputes every hash of the tenant's chain: tens of seconds at a million events.
constexpr std::chrono::minutes kVerifyTimeout{5};

/// The export has no total timeout (a million rows take a while); it fails only when the server
/// sends nothing for this long, which a filter matching few rows of many never comes near.
constexpr StallLimit kExportStallLimit{1, std::chrono::seconds(120)};

/// How often the export's progress callback may run: often enough for a progress bar, rarely
/// enough that a fast download is not slowed down by the dialog it updates.
constexpr std::chrono::milliseconds kProgressInterval{100};

class QueryBuilder {
public:
    void Add(const char* key, const std::string& value) {
        m_out += m_out.empty() ? '?' : '&';
        m_out += key;
        m_out += '=';
        m_out += PercentEncode(value);
    }
    void AddIfSet(const char* key, const std::string& value) {
        if (!value.empty()) {
            Add(key, value);
        }
    }
    std::string Take() { return std::move(m_out); }

private:
    std::string m_out;
};

/// The filters /audit-events, /count and /export.csv share.
void AddFilters(QueryBuilder& out, const AuditQuery& query) {
    if (query.from) {
        out.Add("from", model::FormatRfc3339Utc(*query.from));
    }
    if (query.to) {
        out.Add("to", model::FormatRfc3339Utc(*query.to));
    }
    out.AddIfSet("actor", query.actor);
    out.AddIfSet("action", query.action);
    if (query.result) {
        out.Add("result", model::ToString(*query.result));
    }
    out.AddIfSet("target_type", query.targetType);
    out.AddIfSet("q", query.q);
}

void AddOrder(QueryBuilder& out, const AuditQuery& query) {
    out.Add("order", query.descending ? "desc" : "asc");
}

/// Counts a CSV's data rows as its bytes arrive: the line ends after the header's, and a last
/// line without one.
class RowCounter {
public:
    void Add(std::string_view chunk) {
        if (chunk.empty()) {
            return;
        }
        m_lineEnds += std::count(chunk.begin(), chunk.end(), '\n');
        m_openLine = chunk.back() != '\n';
    }
    std::int64_t Rows() const { return std::max<std::int64_t>(0, m_lineEnds + m_openLine - 1); }

private:
    std::int64_t m_lineEnds = 0;
    bool m_openLine = false;
};

/// Calls the caller's progress callback at most every kProgressInterval, and at the end.
class ProgressThrottle {
public:
    explicit ProgressThrottle(const ExportProgress& progress)
        : m_progress(progress) {}

    /// False when the callback asked to cancel.
    bool Tick(std::int64_t rows) {
        const auto now = std::chrono::steady_clock::now();
        if (m_called && now - m_last < kProgressInterval) {
            return true;
        }
        m_called = true;
        m_last = now;
        return Report(rows);
    }
    bool Finish(std::int64_t rows) { return Report(rows); }

private:
    bool Report(std::int64_t rows) const { return !m_progress || m_progress(rows); }

    const ExportProgress& m_progress;
    bool m_called = false;
    std::chrono::steady_clock::time_point m_last;
};

/// The export's temporary file next to the target ("<name>.part", so the rename stays on one
/// file system): renamed over the target when complete, removed in every other case, so a
/// failed or cancelled export leaves no file behind and an earlier export untouched.
class PartFile {
public:
    explicit PartFile(std::filesystem::path target)
        : m_target(std::move(target))
        , m_part(m_target.string() + ".part")
        , m_out(OpenForWriting(m_part)) {
        if (!m_out) {
            Fail("cannot create the export file");
        }
    }
    ~PartFile() {
        if (!m_committed) {
            m_out.close();
            std::error_code ignored;
            std::filesystem::remove(m_part, ignored);
        }
    }
    PartFile(const PartFile&) = delete;
    PartFile& operator=(const PartFile&) = delete;

    void Write(std::string_view chunk) {
        errno = 0;
        m_out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        if (!m_out) {
            Fail("cannot write the export file");
        }
    }

    void Commit() {
        errno = 0;
        m_out.close();
        if (!m_out) {
            Fail("cannot write the export file");
        }
        std::filesystem::rename(m_part, m_target);
        m_committed = true;
    }

private:
    static std::ofstream OpenForWriting(const std::filesystem::path& path) {
        errno = 0;
        return std::ofstream(path, std::ios::binary | std::ios::trunc);
    }

    [[noreturn]] void Fail(const char* what) const {
        const int error = errno != 0 ? errno : EIO;
        throw std::filesystem::filesystem_error(what, m_part,
                                                std::error_code(error, std::generic_category()));
    }

    std::filesystem::path m_target;
    std::filesystem::path m_part;
    std::ofstream m_out;
    bool m_committed = false;
};

} // namespace

std::string ToQueryString(const AuditQuery& query) {
    QueryBuilder out;
    AddFilters(out, query);
    AddOrder(out, query);
    if (query.cursor) {
        out.Add("cursor", *query.cursor);
    }
    if (query.offset) {
        out.Add("offset", std::to_string(*query.offset));
    }
    out.Add("limit", std::to_string(query.limit));
    return out.Take();
}

model::Page<model::AuditEvent> ApiClient::ListAuditEvents(const AuditQuery& query) {
    return Parse<model::Page<model::AuditEvent>>(Send("GET", kAuditEvents + ToQueryString(query)),
                                                 "audit events");
}

model::AuditCount ApiClient::CountAuditEvents(const AuditQuery& query) {
    QueryBuilder filters;
    AddFilters(filters, query);
    return Parse<model::AuditCount>(
        Send("GET", std::string(kAuditEvents) + "/count" + filters.Take()), "audit event count");
}

model::AuditVerification ApiClient::VerifyAuditLog() {
    struct LongerTimeout {
        HttpSession& http;
        ~LongerTimeout() { http.SetRequestTimeout(std::nullopt); }
    } longer{*m_http};
    m_http->SetRequestTimeout(kVerifyTimeout);
    return Parse<model::AuditVerification>(Send("GET", std::string(kAuditEvents) + "/verify"),
                                           "audit verification");
}

void ApiClient::ExportAuditCsv(const AuditQuery& query, CsvEncoding encoding,
                               const std::filesystem::path& file, const ExportProgress& progress) {
    QueryBuilder params;
    AddFilters(params, query);
    AddOrder(params, query);
    params.Add("encoding", encoding == CsvEncoding::ShiftJis ? "cp932" : "utf-8");
    const std::string url = m_options.baseUrl + kAuditEvents + "/export.csv" + params.Take();

    // Created before the request, so that a folder that cannot be written fails without an
    // export being recorded on the server.
    PartFile part(file);
    RowCounter rows;
    ProgressThrottle throttle(progress);
    const BodySink sink = [&](std::string_view chunk) {
        part.Write(chunk);
        rows.Add(chunk);
        return throttle.Tick(rows.Rows());
    };
    const HttpResult result = m_http->PerformStreamed(url, "text/csv, application/problem+json",
                                                      m_token, sink, kExportStallLimit);
    if (result.status < 200 || result.status >= 300) {
        throw ApiError(detail::ProblemFrom(result));
    }
    if (result.contentType.rfind("text/csv", 0) != 0) {
        throw ApiError(ApiError::Kind::Parse,
                       "the audit export answered " +
                           (result.contentType.empty() ? "no type" : result.contentType) +
                           " instead of text/csv");
    }
    if (!throttle.Finish(rows.Rows())) {
        throw ApiError(ApiError::Kind::Cancelled, "the export was cancelled");
    }
    part.Commit();
}

} // namespace resv::client
