#pragma once
// 管轄 and 施設: rules, permissions and audit (facilities.read / facilities.write).

#include "facilities/ServiceSupport.h"
#include "resv/model/Facility.h"
#include "resv/model/Page.h"

namespace resv::server::facilities {

class FacilityService {
public:
    explicit FacilityService(ServiceContext context)
        : m_context(std::move(context)) {}

    model::Page<model::Jurisdiction> ListJurisdictions(const auth::Caller& caller,
                                                       const PageRequest& page);
    model::Jurisdiction GetJurisdiction(const auth::Caller& caller, const std::string& id);
    model::Jurisdiction CreateJurisdiction(const auth::Caller& caller,
                                           const model::JurisdictionPatch& input);
    model::Jurisdiction UpdateJurisdiction(const auth::Caller& caller, const std::string& id,
                                           const model::JurisdictionPatch& patch);
    /// 409 not_empty while it holds facilities.
    void DeleteJurisdiction(const auth::Caller& caller, const std::string& id);

    model::Page<model::Facility> ListFacilities(const auth::Caller& caller,
                                                const PageRequest& page);
    model::Facility GetFacility(const auth::Caller& caller, const std::string& id);
    model::Facility CreateFacility(const auth::Caller& caller, const model::FacilityPatch& input);
    model::Facility UpdateFacility(const auth::Caller& caller, const std::string& id,
                                   const model::FacilityPatch& patch);
    /// 409 not_empty while it holds terminals.
    void DeleteFacility(const auth::Caller& caller, const std::string& id);

private:
    ServiceContext m_context;
};

} // namespace resv::server::facilities
