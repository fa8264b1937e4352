/* libtiff's private configuration for localvision's build (in place of the
   header its configure step generates). The I/O and memory functions of
   tif_unix.c are replaced by src/decode/tiff.cpp. */
#include "tiffconf.h"

#define HAVE_ASSERT_H 1
#define HAVE_FCNTL_H 1
#define HAVE_SYS_TYPES_H 1

#define SIZEOF_SIZE_T __SIZEOF_SIZE_T__
#define STRIP_SIZE_DEFAULT 8192
/* localvision reads the first page only; a long IFD chain is a damaged file. */
#define TIFF_MAX_DIR_COUNT 1024

#define TIFF_SIZE_FORMAT "zu"
#if SIZEOF_SIZE_T == 8
#define TIFF_SSIZE_FORMAT PRId64
#else
#define TIFF_SSIZE_FORMAT PRId32
#endif
