#include "test_images.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb/stb_image_write.h>

namespace lvtest {

namespace {

void appendTo(void* context, void* data, int size) {
  auto* out = static_cast<Bytes*>(context);
  auto* p = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), p, p + size);
}

void put16le(Bytes& b, unsigned v) {
  b.push_back(static_cast<std::uint8_t>(v));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
}
void put32be(Bytes& b, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(v >> s));
}

// LSB-first bit writer for deflate.
struct BitWriter {
  Bytes& out;
  std::uint32_t acc = 0;
  int count = 0;
  void bits(std::uint32_t value, int n) {  // value's low n bits, LSB first
    for (int i = 0; i < n; ++i) {
      acc |= ((value >> i) & 1u) << count;
      if (++count == 8) flush();
    }
  }
  void huffman(std::uint32_t code, int n) {  // Huffman codes go MSB first
    for (int i = n - 1; i >= 0; --i) bits((code >> i) & 1u, 1);
  }
  void flush() {
    if (count) out.push_back(static_cast<std::uint8_t>(acc));
    acc = 0;
    count = 0;
  }
};

}  // namespace

Pixels makePixels(int width, int height, int channels, const std::function<void(int, int, std::uint8_t*)>& fn) {
  Pixels p{width, height, channels, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * channels)};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) fn(x, y, p.at(x, y));
  return p;
}

Pixels solid(int width, int height, Rgb color) {
  return makePixels(width, height, 3, [&](int, int, std::uint8_t* px) {
    for (int c = 0; c < 3; ++c) px[c] = color[c];
  });
}

Pixels redQuadrant(int width, int height) {
  return makePixels(width, height, 3, [&](int x, int y, std::uint8_t* px) {
    bool red = x < width / 2 && y < height / 2;
    px[0] = red ? 255 : 0;
    px[1] = 0;
    px[2] = red ? 0 : 255;
  });
}

Bytes encodePng(const Pixels& p) {
  Bytes out;
  if (!stbi_write_png_to_func(appendTo, &out, p.width, p.height, p.channels, p.data.data(), p.width * p.channels))
    throw std::runtime_error("stbi_write_png failed");
  return out;
}

Bytes encodeBmp(const Pixels& p) {
  Bytes out;
  if (!stbi_write_bmp_to_func(appendTo, &out, p.width, p.height, p.channels, p.data.data()))
    throw std::runtime_error("stbi_write_bmp failed");
  return out;
}

Bytes encodeJpeg(const Pixels& p, int quality) {
  Bytes out;
  if (!stbi_write_jpg_to_func(appendTo, &out, p.width, p.height, p.channels, p.data.data(), quality))
    throw std::runtime_error("stbi_write_jpg failed");
  return out;
}

GifFrame gifFill(int width, int height, std::uint8_t index) {
  GifFrame f;
  f.width = width;
  f.height = height;
  f.indices.assign(static_cast<std::size_t>(width) * height, index);
  return f;
}

Bytes encodeGif(int width, int height, const std::vector<Rgb>& palette, const std::vector<GifFrame>& frames,
                bool trailer) {
  Bytes b = {'G', 'I', 'F', '8', '9', 'a'};
  put16le(b, static_cast<unsigned>(width));
  put16le(b, static_cast<unsigned>(height));
  // A global table of 128 colors (none when the palette is empty), 8-bit color resolution.
  auto table = [&b](const std::vector<Rgb>& colors) {
    for (std::size_t i = 0; i < 128; ++i) {
      Rgb c = i < colors.size() ? colors[i] : Rgb{0, 0, 0};
      b.insert(b.end(), c.begin(), c.end());
    }
  };
  b.push_back(palette.empty() ? 0x70 : 0x80 | 0x70 | 6);
  b.push_back(0);  // background index
  b.push_back(0);  // aspect
  if (!palette.empty()) table(palette);
  for (const GifFrame& f : frames) {
    if (f.transparentIndex >= 0 || frames.size() > 1) {  // graphic control extension
      b.insert(b.end(), {0x21, 0xF9, 0x04});
      b.push_back(static_cast<std::uint8_t>((1 << 2) | (f.transparentIndex >= 0 ? 1 : 0)));
      put16le(b, 10);
      b.push_back(static_cast<std::uint8_t>(f.transparentIndex >= 0 ? f.transparentIndex : 0));
      b.push_back(0);
    }
    b.push_back(0x2C);
    put16le(b, static_cast<unsigned>(f.left));
    put16le(b, static_cast<unsigned>(f.top));
    put16le(b, static_cast<unsigned>(f.width));
    put16le(b, static_cast<unsigned>(f.height));
    b.push_back(f.localPalette.empty() ? 0 : 0x80 | 6);  // not interlaced
    if (!f.localPalette.empty()) table(f.localPalette);
    b.push_back(7);  // LZW minimum code size: clear = 128, end = 129, 8-bit codes
    Bytes codes;
    for (std::size_t i = 0; i < f.indices.size(); ++i) {
      if (i % 126 == 0) codes.push_back(128);
      codes.push_back(f.indices[i] & 0x7F);
    }
    codes.push_back(129);
    for (std::size_t i = 0; i < codes.size(); i += 255) {
      std::size_t n = std::min<std::size_t>(255, codes.size() - i);
      b.push_back(static_cast<std::uint8_t>(n));
      b.insert(b.end(), codes.begin() + static_cast<std::ptrdiff_t>(i), codes.begin() + static_cast<std::ptrdiff_t>(i + n));
    }
    b.push_back(0);
  }
  if (trailer) b.push_back(0x3B);
  return b;
}

std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc) {
  crc = ~crc;
  for (std::size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
  }
  return ~crc;
}

std::uint32_t adler32(const std::uint8_t* data, std::size_t size) {
  std::uint32_t a = 1, b = 0;
  for (std::size_t i = 0; i < size; ++i) {
    a = (a + data[i]) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

Bytes pngChunk(const char* type, const Bytes& data) {
  Bytes c;
  c.reserve(12 + data.size());  // also keeps GCC 12's -Wstringop-overflow false positive quiet
  put32be(c, static_cast<std::uint32_t>(data.size()));
  c.insert(c.end(), type, type + 4);
  c.insert(c.end(), data.begin(), data.end());
  put32be(c, crc32(c.data() + 4, data.size() + 4));
  return c;
}

Bytes pngIhdr(std::uint32_t width, std::uint32_t height, int bitDepth, int colorType) {
  Bytes d;
  put32be(d, width);
  put32be(d, height);
  d.push_back(static_cast<std::uint8_t>(bitDepth));
  d.push_back(static_cast<std::uint8_t>(colorType));
  d.insert(d.end(), {0, 0, 0});
  return pngChunk("IHDR", d);
}

Bytes zlibStored(const Bytes& raw) {
  Bytes z = {0x78, 0x01};
  std::size_t pos = 0;
  do {
    std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
    z.push_back(pos + n == raw.size() ? 1 : 0);
    put16le(z, static_cast<unsigned>(n));
    put16le(z, static_cast<unsigned>(~n & 0xFFFF));
    z.insert(z.end(), raw.begin() + static_cast<std::ptrdiff_t>(pos), raw.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
  } while (pos < raw.size());
  put32be(z, adler32(raw.data(), raw.size()));
  return z;
}

Bytes zlibZeros(std::uint64_t count) {
  Bytes z = {0x78, 0x01};
  BitWriter w{z};
  w.bits(1, 1);  // final block
  w.bits(1, 2);  // fixed Huffman
  std::uint64_t left = count;
  if (left > 0) {
    w.huffman(0x30, 8);  // literal 0
    --left;
  }
  while (left >= 258) {
    w.huffman(0xC5, 8);  // length code 285 = 258 bytes
    w.huffman(0, 5);     // distance code 0 = 1 byte back
    left -= 258;
  }
  for (; left > 0; --left) w.huffman(0x30, 8);
  w.huffman(0, 7);  // end of block
  w.flush();
  // Adler-32 of zeros: a stays 1, b grows by 1 per byte.
  put32be(z, static_cast<std::uint32_t>(count % 65521) << 16 | 1u);
  return z;
}

Bytes encodePngRaw(const PngSpec& spec) {
  int samples = spec.colorType == 0 || spec.colorType == 3 ? 1 : spec.colorType == 4 ? 2 : spec.colorType == 2 ? 3 : 4;
  std::size_t rowBytes = (static_cast<std::size_t>(spec.width) * samples * spec.bitDepth + 7) / 8;
  if (spec.rows.size() != rowBytes * spec.height) throw std::runtime_error("encodePngRaw: rows size mismatch");
  Bytes raw;
  for (std::uint32_t y = 0; y < spec.height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), spec.rows.begin() + static_cast<std::ptrdiff_t>(y * rowBytes),
               spec.rows.begin() + static_cast<std::ptrdiff_t>((y + 1) * rowBytes));
  }
  Bytes png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  Bytes ihdr = pngIhdr(spec.width, spec.height, spec.bitDepth, spec.colorType);
  png.insert(png.end(), ihdr.begin(), ihdr.end());
  if (!spec.palette.empty()) {
    Bytes plte;
    for (const Rgb& c : spec.palette) plte.insert(plte.end(), c.begin(), c.end());
    Bytes chunk = pngChunk("PLTE", plte);
    png.insert(png.end(), chunk.begin(), chunk.end());
  }
  if (!spec.trns.empty()) {
    Bytes chunk = pngChunk("tRNS", spec.trns);
    png.insert(png.end(), chunk.begin(), chunk.end());
  }
  Bytes idat = pngChunk("IDAT", zlibStored(raw));
  png.insert(png.end(), idat.begin(), idat.end());
  Bytes iend = pngChunk("IEND", {});
  png.insert(png.end(), iend.begin(), iend.end());
  return png;
}

Bytes pngOfZeros(std::uint32_t width, std::uint32_t height, int bitDepth, int colorType) {
  int samples = colorType == 0 || colorType == 3 ? 1 : colorType == 4 ? 2 : colorType == 2 ? 3 : 4;
  std::uint64_t rowBytes = (std::uint64_t{width} * samples * bitDepth + 7) / 8;
  Bytes png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  Bytes ihdr = pngIhdr(width, height, bitDepth, colorType);
  png.insert(png.end(), ihdr.begin(), ihdr.end());
  Bytes idat = pngChunk("IDAT", zlibZeros((rowBytes + 1) * height));
  png.insert(png.end(), idat.begin(), idat.end());
  Bytes iend = pngChunk("IEND", {});
  png.insert(png.end(), iend.begin(), iend.end());
  return png;
}

Bytes exifTiff(int orientation, bool bigEndian) {
  Bytes tiff;
  tiff.reserve(64);
  auto u16 = [&](unsigned v) {
    if (bigEndian) tiff.insert(tiff.end(), {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)});
    else tiff.insert(tiff.end(), {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8)});
  };
  auto u32 = [&](std::uint32_t v) {
    if (bigEndian) { u16(v >> 16); u16(v & 0xFFFF); }
    else { u16(v & 0xFFFF); u16(v >> 16); }
  };
  tiff.insert(tiff.end(), bigEndian ? std::initializer_list<std::uint8_t>{'M', 'M'}
                                    : std::initializer_list<std::uint8_t>{'I', 'I'});
  u16(42);
  u32(8);          // IFD0 offset
  u16(2);          // two entries
  u16(0x010F);     // Make (ASCII, 4 bytes inline): exercises skipping other tags
  u16(2);
  u32(4);
  tiff.insert(tiff.end(), {'l', 'v', '!', 0});
  u16(0x0112);     // Orientation, SHORT, 1 value
  u16(3);
  u32(1);
  u16(static_cast<unsigned>(orientation));
  u16(0);
  u32(0);          // no next IFD
  return tiff;
}

Bytes jpegSegment(std::uint8_t marker, const Bytes& payload) {
  Bytes segment = {0xFF, marker, static_cast<std::uint8_t>((payload.size() + 2) >> 8),
                   static_cast<std::uint8_t>(payload.size() + 2)};
  segment.insert(segment.end(), payload.begin(), payload.end());
  return segment;
}

Bytes withExifOrientation(const Bytes& jpeg, int orientation, bool bigEndian) {
  Bytes payload = {'E', 'x', 'i', 'f', 0, 0};
  Bytes tiff = exifTiff(orientation, bigEndian);
  payload.insert(payload.end(), tiff.begin(), tiff.end());
  return withSegment(jpeg, jpegSegment(0xE1, payload));
}

Bytes withSegment(const Bytes& jpeg, const Bytes& segment) {
  if (jpeg.size() < 2) throw std::runtime_error("withSegment: not a JPEG");
  Bytes out = jpeg;
  out.insert(out.begin() + 2, segment.begin(), segment.end());
  return out;
}

Bytes readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Bytes prefix(const Bytes& bytes, std::size_t count) {
  return Bytes(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min(count, bytes.size())));
}


// ---- JPEG of flat 8x8 blocks ----

namespace {

// MSB-first bit writer for JPEG entropy-coded data (0xFF is followed by a stuffed 0x00).
struct JpegBitWriter {
  Bytes& out;
  std::uint32_t acc = 0;
  int count = 0;
  void bits(std::uint32_t value, int n) {
    for (int i = n - 1; i >= 0; --i) {
      acc = (acc << 1) | ((value >> i) & 1u);
      if (++count == 8) emit();
    }
  }
  void emit() {
    out.push_back(static_cast<std::uint8_t>(acc));
    if (acc == 0xFF) out.push_back(0);
    acc = 0;
    count = 0;
  }
  void finish() {  // pad with 1 bits
    while (count) bits(1, 1);
  }
};

// ITU T.81 table K.3 (luminance DC): code lengths per category 0..11.
constexpr std::uint8_t kDcCounts[16] = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};

// Canonical Huffman codes of kDcCounts, indexed by category: {code, length}.
std::array<std::pair<std::uint32_t, int>, 12> dcCodes() {
  std::array<std::pair<std::uint32_t, int>, 12> codes{};
  std::uint32_t code = 0;
  std::size_t symbol = 0;
  for (int len = 1; len <= 16; ++len, code <<= 1)
    for (int i = 0; i < kDcCounts[len - 1]; ++i) codes[symbol++] = {code++, len};
  return codes;
}

}  // namespace

Bytes encodeBlockJpeg(const BlockJpegSpec& spec) {
  const int n = spec.components;
  int hMax = 1, vMax = 1;
  for (int c = 0; c < n; ++c) hMax = std::max(hMax, spec.h[c]), vMax = std::max(vMax, spec.v[c]);
  Bytes out = {0xFF, 0xD8};
  auto segment = [&](std::uint8_t marker, const Bytes& payload) {
    Bytes s = jpegSegment(marker, payload);
    out.insert(out.end(), s.begin(), s.end());
  };
  if (spec.adobeTransform >= 0)
    segment(0xEE, {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, static_cast<std::uint8_t>(spec.adobeTransform)});
  Bytes dqt(65, 1);
  dqt[0] = 0;  // 8-bit table 0, every step 1
  segment(0xDB, dqt);
  Bytes sof = {8, static_cast<std::uint8_t>(spec.height >> 8), static_cast<std::uint8_t>(spec.height),
               static_cast<std::uint8_t>(spec.width >> 8), static_cast<std::uint8_t>(spec.width), static_cast<std::uint8_t>(n)};
  for (int c = 0; c < n; ++c) sof.insert(sof.end(), {static_cast<std::uint8_t>(c + 1), static_cast<std::uint8_t>(spec.h[c] << 4 | spec.v[c]), 0});
  segment(0xC0, sof);
  Bytes dht = {0x00};
  dht.insert(dht.end(), std::begin(kDcCounts), std::end(kDcCounts));
  for (std::uint8_t category = 0; category < 12; ++category) dht.push_back(category);
  dht.insert(dht.end(), {0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00});  // AC: only EOB, code "0"
  segment(0xC4, dht);
  Bytes sos = {static_cast<std::uint8_t>(n)};
  for (int c = 0; c < n; ++c) sos.insert(sos.end(), {static_cast<std::uint8_t>(c + 1), 0x00});
  sos.insert(sos.end(), {0, 63, 0});
  segment(0xDA, sos);

  const auto codes = dcCodes();
  JpegBitWriter w{out};
  std::array<int, 4> predictor{};
  const int mcusX = (spec.width + 8 * hMax - 1) / (8 * hMax), mcusY = (spec.height + 8 * vMax - 1) / (8 * vMax);
  for (int my = 0; my < mcusY; ++my)
    for (int mx = 0; mx < mcusX; ++mx)
      for (int c = 0; c < n; ++c)
        for (int by = 0; by < spec.v[c]; ++by)
          for (int bx = 0; bx < spec.h[c]; ++bx) {
            const int x = std::min(spec.width - 1, (mx * spec.h[c] + bx) * 8 * hMax / spec.h[c]);
            const int y = std::min(spec.height - 1, (my * spec.v[c] + by) * 8 * vMax / spec.v[c]);
            const int dc = 8 * (spec.sample(c, x, y) - 128);
            const int diff = dc - predictor[static_cast<std::size_t>(c)];
            predictor[static_cast<std::size_t>(c)] = dc;
            int category = 0;
            while ((std::abs(diff) >> category) != 0) ++category;
            w.bits(codes[static_cast<std::size_t>(category)].first, codes[static_cast<std::size_t>(category)].second);
            if (category) w.bits(static_cast<std::uint32_t>(diff > 0 ? diff : diff + (1 << category) - 1), category);
            w.bits(0, 1);  // EOB
          }
  w.finish();
  out.insert(out.end(), {0xFF, 0xD9});
  return out;
}

// ---- BMP of any header and coding ----

Bytes encodeBmpRaw(const BmpSpec& spec) {
  const bool core = spec.headerSize == 12;
  Bytes dib;
  auto put32 = [&](std::uint32_t v) { for (int i = 0; i < 4; ++i) dib.push_back(static_cast<std::uint8_t>(v >> (8 * i))); };
  put32(spec.headerSize);
  if (core) {
    put16le(dib, static_cast<unsigned>(spec.width));
    put16le(dib, static_cast<unsigned>(spec.height));
  } else {
    put32(static_cast<std::uint32_t>(spec.width));
    put32(static_cast<std::uint32_t>(spec.height));
  }
  put16le(dib, 1);
  put16le(dib, static_cast<unsigned>(spec.bitCount));
  if (!core) {
    put32(spec.compression);
    put32(static_cast<std::uint32_t>(spec.pixels.size()));
    put32(2835);
    put32(2835);
    put32(spec.colorsUsed);
    put32(0);
    for (std::uint32_t mask : spec.masks) put32(mask);  // V2..V5 fields, or masks after a 40-byte header
  }
  dib.resize(spec.masksAfterHeader ? 40 + 4 * static_cast<std::size_t>(spec.masksAfterHeader) : spec.headerSize, 0);
  for (const Rgb& c : spec.palette) {
    dib.insert(dib.end(), {c[2], c[1], c[0]});
    if (!core) dib.push_back(0);
  }
  Bytes out = {'B', 'M'};
  const std::uint32_t offset = static_cast<std::uint32_t>(14 + dib.size());
  const std::uint32_t fileSize = static_cast<std::uint32_t>(offset + spec.pixels.size());
  for (std::uint32_t v : {fileSize, 0u, offset})
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  out.insert(out.end(), dib.begin(), dib.end());
  out.insert(out.end(), spec.pixels.begin(), spec.pixels.end());
  return out;
}

Bytes bmpRows(int width, int height, int bitCount, const std::function<std::uint32_t(int x, int y)>& value) {
  const std::size_t stride = (static_cast<std::size_t>(width) * bitCount + 31) / 32 * 4;
  Bytes rows(stride * static_cast<std::size_t>(height), 0);
  for (int r = 0; r < height; ++r) {
    std::uint8_t* row = rows.data() + static_cast<std::size_t>(r) * stride;
    const int y = height - 1 - r;  // bottom-up
    for (int x = 0; x < width; ++x) {
      const std::uint32_t v = value(x, y);
      if (bitCount < 8) {
        const int bit = x * bitCount;
        row[bit / 8] |= static_cast<std::uint8_t>(v << (8 - bitCount - bit % 8));
      } else {
        for (int i = 0; i < bitCount / 8; ++i) row[static_cast<std::size_t>(x * bitCount / 8 + i)] = static_cast<std::uint8_t>(v >> (8 * i));
      }
    }
  }
  return rows;
}

Bytes rleRows(int width, int height, int bitCount, const std::function<std::uint8_t(int x, int y)>& index) {
  Bytes out;
  for (int y = height - 1; y >= 0; --y) {  // bottom-up
    int x = 0;
    while (x < width) {
      const std::uint8_t first = index(x, y), second = bitCount == 4 && x + 1 < width ? index(x + 1, y) : first;
      int run = 1;
      while (x + run < width && run < 255 && index(x + run, y) == (bitCount == 4 && run % 2 ? second : first)) ++run;
      out.push_back(static_cast<std::uint8_t>(run));
      out.push_back(bitCount == 4 ? static_cast<std::uint8_t>(first << 4 | second) : first);
      x += run;
    }
    out.insert(out.end(), {0, 0});  // end of line
  }
  out.insert(out.end(), {0, 1});  // end of bitmap
  return out;
}

}  // namespace lvtest
