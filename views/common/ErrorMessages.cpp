#include "views/common/ErrorMessages.h"

#include "resv/model/Problem.h"

#include <wx/intl.h>

namespace resv::views {
namespace {

using Kind = client::ApiError::Kind;
using Reason = client::ApiError::CertificateReason;
namespace code = model::error_code;

ErrorMessage Certificate(Reason reason) {
    switch (reason) {
    case Reason::UnknownIssuer:
        return {_("The server's certificate is not trusted: it was issued by a certificate "
                  "authority this PC does not know."),
                _("If this is your organization's own server, start the console with its CA "
                  "certificate (--ca-file). Otherwise do not continue, and contact your "
                  "administrator.")};
    case Reason::Expired:
        return {_("The server's certificate has expired."),
                _("Ask the server's administrator to renew it. If this PC's date is wrong, "
                  "correct it and try again.")};
    case Reason::NotYetValid:
        return {_("The server's certificate is not valid yet."),
                _("Check that this PC's date and time are correct, then try again.")};
    case Reason::HostnameMismatch:
        return {_("The server's certificate was issued for a different host name."),
                _("Check the server URL: it must use the name the certificate was issued for.")};
    case Reason::PinMismatch:
        return {_("The server's key is not the one this console was set up to expect."),
                _("The server may have a new key, or someone may be intercepting the "
                  "connection. Do not continue; contact your administrator.")};
    case Reason::Revoked:
        return {_("The server's certificate has been revoked."),
                _("Do not continue; contact the server's administrator.")};
    case Reason::None:
    case Reason::Other:
        break;
    }
    return {_("The server's certificate is not trusted."),
            _("Contact the server's administrator. The technical details are in the log file.")};
}

ErrorMessage Http(const client::ApiError& error) {
    const std::string& c = error.Code();
    if (c == code::kInvalidCredentials) {
        return {_("The tenant code, login ID or password is not correct."),
                _("Check them, including upper and lower case, and try again.")};
    }
    if (c == code::kSessionExpired) {
        return {_("Your session has ended."),
                _("Sessions end after a while without use, and some hours after logging in. "
                  "Log in again to continue.")};
    }
    if (c == code::kUnauthenticated) {
        return {_("You are no longer logged in."),
                _("The session was ended on the server, for example by logging out or by a "
                  "change to your account. Log in again to continue.")};
    }
    if (c == code::kNotEmpty) {
        // The server's detail says what is left (facilities, terminals); it is data, not prose
        // we could translate, so it is quoted.
        const std::string& detail = error.Problem().detail;
        return {_("It cannot be deleted while it still contains something."),
                detail.empty()
                    ? _("Move or delete what it contains first.")
                    : wxString::Format(_("Move or delete what it contains first. The server says: %s"),
                                       wxString::FromUTF8(detail))};
    }
    if (c == code::kStaleVersion) {
        return {_("Someone else changed this configuration after you started editing it."),
                _("Your edit has been kept and nothing was overwritten. Reload to see the other "
                  "change, check your edit against it, and apply again.")};
    }
    if (c == code::kConflict) {
        return {_("The name is already used."), _("Choose another name and save again.")};
    }
    if (c == code::kNotFound) {
        return {_("The item no longer exists: someone may have deleted it."),
                _("The list will show the current state at the next refresh.")};
    }
    if (c == code::kInvalidField) {
        return {_("Some values were not accepted."), _("Correct the marked fields and try again.")};
    }
    if (c == code::kTooManyRequests) {
        return {_("There have been too many attempts."), _("Wait a minute, then try again.")};
    }
    if (c == code::kForbidden) {
        return {_("You do not have permission to do this."),
                _("Ask your customer manager for the access you need.")};
    }
    if (c == code::kPasswordChangeRequired) {
        return {_("Your password must be changed before you can continue."),
                _("Ask your customer manager how to set a new password.")};
    }
    if (c == code::kInternal || error.Status() >= 500) {
        return {_("The server had a problem and could not complete the request."),
                _("Try again later. If it keeps happening, contact support.")};
    }
    return {wxString::Format(_("The server refused the request (HTTP %d)."), error.Status()),
            _("Try again. If it keeps happening, contact support; the details are in the log "
              "file.")};
}

} // namespace

ErrorMessage DescribeError(const client::ApiError& error) {
    switch (error.GetKind()) {
    case Kind::Network:
        return {_("The server could not be reached."),
                _("Check the server URL, your network connection and that the server is "
                  "running, then try again.")};
    case Kind::Certificate:
        return Certificate(error.GetCertificateReason());
    case Kind::Tls:
        return {_("A secure connection could not be set up: the server's TLS is too old."),
                _("The console needs TLS 1.2 or newer. Ask the server's administrator to enable "
                  "TLS 1.2 or 1.3.")};
    case Kind::Http:
        if (error.Status() == 0 && error.Code() == code::kInternal) {
            // Not from the server: something failed in the console itself.
            return {_("Something went wrong in the console."),
                    _("Try again. If it keeps happening, send the log file to support.")};
        }
        return Http(error);
    case Kind::Parse:
        return {_("The server's answer could not be understood."),
                _("The console and the server may be different versions. Update the console, "
                  "or contact the server's administrator.")};
    case Kind::Cancelled:
        return {_("The request was cancelled."), {}};
    }
    return {_("Something went wrong in the console."),
            _("Try again. If it keeps happening, send the log file to support.")};
}

} // namespace resv::views
