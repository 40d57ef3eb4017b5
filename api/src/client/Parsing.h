#pragma once
// Helpers shared by the client's typed calls.

#include "resv/client/ApiError.h"
#include "resv/model/Json.h"

#include <fmt/format.h>

#include <cctype>
#include <string>
#include <vector>

namespace resv::client {
struct HttpResult;
} // namespace resv::client

namespace resv::client::detail {

/// The problem details of an error answer; a synthetic one when the body is not a problem.
model::Problem ProblemFrom(const HttpResult& result);

/// RFC 3986 percent-encoding of everything but unreserved characters (ids, cursors, queries).
inline std::string PercentEncode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0x0F];
        }
    }
    return out;
}

/// The answer as T; anything that does not fit is a Parse error.
template <typename T>
T Parse(const model::Json& json, const char* what) {
    try {
        return json.get<T>();
    } catch (const model::ValidationError& e) {
        throw ApiError(ApiError::Kind::Parse, fmt::format("{}: {}", what, e.what()));
    } catch (const std::exception& e) {
        throw ApiError(ApiError::Kind::Parse, fmt::format("{}: {}", what, e.what()));
    }
}

template <typename T>
std::vector<T> ParseAll(const std::vector<model::Json>& items, const char* what) {
    std::vector<T> out;
    out.reserve(items.size());
    for (const auto& item : items) {
        out.push_back(Parse<T>(item, what));
    }
    return out;
}

} // namespace resv::client::detail
