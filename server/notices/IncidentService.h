#pragma once
// 障害 (A.16.1.1): incidents published by the provider's operators to the tenants concerned,
// mailed on publication and on every update, with notify_by = detected_at + 72 h and whether the
// mail went out by then; read by monitoring.read, acknowledged per account with notices.ack.

#include "notices/NoticeSupport.h"
#include "notices/Records.h"
#include "resv/model/Notices.h"

namespace resv::server::notices {

class IncidentService {
public:
    explicit IncidentService(NoticeContext context)
        : m_context(std::move(context)) {}

    /// Newest published first.
    model::InboxPage<model::Incident> List(const auth::Caller& caller,
                                           const facilities::PageRequest& page);
    model::Incident Get(const auth::Caller& caller, const std::string& id);
    /// 201: published and mailed now. 400 unknown_tenant, in_future.
    model::Incident Create(const auth::Caller& caller, const model::IncidentInput& input);
    /// A timeline entry; mails again.
    model::Incident Update(const auth::Caller& caller, const std::string& id,
                           const model::IncidentPatch& patch);
    /// Idempotent: a second acknowledgement keeps the first.
    model::Incident Acknowledge(const auth::Caller& caller, const std::string& id);

private:
    model::Incident View(storage::Connection& connection, const IncidentRecord& record,
                         const Reader& reader) const;
    /// The incident if the reader sees it, else 404.
    IncidentRecord Visible(storage::Connection& connection, const Reader& reader,
                           const std::string& id) const;

    NoticeContext m_context;
};

} // namespace resv::server::notices
