//! The addon's crate is linked into Bare, which provides `js.h`'s functions when it loads the
//! addon. `cargo test` links the crate into a test program of its own, which has no Bare: the
//! tests (pure Rust, and FFmpeg) never call js.h, so its symbols are left unresolved there, and
//! the few the loader still wants are stand-ins (src/js/sys.rs, `outside_bare`). The staticlib
//! the addon links is not linked by rustc, so this affects the test program only.
fn main() {
    println!("cargo:rustc-link-arg=-Wl,--unresolved-symbols=ignore-all");
}
