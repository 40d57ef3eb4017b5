#include "routes/RouteSupport.h"

#include "http/Problem.h"
#include "resv/model/Problem.h"

#include <charconv>

namespace resv::server::routes {
namespace {

namespace ec = model::error_code;

std::optional<int> ParseInt(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

} // namespace

facilities::PageRequest ParsePage(const http::Request& request, std::string_view idPrefix) {
    facilities::PageRequest page;
    if (const auto it = request.query.find("limit"); it != request.query.end()) {
        const auto limit = ParseInt(it->second);
        if (!limit || *limit < 1 || *limit > facilities::kMaxPageLimit) {
            throw http::HttpError(400, ec::kInvalidField, "limit must be 1 to 500.",
                                  {{"limit", "invalid_value", "limit must be 1 to 500"}});
        }
        page.limit = *limit;
    }
    if (const auto it = request.query.find("cursor"); it != request.query.end()) {
        if (it->second.empty() || it->second.rfind(idPrefix, 0) != 0) {
            throw http::HttpError(400, ec::kInvalidCursor, "The cursor is not one this list gave.");
        }
        page.after = it->second;
    }
    return page;
}

std::optional<int> ParseIfMatch(const http::Request& request) {
    std::string value = request.Header("if-match");
    const auto first = value.find_first_not_of(' ');
    if (first == std::string::npos) {
        return std::nullopt;
    }
    value = value.substr(first, value.find_last_not_of(' ') - first + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
    }
    const auto version = ParseInt(value);
    if (!version || *version < 1) {
        throw http::HttpError(400, ec::kInvalidField,
                              "If-Match must be a configuration version, such as 3.",
                              {{"If-Match", "invalid_value", "If-Match must be a version number"}});
    }
    return version;
}

const std::string& PathId(const http::Request& request) {
    return request.pathParams.at("id");
}

} // namespace resv::server::routes
