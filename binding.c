// Registers the addon with Bare. All native work is in the Rust staticlib (src/), whose
// `bare_ffmpeg_exports` builds the exports object.
#include <bare.h>
#include <js.h>

js_value_t *
bare_ffmpeg_exports(js_env_t *env, js_value_t *exports);

BARE_MODULE(bare_ffmpeg, bare_ffmpeg_exports)
