#include "accounts/AccountList.h"

#include "http/Problem.h"
#include "resv/model/Facility.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "util/Crypto.h"

#include <sodium.h>

#include <array>

namespace resv::server::accounts {
namespace {

namespace ec = model::error_code;
using storage::AccountSortKey;

constexpr std::size_t kMaxSearchLength = 100;

constexpr std::array<std::pair<const char*, AccountSortKey>, 4> kSortKeys{{
    {"login_id", AccountSortKey::LoginId},
    {"display_name", AccountSortKey::DisplayName},
    {"last_login_at", AccountSortKey::LastLoginAt},
    {"status", AccountSortKey::Status},
}};

const char* SortName(AccountSortKey key) {
    for (const auto& [name, k] : kSortKeys) {
        if (k == key) {
            return name;
        }
    }
    return "login_id";
}

[[noreturn]] void ThrowInvalidParameter(const std::string& field, const std::string& message) {
    throw http::HttpError(400, ec::kInvalidField, message, {{field, "invalid_value", message}});
}

[[noreturn]] void ThrowInvalidCursor() {
    throw http::HttpError(400, ec::kInvalidCursor, "The cursor is not one this list gave.");
}

std::string SortToken(const storage::AccountListQuery& query) {
    return std::string(query.descending ? "-" : "") + SortName(query.sort);
}

std::optional<std::string> DecodeBase64Url(const std::string& text) {
    util::EnsureSodium();
    std::string bytes(text.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(),
                          text.data(), text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
        return std::nullopt;
    }
    bytes.resize(length);
    return bytes;
}

storage::AccountListQuery::After DecodeCursor(const std::string& cursor,
                                              const storage::AccountListQuery& query) {
    const auto text = DecodeBase64Url(cursor);
    if (!text) {
        ThrowInvalidCursor();
    }
    const model::Json j = model::Json::parse(*text, nullptr, false);
    if (!j.is_object() || j.value("s", model::Json()) != SortToken(query) || !j.contains("k") ||
        !j.contains("id") || !j.at("id").is_string() || j.at("id").get<std::string>().empty()) {
        ThrowInvalidCursor();
    }
    storage::AccountListQuery::After after;
    after.id = j.at("id").get<std::string>();
    const model::Json& key = j.at("k");
    const bool timeKey = query.sort == AccountSortKey::LastLoginAt;
    if (timeKey && key.is_number_integer()) {
        after.intKey = key.get<std::int64_t>();
    } else if (!timeKey && key.is_string()) {
        after.textKey = key.get<std::string>();
    } else if (!(timeKey && key.is_null())) {
        ThrowInvalidCursor();
    }
    return after;
}

} // namespace

storage::AccountListQuery ToListQuery(const AccountListParams& params,
                                      const std::string& tenantId) {
    storage::AccountListQuery query;
    query.tenantId = tenantId;
    query.limit = params.limit + 1;
    if (!model::IsValidUtf8(params.q) || model::CountCharacters(params.q) > kMaxSearchLength) {
        ThrowInvalidParameter("q", "q must be UTF-8 text of at most 100 characters");
    }
    query.search = params.q;
    if (params.role && !params.role->empty()) {
        query.role = *params.role;
    }
    if (params.status && !params.status->empty()) {
        query.status = model::AccountStatusFromString(*params.status);
        if (!query.status) {
            ThrowInvalidParameter("status", "status must be active, disabled or locked");
        }
    }
    std::string sort = params.sort;
    if (!sort.empty() && sort.front() == '-') {
        query.descending = true;
        sort.erase(0, 1);
    }
    if (!sort.empty()) {
        bool known = false;
        for (const auto& [name, key] : kSortKeys) {
            if (sort == name) {
                query.sort = key;
                known = true;
            }
        }
        if (!known) {
            ThrowInvalidParameter(
                "sort", "sort must be login_id, display_name, last_login_at or status, "
                        "with - in front for descending");
        }
    }
    if (params.cursor) {
        query.after = DecodeCursor(*params.cursor, query);
    }
    return query;
}

std::string CursorAfter(const storage::AccountListQuery& query,
                        const storage::AccountRecord& last) {
    model::Json key;
    switch (query.sort) {
    case AccountSortKey::LoginId:
        key = last.loginId;
        break;
    case AccountSortKey::DisplayName:
        key = last.displayName;
        break;
    case AccountSortKey::LastLoginAt:
        key = last.lastLoginAt ? model::Json(storage::ToMillis(*last.lastLoginAt))
                               : model::Json(nullptr);
        break;
    case AccountSortKey::Status:
        key = std::string(model::ToString(last.status));
        break;
    }
    const std::string text = model::Json{{"s", SortToken(query)}, {"k", key}, {"id", last.id}}.dump();
    return util::Base64UrlNoPadding(std::vector<unsigned char>(text.begin(), text.end()));
}

} // namespace resv::server::accounts
