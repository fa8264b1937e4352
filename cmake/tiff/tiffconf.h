/* libtiff's public configuration for localvision's build (in place of the
   header its configure step generates): little-endian hosts (x86-64, wasm32),
   and only the codecs a baseline TIFF reader needs. */
#ifndef _TIFFCONF_
#define _TIFFCONF_

#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>

#define TIFF_INT8_T int8_t
#define TIFF_INT16_T int16_t
#define TIFF_INT32_T int32_t
#define TIFF_INT64_T int64_t
#define TIFF_UINT8_T uint8_t
#define TIFF_UINT16_T uint16_t
#define TIFF_UINT32_T uint32_t
#define TIFF_UINT64_T uint64_t
#if __SIZEOF_SIZE_T__ == 8
#define TIFF_SSIZE_T int64_t
#else
#define TIFF_SSIZE_T int32_t
#endif

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "this configuration is for little-endian hosts"
#endif
#define HAVE_IEEEFP 1
#define HOST_FILLORDER FILLORDER_LSB2MSB
#define HOST_BIGENDIAN 0

/* Codecs: none (always), PackBits, LZW, Deflate. No JPEG, OJPEG, CCITT,
   JBIG, LERC, LZMA, ZSTD, WebP, LogLuv, PixarLog, NeXT or ThunderScan. */
#define PACKBITS_SUPPORT 1
#define LZW_SUPPORT 1
#define ZIP_SUPPORT 1

#define STRIPCHOP_DEFAULT TIFF_STRIPCHOP
#define DEFAULT_EXTRASAMPLE_AS_ALPHA 1
#define COLORIMETRY_SUPPORT
#define YCBCR_SUPPORT
#define CMYK_SUPPORT
#define ICC_SUPPORT
#define PHOTOSHOP_SUPPORT
#define IPTC_SUPPORT

#endif /* _TIFFCONF_ */
