#pragma once
// The one error the client throws. The console turns it into a translated message in one place.

#include "resv/model/Problem.h"

#include <stdexcept>
#include <string>

namespace resv::client {

class ApiError : public std::runtime_error {
public:
    enum class Kind {
        Network,     ///< could not connect, timed out, connection dropped
        Certificate, ///< the server's certificate is not trusted, expired, wrong host or wrong pin
        Tls,         ///< the TLS handshake failed (e.g. the server offers only TLS < 1.2)
        Http,        ///< the server answered with an error status; see Status() and Code()
        Parse,       ///< the answer was not what the API describes
        Cancelled,   ///< the caller cancelled the request
    };

    /// Why a certificate was not trusted, so the console can say it in the user's words.
    enum class CertificateReason {
        None,
        UnknownIssuer,    ///< signed by a CA this PC does not trust (e.g. the demo CA not given)
        Expired,          ///< the certificate's validity has ended
        NotYetValid,      ///< the certificate is not valid yet (check the PC's clock)
        HostnameMismatch, ///< issued for another host name
        PinMismatch,      ///< the server's key is not the pinned one
        Revoked,
        Other,
    };

    /// `detail` is technical text for the log (never shown as is, never a secret).
    ApiError(Kind kind, std::string detail,
             CertificateReason certificateReason = CertificateReason::None);
    /// An HTTP error with its problem details.
    explicit ApiError(model::Problem problem);

    Kind GetKind() const { return m_kind; }
    int Status() const { return m_problem.status; }
    /// The problem's `code` ("invalid_credentials", ...); empty unless Kind::Http.
    const std::string& Code() const { return m_problem.code; }
    const model::Problem& Problem() const { return m_problem; }
    const std::string& Detail() const { return m_detail; }
    CertificateReason GetCertificateReason() const { return m_certificateReason; }

private:
    Kind m_kind;
    std::string m_detail;
    model::Problem m_problem;
    CertificateReason m_certificateReason = CertificateReason::None;
};

std::string_view ToString(ApiError::Kind kind);

} // namespace resv::client
