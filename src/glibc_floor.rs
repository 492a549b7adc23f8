//! The oldest glibc the addon needs. Bare's own runtime needs glibc 2.34; of what the addon
//! imports, only `hypot` and `hypotf` are newer (glibc 2.35 gave them new versions, with another
//! algorithm, keeping the old ones). FFmpeg's calls to them go to the old versions, which every
//! glibc since the architecture's first has: the link wraps them (`--wrap=hypot,--wrap=hypotf`
//! in CMakeLists.txt) and the wrappers below jump to the old symbols. test/prebuild.js checks the
//! highest glibc version the prebuild imports.
//!
//! A `.symver` binds only the references of its own object, so each wrapper and its `.symver`
//! are one assembly block.

#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".symver bare_ffmpeg_hypot_old, hypot@GLIBC_2.2.5",
    ".symver bare_ffmpeg_hypotf_old, hypotf@GLIBC_2.2.5",
    ".globl __wrap_hypot",
    ".type __wrap_hypot, @function",
    "__wrap_hypot:",
    "    jmp bare_ffmpeg_hypot_old@PLT",
    ".globl __wrap_hypotf",
    ".type __wrap_hypotf, @function",
    "__wrap_hypotf:",
    "    jmp bare_ffmpeg_hypotf_old@PLT",
);

#[cfg(target_arch = "aarch64")]
core::arch::global_asm!(
    ".symver bare_ffmpeg_hypot_old, hypot@GLIBC_2.17",
    ".symver bare_ffmpeg_hypotf_old, hypotf@GLIBC_2.17",
    ".globl __wrap_hypot",
    ".type __wrap_hypot, %function",
    "__wrap_hypot:",
    "    b bare_ffmpeg_hypot_old",
    ".globl __wrap_hypotf",
    ".type __wrap_hypotf, %function",
    "__wrap_hypotf:",
    "    b bare_ffmpeg_hypotf_old",
);
