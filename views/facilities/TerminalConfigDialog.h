#pragma once
// 遠隔設定: the remote configuration of one terminal, or of every terminal of a facility or
// jurisdiction. Shows the current settings, the edit with errors next to the fields, the diff
// before Apply, the history with Rollback, and the terminals' 「pending → applied」.

#include "views/facilities/TerminalConfigPresenter.h"

#include <wx/dialog.h>
#include <wx/timer.h>

#include <array>
#include <map>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxInfoBar;
class wxListCtrl;
class wxSlider;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

class TerminalConfigDialog final : public wxDialog {
public:
    static constexpr int kPollIntervalMs = 2000;

    TerminalConfigDialog(wxWindow* parent, std::shared_ptr<client::IFacilitiesApi> api,
                         ConfigTarget target, ITaskRunner& runner, IUiDispatcher& ui);
    ~TerminalConfigDialog() override;

    TerminalConfigPresenter& Presenter() { return m_presenter; }
    /// Loads the settings (and history).
    void Start();

    // For GUI tests.
    wxSlider* VolumeSlider() const { return m_volumeSlider; }
    wxSpinCtrl* VolumeSpin() const { return m_volumeSpin; }
    wxTextCtrl* IdleMessage() const { return m_idleMessage; }
    wxTextCtrl* OpenTime() const { return m_open; }
    wxTextCtrl* CloseTime() const { return m_close; }
    wxCheckBox* RemoteSupportCheck() const { return m_remoteSupport; }
    wxTextCtrl* UntilDate() const { return m_untilDate; }
    wxTextCtrl* UntilTime() const { return m_untilTime; }
    wxListCtrl* Diff() const { return m_diff; }
    wxListCtrl* HistoryList() const { return m_history; }
    wxButton* ApplyButton() const { return m_apply; }
    wxStaticText* ProgressText() const { return m_progress; }
    wxInfoBar* Messages() const { return m_messages; }
    wxString ErrorShown(const std::string& field) const;
    /// Applies without the group confirmation (tests; the button asks first).
    void ApplyNow();

private:
    void BuildLayout();
    wxSizer* BuildSettings(wxWindow* parent);
    wxSizer* BuildDiffAndHistory(wxWindow* parent);
    wxStaticText* AddError(wxWindow* parent, wxSizer* sizer, const std::string& field);
    void ReadControls();
    void ShowSettings(const model::TerminalSettings& settings);
    void ShowState();
    void ShowDiff();
    void ShowHistory();
    void FitColumns(wxListCtrl* list, int stretchColumn);
    void OnApply();
    void OnRollback();

    TerminalConfigPresenter m_presenter;
    wxInfoBar* m_messages = nullptr;
    wxSlider* m_volumeSlider = nullptr;
    wxSpinCtrl* m_volumeSpin = nullptr;
    wxChoice* m_language = nullptr;
    wxTextCtrl* m_idleMessage = nullptr;
    wxStaticText* m_idleCounter = nullptr;
    std::array<wxCheckBox*, 7> m_days{};
    wxTextCtrl* m_open = nullptr;
    wxTextCtrl* m_close = nullptr;
    wxCheckBox* m_remoteSupport = nullptr;
    wxTextCtrl* m_untilDate = nullptr; ///< YYYY-MM-DD, JST, as every date in the console
    wxTextCtrl* m_untilTime = nullptr; ///< HH:MM, JST
    std::map<std::string, wxStaticText*> m_errors;
    wxListCtrl* m_diff = nullptr;
    wxListCtrl* m_history = nullptr;
    wxButton* m_rollback = nullptr;
    wxButton* m_reload = nullptr;
    wxButton* m_apply = nullptr;
    wxStaticText* m_progress = nullptr;
    wxTimer m_pollTimer;
    bool m_showing = false;
    bool m_shownOnce = false;
};

} // namespace resv::views
