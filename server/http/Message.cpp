#include "http/Message.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace resv::server::http {

std::string ToLowerAscii(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return lower;
}

std::string Request::Header(std::string_view name) const {
    const auto it = headers.find(ToLowerAscii(name));
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::MediaType() const {
    std::string type = Header("content-type");
    type = type.substr(0, type.find(';'));
    const auto first = type.find_first_not_of(" \t");
    const auto last = type.find_last_not_of(" \t");
    if (first == std::string::npos) {
        return std::string();
    }
    return ToLowerAscii(type.substr(first, last - first + 1));
}

Response Response::Json(int status, const nlohmann::json& body) {
    Response response;
    response.status = status;
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    response.contentType = "application/json";
    return response;
}

Response Response::NoContent() {
    Response response;
    response.status = 204;
    return response;
}

void Response::SetHeader(std::string name, std::string value) {
    const std::string lower = ToLowerAscii(name);
    std::erase_if(headers, [&](const auto& header) { return ToLowerAscii(header.first) == lower; });
    headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::FindHeader(std::string_view name) const {
    const std::string lower = ToLowerAscii(name);
    for (const auto& [key, value] : headers) {
        if (ToLowerAscii(key) == lower) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace resv::server::http
