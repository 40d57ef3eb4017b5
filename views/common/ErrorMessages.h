#pragma once
// The one place that turns an ApiError into words for the user: what happened, and what to do.
// The technical detail goes to the log, never into these messages.

#include "resv/client/ApiError.h"

#include <wx/string.h>

namespace resv::views {

struct ErrorMessage {
    wxString what;   ///< what happened, one sentence
    wxString advice; ///< what the user can do about it

    /// Both, one line each.
    wxString Full() const { return advice.empty() ? what : what + wxS("\n") + advice; }
};

ErrorMessage DescribeError(const client::ApiError& error);

} // namespace resv::views
