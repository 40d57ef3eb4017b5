#pragma once
// お知らせ (A.12.1.2 changes and maintenance announced to the designated contacts in advance,
// A.12.6.1 vulnerabilities): published by the provider's operators at least 7 days before a
// change or maintenance takes effect (unless an emergency with a reason), mailed on publication
// and on every follow-up; read with notices.read, acknowledged per account with notices.ack.

#include "notices/NoticeSupport.h"
#include "notices/Records.h"
#include "resv/model/Notices.h"

namespace resv::server::notices {

class NoticeService {
public:
    explicit NoticeService(NoticeContext context)
        : m_context(std::move(context)) {}

    model::InboxPage<model::Notice> List(const auth::Caller& caller,
                                         const facilities::PageRequest& page);
    model::Notice Get(const auth::Caller& caller, const std::string& id);
    /// 201. 400 unknown_tenant, lead_time.
    model::Notice Create(const auth::Caller& caller, const model::NoticeInput& input);
    /// A follow-up; a new effective_at is held to the same lead time. Mails again.
    model::Notice Update(const auth::Caller& caller, const std::string& id,
                         const model::NoticePatch& patch);
    model::Notice Acknowledge(const auth::Caller& caller, const std::string& id);

private:
    model::Notice View(storage::Connection& connection, const NoticeRecord& record,
                       const Reader& reader) const;
    NoticeRecord Visible(storage::Connection& connection, const Reader& reader,
                         const std::string& id) const;

    NoticeContext m_context;
};

/// The 7-day rule: a change or maintenance notice takes effect at least kNoticeLeadTime after
/// `now`, unless it is an emergency with a reason. Adds "effective_at" lead_time to `errors`.
void CheckLeadTime(model::NoticeKind kind, model::TimePoint effectiveAt, bool emergency,
                   const std::optional<std::string>& reason, model::TimePoint now,
                   std::vector<model::FieldError>& errors);

} // namespace resv::server::notices
