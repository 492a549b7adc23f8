//! Builds the FFmpeg that bare-ffmpeg links (ffmpeg/CMakeLists.txt, driven by the cmake crate)
//! into a cache outside the clone, once per machine, version, configuration and target.
//!
//! The prefix is `<cache>/ffmpeg-<version>-<target>-<key>`, where the key hashes the build's
//! own files (CMakeLists.txt, sources.cmake, the helper scripts) and the target. A prefix with a
//! `.complete` file is finished and is reused as it is; an unfinished one is resumed (each library
//! is an ExternalProject with its own steps). A lock file keeps two builds from sharing a prefix.
//!
//! Inputs (environment): `BARE_FFMPEG_CACHE` (default `$XDG_CACHE_HOME/bare-ffmpeg` or
//! `~/.cache/bare-ffmpeg`), `BARE_FFMPEG_PREFIX_FILE` (where to write the prefix, for CMake and
//! the scripts). Output: the prefix, in that file and as `BARE_FFMPEG_PREFIX` for the crate.
//! Its progress shows with `cargo build -vv`, which is how CMakeLists.txt runs it.

use std::env;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Instant;

const FFMPEG_VERSION: &str = "9.0.2";
/// The files whose content decides what is built for every target; any change makes a new cache
/// key. The target's own `targets/<os>.cmake` ([`recipe_os`]) is hashed too, and no other's.
const RECIPE: &[&str] = &[
    "CMakeLists.txt",
    "sources.cmake",
    "progress.sh",
    "add-fftools.cmake",
    "patches.cmake",
    "pc-libs.cmake",
];

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let target = env::var("TARGET").expect("cargo sets TARGET");
    let os = recipe_os(&target);
    for file in RECIPE {
        println!("cargo:rerun-if-changed={file}");
    }
    println!("cargo:rerun-if-changed=targets/{os}.cmake");
    println!("cargo:rerun-if-env-changed=BARE_FFMPEG_CACHE");
    println!("cargo:rerun-if-env-changed=BARE_FFMPEG_PREFIX_FILE");

    let cache = cache_dir();
    let prefix = cache.join(format!(
        "ffmpeg-{FFMPEG_VERSION}-{target}-{:016x}",
        recipe_key(&manifest_dir, &target, os)
    ));
    fs::create_dir_all(&cache).unwrap_or_else(|e| panic!("cannot create {}: {e}", cache.display()));

    let mut lock_path = prefix.clone().into_os_string();
    lock_path.push(".lock");
    let lock = File::create(&lock_path)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", Path::new(&lock_path).display()));
    if lock.try_lock().is_err() {
        println!(
            "bare-ffmpeg: waiting for another build of {}",
            prefix.display()
        );
        lock.lock().expect("lock the FFmpeg prefix");
    }

    let complete = prefix.join(".complete");
    if complete.exists() {
        println!(
            "bare-ffmpeg: using the FFmpeg build in {}",
            prefix.display()
        );
    } else {
        build(&manifest_dir, &target, os, &cache, &prefix);
        // The build trees (hundreds of MB of objects) are of no further use: a change to the
        // recipe builds into a new prefix. Their logs stay.
        keep_only_logs(&prefix.join("build"));
        fs::write(&complete, "").expect("mark the FFmpeg build complete");
    }
    drop(lock);

    println!("cargo:rustc-env=BARE_FFMPEG_PREFIX={}", prefix.display());
    if let Some(file) = env::var_os("BARE_FFMPEG_PREFIX_FILE") {
        // Rerun (and rewrite it) if the file goes missing.
        println!("cargo:rerun-if-changed={}", Path::new(&file).display());
        fs::write(&file, format!("{}\n", prefix.display()))
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", Path::new(&file).display()));
    }
}

fn build(manifest_dir: &Path, target: &str, os: &str, cache: &Path, prefix: &Path) {
    let started = Instant::now();
    println!(
        "bare-ffmpeg: building FFmpeg {FFMPEG_VERSION} and its codec libraries for {target} into {} \
         (once per machine; about 20 minutes on 2 cores)",
        prefix.display()
    );
    let downloads = cache.join("downloads");
    fs::create_dir_all(&downloads).expect("create the downloads directory");
    cmake::Config::new(manifest_dir)
        .generator("Ninja")
        .profile("Release")
        .out_dir(prefix)
        .build_target("all")
        .define("BARE_FFMPEG_TARGET", target)
        .define("BARE_FFMPEG_OS", os)
        .define("FFMPEG_SRC_NATIVE", ffmpeg_src_native())
        .define("DOWNLOAD_DIR", &downloads)
        .build();
    println!(
        "bare-ffmpeg: FFmpeg built in {} min",
        started.elapsed().as_secs().div_ceil(60)
    );
}

/// Deletes every file under `dir` but the `*.log` files (and the directories that end up empty).
fn keep_only_logs(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => {
                keep_only_logs(&path);
                let _ = fs::remove_dir(&path); // only if empty
            }
            Ok(_) if path.extension().is_some_and(|e| e == "log") => {}
            Ok(_) => {
                let _ = fs::remove_file(&path);
            }
            Err(_) => {}
        }
    }
}

fn cache_dir() -> PathBuf {
    if let Some(dir) = env::var_os("BARE_FFMPEG_CACHE") {
        return PathBuf::from(dir);
    }
    let base = env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))
        .expect("set HOME or BARE_FFMPEG_CACHE");
    base.join("bare-ffmpeg")
}

/// FNV-1a over the recipe files and the target: stable across Rust releases, unlike std's hasher.
fn recipe_key(manifest_dir: &Path, target: &str, os: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    let own = format!("targets/{os}.cmake");
    for file in RECIPE.iter().copied().chain([own.as_str()]) {
        let path = manifest_dir.join(file);
        feed(file.as_bytes());
        feed(&fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())));
    }
    feed(target.as_bytes());
    hash
}

/// The recipe file of the target's operating system (`targets/<os>.cmake`; the name is FFmpeg's
/// `--target-os` where FFmpeg has one). Targets without a recipe stop here.
fn recipe_os(target: &str) -> &'static str {
    if target.contains("-linux-gnu") {
        "linux"
    } else if target.contains("-apple-darwin") {
        "darwin"
    } else if target.contains("-windows-gnu") {
        "mingw32"
    } else {
        panic!("no FFmpeg build recipe for {target} (ffmpeg/targets/ has one per platform)")
    }
}

/// The native/ directory of the ffmpeg-src crate (FFmpeg's, zlib's and Kvazaar's release tarballs).
/// It is an optional dependency of this crate that is never enabled: Cargo.lock pins it and
/// `cargo fetch` downloads and unpacks it, but cargo never runs its own build (which would build
/// an FFmpeg of its own configuration).
fn ffmpeg_src_native() -> PathBuf {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .expect("set CARGO_HOME or HOME");
    let registry = cargo_home.join("registry").join("src");
    let wanted = format!("ffmpeg-src-{FFMPEG_VERSION}");
    fs::read_dir(&registry)
        .into_iter()
        .flatten()
        .flatten()
        .map(|index| index.path().join(&wanted).join("native"))
        .find(|native| native.join("ffmpeg.tar.xz").is_file())
        .unwrap_or_else(|| {
            panic!(
                "{wanted} is not in {}: run `cargo fetch --locked` first",
                registry.display()
            )
        })
}
