#include "decode/bmp.hpp"

#include <bit>
#include <cstring>

#include "decode/bytes.hpp"

namespace lv {

using namespace decode_detail;

namespace {

constexpr std::size_t kFileHeaderBytes = 14;  // BITMAPFILEHEADER

// biCompression values. OS/2 2.x gives 3 and 4 meanings of its own.
enum : std::uint32_t { BI_RGB = 0, BI_RLE8 = 1, BI_RLE4 = 2, BI_BITFIELDS = 3, BI_JPEG = 4, BI_PNG = 5, BI_ALPHABITFIELDS = 6 };
enum : std::uint32_t { OS2_HUFFMAN1D = 3, OS2_RLE24 = 4 };

using Rgb = std::array<std::uint8_t, 3>;

// BITMAPINFOHEADER2 may stop after any of its fields: 16..64 bytes. 40, 52
// and 56 are read as the Windows headers of those sizes.
bool isOs2v2(std::uint32_t size) { return size >= 16 && size <= 64 && size % 4 == 0 && size != 40 && size != 52 && size != 56; }

bool knownHeaderSize(std::uint32_t size) {
  return size == 12 || size == 40 || size == 52 || size == 56 || size == 108 || size == 124 || isOs2v2(size);
}

bool contiguous(std::uint32_t mask) {
  if (mask == 0) return true;
  std::uint32_t run = mask >> std::countr_zero(mask);
  return (run & (run + 1)) == 0;
}

BmpCoding codingOf(std::uint32_t compression, std::uint32_t headerSize, unsigned bitCount) {
  const bool os2 = isOs2v2(headerSize);
  auto need = [&](bool ok, const char* what) {
    if (!ok) failFormat(std::string("the BMP file's ") + what + " data has " + std::to_string(bitCount) + " bits a pixel");
  };
  switch (compression) {
    case BI_RGB: return BmpCoding::Rgb;
    case BI_RLE8: need(bitCount == 8, "RLE8"); return BmpCoding::Rle8;
    case BI_RLE4: need(bitCount == 4, "RLE4"); return BmpCoding::Rle4;
    case BI_BITFIELDS:
      if (os2) failFormat("OS/2 Huffman-compressed BMP files are not supported", "Send a PNG or an uncompressed BMP.");
      need(bitCount == 16 || bitCount == 32, "BI_BITFIELDS");
      return BmpCoding::Bitfields;
    case BI_JPEG:
      if (os2) {
        need(bitCount == 24, "RLE24");
        return BmpCoding::Rle24;
      }
      [[fallthrough]];
    case BI_PNG: failFormat("BMP files that wrap JPEG or PNG data are not supported", "Send the JPEG or PNG itself.");
    case BI_ALPHABITFIELDS: need(bitCount == 16 || bitCount == 32, "BI_ALPHABITFIELDS"); return BmpCoding::Bitfields;
  }
  failFormat("the BMP file uses an unknown compression (biCompression " + std::to_string(compression) + ")");
}

// R, G, B, A masks: from the header (V2 and later), after a 40-byte header
// (BI_BITFIELDS: 3, BI_ALPHABITFIELDS: 4), or the BI_RGB defaults.
std::array<std::uint32_t, 4> masksOf(Bytes b, std::uint32_t headerSize, std::uint32_t compression, unsigned bitCount) {
  if (compression == BI_RGB) {
    if (bitCount == 16) return {0x7C00, 0x03E0, 0x001F, 0};
    if (bitCount != 32) return {};
    // Only BITMAPV4HEADER and later declare an alpha mask for BI_RGB data.
    std::uint32_t alpha = headerSize >= 108 ? le32(b.data() + kFileHeaderBytes + 52) : 0xFF000000u;
    return {0xFF0000, 0xFF00, 0xFF, alpha};
  }
  const std::size_t at = kFileHeaderBytes + 40;
  const std::size_t count = headerSize >= 56 || compression == BI_ALPHABITFIELDS ? 4 : 3;
  if (!has(b, at, 4 * count)) failTruncated("BMP", "it ends inside its colour masks");
  std::array<std::uint32_t, 4> masks{};
  for (std::size_t i = 0; i < count; ++i) masks[i] = le32(b.data() + at + 4 * i);
  for (std::uint32_t mask : masks)
    if (!contiguous(mask) || (bitCount == 16 && mask > 0xFFFF))
      failFormat("the BMP file's colour masks are invalid (not one run of bits inside the pixel)");
  return masks;
}

// Channel extraction for one mask, scaled to 0..255.
struct Channel {
  std::uint32_t mask = 0;
  int shift = 0;
  std::uint64_t max = 0;
  explicit Channel(std::uint32_t m) : mask(m), shift(m ? std::countr_zero(m) : 0), max(m >> shift) {}
  std::uint8_t operator()(std::uint32_t v) const {
    return max ? static_cast<std::uint8_t>(((v & mask) >> shift) * 255 / max) : 0;
  }
};

std::uint8_t over(std::uint8_t c, std::uint8_t a) {
  return static_cast<std::uint8_t>((c * a + 255u * (255u - a) + 127u) / 255u);
}

std::vector<Rgb> paletteOf(Bytes b, const BmpHeader& h) {
  std::vector<Rgb> palette(std::size_t{1} << (h.bitCount <= 8 ? h.bitCount : 8), Rgb{0, 0, 0});  // past its end: black
  for (std::size_t i = 0; i < h.paletteEntries; ++i) {
    const std::uint8_t* bgr = b.data() + h.paletteOffset + i * h.paletteEntryBytes;
    palette[i] = {bgr[2], bgr[1], bgr[0]};
  }
  return palette;
}

// Uncompressed rows: palette indices, BGR triples, or masked 16/32-bit words.
class RowReader {
 public:
  RowReader(Bytes b, const BmpHeader& h)
      : h_(h), palette_(paletteOf(b, h)), r_(h.masks[0]), g_(h.masks[1]), b_(h.masks[2]), a_(h.masks[3]) {}

  // Turns on alpha when some pixel of the data has a non-zero alpha value.
  void detectAlpha(Bytes data, std::uint64_t stride) {
    if (!a_.mask) return;
    for (std::uint64_t y = 0; y < h_.height && !alpha_; ++y)
      for (std::uint32_t x = 0; x < h_.width && !alpha_; ++x) alpha_ = (word(data.data() + y * stride, x) & a_.mask) != 0;
  }

  void read(const std::uint8_t* row, std::uint8_t* out) const {
    for (std::uint32_t x = 0; x < h_.width; ++x, out += 3) {
      if (h_.bitCount <= 8) {
        const unsigned bit = x * h_.bitCount;
        const unsigned index = (row[bit / 8] >> (8 - h_.bitCount - bit % 8)) & ((1u << h_.bitCount) - 1);
        std::memcpy(out, palette_[index].data(), 3);
      } else if (h_.bitCount == 24) {
        out[0] = row[3 * x + 2], out[1] = row[3 * x + 1], out[2] = row[3 * x];
      } else {
        const std::uint32_t v = word(row, x);
        const std::uint8_t a = alpha_ ? a_(v) : 255;
        out[0] = over(r_(v), a), out[1] = over(g_(v), a), out[2] = over(b_(v), a);
      }
    }
  }

 private:
  std::uint32_t word(const std::uint8_t* row, std::uint32_t x) const {
    return h_.bitCount == 16 ? le16(row + 2 * std::size_t{x}) : le32(row + 4 * std::size_t{x});
  }

  const BmpHeader& h_;
  std::vector<Rgb> palette_;
  Channel r_, g_, b_, a_;
  bool alpha_ = false;
};

Image decodeUncompressed(Bytes b, const BmpHeader& h) {
  const std::uint64_t rowBits = std::uint64_t{h.width} * h.bitCount;
  const std::uint64_t stride = (rowBits + 31) / 32 * 4;
  const std::uint64_t lastRow = (rowBits + 7) / 8;  // some writers omit the last row's padding
  const std::uint64_t needed = stride * (h.height - 1) + lastRow;
  if (!has(b, h.pixelOffset, needed))
    failTruncated("BMP", "it holds " + std::to_string(b.size()) + " bytes but its pixel data needs " +
                             std::to_string(h.pixelOffset + needed));
  Bytes data = b.subspan(h.pixelOffset);
  RowReader reader(b, h);
  reader.detectAlpha(data, stride);
  Image image(static_cast<int>(h.width), static_cast<int>(h.height));
  for (std::uint32_t r = 0; r < h.height; ++r) {
    const int y = static_cast<int>(h.topDown ? r : h.height - 1 - r);
    reader.read(data.data() + r * stride, image.pixel(0, y));
  }
  return image;
}

// BI_RLE8, BI_RLE4 and RLE24: (count, value) runs, and escapes after a 0
// count: 0 end of line, 1 end of bitmap, 2 delta (dx, dy), n >= 3 an absolute
// run of n pixels padded to a 16-bit boundary. Rows go bottom-up.
class RleDecoder {
 public:
  RleDecoder(Bytes b, const BmpHeader& h)
      : h_(h), data_(b.subspan(h.pixelOffset)), palette_(paletteOf(b, h)),
        image_(static_cast<int>(h.width), static_cast<int>(h.height)) {
    std::memset(image_.rgb.data(), 255, image_.rgb.size());  // skipped pixels are transparent
  }

  Image run(std::vector<std::string>& warnings) {
    while (y_ < h_.height) {
      if (!has(data_, pos_, 2)) return ended(warnings);
      const std::uint8_t count = data_[pos_], value = data_[pos_ + 1];
      pos_ += 2;
      if (count > 0) encodedRun(count, value);
      else if (value == 0) x_ = 0, ++y_;
      else if (value == 1) break;
      else if (value == 2) delta();
      else absoluteRun(value);
    }
    return std::move(image_);
  }

 private:
  // Pixels past the end of a row are dropped, as browsers do.
  void put(const Rgb& c) {
    if (x_ < h_.width && y_ < h_.height) std::memcpy(image_.pixel(static_cast<int>(x_), static_cast<int>(h_.height - 1 - y_)), c.data(), 3);
    ++x_;
  }

  Rgb nibble(std::uint8_t pair, unsigned i) const { return palette_[i % 2 ? pair & 15 : pair >> 4]; }

  void encodedRun(unsigned count, std::uint8_t value) {
    Rgb rgb{};
    if (h_.coding == BmpCoding::Rle24) {  // value is blue; green and red follow
      need(2);
      rgb = {data_[pos_ + 1], data_[pos_], value};
      pos_ += 2;
    }
    for (unsigned i = 0; i < count; ++i)
      put(h_.coding == BmpCoding::Rle8 ? palette_[value] : h_.coding == BmpCoding::Rle4 ? nibble(value, i) : rgb);
  }

  void absoluteRun(unsigned count) {
    const std::size_t bytes = h_.coding == BmpCoding::Rle8 ? count : h_.coding == BmpCoding::Rle4 ? (count + 1) / 2 : 3 * count;
    need(bytes);
    const std::uint8_t* p = data_.data() + pos_;
    for (unsigned i = 0; i < count; ++i) {
      if (h_.coding == BmpCoding::Rle8) put(palette_[p[i]]);
      else if (h_.coding == BmpCoding::Rle4) put(nibble(p[i / 2], i));
      else put({p[3 * i + 2], p[3 * i + 1], p[3 * i]});
    }
    pos_ += (bytes + 1) & ~std::size_t{1};
  }

  void delta() {
    need(2);
    x_ += data_[pos_];
    y_ += data_[pos_ + 1];
    pos_ += 2;
  }

  void need(std::size_t bytes) const {
    if (!has(data_, pos_, bytes)) failTruncated("BMP", "its RLE data ends inside a run");
  }

  // The data ran out before an end-of-bitmap marker: fine on the last row.
  Image ended(std::vector<std::string>& warnings) {
    if (y_ + 1 < h_.height) failTruncated("BMP", "its RLE data ends before its last row");
    warnings.push_back("The BMP file has no end-of-bitmap marker; its pixel data was complete and was analysed.");
    return std::move(image_);
  }

  const BmpHeader& h_;
  Bytes data_;
  std::vector<Rgb> palette_;
  Image image_;
  std::size_t pos_ = 0;
  std::uint64_t x_ = 0, y_ = 0;  // y_ counts rows from the bottom
};

}  // namespace

BmpHeader readBmpHeader(Bytes b) {
  if (!has(b, 0, kFileHeaderBytes + 4)) failTruncated("BMP", "it ends inside its header");
  const std::uint32_t size = le32(b.data() + kFileHeaderBytes);
  if (!knownHeaderSize(size))
    failFormat("the BMP file has an unknown header version (a " + std::to_string(size) + "-byte DIB header)");
  if (!has(b, kFileHeaderBytes, size)) failTruncated("BMP", "it ends inside its header");
  const std::uint8_t* dib = b.data() + kFileHeaderBytes;

  BmpHeader h;
  std::int64_t width, height;
  std::uint32_t compression = BI_RGB, colorsUsed = 0;
  if (size == 12) {  // BITMAPCOREHEADER: 16-bit unsigned sides, RGBTRIPLE palette
    width = le16(dib + 4);
    height = le16(dib + 6);
    h.bitCount = le16(dib + 10);
    h.paletteEntryBytes = 3;
  } else {
    width = static_cast<std::int32_t>(le32(dib + 4));
    height = static_cast<std::int32_t>(le32(dib + 8));
    h.bitCount = le16(dib + 14);
    if (size >= 20) compression = le32(dib + 16);
    if (size >= 36) colorsUsed = le32(dib + 32);
  }
  if (width < 0) failFormat("the BMP file declares a negative width");
  h.width = static_cast<std::uint32_t>(width);
  h.height = static_cast<std::uint32_t>(height < 0 ? -height : height);
  h.topDown = height < 0;
  const unsigned bpp = h.bitCount;
  if (bpp != 1 && bpp != 2 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
    failFormat("the BMP file declares " + std::to_string(bpp) + " bits a pixel (1, 2, 4, 8, 16, 24 or 32 are valid)");
  h.coding = codingOf(compression, size, bpp);
  if (h.topDown && h.coding != BmpCoding::Rgb && h.coding != BmpCoding::Bitfields)
    failFormat("the BMP file is compressed but stored top-down, which its format does not allow");
  if (bpp == 16 || bpp == 32) h.masks = masksOf(b, size, compression, bpp);

  std::size_t headersEnd = kFileHeaderBytes + size;
  if (size == 40 && h.coding == BmpCoding::Bitfields) headersEnd += compression == BI_ALPHABITFIELDS ? 16 : 12;
  h.pixelOffset = le32(b.data() + 10);
  if (h.pixelOffset < headersEnd) failFormat("the BMP file's pixel data offset (bfOffBits) points into its header");
  if (h.pixelOffset > b.size()) failTruncated("BMP", "it ends before its pixel data");
  if (bpp <= 8) {
    const std::size_t maxEntries = std::size_t{1} << bpp;
    h.paletteOffset = headersEnd;
    h.paletteEntries = colorsUsed == 0 || colorsUsed > maxEntries ? maxEntries : colorsUsed;
    // Some writers store fewer colours than they declare: the table ends where the pixels start.
    const std::size_t room = (h.pixelOffset - headersEnd) / h.paletteEntryBytes;
    if (room < h.paletteEntries) h.paletteEntries = room;
  }
  return h;
}

Image decodeBmp(Bytes bytes, const BmpHeader& header, std::vector<std::string>& warnings) {
  if (header.width > 0xFFFF || header.height > 0xFFFF)
    throw AnalysisError(ErrorCode::InvalidImageSize, "The image is " + std::to_string(header.width) + "x" +
                                                         std::to_string(header.height) +
                                                         " pixels; no side may exceed 65535 pixels. Send a smaller image.");
  if (header.coding == BmpCoding::Rgb || header.coding == BmpCoding::Bitfields) return decodeUncompressed(bytes, header);
  return RleDecoder(bytes, header).run(warnings);
}

}  // namespace lv
