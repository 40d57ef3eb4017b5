#pragma once
// `--demo`, fourth part: what the Notices screen shows on the first start, in Japanese like the
// demo's users: a resolved incident with its timeline (mailed in time), an open one detected two
// hours ago, a maintenance notice ten days ahead, a vulnerability notice, and the demo tenant's
// designated contacts. Made once: nothing is added while any incident or notice exists.

#include "mail/MailOutbox.h"
#include "resv/server/Clock.h"
#include "storage/Database.h"

#include <string>

namespace resv::server::admin {

inline constexpr const char* kDemoContact = "security@demo-hotel.example";

/// Returns the text `--demo` prints (empty when nothing was seeded).
std::string SeedDemoNotices(storage::Database& database, const mail::MailOutbox& outbox,
                            const Clock& clock);

} // namespace resv::server::admin
