#pragma once
// Precompiled for resv_views and reused by the console and the GUI tests: keep it to the wx
// headers nearly every view includes.

#include <wx/wx.h>

#include <wx/activityindicator.h>
#include <wx/artprov.h>
#include <wx/bmpbndl.h>
#include <wx/statline.h>
#include <wx/timer.h>
