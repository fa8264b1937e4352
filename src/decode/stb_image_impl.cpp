// The one translation unit that compiles stb_image (JPEG, PNG, GIF, ICO's BMP from
// memory only), wired to the zeroing, budgeted allocator of stb_alloc.hpp.
#include "decode/stb_alloc.hpp"

#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_STDIO
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_ONLY_GIF
#define STBI_ONLY_BMP  // the bitmaps inside ICO files (ico.cpp); BMP files use bmp.cpp
#define STBI_NO_LINEAR
#define STBI_NO_HDR
// Defence in depth: header.cpp enforces Limits first; no supported format
// but PNG can even declare a side above 65535.
#define STBI_MAX_DIMENSIONS 65535
#define STBI_MALLOC(size) ::lv::decode_detail::stbMalloc(size)
#define STBI_REALLOC(p, newSize) ::lv::decode_detail::stbRealloc(p, newSize)
#define STBI_FREE(p) ::lv::decode_detail::stbFree(p)
// WebAssembly: stb_image's SSE2 JPEG paths (IDCT, YCbCr -> RGB, chroma
// upsampling; bit-identical to its scalar code by design) compile to wasm
// SIMD through Emscripten's SSE2 headers (-msse2 for this file, see
// CMakeLists.txt). stb_image enables them only on x86 targets: say it is one.
#if defined(__EMSCRIPTEN__) && defined(__SSE2__)
#define STBI__X64_TARGET
#endif
#include <stb/stb_image.h>
