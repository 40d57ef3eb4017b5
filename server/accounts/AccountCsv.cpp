#include "accounts/AccountCsv.h"

#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "storage/AccountRepository.h"
#include "util/Csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace resv::server::accounts {
namespace {

namespace ec = model::error_code;
namespace perm = model::permission;

const std::vector<std::string> kImportColumns{"login_id", "display_name",  "email",
                                              "roles",    "jurisdictions", "facilities"};
/// Written by the export after the import's columns; an import of an edited export skips them.
const std::vector<std::string> kExportOnlyColumns{"status", "last_login_at", "locked_until"};

/// Rows read from storage at a time by the export.
constexpr int kExportPageSize = 500;

/// The tenant's jurisdictions and facilities, to turn names into ids and back. Jurisdiction
/// names are unique in a tenant, facility names within their jurisdiction.
class Places {
public:
    Places(storage::Connection& connection, const std::string& tenantId) {
        auto jurisdictions =
            connection.Prepare("SELECT id, name FROM jurisdictions WHERE tenant_id = ?1");
        jurisdictions.Bind(1, tenantId);
        while (jurisdictions.Step()) {
            m_jurisdictionIdByName[jurisdictions.Text(1)] = jurisdictions.Text(0);
            m_jurisdictionNameById[jurisdictions.Text(0)] = jurisdictions.Text(1);
        }
        auto facilities = connection.Prepare(
            "SELECT id, name, jurisdiction_id FROM facilities WHERE tenant_id = ?1 ORDER BY id");
        facilities.Bind(1, tenantId);
        while (facilities.Step()) {
            m_facilitiesByName[facilities.Text(1)].push_back(
                {facilities.Text(0), facilities.Text(2)});
        }
    }

    std::string JurisdictionName(const std::string& id) const {
        const auto it = m_jurisdictionNameById.find(id);
        return it == m_jurisdictionNameById.end() ? id : it->second;
    }

    std::optional<std::string> JurisdictionId(const std::string& name) const {
        const auto it = m_jurisdictionIdByName.find(name);
        return it == m_jurisdictionIdByName.end() ? std::nullopt : std::optional(it->second);
    }

    /// The name alone when no other facility of the tenant has it, else "管轄名/施設名".
    std::string FacilityLabel(const std::string& id) const {
        if (m_labelById.empty()) {
            for (const auto& [name, sameName] : m_facilitiesByName) {
                for (const auto& f : sameName) {
                    m_labelById[f.id] = sameName.size() == 1
                                            ? name
                                            : JurisdictionName(f.jurisdictionId) + "/" + name;
                }
            }
        }
        const auto it = m_labelById.find(id);
        return it == m_labelById.end() ? id : it->second;
    }

    /// The facility `text` names (a unique name, or "管轄名/施設名"); empty with `code` set
    /// ("not_found" or "ambiguous") when there is none or more than one.
    std::string ResolveFacility(const std::string& text, std::string& code) const {
        if (const auto named = m_facilitiesByName.find(text); named != m_facilitiesByName.end()) {
            if (named->second.size() == 1) {
                return named->second.front().id;
            }
            code = "ambiguous";
            return {};
        }
        // Names may hold '/' themselves: try every split.
        for (auto slash = text.find('/'); slash != std::string::npos;
             slash = text.find('/', slash + 1)) {
            const auto jurisdiction = JurisdictionId(text.substr(0, slash));
            const auto named = m_facilitiesByName.find(text.substr(slash + 1));
            if (!jurisdiction || named == m_facilitiesByName.end()) {
                continue;
            }
            for (const auto& f : named->second) {
                if (f.jurisdictionId == *jurisdiction) {
                    return f.id;
                }
            }
        }
        code = "not_found";
        return {};
    }

private:
    struct Facility {
        std::string id;
        std::string jurisdictionId;
    };
    std::map<std::string, std::string> m_jurisdictionIdByName;
    std::map<std::string, std::string> m_jurisdictionNameById;
    std::map<std::string, std::vector<Facility>> m_facilitiesByName;
    mutable std::map<std::string, std::string> m_labelById; ///< built on first use
};

std::string Trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    return first == std::string::npos
               ? std::string()
               : text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

/// Takes off the ' the export puts before a cell Excel would read as a formula.
std::string Unguarded(const std::string& cell) {
    if (cell.size() >= 2 && cell[0] == '\'' &&
        std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos) {
        return cell.substr(1);
    }
    return cell;
}

std::vector<std::string> SplitList(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(';', start), text.size());
        if (auto item = Trim(text.substr(start, end - start)); !item.empty()) {
            items.push_back(std::move(item));
        }
        start = end + 1;
    }
    return items;
}

std::string JoinList(const std::vector<std::string>& items) {
    return fmt::format("{}", fmt::join(items, ";"));
}

[[noreturn]] void ThrowUnreadable(const std::string& field, const std::string& code,
                                  const std::string& message) {
    throw http::HttpError(400, ec::kInvalidField, "The file cannot be imported: " + message,
                          {{field, code, message}});
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// Where each import column is, and how many fields a row has.
struct Header {
    std::map<std::string, std::size_t> columns;
    std::size_t width = 0;
};

/// Throws 400 for a header that lacks an import column or names an unknown or repeated one.
Header ReadHeader(const util::CsvRecord& record) {
    Header header;
    header.width = record.fields.size();
    std::set<std::string> seen;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        std::string name = Trim(record.fields[i]);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!seen.insert(name).second) {
            ThrowUnreadable("header", "duplicate_column",
                            fmt::format("the header names \"{}\" twice", name));
        }
        if (Contains(kImportColumns, name)) {
            header.columns.emplace(name, i);
        } else if (!Contains(kExportOnlyColumns, name)) {
            ThrowUnreadable("header", "unknown_column",
                            fmt::format("the header names an unknown column \"{}\"", name));
        }
    }
    for (const auto& required : kImportColumns) {
        if (!header.columns.contains(required)) {
            ThrowUnreadable("header", "missing_column",
                            fmt::format("the header has no column \"{}\"", required));
        }
    }
    return header;
}

struct CheckedRow {
    model::ImportRow result;
    std::optional<model::AccountInput> input;
};

/// The ids of the names in a jurisdictions or facilities cell; errors for names that are not
/// the tenant's, fields `<column>[i]`.
template <typename Resolve>
std::vector<std::string> ResolveNames(const std::string& column, const std::string& cell,
                                      std::vector<model::FieldError>& errors, Resolve resolve) {
    std::vector<std::string> ids;
    const auto names = SplitList(cell);
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::string code;
        std::string id = resolve(names[i], code);
        if (id.empty()) {
            errors.push_back(
                {fmt::format("{}[{}]", column, i), code,
                 code == "ambiguous"
                     ? fmt::format("Several facilities are named \"{}\"; write it as "
                                   "jurisdiction/facility.",
                                   names[i])
                     : fmt::format("No {} is named \"{}\".",
                                   column == "facilities" ? "facility" : "jurisdiction",
                                   names[i])});
        } else if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.push_back(std::move(id));
        }
    }
    return ids;
}

/// One data row as an AccountInput, or its errors (fields named as the file's columns).
CheckedRow ReadRow(const util::CsvRecord& record, const Header& header, const Places& places) {
    CheckedRow row;
    row.result.line = record.line;
    const auto cell = [&](const std::string& column) {
        const std::size_t index = header.columns.at(column);
        return index < record.fields.size() ? Unguarded(record.fields[index]) : std::string();
    };
    row.result.loginId = Trim(cell("login_id"));
    auto& errors = row.result.errors;
    if (record.fields.size() != header.width) {
        errors.push_back({"line", "field_count",
                          fmt::format("The row has {} fields; the header has {}.",
                                      record.fields.size(), header.width)});
    }
    for (const char* column : {"roles", "jurisdictions", "facilities"}) {
        if (SplitList(cell(column)).size() > kMaxNamesPerCell) {
            errors.push_back({column, "too_many",
                              fmt::format("At most {} names in one cell.", kMaxNamesPerCell)});
        }
    }
    if (!errors.empty()) {
        return row;
    }
    model::Scope scope;
    scope.jurisdictions = ResolveNames("jurisdictions", cell("jurisdictions"), errors,
                                       [&](const std::string& name, std::string& code) {
                                           auto id = places.JurisdictionId(name);
                                           code = id ? "" : "not_found";
                                           return id.value_or("");
                                       });
    scope.facilities = ResolveNames("facilities", cell("facilities"), errors,
                                    [&](const std::string& name, std::string& code) {
                                        return places.ResolveFacility(name, code);
                                    });
    scope.all = scope.jurisdictions.empty() && scope.facilities.empty() && errors.empty();
    const auto email = Trim(cell("email"));
    const model::Json json{{"login_id", row.result.loginId},
                           {"display_name", cell("display_name")},
                           {"email", email.empty() ? model::Json(nullptr) : model::Json(email)},
                           {"roles", SplitList(cell("roles"))},
                           {"scope", scope}};
    try {
        row.input = json.get<model::AccountInput>();
    } catch (const model::ValidationError& e) {
        errors.insert(errors.end(), e.Errors().begin(), e.Errors().end());
    }
    return row;
}

/// AccountService's checks in the file's words: a taken login ID `exists`, an unknown role
/// `not_found` like an unknown place, scope fields named by their column.
std::vector<model::FieldError> InFileTerms(std::vector<model::FieldError> errors) {
    for (auto& error : errors) {
        if (error.field.rfind("scope.", 0) == 0) {
            error.field.erase(0, std::string_view("scope.").size());
        }
        if (error.code == "taken") {
            error.code = "exists";
        } else if (error.code == "unknown_role" || error.code == "unknown_id") {
            error.code = "not_found";
        }
    }
    return errors;
}

std::vector<model::FieldError> RowErrors(const std::vector<model::ImportRow>& rows) {
    std::vector<model::FieldError> errors;
    for (const auto& row : rows) {
        for (const auto& error : row.errors) {
            errors.push_back(
                {fmt::format("rows[{}].{}", row.line, error.field), error.code, error.message});
        }
    }
    return errors;
}

/// When the account's lockout ends, while it lasts.
std::optional<model::TimePoint> LockedUntil(const storage::AccountRecord& account,
                                            model::TimePoint now) {
    if (account.lockedUntil && *account.lockedUntil > now) {
        return account.lockedUntil;
    }
    return std::nullopt;
}

/// The export's line of an account; status and lock as the API shows them.
std::vector<std::string> ExportRow(const storage::AccountRecord& account, const Places& places,
                                   model::TimePoint now) {
    std::vector<std::string> jurisdictions;
    std::vector<std::string> facilities;
    for (const auto& id : account.scope.jurisdictions) {
        jurisdictions.push_back(places.JurisdictionName(id));
    }
    for (const auto& id : account.scope.facilities) {
        facilities.push_back(places.FacilityLabel(id));
    }
    const auto lockedUntil = LockedUntil(account, now);
    const auto status = lockedUntil && account.status == model::AccountStatus::Active
                            ? model::AccountStatus::Locked
                            : account.status;
    return {account.loginId,
            account.displayName,
            account.email.value_or(""),
            JoinList(account.roles),
            JoinList(jurisdictions),
            JoinList(facilities),
            std::string(model::ToString(status)),
            account.lastLoginAt ? model::FormatJstIso8601(*account.lastLoginAt) : "",
            lockedUntil ? model::FormatJstIso8601(*lockedUntil) : ""};
}

/// A line with no text in any field, as Excel leaves after cleared rows.
bool IsEmptyRow(const util::CsvRecord& record) {
    return std::all_of(record.fields.begin(), record.fields.end(),
                       [](const std::string& field) { return Trim(field).empty(); });
}

} // namespace

AccountCsv::AccountCsv(facilities::ServiceContext context, AccountService& accounts)
    : m_context(std::move(context))
    , m_accounts(accounts) {}

std::string AccountCsv::Export(const auth::Caller& caller) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsRead);
    auto db = m_context.database.Acquire();
    const Places places(*db, caller.TenantId());
    const model::TimePoint now = m_context.clock->Now();
    util::CsvWriter csv;
    std::vector<std::string> header = kImportColumns;
    header.insert(header.end(), kExportOnlyColumns.begin(), kExportOnlyColumns.end());
    csv.Row(header);

    storage::AccountRepository repository(*db);
    storage::AccountListQuery query;
    query.tenantId = caller.TenantId();
    query.sort = storage::AccountSortKey::LoginId;
    query.limit = kExportPageSize;
    std::size_t rows = 0;
    for (;;) {
        const auto page = repository.List(query, now);
        for (const auto& account : page) {
            csv.Row(ExportRow(account, places, now));
        }
        rows += page.size();
        if (static_cast<int>(page.size()) < kExportPageSize) {
            break;
        }
        query.after =
            storage::AccountListQuery::After{page.back().loginId, std::nullopt, page.back().id};
    }

    storage::Transaction transaction(*db);
    facilities::Audit(m_context, *db, caller, "account.export",
                      audit::Target{"account", std::nullopt, "accounts.csv"}, {{"rows", rows}});
    transaction.Commit();
    return csv.Text();
}

model::ImportResult AccountCsv::Import(const auth::Caller& caller, std::string_view text,
                                       bool dryRun) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsWrite);
    std::vector<util::CsvRecord> records;
    try {
        records = util::ParseCsv(text);
    } catch (const util::CsvError& e) {
        ThrowUnreadable("file", "invalid_csv", e.what());
    }
    if (records.empty()) {
        ThrowUnreadable("file", "empty", "the file has no header row");
    }
    const Header header = ReadHeader(records.front());
    records.erase(std::remove_if(records.begin() + 1, records.end(), IsEmptyRow), records.end());
    if (records.size() == 1) {
        ThrowUnreadable("file", "no_rows", "the file has a header but no accounts");
    }
    if (records.size() - 1 > static_cast<std::size_t>(kMaxImportRows)) {
        ThrowUnreadable("file", "too_many_rows",
                        fmt::format("the file has more than {} accounts", kMaxImportRows));
    }

    // Every row is checked against the database as it is now, and against the rows above it.
    std::vector<CheckedRow> rows;
    {
        auto db = m_context.database.Acquire();
        const Places places(*db, caller.TenantId());
        std::map<std::string, int> lineOfLogin;
        for (std::size_t i = 1; i < records.size(); ++i) {
            CheckedRow row = ReadRow(records[i], header, places);
            if (row.input) {
                auto errors = InFileTerms(m_accounts.Validate(*db, caller, *row.input));
                row.result.errors.insert(row.result.errors.end(), errors.begin(), errors.end());
            }
            const std::string& loginId = row.result.loginId;
            if (!loginId.empty()) {
                if (const auto [earlier, first] = lineOfLogin.emplace(loginId, row.result.line);
                    !first) {
                    row.result.errors.push_back(
                        {"login_id", "duplicate",
                         fmt::format("Line {} has the same login ID.", earlier->second)});
                }
            }
            row.result.status = row.result.errors.empty() ? "valid" : "error";
            rows.push_back(std::move(row));
        }
    }
    model::ImportResult result;
    result.dryRun = dryRun;
    for (const auto& row : rows) {
        (row.result.errors.empty() ? result.valid : result.invalid) += 1;
        result.rows.push_back(row.result);
    }
    if (dryRun) {
        return result;
    }
    if (result.invalid > 0) {
        throw http::HttpError(400, ec::kInvalidField,
                              fmt::format("{} of {} rows cannot be imported; nothing was created.",
                                          result.invalid, rows.size()),
                              RowErrors(result.rows));
    }
    // The costly hashes first, outside the write lock; then all rows or none.
    std::vector<PreparedAccount> prepared;
    prepared.reserve(rows.size());
    for (const auto& row : rows) {
        prepared.push_back(m_accounts.Prepare(caller, *row.input));
    }
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        // Checked again inside the transaction: another manager may have just taken a login ID
        // or deleted a role or a facility.
        if (auto errors = InFileTerms(m_accounts.Validate(*db, caller, *rows[i].input));
            !errors.empty()) {
            auto& row = result.rows[i];
            row.errors = std::move(errors);
            throw http::HttpError(
                409, ec::kConflict,
                fmt::format("Line {} changed while importing; nothing was created.", row.line),
                RowErrors({row}));
        }
        m_accounts.Insert(*db, caller, prepared[i]);
        auto& row = result.rows[i];
        row.status = "created";
        row.accountId = prepared[i].record.id;
        row.oneTimePassword = prepared[i].oneTimePassword;
    }
    facilities::Audit(m_context, *db, caller, "account.import",
                      audit::Target{"account", std::nullopt, "accounts.csv"},
                      {{"created", rows.size()}});
    transaction.Commit();
    result.applied = true;
    return result;
}

} // namespace resv::server::accounts
