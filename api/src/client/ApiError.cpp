#include "resv/client/ApiError.h"

#include <fmt/format.h>

namespace resv::client {
namespace {

std::string Describe(const model::Problem& p) {
    return fmt::format("HTTP {} {}: {}", p.status, p.code.empty() ? "(no code)" : p.code,
                       p.detail.empty() ? p.title : p.detail);
}

} // namespace

ApiError::ApiError(Kind kind, std::string detail, CertificateReason certificateReason)
    : std::runtime_error(fmt::format("{}: {}", ToString(kind), detail))
    , m_kind(kind)
    , m_detail(std::move(detail))
    , m_certificateReason(certificateReason) {}

ApiError::ApiError(model::Problem problem)
    : std::runtime_error(Describe(problem))
    , m_kind(Kind::Http)
    , m_detail(Describe(problem))
    , m_problem(std::move(problem)) {}

std::string_view ToString(ApiError::Kind kind) {
    switch (kind) {
    case ApiError::Kind::Network:
        return "network";
    case ApiError::Kind::Certificate:
        return "certificate";
    case ApiError::Kind::Tls:
        return "tls";
    case ApiError::Kind::Http:
        return "http";
    case ApiError::Kind::Parse:
        return "parse";
    case ApiError::Kind::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

} // namespace resv::client
