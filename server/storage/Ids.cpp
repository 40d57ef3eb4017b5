#include "storage/Ids.h"

#include "util/Crypto.h"

namespace resv::server::storage {

std::string NewId(std::string_view prefix) {
    return std::string(prefix) + util::Base32Lower(util::RandomBytes(16));
}

} // namespace resv::server::storage
