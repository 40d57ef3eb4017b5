#pragma once
// Incidents (A.16.1.1: notified within 72 hours of detection) and notices (A.12.1.2 changes and
// maintenance announced in advance, A.12.6.1 vulnerabilities), as /api/v1/incidents and
// /api/v1/notices carry them, and the tenant's designated contacts who receive them by e-mail.

#include "resv/model/Time.h"

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resv::model {

/// The whitepaper's target: notified within 72 hours of detection.
inline constexpr std::chrono::hours kIncidentNotifyWithin{72};
/// A change or maintenance notice is published at least this long before it takes effect, unless
/// it is an emergency with a reason.
inline constexpr std::chrono::days kNoticeLeadTime{7};

enum class IncidentSeverity { Minor, Major, Critical };
enum class IncidentStatus { Investigating, Identified, Monitoring, Resolved };
enum class NoticeKind { Change, Maintenance, Vulnerability };

std::string_view ToString(IncidentSeverity value); ///< "minor", "major", "critical"
std::string_view ToString(IncidentStatus value);   ///< "investigating", …, "resolved"
std::string_view ToString(NoticeKind value);       ///< "change", "maintenance", "vulnerability"
std::optional<IncidentSeverity> ParseIncidentSeverity(std::string_view text);
std::optional<IncidentStatus> ParseIncidentStatus(std::string_view text);
std::optional<NoticeKind> ParseNoticeKind(std::string_view text);
void to_json(nlohmann::json& j, IncidentSeverity value);
void from_json(const nlohmann::json& j, IncidentSeverity& value);
void to_json(nlohmann::json& j, IncidentStatus value);
void from_json(const nlohmann::json& j, IncidentStatus& value);
void to_json(nlohmann::json& j, NoticeKind value);
void from_json(const nlohmann::json& j, NoticeKind& value);

/// Who acknowledged, as they were then.
struct Acknowledgement {
    std::string accountId;
    std::string loginId;
    std::string displayName;
    TimePoint at{};

    bool operator==(const Acknowledgement&) const = default;
};

/// The tenants an incident or notice concerns: every tenant, or these codes. On the wire either
/// the string "all" or an array of tenant codes. A customer's answers show only its own code.
struct TenantSelection {
    bool all = false;
    std::vector<std::string> codes;

    bool operator==(const TenantSelection&) const = default;
};

/// One entry of an incident's timeline: the status it moved to and what was said.
struct IncidentUpdate {
    TimePoint at{};
    IncidentStatus status = IncidentStatus::Investigating;
    std::string message;
    std::string author; ///< the operator's display name

    bool operator==(const IncidentUpdate&) const = default;
};

struct Incident {
    std::string id;
    std::string title;
    IncidentSeverity severity = IncidentSeverity::Minor;
    IncidentStatus status = IncidentStatus::Investigating; ///< the latest update's
    TenantSelection tenants;
    std::vector<std::string> components; ///< component ids (Monitoring.h)
    TimePoint detectedAt{};
    TimePoint notifyBy{}; ///< detectedAt + 72 h
    TimePoint publishedAt{};
    TimePoint updatedAt{};
    std::optional<TimePoint> resolvedAt;
    /// When the first e-mail about it reached the mail server for the caller's tenant (for an
    /// operator outside tenants: for every tenant concerned); null while none has.
    std::optional<TimePoint> notifiedAt;
    /// Not notified by notify_by.
    bool overdue = false;
    std::vector<IncidentUpdate> updates;           ///< oldest first; the first is the publication
    bool acknowledged = false;                     ///< by the calling account
    std::vector<Acknowledgement> acknowledgements; ///< the caller's tenant's, oldest first

    bool operator==(const Incident&) const = default;
};

/// A follow-up of a notice.
struct NoticeUpdate {
    TimePoint at{};
    std::string body;
    std::string author;

    bool operator==(const NoticeUpdate&) const = default;
};

struct Notice {
    std::string id;
    NoticeKind kind = NoticeKind::Change;
    std::string title;
    std::string body;
    TenantSelection tenants;
    TimePoint effectiveAt{};
    bool emergency = false;
    std::optional<std::string> reason; ///< why an emergency could not wait 7 days
    TimePoint publishedAt{};
    TimePoint updatedAt{};
    std::optional<TimePoint> notifiedAt; ///< as Incident::notifiedAt
    std::vector<NoticeUpdate> updates;   ///< follow-ups, oldest first
    bool acknowledged = false;
    std::vector<Acknowledgement> acknowledgements;

    bool operator==(const Notice&) const = default;
};

void to_json(nlohmann::json& j, const Acknowledgement& value);
void from_json(const nlohmann::json& j, Acknowledgement& value);
void to_json(nlohmann::json& j, const TenantSelection& value);
void from_json(const nlohmann::json& j, TenantSelection& value);
void to_json(nlohmann::json& j, const IncidentUpdate& value);
void from_json(const nlohmann::json& j, IncidentUpdate& value);
void to_json(nlohmann::json& j, const Incident& value);
void from_json(const nlohmann::json& j, Incident& value);
void to_json(nlohmann::json& j, const NoticeUpdate& value);
void from_json(const nlohmann::json& j, NoticeUpdate& value);
void to_json(nlohmann::json& j, const Notice& value);
void from_json(const nlohmann::json& j, Notice& value);

/// A list of incidents or notices: {items, next_cursor, unread} where unread counts the items of
/// the whole list (not only this page) the calling account has not acknowledged.
template <typename T>
struct InboxPage {
    std::vector<T> items;
    std::optional<std::string> nextCursor;
    int unread = 0;

    bool operator==(const InboxPage&) const = default;
};

void to_json(nlohmann::json& j, const InboxPage<Incident>& page);
void from_json(const nlohmann::json& j, InboxPage<Incident>& page);
void to_json(nlohmann::json& j, const InboxPage<Notice>& page);
void from_json(const nlohmann::json& j, InboxPage<Notice>& page);

/// POST /api/v1/incidents. Shape checks only (required fields, enum values, lengths: title 1–200,
/// message 1–10000 characters, components known); the server checks tenants and detected_at.
struct IncidentInput {
    std::string title;
    IncidentSeverity severity = IncidentSeverity::Minor;
    IncidentStatus status = IncidentStatus::Investigating;
    TenantSelection tenants;
    std::vector<std::string> components;
    std::string message;
    std::optional<TimePoint> detectedAt; ///< default: now; never in the future

    bool operator==(const IncidentInput&) const = default;
};

/// PATCH /api/v1/incidents/{id}: a timeline update. `message` is required; the rest change
/// only what they name.
struct IncidentPatch {
    std::string message;
    std::optional<IncidentStatus> status;
    std::optional<IncidentSeverity> severity;
    std::optional<std::string> title;

    bool operator==(const IncidentPatch&) const = default;
};

/// POST /api/v1/notices. Title 1–200, body 1–10000 characters; `reason` is required with
/// `emergency` (the 7-day rule is the server's check, against its clock).
struct NoticeInput {
    NoticeKind kind = NoticeKind::Change;
    std::string title;
    std::string body;
    TenantSelection tenants;
    TimePoint effectiveAt{};
    bool emergency = false;
    std::optional<std::string> reason;

    bool operator==(const NoticeInput&) const = default;
};

/// PATCH /api/v1/notices/{id}: a follow-up `body` (required), optionally a new title or
/// effective_at (held to the same 7-day rule).
struct NoticePatch {
    std::string body;
    std::optional<std::string> title;
    std::optional<TimePoint> effectiveAt;
    std::optional<bool> emergency;
    std::optional<std::string> reason;

    bool operator==(const NoticePatch&) const = default;
};

void to_json(nlohmann::json& j, const IncidentInput& value);
void from_json(const nlohmann::json& j, IncidentInput& value);
void to_json(nlohmann::json& j, const IncidentPatch& value);
void from_json(const nlohmann::json& j, IncidentPatch& value);
void to_json(nlohmann::json& j, const NoticeInput& value);
void from_json(const nlohmann::json& j, NoticeInput& value);
void to_json(nlohmann::json& j, const NoticePatch& value);
void from_json(const nlohmann::json& j, NoticePatch& value);

/// GET|PUT /api/v1/tenant/contacts: the designated contacts' e-mail addresses (at most 20).
struct TenantContacts {
    std::vector<std::string> emails;

    bool operator==(const TenantContacts&) const = default;
};

void to_json(nlohmann::json& j, const TenantContacts& value);
/// Checks each address (ValidationError "emails[2]" invalid_email / duplicate, "emails"
/// too_many); addresses are trimmed; duplicates compare case-insensitively.
void from_json(const nlohmann::json& j, TenantContacts& value);

/// A plain addr-spec without display name: one '@', a dot-atom local part (or one with
/// characters RFC 5322 allows unquoted), a domain of labels with at least one dot, no spaces,
/// no CR/LF, at most 254 bytes. ASCII only.
bool IsValidEmailAddress(std::string_view address);

} // namespace resv::model
