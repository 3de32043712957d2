// The one offline OCR engine of scanvet (SOC 2 scans, scanned contracts, burned-in text in DICOM pixels).
// tesseract.js runs the engine in WebAssembly; the English model ships in @tesseract.js-data/eng, so nothing is
// fetched at run time (cacheMethod 'none' keeps it from writing a cache beside the project).
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';

export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, row-major, 0 = black. */
  data: Uint8Array;
}

export interface OcrWord {
  text: string;
  /** 0–100, tesseract's own confidence. */
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

export interface OcrLine {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  words: OcrWord[];
}

export interface OcrResult {
  text: string;
  confidence: number;
  lines: OcrLine[];
}

export interface OcrEngine {
  recognise(image: GreyImage | Uint8Array): Promise<OcrResult>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function langPath(): string {
  const pkg = require.resolve('@tesseract.js-data/eng/package.json');
  return path.join(path.dirname(pkg), '4.0.0_best_int');
}

/** Binary PGM (P5): leptonica reads it natively, so raw pixels need no image codec of ours. */
export function toPgm(image: GreyImage): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  const out = new Uint8Array(header.length + image.width * image.height);
  out.set(header, 0);
  out.set(image.data.subarray(0, image.width * image.height), header.length);
  return out;
}

export async function openOcr(): Promise<OcrEngine> {
  const worker: Worker = await createWorker('eng', OEM.LSTM_ONLY, {
    langPath: langPath(),
    cacheMethod: 'none',
    gzip: true,
    logger: () => undefined,
    errorHandler: () => undefined,
  });
  return {
    async recognise(image) {
      const input = image instanceof Uint8Array ? image : toPgm(image);
      const { data } = await worker.recognize(Buffer.from(input), {}, { blocks: true, text: true });
      const lines: OcrLine[] = [];
      for (const block of data.blocks ?? []) {
        for (const para of block.paragraphs) {
          for (const line of para.lines) {
            lines.push({
              text: line.text.trim(),
              confidence: line.confidence,
              bbox: line.bbox,
              words: line.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: w.bbox })),
            });
          }
        }
      }
      return { text: data.text, confidence: data.confidence, lines };
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** Runs fn with one engine and always terminates it: a worker left running keeps the process alive. */
export async function withOcr<T>(fn: (engine: OcrEngine) => Promise<T>): Promise<T> {
  const engine = await openOcr();
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
