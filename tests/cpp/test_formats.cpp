#include "test_formats.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

#include <tiffio.h>
#include <webp/decode.h>
#include <webp/encode.h>

namespace lvtest {

namespace {

void put16(Bytes& b, unsigned v) { b.insert(b.end(), {std::uint8_t(v), std::uint8_t(v >> 8)}); }
void put24(Bytes& b, unsigned v) { b.insert(b.end(), {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16)}); }
void put32(Bytes& b, std::uint32_t v) { put16(b, v & 0xFFFF), put16(b, v >> 16); }
std::uint32_t get32(const Bytes& b, std::size_t at) {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (std::uint32_t(b[at + 3]) << 24);
}

// A RIFF chunk: fourcc, little-endian size, payload, pad byte to even size.
Bytes chunk(const char* fourcc, const Bytes& payload) {
  Bytes out(fourcc, fourcc + 4);
  put32(out, static_cast<std::uint32_t>(payload.size()));
  out.insert(out.end(), payload.begin(), payload.end());
  if (payload.size() % 2) out.push_back(0);
  return out;
}

Bytes riffWebp(const Bytes& chunks) {
  Bytes out = {'R', 'I', 'F', 'F'};
  put32(out, static_cast<std::uint32_t>(4 + chunks.size()));
  out.insert(out.end(), {'W', 'E', 'B', 'P'});
  out.insert(out.end(), chunks.begin(), chunks.end());
  return out;
}

// The image chunks of a WebP (ALPH + VP8, or VP8L), without RIFF and VP8X.
Bytes imageChunks(const Bytes& webp, bool* alpha) {
  Bytes out;
  *alpha = false;
  for (std::size_t pos = 12; pos + 8 <= webp.size();) {
    const std::size_t size = get32(webp, pos + 4), total = 8 + size + (size % 2);
    const std::string fourcc(webp.begin() + pos, webp.begin() + pos + 4);
    if (fourcc == "ALPH") *alpha = true;
    if (fourcc == "VP8L") *alpha = *alpha || (webp[pos + 8 + 4] & 0x10);  // alpha_is_used bit of the VP8L header
    if (fourcc == "ALPH" || fourcc == "VP8 " || fourcc == "VP8L")
      out.insert(out.end(), webp.begin() + pos, webp.begin() + pos + total);
    pos += total;
  }
  return out;
}

Bytes vp8x(std::uint8_t flags, int width, int height) {
  Bytes payload = {flags, 0, 0, 0};
  put24(payload, width - 1), put24(payload, height - 1);
  return chunk("VP8X", payload);
}

// libtiff client I/O over a growing byte vector, for writing.
struct TiffSink {
  Bytes bytes;
  toff_t pos = 0;
};
tmsize_t sinkRead(thandle_t h, void* buf, tmsize_t n) {
  auto& s = *static_cast<TiffSink*>(h);
  const toff_t available = s.pos < s.bytes.size() ? s.bytes.size() - s.pos : 0;
  const toff_t count = std::min<toff_t>(available, static_cast<toff_t>(n));
  std::memcpy(buf, s.bytes.data() + s.pos, count);
  s.pos += count;
  return static_cast<tmsize_t>(count);
}
tmsize_t sinkWrite(thandle_t h, void* buf, tmsize_t n) {
  auto& s = *static_cast<TiffSink*>(h);
  if (s.pos + n > s.bytes.size()) s.bytes.resize(s.pos + n);
  std::memcpy(s.bytes.data() + s.pos, buf, static_cast<std::size_t>(n));
  s.pos += n;
  return n;
}
toff_t sinkSeek(thandle_t h, toff_t off, int whence) {
  auto& s = *static_cast<TiffSink*>(h);
  s.pos = (whence == SEEK_CUR ? s.pos : whence == SEEK_END ? s.bytes.size() : 0) + off;
  return s.pos;
}
int sinkClose(thandle_t) { return 0; }
toff_t sinkSize(thandle_t h) { return static_cast<TiffSink*>(h)->bytes.size(); }
int noMap(thandle_t, void**, toff_t*) { return 0; }
void noUnmap(thandle_t, void*, toff_t) {}

}  // namespace

Bytes encodeWebp(const Pixels& p, bool lossless, float quality) {
  std::uint8_t* out = nullptr;
  const int stride = p.width * p.channels;
  std::size_t size = 0;
  if (p.channels == 4)
    size = lossless ? WebPEncodeLosslessRGBA(p.data.data(), p.width, p.height, stride, &out)
                    : WebPEncodeRGBA(p.data.data(), p.width, p.height, stride, quality, &out);
  else if (p.channels == 3)
    size = lossless ? WebPEncodeLosslessRGB(p.data.data(), p.width, p.height, stride, &out)
                    : WebPEncodeRGB(p.data.data(), p.width, p.height, stride, quality, &out);
  if (size == 0) throw std::runtime_error("encodeWebp: libwebp failed");
  Bytes webp(out, out + size);
  WebPFree(out);
  return webp;
}

Bytes webpWithExif(const Bytes& webp, int orientation) {
  bool alpha = false;
  const Bytes image = imageChunks(webp, &alpha);
  int width = 0, height = 0;
  if (!WebPGetInfo(webp.data(), webp.size(), &width, &height)) throw std::runtime_error("webpWithExif: not a WebP");
  Bytes chunks = vp8x(static_cast<std::uint8_t>(0x08 | (alpha ? 0x10 : 0)), width, height);  // EXIF (+ alpha) flags
  chunks.insert(chunks.end(), image.begin(), image.end());
  const Bytes exif = chunk("EXIF", exifTiff(orientation, false));
  chunks.insert(chunks.end(), exif.begin(), exif.end());
  return riffWebp(chunks);
}

Bytes animatedWebp(int width, int height, const std::vector<WebpFrame>& frames) {
  Bytes chunks = vp8x(0x02 | 0x10, width, height);  // animation + alpha flags
  Bytes anim = {255, 255, 255, 255};                  // background colour (ignored by browsers)
  put16(anim, 0);                                     // loop forever
  const Bytes animChunk = chunk("ANIM", anim);
  chunks.insert(chunks.end(), animChunk.begin(), animChunk.end());
  for (const WebpFrame& frame : frames) {
    int w = 0, h = 0;
    if (!WebPGetInfo(frame.webp.data(), frame.webp.size(), &w, &h)) throw std::runtime_error("animatedWebp: bad frame");
    Bytes anmf;
    put24(anmf, frame.offsetX / 2), put24(anmf, frame.offsetY / 2);
    put24(anmf, w - 1), put24(anmf, h - 1);
    put24(anmf, 100);   // duration, ms
    anmf.push_back(0);  // alpha-blend, no dispose
    bool alpha = false;
    const Bytes image = imageChunks(frame.webp, &alpha);
    anmf.insert(anmf.end(), image.begin(), image.end());
    const Bytes anmfChunk = chunk("ANMF", anmf);
    chunks.insert(chunks.end(), anmfChunk.begin(), anmfChunk.end());
  }
  return riffWebp(chunks);
}

Bytes encodeTiff(const Pixels& p, const TiffSpec& spec) {
  TiffSink sink;
  TIFF* tif = TIFFClientOpen("fixture", spec.bigEndian ? "wb" : "wl", &sink, sinkRead, sinkWrite, sinkSeek, sinkClose,
                             sinkSize, noMap, noUnmap);
  if (!tif) throw std::runtime_error("encodeTiff: TIFFClientOpen failed");
  const bool rgb = spec.color == TiffColor::Rgb;
  const int samples = rgb ? 3 : 1;
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, p.width);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, p.height);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, samples);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, spec.compression);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, rgb ? PHOTOMETRIC_RGB
                                             : spec.color == TiffColor::Grey ? PHOTOMETRIC_MINISBLACK
                                                                             : PHOTOMETRIC_PALETTE);
  if (spec.color == TiffColor::Palette) {
    std::vector<std::uint16_t> r(256), g(256), b(256);
    for (std::size_t i = 0; i < spec.palette.size(); ++i)
      r[i] = spec.palette[i][0] * 257, g[i] = spec.palette[i][1] * 257, b[i] = spec.palette[i][2] * 257;
    TIFFSetField(tif, TIFFTAG_COLORMAP, r.data(), g.data(), b.data());
  }
  // The samples this file stores, row-major.
  Bytes samplesData(static_cast<std::size_t>(p.width) * p.height * samples);
  for (std::size_t i = 0, n = static_cast<std::size_t>(p.width) * p.height; i < n; ++i)
    for (int c = 0; c < samples; ++c) samplesData[i * samples + c] = p.data[i * p.channels + c];
  const std::size_t rowBytes = static_cast<std::size_t>(p.width) * samples;
  bool ok = true;
  if (spec.tiled) {
    const int tile = 16;
    TIFFSetField(tif, TIFFTAG_TILEWIDTH, tile);
    TIFFSetField(tif, TIFFTAG_TILELENGTH, tile);
    Bytes buffer(static_cast<std::size_t>(tile) * tile * samples);
    for (int ty = 0; ty < p.height; ty += tile)
      for (int tx = 0; tx < p.width; tx += tile) {
        std::fill(buffer.begin(), buffer.end(), 0);
        for (int y = ty; y < std::min(ty + tile, p.height); ++y)
          for (int x = tx; x < std::min(tx + tile, p.width); ++x)
            std::memcpy(&buffer[((y - ty) * tile + (x - tx)) * samples], &samplesData[y * rowBytes + x * samples], samples);
        ok = ok && TIFFWriteTile(tif, buffer.data(), tx, ty, 0, 0) >= 0;
      }
  } else {
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 8);
    for (int y = 0; y < p.height; ++y) ok = ok && TIFFWriteScanline(tif, &samplesData[y * rowBytes], y, 0) >= 0;
  }
  ok = ok && TIFFWriteDirectory(tif);
  TIFFClose(tif);
  if (!ok) throw std::runtime_error("encodeTiff: libtiff failed");
  return sink.bytes;
}

Bytes icoDib(const Pixels& p, int bitCount, const std::function<bool(int, int)>& transparent) {
  if (bitCount != 24 && bitCount != 32) throw std::runtime_error("icoDib: 24 or 32 bits a pixel");
  const int bytesPerPixel = bitCount / 8;
  const std::size_t xorStride = (static_cast<std::size_t>(p.width) * bytesPerPixel + 3) / 4 * 4;
  const std::size_t andStride = (static_cast<std::size_t>(p.width) + 31) / 32 * 4;
  Bytes out;
  put32(out, 40);
  put32(out, p.width);
  put32(out, 2 * p.height);
  put16(out, 1), put16(out, bitCount);
  put32(out, 0);  // BI_RGB
  put32(out, static_cast<std::uint32_t>((xorStride + andStride) * p.height));
  for (int i = 0; i < 4; ++i) put32(out, 0);  // resolution, colours used, important
  for (int y = p.height - 1; y >= 0; --y) {
    Bytes row(xorStride, 0);
    for (int x = 0; x < p.width; ++x) {
      const std::uint8_t* px = p.data.data() + (static_cast<std::size_t>(y) * p.width + x) * p.channels;
      std::uint8_t* dst = &row[static_cast<std::size_t>(x) * bytesPerPixel];
      dst[0] = px[2], dst[1] = px[1], dst[2] = px[0];  // BGR
      if (bitCount == 32) dst[3] = p.channels == 4 ? px[3] : 255;
    }
    out.insert(out.end(), row.begin(), row.end());
  }
  for (int y = p.height - 1; y >= 0; --y) {
    Bytes row(andStride, 0);
    for (int x = 0; x < p.width; ++x)
      if (transparent && transparent(x, y)) row[x / 8] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
    out.insert(out.end(), row.begin(), row.end());
  }
  return out;
}

Bytes encodeIco(const std::vector<Bytes>& entries, bool cursor) {
  Bytes out;
  put16(out, 0), put16(out, cursor ? 2 : 1), put16(out, static_cast<unsigned>(entries.size()));
  std::uint32_t offset = static_cast<std::uint32_t>(6 + 16 * entries.size());
  for (const Bytes& entry : entries) {
    // The directory's own 8-bit size fields are left 0 ("256"): the decoder
    // must read sizes from the entries themselves.
    out.insert(out.end(), {0, 0, 0, 0});
    put16(out, cursor ? 0 : 1), put16(out, cursor ? 0 : 32);  // planes/bit count, or hotspot
    put32(out, static_cast<std::uint32_t>(entry.size()));
    put32(out, offset);
    offset += static_cast<std::uint32_t>(entry.size());
  }
  for (const Bytes& entry : entries) out.insert(out.end(), entry.begin(), entry.end());
  return out;
}

Bytes encodeMpo(const Bytes& first, const Bytes& second) {
  // MP Index IFD (CIPA DC-007), little-endian: MPFVersion, NumberOfImages,
  // MPEntry (16 bytes an image: attributes, size, offset from the MP header).
  Bytes mpf = {'M', 'P', 'F', 0, 'I', 'I', '*', 0};
  put32(mpf, 8);
  put16(mpf, 3);
  put16(mpf, 0xB000), put16(mpf, 7), put32(mpf, 4), mpf.insert(mpf.end(), {'0', '1', '0', '0'});
  put16(mpf, 0xB001), put16(mpf, 4), put32(mpf, 1), put32(mpf, 2);
  const std::uint32_t entriesAt = 8 + 2 + 3 * 12 + 4;  // from the TIFF header
  put16(mpf, 0xB002), put16(mpf, 7), put32(mpf, 32), put32(mpf, entriesAt);
  put32(mpf, 0);  // no next IFD
  const std::size_t segmentSize = 4 + mpf.size() + 32;
  const std::size_t tiffHeaderInFile = 2 + 4 + 4;  // SOI, APP2 marker + length, "MPF\0"
  put32(mpf, 0x030000), put32(mpf, static_cast<std::uint32_t>(first.size() + segmentSize)), put32(mpf, 0), put32(mpf, 0);
  put32(mpf, 0x020002), put32(mpf, static_cast<std::uint32_t>(second.size()));
  put32(mpf, static_cast<std::uint32_t>(first.size() + segmentSize - tiffHeaderInFile)), put32(mpf, 0);
  Bytes out = {first[0], first[1], 0xFF, 0xE2, std::uint8_t((segmentSize - 2) >> 8), std::uint8_t(segmentSize - 2)};
  out.insert(out.end(), mpf.begin(), mpf.end());
  out.insert(out.end(), first.begin() + 2, first.end());
  out.insert(out.end(), second.begin(), second.end());
  return out;
}

}  // namespace lvtest
