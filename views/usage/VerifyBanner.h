#pragma once
// Verify's answer above the usage history: "Verifying..." while the server checks the chain,
// then a green shield with "Intact up to #N, signed at ..." or a red one naming the first
// altered or missing event, with what to do; a failed check says why. Close hides it.

#include "resv/model/AuditEvent.h"

#include <wx/panel.h>

class wxActivityIndicator;
class wxButton;
class wxStaticBitmap;
class wxStaticText;

namespace resv::views {

struct ErrorMessage;

class VerifyBanner final : public wxPanel {
public:
    enum class Look { Hidden, Running, Intact, Broken, Failed };

    explicit VerifyBanner(wxWindow* parent);

    void ShowRunning();
    void ShowResult(const model::AuditVerification& verification, model::TimePoint checkedAt);
    void ShowFailure(const ErrorMessage& message);
    void Close();

    // For GUI tests.
    Look Shown() const { return m_look; }
    wxString Headline() const;
    wxString Advice() const;

private:
    void SetLook(Look look, const wxString& headline, const wxString& advice);
    void WrapAdvice();

    Look m_look = Look::Hidden;
    wxActivityIndicator* m_spinner = nullptr;
    wxStaticBitmap* m_icon = nullptr;
    wxStaticText* m_headline = nullptr;
    wxStaticText* m_advice = nullptr;
    wxString m_adviceText;
    wxButton* m_close = nullptr;
};

} // namespace resv::views
