#pragma once
// The e-mail of an incident or notice: a Japanese subject (「[RESV] 【障害】…」, 「【続報】」 for
// an update), and a plain-text body in Japanese (times in JST) followed by the same in English.
// User text (titles, messages) goes only into the subject line and the body; the mail layer
// keeps CR/LF out of headers.

#include "notices/NoticeSupport.h"
#include "notices/Records.h"

#include <string>

namespace resv::server::notices {

/// `update` is the timeline entry the mail announces (the first one on publication).
MailText IncidentMail(const IncidentRecord& incident, const model::IncidentUpdate& update,
                      bool followUp);

/// `followUp`: the follow-up's text, none on publication.
MailText NoticeMail(const NoticeRecord& notice, const std::optional<std::string>& followUp);

/// 「重大」, 「調査中」, 「メンテナンス」…: the words the mail uses.
std::string SeverityJa(model::IncidentSeverity severity);
std::string StatusJa(model::IncidentStatus status);

} // namespace resv::server::notices
