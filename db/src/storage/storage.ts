import type { Readable } from 'node:stream';

export interface StoredFile {
  /** Content-addressed: `sha256/<first two hex>/<hex>`. Never derived from a client's file name. */
  key: string;
  sha256: string;
  size: number;
  /** The first bytes, for type detection by magic numbers. */
  head: Buffer;
  /** False when identical content was already stored (the key is shared). */
  created: boolean;
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(readonly limit: number) {
    super(`file exceeds ${limit} bytes`);
  }
}

/** Where uploaded documents live. Local disk now; an S3-compatible store later behind the same interface. */
export interface FileStorage {
  /**
   * Streams the input to storage without holding it in memory, hashing as it goes; the bytes are on disk
   * (fsynced) before this resolves. Rejects with FileTooLargeError past maxBytes, leaving nothing behind.
   */
  put(input: Readable, options: { maxBytes: number }): Promise<StoredFile>;
  open(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /** Removes temporary files left by uploads that a crash interrupted. Returns how many. */
  sweepTemporary(): Promise<number>;
}
