# add_bare_module for Windows builds with MinGW-w64 (win32-x64 cross-built on Linux).
#
# cmake-bare's own add_bare_module links a Windows addon against `bare.lib`, the import library of
# the `bare-runtime-win32-*` npm package, which the registry here does not serve. This makes the
# same module (an object library named as cmake-bare names it, a shared `<name>@<major>.bare`, the
# install rule into prebuilds/win32-<arch>/) with an import library of our own: every function
# Bare's headers declare (js.h, bare.h), imported from "bare.exe" and delay-loaded, made with
# MinGW's dlltool. At the first call, MinGW's delay-load helper asks our hook which module that is
# (src/win32_runtime.rs): the executable or DLL that embeds Bare, whatever its name.
#
#   include(cmake/mingw-module.cmake)
#   add_bare_module_mingw(result)       (sets result to the object library's name, and
#                                         bare_import_library to the import library)

function(add_bare_module_mingw result)
  download_bare_headers(bare_headers)
  bare_module_target("." target NAME name VERSION version)
  string(REGEX MATCH "^[0-9]+" major "${version}")
  bare_target(host)

  add_library(${target} OBJECT)
  set_target_properties(${target} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_definitions(${target} PRIVATE BARE_MODULE_NAME="${name}@${version}")
  target_include_directories(${target} PRIVATE ${bare_headers})

  # The import library: every js_* and bare_* function the headers declare at the start of a line
  # (their style: the return type on the line before).
  set(def "${CMAKE_CURRENT_BINARY_DIR}/bare.def")
  set(functions)
  foreach(header js.h bare.h)
    file(STRINGS "${bare_headers}/${header}" lines REGEX "^(js|bare)_[a-z0-9_]+\\(")
    foreach(line IN LISTS lines)
      string(REGEX MATCH "^(js|bare)_[a-z0-9_]+" function "${line}")
      list(APPEND functions ${function})
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES functions)
  list(JOIN functions "\n  " exports)
  file(WRITE "${def}" "LIBRARY bare.exe\nEXPORTS\n  ${exports}\n")
  find_program(dlltool NAMES x86_64-w64-mingw32-dlltool dlltool REQUIRED)
  set(import_library "${CMAKE_CURRENT_BINARY_DIR}/libbare-delay.a")
  add_custom_command(
    OUTPUT "${import_library}"
    COMMAND ${dlltool} --input-def "${def}" --dllname bare.exe --output-delaylib "${import_library}"
    DEPENDS "${def}"
    VERBATIM
  )
  add_custom_target(${target}_import DEPENDS "${import_library}")

  add_library(${target}_module SHARED)
  set_target_properties(${target}_module PROPERTIES
    OUTPUT_NAME ${name}@${major}
    PREFIX ""
    SUFFIX ".bare"
  )
  add_dependencies(${target}_module ${target}_import)
  target_link_libraries(${target}_module PRIVATE ${target})
  # Exactly Bare's two entry points are exported (binding.c defines them; MinGW's linker would
  # otherwise export whatever it finds global). Nothing of MinGW's runtime is a DLL: libgcc,
  # libstdc++, winpthread and libssp go in statically.
  set(exports_def "${CMAKE_CURRENT_BINARY_DIR}/${name}.def")
  file(WRITE "${exports_def}" "EXPORTS\n  bare_get_module_name_v0\n  bare_register_module_v0\n")
  target_sources(${target}_module PRIVATE "${exports_def}")
  target_link_options(${target}_module PRIVATE -static -static-libgcc)

  install(FILES $<TARGET_FILE:${target}_module> DESTINATION ${host} RENAME ${name}.bare)

  set(${result} ${target} PARENT_SCOPE)
  # The caller links it after everything that calls Bare (GNU ld resolves in order).
  set(bare_import_library "${import_library}" PARENT_SCOPE)
endfunction()
