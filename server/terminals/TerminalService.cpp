#include "terminals/TerminalService.h"

#include "auth/Tokens.h"
#include "resv/model/Json.h"
#include "resv/model/Role.h"
#include "roles/Reach.h"
#include "storage/FacilityRepository.h"
#include "storage/Ids.h"

#include <fmt/format.h>

#include <algorithm>

namespace resv::server::terminals {
namespace {

namespace perm = model::permission;
using facilities::Audit;
using storage::TerminalRecord;
using storage::TerminalRepository;

std::string Trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

/// A missing parent and one outside the caller's scope are the same answer.
void RequireFacilityParent(storage::Connection& connection, const auth::Caller& caller,
                           const std::string& facilityId) {
    if (!storage::FacilityRepository(connection).FindFacility(caller.TenantId(), facilityId) ||
        !roles::Reach::Of(connection, caller).ReachesFacility(facilityId)) {
        facilities::ThrowInvalidField("facility_id", "facility_id names no facility of yours");
    }
}

template <typename Write>
void WriteUnique(Write write, const std::string& name) {
    try {
        write();
    } catch (const storage::StorageError& error) {
        if (error.IsConstraint()) {
            facilities::ThrowConflict(
                fmt::format("A terminal named \"{}\" already exists in this facility.", name));
        }
        throw;
    }
}

model::ConfigState StateOf(const TerminalRecord& r) {
    if (r.appliedConfigVersion == r.desiredConfigVersion) {
        return model::ConfigState::Applied;
    }
    if (r.configErrorVersion && *r.configErrorVersion == r.desiredConfigVersion) {
        return model::ConfigState::Failed;
    }
    return model::ConfigState::Pending;
}

/// A page of the terminals the caller reaches: for a limited scope, the tenant's terminals are
/// read in batches and those of unreached facilities skipped, so paging stays exact.
std::vector<TerminalRecord> ListReached(storage::Connection& connection, const auth::Caller& caller,
                                        const facilities::PageRequest& page) {
    TerminalRepository repo(connection);
    const auto reach = roles::Reach::Of(connection, caller);
    if (reach.All()) {
        return repo.List(caller.TenantId(), page.after, page.limit + 1);
    }
    const int batch = std::max(page.limit + 1, 200);
    std::vector<TerminalRecord> reached;
    std::string after = page.after;
    while (static_cast<int>(reached.size()) <= page.limit) {
        auto records = repo.List(caller.TenantId(), after, batch);
        const bool more = static_cast<int>(records.size()) == batch;
        if (more) {
            after = records.back().id;
        }
        for (auto& record : records) {
            if (static_cast<int>(reached.size()) > page.limit) {
                break;
            }
            if (reach.ReachesFacility(record.facilityId)) {
                reached.push_back(std::move(record));
            }
        }
        if (!more) {
            break;
        }
    }
    return reached;
}

} // namespace

model::Terminal ToModel(TerminalRecord r, const DeviceRegistry& registry, model::TimePoint now) {
    registry.Merge(r);
    model::Terminal t;
    t.id = r.id;
    t.facilityId = r.facilityId;
    t.name = r.name;
    t.kind = r.kind;
    t.ipAddress = r.ipAddress;
    t.model = r.model;
    t.serial = r.serial;
    t.appVersion = r.appVersion;
    t.reportedIp = r.reportedIp;
    t.state = r.state;
    t.lastSeenAt = r.lastSeenAt;
    t.online = r.lastSeenAt && now - *r.lastSeenAt <= model::kOnlineWindow;
    t.ipMismatch = r.reportedIp && model::CanonicalIpAddress(*r.reportedIp) != r.ipAddress;
    t.desiredConfigVersion = r.desiredConfigVersion;
    t.appliedConfigVersion = r.appliedConfigVersion;
    t.configState = StateOf(r);
    if (t.configState == model::ConfigState::Failed) {
        t.configError = r.configError;
    }
    return t;
}

TerminalRecord RequireReachedTerminal(storage::Connection& connection, const auth::Caller& caller,
                                      const std::string& id) {
    auto found = TerminalRepository(connection).Find(caller.TenantId(), id);
    if (!found || !roles::Reach::Of(connection, caller).ReachesFacility(found->facilityId)) {
        facilities::ThrowNotFound("terminal");
    }
    return std::move(*found);
}

model::Page<model::Terminal> TerminalService::List(const auth::Caller& caller,
                                                   const facilities::PageRequest& page) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsRead);
    std::vector<TerminalRecord> records;
    {
        auto db = m_context.database.Acquire();
        records = ListReached(*db, caller, page);
    }
    model::Page<model::Terminal> result;
    result.nextCursor =
        facilities::TrimPage(records, page.limit, [](const auto& r) { return r.id; });
    const model::TimePoint now = m_context.clock->Now();
    for (auto& record : records) {
        result.items.push_back(ToModel(std::move(record), m_registry, now));
    }
    return result;
}

model::Terminal TerminalService::Get(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsRead);
    auto db = m_context.database.Acquire();
    return ToModel(RequireReachedTerminal(*db, caller, id), m_registry, m_context.clock->Now());
}

model::TerminalWithToken TerminalService::Create(const auth::Caller& caller,
                                                 const model::TerminalPatch& input) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsWrite);
    model::RequireForCreate(input);
    TerminalRecord record;
    record.id = storage::NewId(storage::id_prefix::kTerminal);
    record.tenantId = caller.TenantId();
    record.facilityId = *input.facilityId;
    record.name = Trimmed(*input.name);
    record.kind = *input.kind;
    record.ipAddress = *input.ipAddress;
    record.model = input.model.value_or("");
    record.serial = input.serial.value_or("");
    const std::string token = auth::NewToken();
    const model::TimePoint now = m_context.clock->Now();

    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    RequireFacilityParent(*db, caller, record.facilityId);
    TerminalRepository repo(*db);
    WriteUnique([&] { repo.Insert(record, auth::HashToken(token), now); }, record.name);
    repo.InsertConfigVersion(
        record.id, {1, model::TerminalSettings{}, {}, now, "", "", "initial", std::nullopt});
    Audit(m_context, *db, caller, "terminal.create", record.id,
          {{"before", nullptr}, {"after", storage::ToJson(record)}});
    transaction.Commit();
    return {ToModel(record, m_registry, now), token};
}

model::Terminal TerminalService::Update(const auth::Caller& caller, const std::string& id,
                                        const model::TerminalPatch& patch) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    TerminalRepository repo(*db);
    const TerminalRecord before = RequireReachedTerminal(*db, caller, id);
    TerminalRecord after = before;
    if (patch.facilityId) {
        RequireFacilityParent(*db, caller, *patch.facilityId);
        after.facilityId = *patch.facilityId;
    }
    after.name = patch.name ? Trimmed(*patch.name) : after.name;
    after.kind = patch.kind.value_or(after.kind);
    after.ipAddress = patch.ipAddress.value_or(after.ipAddress);
    after.model = patch.model.value_or(after.model);
    after.serial = patch.serial.value_or(after.serial);
    const model::TimePoint now = m_context.clock->Now();
    WriteUnique([&] { repo.Update(after, now); }, after.name);
    Audit(m_context, *db, caller, "terminal.update", id,
          {{"before", storage::ToJson(before)}, {"after", storage::ToJson(after)}});
    transaction.Commit();
    if (after.kind != before.kind) {
        m_registry.ForgetToken(id); // the cached identity carries the kind
    }
    return ToModel(after, m_registry, now);
}

void TerminalService::Delete(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    TerminalRepository repo(*db);
    const TerminalRecord before = RequireReachedTerminal(*db, caller, id);
    repo.Delete(caller.TenantId(), id);
    Audit(m_context, *db, caller, "terminal.delete", id,
          {{"before", storage::ToJson(before)}, {"after", nullptr}});
    transaction.Commit();
    m_registry.Forget(id);
}

model::TerminalWithToken TerminalService::RotateToken(const auth::Caller& caller,
                                                      const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kTerminalsWrite);
    const std::string token = auth::NewToken();
    const model::TimePoint now = m_context.clock->Now();
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    TerminalRepository repo(*db);
    const TerminalRecord record = RequireReachedTerminal(*db, caller, id);
    repo.SetTokenHash(caller.TenantId(), id, auth::HashToken(token), now);
    // The details say that it happened, never the token.
    Audit(m_context, *db, caller, "terminal.rotate_token", id,
          {{"before", {{"token", "revoked"}}}, {"after", {{"token", "issued"}}}});
    transaction.Commit();
    m_registry.ForgetToken(id);
    return {ToModel(record, m_registry, now), token};
}

} // namespace resv::server::terminals
