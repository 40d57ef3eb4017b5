#include "facilities/FacilityService.h"

#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "resv/model/Role.h"
#include "roles/Reach.h"
#include "storage/FacilityRepository.h"
#include "storage/Ids.h"
#include "storage/RoleRepository.h"

#include <fmt/format.h>

#include <algorithm>

namespace resv::server::facilities {
namespace {

namespace perm = model::permission;
using storage::FacilityRepository;

std::string Trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

/// Runs a write that a UNIQUE index may refuse, as 409 conflict with `detail`.
template <typename Write>
void WriteUnique(Write write, const std::string& detail) {
    try {
        write();
    } catch (const storage::StorageError& error) {
        if (error.IsConstraint()) {
            ThrowConflict(detail);
        }
        throw;
    }
}

/// A missing parent and one outside the caller's scope are the same answer.
void RequireJurisdictionParent(FacilityRepository& repo, const std::string& tenantId,
                               const std::string& jurisdictionId, bool inScope) {
    if (!inScope || !repo.FindJurisdiction(tenantId, jurisdictionId)) {
        ThrowInvalidField("jurisdiction_id", "jurisdiction_id names no jurisdiction of yours");
    }
}

/// 409 not_empty while some account's scope names the jurisdiction or facility.
void RequireNotInScopes(storage::Connection& connection, const std::string& tenantId,
                        const std::string& id, const std::string& what) {
    if (const int accounts = storage::ScopeRepository(connection).CountAccountsNaming(tenantId, id);
        accounts > 0) {
        throw http::HttpError(
            409, model::error_code::kNotEmpty,
            fmt::format("The {} is in the scope of {} {}; change their scope first.", what,
                        accounts, accounts == 1 ? "account" : "accounts"));
    }
}

/// Up to `limit` items after `after` among `ids` (sorted), fetched one by one.
template <typename T, typename Get>
std::vector<T> PageOf(const std::vector<std::string>& ids, const std::string& after, int limit,
                      Get get) {
    std::vector<T> items;
    for (auto it = std::upper_bound(ids.begin(), ids.end(), after);
         it != ids.end() && static_cast<int>(items.size()) < limit; ++it) {
        if (auto item = get(*it)) {
            items.push_back(std::move(*item));
        }
    }
    return items;
}

} // namespace

model::Page<model::Jurisdiction> FacilityService::ListJurisdictions(const auth::Caller& caller,
                                                                    const PageRequest& page) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesRead);
    auto db = m_context.database.Acquire();
    const auto reach = roles::Reach::Of(*db, caller);
    FacilityRepository repo(*db);
    model::Page<model::Jurisdiction> result;
    if (reach.All()) {
        result.items = repo.ListJurisdictions(caller.TenantId(), page.after, page.limit + 1);
    } else {
        result.items = PageOf<model::Jurisdiction>(
            reach.ShownJurisdictions(), page.after, page.limit + 1, [&](const std::string& id) {
                auto found = repo.GetJurisdiction(caller.TenantId(), id);
                if (found) {
                    reach.Restrict(*found);
                }
                return found;
            });
    }
    result.nextCursor = TrimPage(result.items, page.limit, [](const auto& j) { return j.id; });
    return result;
}

model::Jurisdiction FacilityService::GetJurisdiction(const auth::Caller& caller,
                                                     const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesRead);
    auto db = m_context.database.Acquire();
    const auto reach = roles::Reach::Of(*db, caller);
    auto found = FacilityRepository(*db).GetJurisdiction(caller.TenantId(), id);
    if (!found || !reach.ShowsJurisdiction(id)) {
        ThrowNotFound("jurisdiction");
    }
    reach.Restrict(*found);
    return *found;
}

model::Jurisdiction FacilityService::CreateJurisdiction(const auth::Caller& caller,
                                                        const model::JurisdictionPatch& input) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesWrite);
    model::RequireForCreate(input);
    if (!caller.principal.actingAs && !caller.principal.account.scope.all) {
        // A new jurisdiction would be outside the scope of the account that made it.
        throw http::HttpError(403, model::error_code::kForbidden,
                              "An account limited to some jurisdictions or facilities cannot "
                              "create jurisdictions.");
    }
    const storage::JurisdictionRecord record{storage::NewId(storage::id_prefix::kJurisdiction),
                                             caller.TenantId(), Trimmed(*input.name)};
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    FacilityRepository repo(*db);
    WriteUnique([&] { repo.InsertJurisdiction(record, m_context.clock->Now()); },
                fmt::format("A jurisdiction named \"{}\" already exists.", record.name));
    Audit(m_context, *db, caller, "jurisdiction.create", record.id,
          {{"before", nullptr}, {"after", storage::ToJson(record)}});
    transaction.Commit();
    return *repo.GetJurisdiction(caller.TenantId(), record.id);
}

model::Jurisdiction FacilityService::UpdateJurisdiction(const auth::Caller& caller,
                                                        const std::string& id,
                                                        const model::JurisdictionPatch& patch) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    FacilityRepository repo(*db);
    const auto before = repo.FindJurisdiction(caller.TenantId(), id);
    if (!before || !roles::Reach::Of(*db, caller).NamesJurisdiction(id)) {
        ThrowNotFound("jurisdiction");
    }
    storage::JurisdictionRecord after = *before;
    if (patch.name) {
        after.name = Trimmed(*patch.name);
    }
    WriteUnique([&] { repo.UpdateJurisdiction(after, m_context.clock->Now()); },
                fmt::format("A jurisdiction named \"{}\" already exists.", after.name));
    Audit(m_context, *db, caller, "jurisdiction.update", id,
          {{"before", storage::ToJson(*before)}, {"after", storage::ToJson(after)}});
    transaction.Commit();
    return *repo.GetJurisdiction(caller.TenantId(), id);
}

void FacilityService::DeleteJurisdiction(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    FacilityRepository repo(*db);
    const auto before = repo.FindJurisdiction(caller.TenantId(), id);
    if (!before || !roles::Reach::Of(*db, caller).NamesJurisdiction(id)) {
        ThrowNotFound("jurisdiction");
    }
    if (const int facilities = repo.CountFacilitiesIn(caller.TenantId(), id); facilities > 0) {
        throw http::HttpError(409, model::error_code::kNotEmpty,
                              fmt::format("The jurisdiction still has {} {}.", facilities,
                                          facilities == 1 ? "facility" : "facilities"));
    }
    RequireNotInScopes(*db, caller.TenantId(), id, "jurisdiction");
    repo.DeleteJurisdiction(caller.TenantId(), id);
    Audit(m_context, *db, caller, "jurisdiction.delete", id,
          {{"before", storage::ToJson(*before)}, {"after", nullptr}});
    transaction.Commit();
}

model::Page<model::Facility> FacilityService::ListFacilities(const auth::Caller& caller,
                                                             const PageRequest& page) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesRead);
    auto db = m_context.database.Acquire();
    const auto reach = roles::Reach::Of(*db, caller);
    FacilityRepository repo(*db);
    model::Page<model::Facility> result;
    if (reach.All()) {
        result.items = repo.ListFacilities(caller.TenantId(), page.after, page.limit + 1);
    } else {
        result.items = PageOf<model::Facility>(
            reach.ReachedFacilities(), page.after, page.limit + 1,
            [&](const std::string& id) { return repo.GetFacility(caller.TenantId(), id); });
    }
    result.nextCursor = TrimPage(result.items, page.limit, [](const auto& f) { return f.id; });
    return result;
}

model::Facility FacilityService::GetFacility(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesRead);
    auto db = m_context.database.Acquire();
    auto found = FacilityRepository(*db).GetFacility(caller.TenantId(), id);
    if (!found || !roles::Reach::Of(*db, caller).ReachesFacility(id)) {
        ThrowNotFound("facility");
    }
    return *found;
}

model::Facility FacilityService::CreateFacility(const auth::Caller& caller,
                                                const model::FacilityPatch& input) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesWrite);
    model::RequireForCreate(input);
    const storage::FacilityRecord record{storage::NewId(storage::id_prefix::kFacility),
                                         caller.TenantId(),
                                         *input.jurisdictionId,
                                         Trimmed(*input.name),
                                         input.address.value_or(""),
                                         input.phone.value_or(""),
                                         input.notes.value_or("")};
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    FacilityRepository repo(*db);
    RequireJurisdictionParent(
        repo, caller.TenantId(), record.jurisdictionId,
        roles::Reach::Of(*db, caller).NamesJurisdiction(record.jurisdictionId));
    WriteUnique(
        [&] { repo.InsertFacility(record, m_context.clock->Now()); },
        fmt::format("A facility named \"{}\" already exists in this jurisdiction.", record.name));
    Audit(m_context, *db, caller, "facility.create", record.id,
          {{"before", nullptr}, {"after", storage::ToJson(record)}});
    transaction.Commit();
    return *repo.GetFacility(caller.TenantId(), record.id);
}

model::Facility FacilityService::UpdateFacility(const auth::Caller& caller, const std::string& id,
                                                const model::FacilityPatch& patch) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    FacilityRepository repo(*db);
    const auto reach = roles::Reach::Of(*db, caller);
    const auto before = repo.FindFacility(caller.TenantId(), id);
    if (!before || !reach.ReachesFacility(id)) {
        ThrowNotFound("facility");
    }
    storage::FacilityRecord after = *before;
    if (patch.jurisdictionId) {
        // The facility must stay in reach, under a jurisdiction the caller sees.
        const std::string& target = *patch.jurisdictionId;
        RequireJurisdictionParent(repo, caller.TenantId(), target,
                                  reach.NamesJurisdiction(target) ||
                                      (reach.NamesFacility(id) && reach.ShowsJurisdiction(target)));
        after.jurisdictionId = *patch.jurisdictionId;
    }
    after.name = patch.name ? Trimmed(*patch.name) : after.name;
    after.address = patch.address.value_or(after.address);
    after.phone = patch.phone.value_or(after.phone);
    after.notes = patch.notes.value_or(after.notes);
    WriteUnique(
        [&] { repo.UpdateFacility(after, m_context.clock->Now()); },
        fmt::format("A facility named \"{}\" already exists in this jurisdiction.", after.name));
    Audit(m_context, *db, caller, "facility.update", id,
          {{"before", storage::ToJson(*before)}, {"after", storage::ToJson(after)}});
    transaction.Commit();
    return *repo.GetFacility(caller.TenantId(), id);
}

void FacilityService::DeleteFacility(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kFacilitiesWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    FacilityRepository repo(*db);
    const auto before = repo.FindFacility(caller.TenantId(), id);
    if (!before || !roles::Reach::Of(*db, caller).ReachesFacility(id)) {
        ThrowNotFound("facility");
    }
    if (const int terminals = repo.CountTerminalsIn(caller.TenantId(), id); terminals > 0) {
        throw http::HttpError(409, model::error_code::kNotEmpty,
                              fmt::format("The facility still has {} {}.", terminals,
                                          terminals == 1 ? "terminal" : "terminals"));
    }
    RequireNotInScopes(*db, caller.TenantId(), id, "facility");
    repo.DeleteFacility(caller.TenantId(), id);
    Audit(m_context, *db, caller, "facility.delete", id,
          {{"before", storage::ToJson(*before)}, {"after", nullptr}});
    transaction.Commit();
}

} // namespace resv::server::facilities
