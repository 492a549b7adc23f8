// A stand-in for an executable that embeds Bare, for test/cross.js under Wine: it exports every
// js_* and bare_* function (stubs.h, generated from the import library's list, each recording its
// name and failing), plus bare_module_find, under a name that is not bare.exe, as Pear's runtime
// is. It loads the addon given on the command line, asks its module name and registers it: the
// registration's first call into Bare must reach one of these stubs through the addon's
// delay-load hook (src/win32_runtime.rs).
#include <stdint.h>
#include <stdio.h>
#include <windows.h>

static void
called(const char *name) {
  static int first = 1;
  if (first) fprintf(stderr, "host: first call into Bare: %s\n", name);
  first = 0;
}

#define STUB(name) \
  __declspec(dllexport) intptr_t name(void) { \
    called(#name); \
    return -1; \
  }
#include "stubs.h"

__declspec(dllexport) void *
bare_module_find(const char *query) {
  return NULL;
}

int
main(int argc, char **argv) {
  setvbuf(stderr, NULL, _IONBF, 0);
  HMODULE addon = LoadLibraryA(argv[1]);
  if (addon == NULL) {
    fprintf(stderr, "host: LoadLibrary failed: %lu\n", GetLastError());
    return 1;
  }
  fprintf(stderr, "host: loaded\n");
  const char *(*name)(void) = (const char *(*) (void)) GetProcAddress(addon, "bare_get_module_name_v0");
  void *(*reg)(void *, void *) = (void *(*) (void *, void *)) GetProcAddress(addon, "bare_register_module_v0");
  if (name == NULL || reg == NULL) {
    fprintf(stderr, "host: entry points missing\n");
    return 1;
  }
  fprintf(stderr, "host: module name %s\n", name());
  reg(NULL, NULL);
  fprintf(stderr, "host: registration returned\n");
  return 0;
}
