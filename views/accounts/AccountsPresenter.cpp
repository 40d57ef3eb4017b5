#include "views/accounts/AccountsPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Facility.h"
#include "resv/model/Role.h"

#include <algorithm>
#include <cctype>

namespace resv::views {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool Contains(const std::vector<std::string>& items, std::string_view item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

std::string_view WithoutBom(std::string_view text) {
    return text.starts_with(kBom) ? text.substr(kBom.size()) : text;
}

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string Trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string QuotedCsvField(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos && Trimmed(value) == value) {
        return value;
    }
    std::string quoted = "\"";
    for (const char c : value) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + '"';
}

/// A spreadsheet would run a cell starting with = + - @ as a formula: a name is shown as text.
std::string SpreadsheetSafe(const std::string& value) {
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string::npos) {
        return "'" + value;
    }
    return value;
}

std::map<std::string, std::string> DisplayNamesOf(std::string_view csv) {
    std::map<std::string, std::string> names;
    const auto records = ParseCsv(csv);
    if (records.empty()) {
        return names;
    }
    std::optional<std::size_t> loginColumn;
    std::optional<std::size_t> nameColumn;
    for (std::size_t i = 0; i < records[0].size(); ++i) {
        const std::string header = Lower(Trimmed(records[0][i]));
        if (header == "login_id") {
            loginColumn = i;
        } else if (header == "display_name") {
            nameColumn = i;
        }
    }
    if (!loginColumn || !nameColumn) {
        return names;
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& record = records[r];
        if (record.size() > std::max(*loginColumn, *nameColumn)) {
            names.emplace(Lower(Trimmed(record[*loginColumn])), Trimmed(record[*nameColumn]));
        }
    }
    return names;
}

} // namespace

AccountPermissions AccountPermissionsFor(const model::Me& me) {
    namespace p = model::permission;
    return {Contains(me.permissions, p::kAccountsRead),
            Contains(me.permissions, p::kAccountsWrite)};
}

AccountsPresenter::AccountsPresenter(std::shared_ptr<client::IAccountsApi> api,
                                     std::shared_ptr<client::IApiClient> client,
                                     AccountPermissions permissions, std::string selfId,
                                     ITaskRunner& runner, IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_client(std::move(client))
    , m_permissions(permissions)
    , m_selfId(std::move(selfId))
    , m_runner(runner)
    , m_listScope(runner, ui)
    , m_actionScope(runner, ui)
    , m_exportScope(runner, ui) {
    m_query.limit = kPageSize;
}

void AccountsPresenter::Notify(const std::function<void()>& callback) const {
    if (callback) {
        callback();
    }
}

void AccountsPresenter::Start() {
    auto api = m_api;
    m_actionScope.Run([api] { return api->ListRoles(); },
                      [this](TaskResult<std::vector<model::Role>> result) {
                          if (!result.Ok()) {
                              return Failed(ToApiError(result.Error()));
                          }
                          m_roles = std::move(result.Value());
                          Notify(m_callbacks.rowsChanged);
                      });
    Reload(kPageSize);
}

void AccountsPresenter::Refresh() {
    Reload(std::clamp<std::size_t>(m_rows.size(), kPageSize, kMaxRefreshRows));
}

void AccountsPresenter::Reload(std::size_t rows) {
    m_listScope.DropPending();
    m_loading = true;
    auto api = m_api;
    client::AccountQuery query = m_query;
    query.cursor.reset();
    m_listScope.Run(
        [api, query, rows]() mutable {
            LoadedRows loaded;
            do {
                auto page = api->ListAccounts(query);
                std::move(page.items.begin(), page.items.end(), std::back_inserter(loaded.rows));
                loaded.nextCursor = page.nextCursor;
                query.cursor = page.nextCursor;
            } while (loaded.nextCursor && loaded.rows.size() < rows);
            return loaded;
        },
        [this](TaskResult<LoadedRows> result) {
            m_loading = false;
            if (!result.Ok()) {
                Notify(m_callbacks.stateChanged);
                return Failed(ToApiError(result.Error()));
            }
            m_rows = std::move(result.Value().rows);
            m_nextCursor = std::move(result.Value().nextCursor);
            m_loaded = true;
            Notify(m_callbacks.rowsChanged);
            Notify(m_callbacks.stateChanged);
        });
    Notify(m_callbacks.stateChanged);
}

void AccountsPresenter::RowsVisible(std::size_t lastVisible) {
    if (m_loading || !m_nextCursor || lastVisible + kPrefetchRows < m_rows.size()) {
        return;
    }
    m_loading = true;
    auto api = m_api;
    client::AccountQuery query = m_query;
    query.cursor = m_nextCursor;
    m_listScope.Run([api, query] { return api->ListAccounts(query); },
                    [this](TaskResult<model::Page<model::Account>> result) {
                        m_loading = false;
                        if (!result.Ok()) {
                            Notify(m_callbacks.stateChanged);
                            return Failed(ToApiError(result.Error()));
                        }
                        for (auto& account : result.Value().items) {
                            if (!IndexOf(account.id)) { // a row that moved up since: once
                                m_rows.push_back(std::move(account));
                            }
                        }
                        m_nextCursor = result.Value().nextCursor;
                        Notify(m_callbacks.rowsChanged);
                        Notify(m_callbacks.stateChanged);
                    });
    Notify(m_callbacks.stateChanged);
}

void AccountsPresenter::SetSearch(const std::string& text) {
    const std::string q = Trimmed(text);
    if (q != m_query.q) {
        m_query.q = q;
        Reload(kPageSize);
    }
}

void AccountsPresenter::SetRoleFilter(std::optional<std::string> role) {
    if (role != m_query.role) {
        m_query.role = std::move(role);
        Reload(kPageSize);
    }
}

void AccountsPresenter::SetStatusFilter(std::optional<model::AccountStatus> status) {
    if (status != m_query.status) {
        m_query.status = status;
        Reload(kPageSize);
    }
}

void AccountsPresenter::SortBy(const std::string& key) {
    m_query.sort = (SortKey() == key && !SortDescending()) ? "-" + key : key;
    Reload(kPageSize);
}

std::string AccountsPresenter::SortKey() const {
    if (m_query.sort.empty()) {
        return sort_key::kLoginId;
    }
    return SortDescending() ? m_query.sort.substr(1) : m_query.sort;
}

bool AccountsPresenter::SortDescending() const {
    return m_query.sort.starts_with('-');
}

std::optional<std::size_t> AccountsPresenter::IndexOf(const std::string& id) const {
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [&](const model::Account& a) { return a.id == id; });
    return it == m_rows.end() ? std::nullopt : std::optional<std::size_t>(it - m_rows.begin());
}

void AccountsPresenter::Select(std::optional<std::string> id) {
    if (id != m_selectedId) {
        m_selectedId = std::move(id);
        Notify(m_callbacks.stateChanged);
    }
}

const model::Account* AccountsPresenter::Selected() const {
    if (!m_selectedId) {
        return nullptr;
    }
    const auto index = IndexOf(*m_selectedId);
    return index ? &m_rows[*index] : nullptr;
}

Unavailable AccountsPresenter::WhyNot(AccountAction action) const {
    if (!m_permissions.write) {
        return Unavailable::ReadOnly;
    }
    if (action == AccountAction::New) {
        return Unavailable::None;
    }
    if (action == AccountAction::Import) {
        return m_importing ? Unavailable::Busy : Unavailable::None;
    }
    const model::Account* account = Selected();
    if (account == nullptr) {
        return Unavailable::NoSelection;
    }
    if (m_busy) {
        return Unavailable::Busy;
    }
    const bool self = account->id == m_selfId;
    using model::AccountStatus;
    switch (action) {
    case AccountAction::Disable:
        return self                                         ? Unavailable::Self
               : account->status == AccountStatus::Disabled ? Unavailable::NotNeeded
                                                            : Unavailable::None;
    case AccountAction::Enable:
        return account->status == AccountStatus::Disabled ? Unavailable::None
                                                          : Unavailable::NotNeeded;
    case AccountAction::Unlock:
        return account->status == AccountStatus::Locked ? Unavailable::None
                                                        : Unavailable::NotNeeded;
    case AccountAction::Delete:
        return self ? Unavailable::Self : Unavailable::None;
    default:
        return Unavailable::None;
    }
}

void AccountsPresenter::Disable() {
    Act(AccountAction::Disable);
}
void AccountsPresenter::Enable() {
    Act(AccountAction::Enable);
}
void AccountsPresenter::Unlock() {
    Act(AccountAction::Unlock);
}
void AccountsPresenter::Delete() {
    Act(AccountAction::Delete);
}

void AccountsPresenter::Act(AccountAction action) {
    if (!Can(action)) {
        return;
    }
    m_busy = true;
    const model::Account before = *Selected();
    const std::string id = before.id;
    auto api = m_api;
    m_actionScope.Run(
        [api, id, action]() -> std::optional<model::Account> {
            switch (action) {
            case AccountAction::Disable:
                return api->DisableAccount(id);
            case AccountAction::Enable:
                return api->EnableAccount(id);
            case AccountAction::Unlock:
                return api->UnlockAccount(id);
            default:
                api->DeleteAccount(id);
                return std::nullopt;
            }
        },
        [this, before, action](TaskResult<std::optional<model::Account>> result) {
            const std::string& id = before.id;
            m_busy = false;
            if (!result.Ok()) {
                Notify(m_callbacks.stateChanged);
                return Failed(ToApiError(result.Error()));
            }
            if (result.Value()) {
                Apply(*result.Value());
            } else if (action == AccountAction::Delete) {
                if (const auto index = IndexOf(id)) {
                    m_rows.erase(m_rows.begin() + static_cast<std::ptrdiff_t>(*index));
                }
                m_selectedId.reset();
                Notify(m_callbacks.rowsChanged);
            }
            Notify(m_callbacks.stateChanged);
            if (m_callbacks.actionDone) {
                m_callbacks.actionDone(action, result.Value().value_or(before));
            }
        });
    Notify(m_callbacks.stateChanged);
}

void AccountsPresenter::ResetPassword() {
    if (!Can(AccountAction::ResetPassword)) {
        return;
    }
    m_busy = true;
    auto api = m_api;
    m_actionScope.Run([api, id = Selected()->id] { return api->ResetPassword(id); },
                      [this](TaskResult<model::AccountCreated> result) {
                          m_busy = false;
                          if (!result.Ok()) {
                              Notify(m_callbacks.stateChanged);
                              return Failed(ToApiError(result.Error()));
                          }
                          Apply(result.Value().account);
                          Notify(m_callbacks.stateChanged);
                          if (m_callbacks.passwordIssued) {
                              m_callbacks.passwordIssued(
                                  {result.Value().account, result.Value().oneTimePassword, false});
                          }
                      });
    Notify(m_callbacks.stateChanged);
}

void AccountsPresenter::Apply(const model::Account& account) {
    if (const auto index = IndexOf(account.id)) {
        m_rows[*index] = account;
    } else {
        m_rows.insert(m_rows.begin(), account); // a new account: on top until the next refresh
    }
    Notify(m_callbacks.rowsChanged);
}

void AccountsPresenter::Saved(const model::Account& account) {
    Apply(account);
    m_selectedId = account.id;
    Notify(m_callbacks.stateChanged);
}

void AccountsPresenter::Export() {
    if (m_exporting) {
        return;
    }
    m_exporting = true;
    auto api = m_api;
    auto client = m_client;
    m_exportScope.Run(
        [api, client] {
            if (client) {
                client->ResetCancel(); // a Cancel meant for an earlier download
            }
            return api->ExportAccountsCsv();
        },
        [this](TaskResult<std::string> result) {
            m_exporting = false;
            Notify(m_callbacks.stateChanged);
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            if (m_callbacks.exported) {
                m_callbacks.exported(result.Value());
            }
        });
    Notify(m_callbacks.stateChanged);
}

void AccountsPresenter::CancelExport() {
    if (!m_exporting) {
        return;
    }
    m_exporting = false;
    m_exportScope.DropPending();
    if (m_client) {
        m_client->Cancel();
        // Queued behind the download, so the next request after it is not cancelled too.
        m_runner.Submit([client = m_client] { client->ResetCancel(); });
    }
    Notify(m_callbacks.stateChanged);
}

void AccountsPresenter::CheckImport(std::string fileBytes) {
    if (m_importing || !m_permissions.write) {
        return;
    }
    std::string csv(WithoutBom(fileBytes));
    const auto reject = [this](ImportProblem problem) {
        if (m_callbacks.importRejected) {
            m_callbacks.importRejected(problem);
        }
    };
    if (csv.find_first_not_of(" \t\r\n") == std::string::npos) {
        return reject(ImportProblem::Empty);
    }
    if (!model::IsValidUtf8(csv)) {
        return reject(ImportProblem::NotUtf8);
    }
    m_importing = true;
    m_preview.reset();
    auto api = m_api;
    m_actionScope.Run(
        [api, csv] { return api->ImportAccountsCsv(csv, true); },
        [this, csv](TaskResult<model::ImportResult> result) {
            m_importing = false;
            Notify(m_callbacks.stateChanged);
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            m_preview = ImportPreview{csv, std::move(result.Value()), DisplayNamesOf(csv)};
            Notify(m_callbacks.importChecked);
        });
    Notify(m_callbacks.stateChanged);
}

void AccountsPresenter::ApplyImport() {
    if (m_importing || !m_preview || m_preview->result.invalid > 0 ||
        m_preview->result.rows.empty()) {
        return;
    }
    m_importing = true;
    auto api = m_api;
    m_actionScope.Run([api, csv = m_preview->csv] { return api->ImportAccountsCsv(csv, false); },
                      [this](TaskResult<model::ImportResult> result) {
                          m_importing = false;
                          Notify(m_callbacks.stateChanged);
                          if (!result.Ok()) {
                              return Failed(ToApiError(result.Error()));
                          }
                          if (m_callbacks.imported) {
                              m_callbacks.imported(result.Value());
                          }
                          Refresh();
                      });
    Notify(m_callbacks.stateChanged);
}

void AccountsPresenter::Failed(const client::ApiError& error) {
    if (error.GetKind() == client::ApiError::Kind::Cancelled) {
        return; // the user asked for it; nothing to explain
    }
    if (m_callbacks.failed) {
        m_callbacks.failed(error);
    }
}

std::string OneTimePasswordCsv(const model::ImportResult& result,
                               const std::map<std::string, std::string>& displayNames) {
    std::string csv(kBom);
    csv += "login_id,display_name,one_time_password\r\n";
    for (const model::ImportRow& row : result.rows) {
        if (!row.oneTimePassword) {
            continue;
        }
        const auto name = displayNames.find(Lower(row.loginId));
        csv += QuotedCsvField(row.loginId) + "," +
               QuotedCsvField(SpreadsheetSafe(name == displayNames.end() ? "" : name->second)) +
               "," + QuotedCsvField(*row.oneTimePassword) + "\r\n";
    }
    return csv;
}

std::vector<std::vector<std::string>> ParseCsv(std::string_view csv) {
    csv = WithoutBom(csv);
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        any = true;
        if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
                ++i;
            }
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            any = false;
        } else {
            field += c;
        }
    }
    if (any || !field.empty() || !record.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace resv::views
