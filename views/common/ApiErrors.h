#pragma once
// Every failure a job reports becomes one ApiError, so the console has one place
// (ErrorMessages) that turns it into words.

#include "resv/client/ApiError.h"

#include <exception>

namespace resv::views {

/// The ApiError a job threw; anything else becomes an `internal_error` with the text for the log.
client::ApiError ToApiError(const std::exception_ptr& error);

/// The server no longer accepts the session: the user has to log in again.
bool EndsSession(const client::ApiError& error);

/// An error built from a problem code, for places that know the code without an HTTP answer.
client::ApiError ProblemError(int status, const char* code, const char* detail);

} // namespace resv::views
