// A minimal PNG writer: 8-bit RGB (colour type 2), no alpha channel, one IDAT compressed with node:zlib. PDF/A
// forbids transparency, so the report's images are opaque by construction; nothing here can write an alpha.
import {deflateSync} from 'node:zlib'

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

const crc32 = (parts: readonly Uint8Array[]): number => {
  let c = 0xffffffff
  for (const p of parts) for (let i = 0; i < p.length; i++) c = CRC_TABLE[(c ^ p[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const chunk = (type: string, data: Uint8Array): Buffer => {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const tail = Buffer.alloc(4)
  tail.writeUInt32BE(crc32([head.subarray(4), data]), 0)
  return Buffer.concat([head, data, tail])
}

/** An opaque RGB image: `rgb` holds width × height × 3 bytes, row-major. */
export interface RgbImage {
  readonly width: number
  readonly height: number
  readonly rgb: Uint8Array
}

export const encodePng = (img: RgbImage): Buffer => {
  const {width, height, rgb} = img
  if (width < 1 || height < 1 || rgb.length < width * height * 3) throw new RangeError(`encodePng: ${rgb.length} bytes for a ${width}×${height} RGB image`)
  const stride = width * 3
  const raw = Buffer.alloc((stride + 1) * height)
  // Filter type 0 (none) on every row: thumbnails are small and flat, deflate does the rest.
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: truecolour, no alpha
  ihdr[10] = 0
  ihdr[11] = 0
  ihdr[12] = 0
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, {level: 9})), chunk('IEND', new Uint8Array(0))])
}
