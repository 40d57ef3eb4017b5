#include "views/home/HomePresenter.h"

#include "resv/model/Time.h"

namespace resv::views {

HomeModel BuildHomeModel(const model::Me& me) {
    HomeModel home;
    home.displayName = me.displayName.empty() ? me.loginId : me.displayName;
    home.loginId = me.loginId;
    home.roles = me.roles;
    home.tier = me.tier;
    home.tenantName = me.tenant.name;
    home.tenantCode = me.tenant.code;
    home.dataRegion = me.tenant.dataRegion;
    home.actingAs = me.actingAs;
    home.sessionEndsJst = model::FormatJstDateTimeShort(me.session.expiresAt);
    home.idleEndsJst = model::FormatJstDateTimeShort(me.session.idleExpiresAt);
    home.mustChangePassword = me.mustChangePassword;
    return home;
}

} // namespace resv::views
