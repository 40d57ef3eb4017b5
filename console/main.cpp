#include "console/App.h"

wxIMPLEMENT_APP(resv::console::App);
