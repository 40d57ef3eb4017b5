#pragma once
// `--demo`: the tenants and logins of the demo and of the GUI tests (issue 2), seeded once.

#include "admin/AdminService.h"

#include <string>

namespace resv::server::admin {

/// Creates whatever of the demo is missing (existing tenants and accounts are left as they are)
/// and returns the text that lists the logins.
std::string SeedDemo(AdminService& admin);

} // namespace resv::server::admin
