#pragma once
// Opaque ids: a short prefix that says what it names, then 128 random bits in base32
// ("acc_5f3q..."). Random, so they reveal neither order nor count.

#include <string>
#include <string_view>

namespace resv::server::storage {

namespace id_prefix {
inline constexpr std::string_view kTenant = "ten_";
inline constexpr std::string_view kAccount = "acc_";
inline constexpr std::string_view kSession = "ses_";
inline constexpr std::string_view kJurisdiction = "jur_";
inline constexpr std::string_view kFacility = "fac_";
inline constexpr std::string_view kTerminal = "trm_";
inline constexpr std::string_view kIncident = "inc_";
inline constexpr std::string_view kNotice = "ntc_";
inline constexpr std::string_view kMail = "mail_";
} // namespace id_prefix

std::string NewId(std::string_view prefix);

} // namespace resv::server::storage
