// For Wine 8 (Debian 12), which lacks bcryptprimitives.dll: every Windows 10 and later has it,
// and Rust's standard library (in the addon and in `cargo test`'s programs) imports its
// ProcessPrng for random numbers. test/cross.js builds this stand-in and puts it on WINEPATH; it
// fills the buffer from the same system generator (RtlGenRandom, advapi32's SystemFunction036).
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

__declspec(dllexport) BOOL WINAPI
ProcessPrng(PBYTE data, SIZE_T len) {
  return RtlGenRandom(data, (ULONG) len);
}
