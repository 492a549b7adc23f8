//! Windows: finding the Bare runtime our imports come from.
//!
//! On Windows a DLL names the module each import comes from. Bare's `js_*` and `bare_*` functions
//! live in whatever executable embeds Bare (`bare.exe`, Pear's runtime, an app's own) or in a
//! `bare.dll`, so the addon imports them from "bare.exe" through a delay-load import library
//! (CMakeLists.txt makes it with MinGW's `dlltool` from Bare's headers, cmake/mingw-module.cmake),
//! and MinGW's delay-load helper asks the hook installed here, at the first call of each, which
//! module "bare.exe" is: the one module of the process that exports Bare's `bare_module_find`.
//! Two would mean two runtimes, and binding to the wrong one mixes their state: then the load
//! fails instead (as cmake-bare's own loader does for addons built with MSVC).

use std::ffi::{c_char, c_void, CStr};
use std::ptr;

type Module = *mut c_void;

/// MinGW's `DelayLoadInfo` (delayimp.h): what the helper is loading.
#[repr(C)]
struct DelayLoadInfo {
    size: u32,
    descriptor: *const c_void,
    slot: *mut *const c_void,
    dll: *const c_char,
    import_by_name: i32,
    procedure: *const c_char,
    module: Module,
    function: *const c_void,
    last_error: u32,
}

type Hook = unsafe extern "system" fn(u32, *mut DelayLoadInfo) -> *mut c_void;

/// `dliNotePreLoadLibrary`: the helper is about to load `dll`; a module returned is used instead.
const PRE_LOAD_LIBRARY: u32 = 1;
/// `dliFailLoadLib`: loading failed; a module returned is used instead.
const FAIL_LOAD_LIBRARY: u32 = 3;

extern "C" {
    // MinGW-w64's delay-load helper (libmingwex) calls these, if set.
    static mut __pfnDliNotifyHook2: Option<Hook>;
    static mut __pfnDliFailureHook2: Option<Hook>;
}

extern "system" {
    fn GetModuleHandleA(name: *const c_char) -> Module;
    fn GetProcAddress(module: Module, name: *const c_char) -> *const c_void;
    fn GetCurrentProcess() -> *mut c_void;
    fn K32EnumProcessModules(
        process: *mut c_void,
        modules: *mut Module,
        size: u32,
        needed: *mut u32,
    ) -> i32;
}

/// The DLL entry point (MinGW's CRT calls it): installs the hook before any import is resolved.
#[unsafe(no_mangle)]
pub extern "system" fn DllMain(_module: Module, reason: u32, _reserved: *mut c_void) -> i32 {
    const DLL_PROCESS_ATTACH: u32 = 1;
    if reason == DLL_PROCESS_ATTACH {
        // SAFETY: the loader runs DllMain under its lock, before any other code of this DLL, so
        // nothing reads the hooks while they are written.
        unsafe { __pfnDliNotifyHook2 = Some(hook) };
        // SAFETY: as above.
        unsafe { __pfnDliFailureHook2 = Some(hook) };
    }
    1
}

unsafe extern "system" fn hook(event: u32, info: *mut DelayLoadInfo) -> *mut c_void {
    if event != PRE_LOAD_LIBRARY && event != FAIL_LOAD_LIBRARY {
        return ptr::null_mut();
    }
    // SAFETY: the helper passes its own valid `DelayLoadInfo`.
    let dll = unsafe { (*info).dll };
    // SAFETY: whose `dll` is a C string.
    let dll = unsafe { CStr::from_ptr(dll) };
    let dll = dll.to_bytes();
    if dll.eq_ignore_ascii_case(b"bare.exe") || dll.eq_ignore_ascii_case(b"bare.dll") {
        runtime()
    } else {
        ptr::null_mut()
    }
}

/// The module of this process that exports `bare_module_find`: the executable itself when it
/// links Bare statically, else the one DLL that does; null if none or two.
fn runtime() -> Module {
    let exports_bare = |module: Module| {
        // SAFETY: a module handle of this process and a C string.
        !module.is_null()
            && !unsafe { GetProcAddress(module, c"bare_module_find".as_ptr()) }.is_null()
    };
    // SAFETY: a null name asks for the executable's own handle.
    let main = unsafe { GetModuleHandleA(ptr::null()) };
    if exports_bare(main) {
        return main;
    }
    let mut modules: [Module; 1024] = [ptr::null_mut(); 1024];
    let mut needed = 0u32;
    // SAFETY: no arguments; a pseudo-handle that needs no closing.
    let process = unsafe { GetCurrentProcess() };
    // SAFETY: the buffer and its size in bytes; `needed` receives the size used.
    let listed = unsafe {
        K32EnumProcessModules(
            process,
            modules.as_mut_ptr(),
            std::mem::size_of_val(&modules) as u32,
            &mut needed,
        )
    };
    if listed == 0 {
        return ptr::null_mut();
    }
    let count = (needed as usize / std::mem::size_of::<Module>()).min(modules.len());
    let mut found = modules[..count]
        .iter()
        .copied()
        .filter(|m| exports_bare(*m));
    match (found.next(), found.next()) {
        (Some(module), None) => module,
        _ => ptr::null_mut(),
    }
}
