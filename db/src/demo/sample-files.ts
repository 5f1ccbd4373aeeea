import { deflateSync } from 'node:zlib';

/**
 * Small but real sample files for the demo documents, generated here so the repository carries no
 * binaries: one-page PDFs (with a correct xref table), a baseline JPEG and a PNG.
 */

/** A one-page A4 PDF showing the given lines in Helvetica (ASCII only: the standard fonts have no Persian). */
export function samplePdf(lines: readonly string[]): Buffer {
  const pdfString = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const text = lines.map((line, i) => `${i === 0 ? '/F1 18 Tf' : '/F1 12 Tf'} (${pdfString(line)}) Tj 0 -26 Td`);
  const content = [
    '0.2 0.35 0.55 RG 2 w 48 48 499 746 re S',
    '0.85 0.9 0.96 rg 60 700 475 80 re f',
    '0 0 0 rg BT 72 750 Td',
    ...text,
    'ET',
    '0.6 0.2 0.2 RG 1.5 w 420 110 m 520 110 l S',
    'BT /F1 9 Tf 420 96 Td (Stamp and signature) Tj ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Title (Diploma Desk demo document) /Producer (Diploma Desk demo seed) >>',
  ];
  // The second line's high bytes tell tools that the file is binary, as the PDF specification suggests.
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

type Rgb = readonly [number, number, number];

/** A paper form seen by a scanner: header band, lines of "text", a photo box and a round stamp. */
function scanPixel(x: number, y: number, width: number, height: number): Rgb {
  const paper: Rgb = [250, 247, 238];
  const ink: Rgb = [70, 78, 96];
  if (x < 3 || y < 3 || x >= width - 3 || y >= height - 3) return [200, 200, 196];
  if (y >= 8 && y < 18 && x >= 10 && x < width - 10) return [200, 214, 232];
  if (x >= 12 && x < 36 && y >= 24 && y < 54) return [168, 184, 204];
  const cx = width - 26;
  const cy = height - 20;
  const d = Math.hypot(x - cx, y - cy);
  if (d >= 9 && d < 11) return [120, 140, 210];
  for (let row = 0; row < 5; row++) {
    const top = 26 + row * 8;
    const right = width - 14 - ((row * 17) % 30);
    if (y >= top && y < top + 2 && x >= 44 && x < right) return ink;
  }
  return paper;
}

/** An identity card at 8×8-block resolution: coloured band, photo, text lines, a chip. */
function cardBlock(bx: number, by: number, wide: number, high: number): Rgb {
  if (bx === 0 || by === 0 || bx === wide - 1 || by === high - 1) return [236, 236, 232];
  if (by === 1) return [46, 110, 160];
  if (bx >= 2 && bx < 5 && by >= 3 && by < 8) return [150, 170, 196];
  if (by % 2 === 1 && by >= 3 && by < 9 && bx >= 6 && bx < wide - 2 - ((by * 3) % 4)) return [120, 128, 140];
  if (by === 9 && bx >= wide - 4 && bx < wide - 2) return [214, 180, 90];
  return [244, 246, 250];
}

let crcTable: Uint32Array | undefined;
function crc32(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** An RGB PNG of the scanned-form picture. */
export function samplePng(width = 128, height = 88): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let i = 0;
  for (let y = 0; y < height; y++) {
    raw[i++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = scanPixel(x, y, width, height);
      raw[i++] = r;
      raw[i++] = g;
      raw[i++] = b;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A baseline JPEG (JFIF, YCbCr 4:4:4) of an identity card drawn in 8×8 blocks: every block is
 * flat, so the image needs only DC coefficients and an end-of-block per block — a real JPEG any decoder
 * reads, from a few dozen lines of encoder.
 */
export function sampleJpeg(blocksWide = 16, blocksHigh = 11): Buffer {
  const width = blocksWide * 8;
  const height = blocksHigh * 8;
  const out: number[] = [];
  const u16 = (n: number) => out.push((n >> 8) & 0xff, n & 0xff);
  const segment = (marker: number, body: number[]) => {
    out.push(0xff, marker);
    u16(body.length + 2);
    out.push(...body);
  };
  out.push(0xff, 0xd8); // SOI
  segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]); // APP0 JFIF 1.1
  // One quantisation table, all 8s: a flat block's DC coefficient 8·(v−128) quantises to v−128.
  segment(0xdb, [0x00, ...new Array<number>(64).fill(8)]);
  segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
  // DC table 0: the standard luminance DC table (ITU T.81 K.3), categories 0–11.
  const dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
  segment(0xc4, [0x00, ...dcBits, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  // AC table 0: a single symbol, end-of-block (0x00), coded as the one-bit code "0".
  segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]);
  segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);

  // Canonical Huffman codes of the DC table.
  const dcCodes: { code: number; length: number }[] = [];
  let code = 0;
  let symbol = 0;
  for (let length = 1; length <= 16; length++) {
    for (let k = 0; k < dcBits[length - 1]!; k++) dcCodes[symbol++] = { code: code++, length };
    code <<= 1;
  }
  let acc = 0;
  let accBits = 0;
  const put = (value: number, length: number) => {
    for (let b = length - 1; b >= 0; b--) {
      acc = (acc << 1) | ((value >> b) & 1);
      if (++accBits === 8) {
        out.push(acc);
        if (acc === 0xff) out.push(0x00); // byte stuffing
        acc = 0;
        accBits = 0;
      }
    }
  };
  const previous = [0, 0, 0];
  for (let by = 0; by < blocksHigh; by++) {
    for (let bx = 0; bx < blocksWide; bx++) {
      const [r, g, b] = cardBlock(bx, by, blocksWide, blocksHigh);
      const ycc = [
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
      ];
      ycc.forEach((v, c) => {
        const dc = Math.max(-128, Math.min(127, Math.round(v) - 128));
        const diff = dc - previous[c]!;
        previous[c] = dc;
        const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        put(dcCodes[category]!.code, dcCodes[category]!.length);
        if (category > 0) put(diff > 0 ? diff : diff + (1 << category) - 1, category);
        put(0, 1); // end of block
      });
    }
  }
  if (accBits > 0) put(0xff, 8 - accBits); // pad the last byte with ones
  out.push(0xff, 0xd9); // EOI
  return Buffer.from(out);
}
