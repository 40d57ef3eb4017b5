# Warnings for the project's own targets only (never for system headers).
function(resv_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endfunction()
