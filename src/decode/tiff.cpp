#include "decode/tiff.hpp"

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <tiffio.h>

#include "decode/budget.hpp"
#include "decode/bytes.hpp"
#include "decode/pixels.hpp"
#include "decode/stb_alloc.hpp"

namespace lv {

using namespace decode_detail;

namespace {

// libtiff keeps one strip or tile (at most width*height*samples*2 bytes for
// 16-bit data) besides the RGBA raster we hand it.
constexpr unsigned kTiffBytesPerPixel = 16;

constexpr const char* kSendBaseline = "Send an uncompressed, PackBits, LZW or Deflate TIFF, or a PNG or JPEG file.";

// The file as libtiff's client I/O sees it: read-only, "memory-mapped".
struct MemoryFile {
  Bytes bytes;
  std::uint64_t pos = 0;
  std::string firstError;  // libtiff's first error message, for ours
};

MemoryFile& fileOf(thandle_t handle) { return *static_cast<MemoryFile*>(handle); }

tmsize_t readProc(thandle_t handle, void* buffer, tmsize_t size) {
  MemoryFile& file = fileOf(handle);
  if (size <= 0 || file.pos >= file.bytes.size()) return 0;
  const std::uint64_t n = std::min<std::uint64_t>(static_cast<std::uint64_t>(size), file.bytes.size() - file.pos);
  std::memcpy(buffer, file.bytes.data() + file.pos, n);
  file.pos += n;
  return static_cast<tmsize_t>(n);
}

tmsize_t writeProc(thandle_t, void*, tmsize_t) { return -1; }

toff_t seekProc(thandle_t handle, toff_t offset, int whence) {
  MemoryFile& file = fileOf(handle);
  const std::uint64_t base = whence == SEEK_CUR ? file.pos : whence == SEEK_END ? file.bytes.size() : 0;
  if (offset > UINT64_MAX - base) return static_cast<toff_t>(-1);
  file.pos = base + offset;
  return file.pos;
}

int closeProc(thandle_t) { return 0; }
toff_t sizeProc(thandle_t handle) { return fileOf(handle).bytes.size(); }

int mapProc(thandle_t handle, void** base, toff_t* size) {
  MemoryFile& file = fileOf(handle);
  *base = const_cast<std::uint8_t*>(file.bytes.data());  // libtiff only reads a mapping opened with "r"
  *size = file.bytes.size();
  return 1;
}

void unmapProc(thandle_t, void*, toff_t) {}

int onError(TIFF*, void* user, const char* module, const char* format, va_list args) {
  auto& file = *static_cast<MemoryFile*>(user);
  if (file.firstError.empty()) {
    char text[256];
    std::vsnprintf(text, sizeof text, format, args);
    file.firstError = std::string(module ? module : "libtiff") + ": " + text;
  }
  return 1;  // handled: the global handlers stay silent
}

int onWarning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

struct TiffCloser {
  void operator()(TIFF* tif) const { TIFFClose(tif); }
};

std::unique_ptr<TIFF, TiffCloser> openTiff(MemoryFile& file) {
  TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
  if (!options) return nullptr;
  TIFFOpenOptionsSetErrorHandlerExtR(options, onError, &file);
  TIFFOpenOptionsSetWarningHandlerExtR(options, onWarning, &file);
  TIFF* tif = TIFFClientOpenExt("TIFF", "r", &file, readProc, writeProc, seekProc, closeProc, sizeProc, mapProc,
                                unmapProc, options);
  TIFFOpenOptionsFree(options);
  return std::unique_ptr<TIFF, TiffCloser>(tif);
}

[[noreturn]] void failDamaged(const MemoryFile& file, const DeclaredSize& size) {
  failIfOutOfBudget("TIFF", size);
  failFormat("the TIFF file is damaged or truncated" +
             (file.firstError.empty() ? std::string() : " (" + file.firstError + ")"));
}

void checkSupported(TIFF* tif) {
  std::uint16_t compression = COMPRESSION_NONE;
  TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &compression);
  if (!TIFFIsCODECConfigured(compression)) {
    const TIFFCodec* codec = TIFFFindCODEC(compression);
    failFormat("the TIFF file uses compression " + std::to_string(compression) +
                   (codec ? std::string(" (") + codec->name + ")" : std::string()) + ", which is not supported",
               kSendBaseline);
  }
  char why[1024] = "";
  if (!TIFFRGBAImageOK(tif, why))
    failFormat(std::string("the TIFF image's colour model is not supported (") + why + ")", kSendBaseline);
}

// IFD entry reading for readTiffSize: classic TIFF (12-byte entries, 32-bit
// offsets) or BigTIFF (20-byte entries, 64-bit offsets).
struct IfdReader {
  Bytes b;
  bool little = true, big = false;
  std::uint64_t u16(std::size_t at) const { return little ? le16(b.data() + at) : be16(b.data() + at); }
  std::uint64_t u32(std::size_t at) const { return little ? le32(b.data() + at) : be32(b.data() + at); }
  std::uint64_t u64(std::size_t at) const {
    return little ? u32(at) | (u32(at + 4) << 32) : (u32(at) << 32) | u32(at + 4);
  }
  std::uint64_t offset(std::size_t at) const { return big ? u64(at) : u32(at); }
};

}  // namespace

DeclaredSize readTiffSize(Bytes bytes) {
  if (!has(bytes, 0, 8)) failTruncated("TIFF", "it ends inside its header");
  IfdReader r{bytes, bytes[0] == 'I'};
  r.big = r.u16(2) == 43;
  if (r.big && (!has(bytes, 0, 16) || r.u16(4) != 8)) failFormat("the BigTIFF header is damaged");
  const std::uint64_t ifd = r.offset(r.big ? 8 : 4);
  const std::size_t countSize = r.big ? 8 : 2, entrySize = r.big ? 20 : 12, valueAt = r.big ? 12 : 8;
  if (ifd < 8 || !has(bytes, ifd, countSize)) failTruncated("TIFF", "its first directory lies past its end");
  const std::uint64_t count = r.big ? r.u64(ifd) : r.u16(ifd);
  DeclaredSize size;
  bool found[2] = {false, false};
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint64_t entry = ifd + countSize + i * entrySize;
    if (!has(bytes, entry, entrySize)) failTruncated("TIFF", "it ends inside its first directory");
    const std::uint64_t tag = r.u16(entry), type = r.u16(entry + 2);
    if (tag != 256 && tag != 257) continue;
    std::uint64_t value;
    if (type == 3) value = r.u16(entry + valueAt);        // SHORT
    else if (type == 4) value = r.u32(entry + valueAt);   // LONG
    else if (type == 16 && r.big) value = r.u64(entry + valueAt);  // LONG8
    else failFormat("the TIFF file's image width or length has an invalid type");
    (tag == 256 ? size.width : size.height) = value;
    found[tag - 256] = true;
  }
  if (!found[0] || !found[1]) failFormat("the TIFF file's first directory has no image width or length");
  return size;
}

DecodedImage decodeTiff(Bytes bytes, const DeclaredSize& size) {
  StbBudgetScope budget(decodeBudget(size, bytes.size(), kTiffBytesPerPixel));
  MemoryFile file{bytes};
  auto tif = openTiff(file);
  if (!tif) failDamaged(file, size);
  std::uint32_t width = 0, height = 0;
  TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &height);
  if (width != size.width || height != size.height) failFormat("the TIFF header is inconsistent");
  checkSupported(tif.get());

  SecureVector<std::uint8_t> raster(size.width * size.height * 4);  // R G B A bytes: ABGR words, little-endian
  if (!TIFFReadRGBAImageOriented(tif.get(), width, height, reinterpret_cast<std::uint32_t*>(raster.data()),
                                 ORIENTATION_TOPLEFT, /*stop_on_error=*/1))
    failDamaged(file, size);
  DecodedImage result;
  result.format = ImageFormat::Tiff;
  result.image = Image(static_cast<int>(width), static_cast<int>(height));
  compositePremultipliedOnWhite(raster.data(), result.image);  // libtiff's RGBA is premultiplied
  return result;
}

}  // namespace lv

// What libtiff expects its platform file (tif_unix.c, not built here) to
// provide: memory functions, routed to decode/'s zeroing, budgeted allocator
// (stb_alloc.hpp), and the global message handlers, left empty: decodeTiff
// collects each file's messages through TIFFOpenOptions. Defined here, in the
// object that uses libtiff, so that static linking always finds them.
namespace {
std::size_t byteCount(tmsize_t n) { return n > 0 ? static_cast<std::size_t>(n) : 0; }
}  // namespace


extern "C" {

void* _TIFFmalloc(tmsize_t s) { return s > 0 ? lv::decode_detail::stbMalloc(byteCount(s)) : nullptr; }
void* _TIFFcalloc(tmsize_t nmemb, tmsize_t siz) { return nmemb > 0 && siz > 0 ? lv::decode_detail::stbCalloc(byteCount(nmemb), byteCount(siz)) : nullptr; }
void* _TIFFrealloc(void* p, tmsize_t s) { return lv::decode_detail::stbRealloc(p, byteCount(s)); }
void _TIFFfree(void* p) { lv::decode_detail::stbFree(p); }

void _TIFFmemset(void* p, int v, tmsize_t c) { std::memset(p, v, byteCount(c)); }
void _TIFFmemcpy(void* d, const void* s, tmsize_t c) { std::memcpy(d, s, byteCount(c)); }
int _TIFFmemcmp(const void* p1, const void* p2, tmsize_t c) { return std::memcmp(p1, p2, byteCount(c)); }

TIFFErrorHandler _TIFFwarningHandler = nullptr;
TIFFErrorHandler _TIFFerrorHandler = nullptr;

}  // extern "C"
