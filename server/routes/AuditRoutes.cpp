// /api/v1/audit-events: the usage history (利用履歴, A.12.4.1/A.12.4.4) — list, count, CSV export
// and chain verification.

#include "audit/AuditService.h"
#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Page.h"
#include "resv/model/Problem.h"
#include "routes/RouteSupport.h"

#include <charconv>

namespace resv::server::routes {
namespace {

namespace ec = model::error_code;
using auth::Caller;
using http::Request;
using http::Response;

constexpr std::size_t kMaxTextFilter = 200;

[[noreturn]] void ThrowInvalid(const std::string& field, const std::string& message) {
    throw http::HttpError(400, ec::kInvalidField, message + ".",
                          {{field, "invalid_value", message}});
}

std::optional<std::string> QueryValue(const Request& request, const char* name) {
    const auto it = request.query.find(name);
    return it == request.query.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<std::int64_t> ParseInt64(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<model::TimePoint> TimeParameter(const Request& request, const char* name) {
    const auto text = QueryValue(request, name);
    if (!text || text->empty()) {
        return std::nullopt;
    }
    const auto time = model::ParseRfc3339(*text);
    if (!time) {
        ThrowInvalid(name,
                     std::string(name) + " must be an RFC 3339 time, such as 2026-11-27T15:00:00Z");
    }
    return time;
}

std::string TextParameter(const Request& request, const char* name) {
    std::string text = QueryValue(request, name).value_or("");
    if (text.size() > kMaxTextFilter) {
        ThrowInvalid(name, std::string(name) + " may be at most 200 bytes");
    }
    return text;
}

audit::AuditFilter Filter(const Request& request) {
    audit::AuditFilter filter;
    filter.from = TimeParameter(request, "from");
    filter.to = TimeParameter(request, "to");
    filter.actor = TextParameter(request, "actor");
    filter.action = TextParameter(request, "action");
    filter.targetType = TextParameter(request, "target_type");
    filter.q = TextParameter(request, "q");
    if (const auto result = QueryValue(request, "result"); result && !result->empty()) {
        filter.result = model::ParseAuditResult(*result);
        if (!filter.result) {
            ThrowInvalid("result", "result must be success, denied or failed");
        }
    }
    return filter;
}

bool Descending(const Request& request) {
    const std::string order = QueryValue(request, "order").value_or("desc");
    if (order != "asc" && order != "desc") {
        ThrowInvalid("order", "order must be asc or desc");
    }
    return order == "desc";
}

audit::AuditPaging Paging(const Request& request) {
    audit::AuditPaging paging;
    paging.descending = Descending(request);
    if (const auto limit = QueryValue(request, "limit")) {
        const auto value = ParseInt64(*limit);
        if (!value || *value < 1 || *value > facilities::kMaxPageLimit) {
            ThrowInvalid("limit", "limit must be 1 to 500");
        }
        paging.limit = static_cast<int>(*value);
    }
    if (const auto offset = QueryValue(request, "offset")) {
        paging.offset = ParseInt64(*offset);
        if (!paging.offset || *paging.offset < 0) {
            ThrowInvalid("offset", "offset must be a whole number of 0 or more");
        }
    }
    if (const auto cursor = QueryValue(request, "cursor")) {
        paging.after = audit::AuditCursor::Decode(*cursor);
        if (!paging.after) {
            throw http::HttpError(400, ec::kInvalidCursor, "The cursor is not one this list gave.");
        }
        if (paging.offset) {
            ThrowInvalid("offset", "offset cannot be combined with cursor");
        }
    }
    return paging;
}

audit::ExportEncoding Encoding(const Request& request) {
    const std::string encoding = QueryValue(request, "encoding").value_or("utf-8");
    if (encoding == "utf-8") {
        return audit::ExportEncoding::Utf8WithBom;
    }
    if (encoding == "cp932") {
        return audit::ExportEncoding::Cp932;
    }
    ThrowInvalid("encoding", "encoding must be utf-8 or cp932");
}

} // namespace

void AddAuditRoutes(http::Router& router, const ResourceServices& services) {
    auth::AuthService& auth = services.auth;
    audit::AuditService& history = services.audit;
    router.Add("GET", "/api/v1/audit-events",
               WithCaller(auth, [&history](const Caller& caller, const Request& request) {
                   const auto filter = Filter(request);
                   const auto paging = Paging(request);
                   return Response::Json(200, model::Json(history.List(caller, filter, paging)));
               }));
    router.Add("GET", "/api/v1/audit-events/count",
               WithCaller(auth, [&history](const Caller& caller, const Request& request) {
                   return Response::Json(200, model::Json(history.Count(caller, Filter(request))));
               }));
    router.Add("GET", "/api/v1/audit-events/verify",
               WithCaller(auth, [&history](const Caller& caller, const Request&) {
                   return Response::Json(200, model::Json(history.Verify(caller)));
               }));
    router.Add("GET", "/api/v1/audit-events/export.csv",
               WithCaller(auth, [&history](const Caller& caller, const Request& request) {
                   const auto filter = Filter(request);
                   const bool descending = Descending(request);
                   const auto encoding = Encoding(request);
                   Response response;
                   response.status = 200;
                   response.contentType = encoding == audit::ExportEncoding::Cp932
                                              ? "text/csv; charset=Shift_JIS"
                                              : "text/csv; charset=utf-8";
                   response.SetHeader("Content-Disposition",
                                      "attachment; filename=\"usage-history.csv\"");
                   response.stream = history.Export(caller, filter, descending, encoding);
                   return response;
               }));
}

} // namespace resv::server::routes
