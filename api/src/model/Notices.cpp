#include "resv/model/Notices.h"

#include "resv/model/Facility.h"
#include "resv/model/Json.h"
#include "resv/model/Monitoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace resv::model {
namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxText = 10000;
constexpr std::size_t kMaxReason = 1000;
constexpr std::size_t kMaxContacts = 20;
constexpr std::size_t kMaxEmailBytes = 254;

template <typename Enum, std::size_t N>
std::optional<Enum> ParseEnum(std::string_view text, const std::array<Enum, N>& values) {
    for (const Enum value : values) {
        if (ToString(value) == text) {
            return value;
        }
    }
    return std::nullopt;
}

constexpr std::array kSeverities{IncidentSeverity::Minor, IncidentSeverity::Major,
                                 IncidentSeverity::Critical};
constexpr std::array kStatuses{IncidentStatus::Investigating, IncidentStatus::Identified,
                               IncidentStatus::Monitoring, IncidentStatus::Resolved};
constexpr std::array kKinds{NoticeKind::Change, NoticeKind::Maintenance, NoticeKind::Vulnerability};

template <typename Enum, std::size_t N>
void EnumFromJson(const nlohmann::json& j, Enum& out, const std::array<Enum, N>& values,
                  const char* message) {
    const auto parsed = j.is_string() ? ParseEnum(j.get<std::string>(), values) : std::nullopt;
    if (!parsed) {
        throw ValidationError("", "invalid_value", message);
    }
    out = *parsed;
}

std::string TrimSpaces(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

/// A required text of 1–max characters after trimming (the trimmed text is kept).
std::string RequiredText(const Json& j, const char* field, std::size_t max) {
    std::string text = TrimSpaces(Required<std::string>(j, field));
    if (text.empty()) {
        throw ValidationError(field, "required", fmt::format("{} is required", field));
    }
    if (!IsValidUtf8(text) || CountCharacters(text) > max) {
        throw ValidationError(field, "too_long",
                              fmt::format("{} may be at most {} characters", field, max));
    }
    return text;
}

std::optional<std::string> OptionalText(const Json& j, const char* field, std::size_t max) {
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) {
        return std::nullopt;
    }
    return RequiredText(j, field, max);
}

Json AcksJson(const std::vector<Acknowledgement>& acks) {
    Json array = Json::array();
    for (const auto& ack : acks) {
        array.push_back(ack);
    }
    return array;
}

template <typename T>
void PageToJson(nlohmann::json& j, const InboxPage<T>& page) {
    j = Json{{"items", page.items},
             {"next_cursor", page.nextCursor ? Json(*page.nextCursor) : Json(nullptr)},
             {"unread", page.unread}};
}

template <typename T>
void PageFromJson(const nlohmann::json& j, InboxPage<T>& page) {
    InboxPage<T> parsed;
    parsed.items = Required<std::vector<T>>(j, "items");
    parsed.nextCursor = Optional<std::string>(j, "next_cursor");
    parsed.unread = Optional<int>(j, "unread").value_or(0);
    page = std::move(parsed);
}

bool IsAtext(char c) {
    static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
    return std::isalnum(static_cast<unsigned char>(c)) || kSpecials.find(c) != std::string::npos;
}

bool IsDomainLabel(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return false;
    }
    return std::all_of(label.begin(), label.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    });
}

} // namespace

std::string_view ToString(IncidentSeverity value) {
    switch (value) {
    case IncidentSeverity::Minor:
        return "minor";
    case IncidentSeverity::Major:
        return "major";
    case IncidentSeverity::Critical:
        return "critical";
    }
    return "minor";
}

std::string_view ToString(IncidentStatus value) {
    switch (value) {
    case IncidentStatus::Investigating:
        return "investigating";
    case IncidentStatus::Identified:
        return "identified";
    case IncidentStatus::Monitoring:
        return "monitoring";
    case IncidentStatus::Resolved:
        return "resolved";
    }
    return "investigating";
}

std::string_view ToString(NoticeKind value) {
    switch (value) {
    case NoticeKind::Change:
        return "change";
    case NoticeKind::Maintenance:
        return "maintenance";
    case NoticeKind::Vulnerability:
        return "vulnerability";
    }
    return "change";
}

std::optional<IncidentSeverity> ParseIncidentSeverity(std::string_view text) {
    return ParseEnum(text, kSeverities);
}

std::optional<IncidentStatus> ParseIncidentStatus(std::string_view text) {
    return ParseEnum(text, kStatuses);
}

std::optional<NoticeKind> ParseNoticeKind(std::string_view text) {
    return ParseEnum(text, kKinds);
}

void to_json(nlohmann::json& j, IncidentSeverity value) {
    j = std::string(ToString(value));
}

void from_json(const nlohmann::json& j, IncidentSeverity& value) {
    EnumFromJson(j, value, kSeverities, "severity must be minor, major or critical");
}

void to_json(nlohmann::json& j, IncidentStatus value) {
    j = std::string(ToString(value));
}

void from_json(const nlohmann::json& j, IncidentStatus& value) {
    EnumFromJson(j, value, kStatuses,
                 "status must be investigating, identified, monitoring or resolved");
}

void to_json(nlohmann::json& j, NoticeKind value) {
    j = std::string(ToString(value));
}

void from_json(const nlohmann::json& j, NoticeKind& value) {
    EnumFromJson(j, value, kKinds, "kind must be change, maintenance or vulnerability");
}

void to_json(nlohmann::json& j, const Acknowledgement& value) {
    j = Json{{"account_id", value.accountId},
             {"login_id", value.loginId},
             {"display_name", value.displayName},
             {"at", FormatRfc3339Utc(value.at)}};
}

void from_json(const nlohmann::json& j, Acknowledgement& value) {
    value.accountId = Required<std::string>(j, "account_id");
    value.loginId = Required<std::string>(j, "login_id");
    value.displayName = Required<std::string>(j, "display_name");
    value.at = RequiredTime(j, "at");
}

void to_json(nlohmann::json& j, const TenantSelection& value) {
    if (value.all) {
        j = "all";
    } else {
        j = value.codes;
    }
}

void from_json(const nlohmann::json& j, TenantSelection& value) {
    TenantSelection parsed;
    if (j.is_string() && j.get<std::string>() == "all") {
        parsed.all = true;
    } else if (j.is_array()) {
        if (j.empty()) {
            throw ValidationError("", "required",
                                  "tenants must name at least one tenant or be \"all\"");
        }
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (!j[i].is_string() || j[i].get<std::string>().empty()) {
                throw ValidationError(fmt::format("[{}]", i), "invalid_type",
                                      "a tenant is given by its code");
            }
            const auto code = j[i].get<std::string>();
            if (std::find(parsed.codes.begin(), parsed.codes.end(), code) == parsed.codes.end()) {
                parsed.codes.push_back(code);
            }
        }
    } else {
        throw ValidationError("", "invalid_type",
                              "tenants must be \"all\" or an array of tenant codes");
    }
    value = std::move(parsed);
}

void to_json(nlohmann::json& j, const IncidentUpdate& value) {
    j = Json{{"at", FormatRfc3339Utc(value.at)},
             {"status", value.status},
             {"message", value.message},
             {"author", value.author}};
}

void from_json(const nlohmann::json& j, IncidentUpdate& value) {
    value.at = RequiredTime(j, "at");
    value.status = Required<IncidentStatus>(j, "status");
    value.message = Required<std::string>(j, "message");
    value.author = Optional<std::string>(j, "author").value_or("");
}

void to_json(nlohmann::json& j, const Incident& value) {
    j = Json{{"id", value.id},
             {"title", value.title},
             {"severity", value.severity},
             {"status", value.status},
             {"tenants", value.tenants},
             {"components", value.components},
             {"detected_at", FormatRfc3339Utc(value.detectedAt)},
             {"notify_by", FormatRfc3339Utc(value.notifyBy)},
             {"published_at", FormatRfc3339Utc(value.publishedAt)},
             {"updated_at", FormatRfc3339Utc(value.updatedAt)},
             {"resolved_at", TimeToJson(value.resolvedAt)},
             {"notified_at", TimeToJson(value.notifiedAt)},
             {"overdue", value.overdue},
             {"updates", value.updates},
             {"acknowledged", value.acknowledged},
             {"acknowledgements", AcksJson(value.acknowledgements)}};
}

void from_json(const nlohmann::json& j, Incident& value) {
    Incident parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.title = Required<std::string>(j, "title");
    parsed.severity = Required<IncidentSeverity>(j, "severity");
    parsed.status = Required<IncidentStatus>(j, "status");
    parsed.tenants = Required<TenantSelection>(j, "tenants");
    parsed.components =
        Optional<std::vector<std::string>>(j, "components").value_or(std::vector<std::string>{});
    parsed.detectedAt = RequiredTime(j, "detected_at");
    parsed.notifyBy = RequiredTime(j, "notify_by");
    parsed.publishedAt = RequiredTime(j, "published_at");
    parsed.updatedAt = RequiredTime(j, "updated_at");
    parsed.resolvedAt = OptionalTime(j, "resolved_at");
    parsed.notifiedAt = OptionalTime(j, "notified_at");
    parsed.overdue = Optional<bool>(j, "overdue").value_or(false);
    parsed.updates =
        Optional<std::vector<IncidentUpdate>>(j, "updates").value_or(std::vector<IncidentUpdate>{});
    parsed.acknowledged = Optional<bool>(j, "acknowledged").value_or(false);
    parsed.acknowledgements = Optional<std::vector<Acknowledgement>>(j, "acknowledgements")
                                  .value_or(std::vector<Acknowledgement>{});
    value = std::move(parsed);
}

void to_json(nlohmann::json& j, const NoticeUpdate& value) {
    j = Json{{"at", FormatRfc3339Utc(value.at)}, {"body", value.body}, {"author", value.author}};
}

void from_json(const nlohmann::json& j, NoticeUpdate& value) {
    value.at = RequiredTime(j, "at");
    value.body = Required<std::string>(j, "body");
    value.author = Optional<std::string>(j, "author").value_or("");
}

void to_json(nlohmann::json& j, const Notice& value) {
    j = Json{{"id", value.id},
             {"kind", value.kind},
             {"title", value.title},
             {"body", value.body},
             {"tenants", value.tenants},
             {"effective_at", FormatRfc3339Utc(value.effectiveAt)},
             {"emergency", value.emergency},
             {"reason", value.reason},
             {"published_at", FormatRfc3339Utc(value.publishedAt)},
             {"updated_at", FormatRfc3339Utc(value.updatedAt)},
             {"notified_at", TimeToJson(value.notifiedAt)},
             {"updates", value.updates},
             {"acknowledged", value.acknowledged},
             {"acknowledgements", AcksJson(value.acknowledgements)}};
}

void from_json(const nlohmann::json& j, Notice& value) {
    Notice parsed;
    parsed.id = Required<std::string>(j, "id");
    parsed.kind = Required<NoticeKind>(j, "kind");
    parsed.title = Required<std::string>(j, "title");
    parsed.body = Required<std::string>(j, "body");
    parsed.tenants = Required<TenantSelection>(j, "tenants");
    parsed.effectiveAt = RequiredTime(j, "effective_at");
    parsed.emergency = Optional<bool>(j, "emergency").value_or(false);
    parsed.reason = Optional<std::string>(j, "reason");
    parsed.publishedAt = RequiredTime(j, "published_at");
    parsed.updatedAt = RequiredTime(j, "updated_at");
    parsed.notifiedAt = OptionalTime(j, "notified_at");
    parsed.updates =
        Optional<std::vector<NoticeUpdate>>(j, "updates").value_or(std::vector<NoticeUpdate>{});
    parsed.acknowledged = Optional<bool>(j, "acknowledged").value_or(false);
    parsed.acknowledgements = Optional<std::vector<Acknowledgement>>(j, "acknowledgements")
                                  .value_or(std::vector<Acknowledgement>{});
    value = std::move(parsed);
}

void to_json(nlohmann::json& j, const InboxPage<Incident>& page) {
    PageToJson(j, page);
}

void from_json(const nlohmann::json& j, InboxPage<Incident>& page) {
    PageFromJson(j, page);
}

void to_json(nlohmann::json& j, const InboxPage<Notice>& page) {
    PageToJson(j, page);
}

void from_json(const nlohmann::json& j, InboxPage<Notice>& page) {
    PageFromJson(j, page);
}

void to_json(nlohmann::json& j, const IncidentInput& value) {
    j = Json{{"title", value.title},           {"severity", value.severity},
             {"status", value.status},         {"tenants", value.tenants},
             {"components", value.components}, {"message", value.message}};
    if (value.detectedAt) {
        j["detected_at"] = FormatRfc3339Utc(*value.detectedAt);
    }
}

void from_json(const nlohmann::json& j, IncidentInput& value) {
    RequireObject(j);
    RejectUnknownFields(
        j, {"title", "severity", "status", "tenants", "components", "message", "detected_at"});
    IncidentInput parsed;
    parsed.title = RequiredText(j, "title", kMaxTitle);
    parsed.severity = Required<IncidentSeverity>(j, "severity");
    parsed.status = Optional<IncidentStatus>(j, "status").value_or(IncidentStatus::Investigating);
    parsed.tenants = Required<TenantSelection>(j, "tenants");
    parsed.components =
        Optional<std::vector<std::string>>(j, "components").value_or(std::vector<std::string>{});
    for (std::size_t i = 0; i < parsed.components.size(); ++i) {
        const auto& ids = ComponentIds();
        if (std::find(ids.begin(), ids.end(), parsed.components[i]) == ids.end()) {
            throw ValidationError(fmt::format("components[{}]", i), "invalid_value",
                                  "components are api, database, terminal_gateway or "
                                  "notifications");
        }
    }
    parsed.message = RequiredText(j, "message", kMaxText);
    parsed.detectedAt = OptionalTime(j, "detected_at");
    value = std::move(parsed);
}

void to_json(nlohmann::json& j, const IncidentPatch& value) {
    j = Json{{"message", value.message}};
    if (value.status) {
        j["status"] = *value.status;
    }
    if (value.severity) {
        j["severity"] = *value.severity;
    }
    if (value.title) {
        j["title"] = *value.title;
    }
}

void from_json(const nlohmann::json& j, IncidentPatch& value) {
    RequireObject(j);
    RejectUnknownFields(j, {"message", "status", "severity", "title"});
    IncidentPatch parsed;
    parsed.message = RequiredText(j, "message", kMaxText);
    parsed.status = Optional<IncidentStatus>(j, "status");
    parsed.severity = Optional<IncidentSeverity>(j, "severity");
    parsed.title = OptionalText(j, "title", kMaxTitle);
    value = std::move(parsed);
}

void to_json(nlohmann::json& j, const NoticeInput& value) {
    j = Json{{"kind", value.kind},
             {"title", value.title},
             {"body", value.body},
             {"tenants", value.tenants},
             {"effective_at", FormatRfc3339Utc(value.effectiveAt)},
             {"emergency", value.emergency}};
    if (value.reason) {
        j["reason"] = *value.reason;
    }
}

void from_json(const nlohmann::json& j, NoticeInput& value) {
    RequireObject(j);
    RejectUnknownFields(
        j, {"kind", "title", "body", "tenants", "effective_at", "emergency", "reason"});
    NoticeInput parsed;
    parsed.kind = Required<NoticeKind>(j, "kind");
    parsed.title = RequiredText(j, "title", kMaxTitle);
    parsed.body = RequiredText(j, "body", kMaxText);
    parsed.tenants = Required<TenantSelection>(j, "tenants");
    parsed.effectiveAt = RequiredTime(j, "effective_at");
    parsed.emergency = Optional<bool>(j, "emergency").value_or(false);
    parsed.reason = OptionalText(j, "reason", kMaxReason);
    if (parsed.emergency && !parsed.reason) {
        throw ValidationError("reason", "required", "an emergency notice needs a reason");
    }
    value = std::move(parsed);
}

void to_json(nlohmann::json& j, const NoticePatch& value) {
    j = Json{{"body", value.body}};
    if (value.title) {
        j["title"] = *value.title;
    }
    if (value.effectiveAt) {
        j["effective_at"] = FormatRfc3339Utc(*value.effectiveAt);
    }
    if (value.emergency) {
        j["emergency"] = *value.emergency;
    }
    if (value.reason) {
        j["reason"] = *value.reason;
    }
}

void from_json(const nlohmann::json& j, NoticePatch& value) {
    RequireObject(j);
    RejectUnknownFields(j, {"body", "title", "effective_at", "emergency", "reason"});
    NoticePatch parsed;
    parsed.body = RequiredText(j, "body", kMaxText);
    parsed.title = OptionalText(j, "title", kMaxTitle);
    parsed.effectiveAt = OptionalTime(j, "effective_at");
    parsed.emergency = Optional<bool>(j, "emergency");
    parsed.reason = OptionalText(j, "reason", kMaxReason);
    value = std::move(parsed);
}

void to_json(nlohmann::json& j, const TenantContacts& value) {
    j = Json{{"emails", value.emails}};
}

void from_json(const nlohmann::json& j, TenantContacts& value) {
    RequireObject(j);
    RejectUnknownFields(j, {"emails"});
    const auto it = j.find("emails");
    if (it == j.end() || !it->is_array()) {
        throw ValidationError("emails", it == j.end() ? "required" : "invalid_type",
                              "emails must be an array of e-mail addresses");
    }
    if (it->size() > kMaxContacts) {
        throw ValidationError("emails", "too_many", "at most 20 contacts");
    }
    TenantContacts parsed;
    std::vector<FieldError> errors;
    std::vector<std::string> lowered;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string field = fmt::format("emails[{}]", i);
        const Json& item = (*it)[i];
        if (!item.is_string()) {
            errors.push_back({field, "invalid_type", "an e-mail address is a string"});
            continue;
        }
        std::string address = TrimSpaces(item.get<std::string>());
        if (!IsValidEmailAddress(address)) {
            errors.push_back({field, "invalid_email", "not an e-mail address"});
            continue;
        }
        std::string lower = address;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (std::find(lowered.begin(), lowered.end(), lower) != lowered.end()) {
            errors.push_back({field, "duplicate", "the same address is given twice"});
            continue;
        }
        lowered.push_back(lower);
        parsed.emails.push_back(std::move(address));
    }
    if (!errors.empty()) {
        throw ValidationError(std::move(errors));
    }
    value = std::move(parsed);
}

bool IsValidEmailAddress(std::string_view address) {
    if (address.empty() || address.size() > kMaxEmailBytes) {
        return false;
    }
    const auto at = address.find('@');
    if (at == std::string_view::npos || at == 0 || address.find('@', at + 1) != std::string::npos) {
        return false;
    }
    const auto local = address.substr(0, at);
    const auto domain = address.substr(at + 1);
    if (local.size() > 64 || local.front() == '.' || local.back() == '.' ||
        local.find("..") != std::string_view::npos) {
        return false;
    }
    if (!std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || IsAtext(c); })) {
        return false;
    }
    if (domain.find('.') == std::string_view::npos) {
        return false;
    }
    std::size_t start = 0;
    while (start <= domain.size()) {
        const auto dot = domain.find('.', start);
        const auto label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (!IsDomainLabel(label)) {
            return false;
        }
        if (dot == std::string_view::npos) {
            break;
        }
        start = dot + 1;
    }
    return true;
}

} // namespace resv::model
