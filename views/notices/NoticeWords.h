#pragma once
// Words for the Notices screen (お知らせ): an item's kind, an incident's severity and status, a
// component's name, an acknowledgement, the navigation entry's badge and what a field's error
// means in the editor and the contacts.

#include "views/notices/NoticesPresenter.h"

#include "resv/model/Notices.h"
#include "resv/model/Validation.h"

#include <wx/bmpbndl.h>
#include <wx/colour.h>
#include <wx/string.h>

#include <string_view>

namespace resv::views {

/// 障害 / 変更 / メンテナンス / 脆弱性.
wxString ItemKindText(const InboxItem& item);
wxString NoticeKindText(model::NoticeKind kind);
/// The colour of the kind's mark in the list.
wxColour ItemKindColour(const InboxItem& item);
wxString SeverityText(model::IncidentSeverity severity);
wxString IncidentStatusText(model::IncidentStatus status);
/// "database" -> データベース / Database; an unknown id stays as it is.
wxString ComponentText(std::string_view id);
/// The components joined with the language's list separator; "None" when empty.
wxString ComponentsText(const std::vector<std::string>& ids);
/// The list's third column: an incident's status, a notice's effective time.
wxString ItemStateText(const InboxItem& item);
/// "山田 花子 (manager), 2026-11-25 17:10 JST".
wxString AcknowledgementText(const model::Acknowledgement& ack);

/// "Notices" or "Notices (2)" for the navigation entry.
wxString NoticesNavigationLabel(int unread);

/// An error of the editor's or the contacts' fields, in a sentence.
wxString NoticeFieldErrorText(const model::FieldError& error);

/// The navigation icon (resources/icons/notices.svg).
wxBitmapBundle NoticesIcon(int sizeDip);

} // namespace resv::views
