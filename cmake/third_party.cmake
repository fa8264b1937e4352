# The C libraries behind the WebP and TIFF decoders, compiled from the Debian
# source packages scripts/third-party.sh unpacks into .cache/third-party
# (stb's headers too: CMakeLists.txt exposes them as <stb/...>).
# Only the decoding parts are built into the core; the WebP encoder is a
# separate library that only the tests and the fixture generator link.
#
# lv_add_third_party(<suffix> [THREADS]) defines, for one core variant:
#   lv_zlib<suffix>     inflate (+ deflate, which libtiff's codec table names)
#   lv_tiff<suffix>     libtiff: baseline reading, none/PackBits/LZW/Deflate
#   lv_webp<suffix>     libwebp decoder + demux (animation, EXIF chunk)
#   lv_webpenc<suffix>  libwebp encoder (tests only)
# Their allocations go through decode/c_alloc.cpp (zeroed on free, budgeted).

set(LV_THIRD_PARTY_DIR ${CMAKE_SOURCE_DIR}/.cache/third-party CACHE PATH "Unpacked Debian source packages")
foreach(pkg zlib tiff libwebp libstb)
  if(NOT EXISTS ${LV_THIRD_PARTY_DIR}/${pkg})
    message(FATAL_ERROR "${LV_THIRD_PARTY_DIR}/${pkg} is missing: run scripts/third-party.sh")
  endif()
endforeach()

set(LV_ZLIB_DIR ${LV_THIRD_PARTY_DIR}/zlib)
set(LV_TIFF_DIR ${LV_THIRD_PARTY_DIR}/tiff/libtiff)
set(LV_WEBP_DIR ${LV_THIRD_PARTY_DIR}/libwebp/src)

set(LV_ZLIB_SOURCES adler32.c crc32.c deflate.c inffast.c inflate.c inftrees.c trees.c zutil.c)
list(TRANSFORM LV_ZLIB_SOURCES PREPEND ${LV_ZLIB_DIR}/)

# tif_dirwrite/tif_write/tif_flush: TIFFClose and the codec table refer to
# them; the fixture generator and tests write TIFFs with them too.
set(LV_TIFF_SOURCES
    tif_aux.c tif_close.c tif_codec.c tif_color.c tif_compress.c tif_dir.c tif_dirinfo.c tif_dirread.c
    tif_dirwrite.c tif_dumpmode.c tif_error.c tif_extension.c tif_flush.c tif_getimage.c tif_hash_set.c
    tif_lzw.c tif_open.c tif_packbits.c tif_predict.c tif_print.c tif_read.c tif_strip.c tif_swab.c
    tif_tile.c tif_version.c tif_warning.c tif_write.c tif_zip.c)
list(TRANSFORM LV_TIFF_SOURCES PREPEND ${LV_TIFF_DIR}/)

# The SSE2/SSE4.1/NEON/MIPS files compile to nothing where their instruction
# set is absent (wasm), and are picked at run time natively.
file(GLOB LV_WEBP_SOURCES ${LV_WEBP_DIR}/dec/*.c ${LV_WEBP_DIR}/demux/*.c ${LV_WEBP_DIR}/utils/*.c)
list(FILTER LV_WEBP_SOURCES EXCLUDE REGEX "(bit_writer|huffman_encode|quant_levels)_utils\\.c$")
foreach(part alpha_processing cpu dec dec_clip_tables filters lossless rescaler upsampling yuv)
  file(GLOB found ${LV_WEBP_DIR}/dsp/${part}.c ${LV_WEBP_DIR}/dsp/${part}_*.c)
  list(APPEND LV_WEBP_SOURCES ${found})
endforeach()
list(FILTER LV_WEBP_SOURCES EXCLUDE REGEX "/dsp/lossless_enc")
file(GLOB LV_WEBPENC_SOURCES ${LV_WEBP_DIR}/enc/*.c ${LV_THIRD_PARTY_DIR}/libwebp/sharpyuv/*.c
     ${LV_WEBP_DIR}/utils/bit_writer_utils.c ${LV_WEBP_DIR}/utils/huffman_encode_utils.c
     ${LV_WEBP_DIR}/utils/quant_levels_utils.c)
foreach(part cost enc lossless_enc ssim)
  file(GLOB found ${LV_WEBP_DIR}/dsp/${part}.c ${LV_WEBP_DIR}/dsp/${part}_*.c)
  list(APPEND LV_WEBPENC_SOURCES ${found})
endforeach()

# Allocation hooks: the libraries' malloc/calloc/free land in c_alloc.cpp.
set(LV_ALLOC_HOOKS malloc=lv_decode_malloc calloc=lv_decode_calloc free=lv_decode_free)
set_source_files_properties(${LV_ZLIB_DIR}/zutil.c ${LV_WEBP_DIR}/utils/utils.c
                            PROPERTIES COMPILE_DEFINITIONS "${LV_ALLOC_HOOKS}")

function(lv_third_party_library name suffix threads)
  add_library(${name}${suffix} STATIC ${ARGN})
  target_compile_options(${name}${suffix} PRIVATE -w)
  if(EMSCRIPTEN)
    # Size over speed: these libraries run once per image.
    target_compile_options(${name}${suffix} PRIVATE -Os)
    if(threads)
      target_compile_options(${name}${suffix} PRIVATE -pthread)
    endif()
  elseif(LV_SANITIZE OR LV_FUZZ)
    target_compile_options(${name}${suffix} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=undefined)
    if(LV_FUZZ)
      target_compile_options(${name}${suffix} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
  endif()
endfunction()

function(lv_add_third_party suffix)
  cmake_parse_arguments(ARG "THREADS" "" "" ${ARGN})
  lv_third_party_library(lv_zlib "${suffix}" "${ARG_THREADS}" ${LV_ZLIB_SOURCES})
  target_include_directories(lv_zlib${suffix} SYSTEM PUBLIC ${LV_ZLIB_DIR})

  lv_third_party_library(lv_tiff "${suffix}" "${ARG_THREADS}" ${LV_TIFF_SOURCES})
  target_include_directories(lv_tiff${suffix} SYSTEM PUBLIC ${LV_TIFF_DIR} ${CMAKE_SOURCE_DIR}/cmake/tiff)
  if(NOT EMSCRIPTEN AND (LV_SANITIZE OR LV_FUZZ))
    # tif_lzw.c reads its input 8 bytes at a time through an unaligned
    # uint64_t* on x86-64 on purpose (memcpy elsewhere, wasm included).
    target_compile_options(lv_tiff${suffix} PRIVATE -fno-sanitize=alignment)
  endif()
  target_link_libraries(lv_tiff${suffix} PUBLIC lv_zlib${suffix})

  lv_third_party_library(lv_webp "${suffix}" "${ARG_THREADS}" ${LV_WEBP_SOURCES})
  target_include_directories(lv_webp${suffix} SYSTEM PUBLIC ${LV_WEBP_DIR} PRIVATE ${LV_WEBP_DIR}/..)

  lv_third_party_library(lv_webpenc "${suffix}" "${ARG_THREADS}" ${LV_WEBPENC_SOURCES})
  target_include_directories(lv_webpenc${suffix} PRIVATE ${LV_WEBP_DIR}/.. ${LV_THIRD_PARTY_DIR}/libwebp)
  target_link_libraries(lv_webpenc${suffix} PUBLIC lv_webp${suffix})
endfunction()
