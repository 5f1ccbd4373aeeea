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

/** A stored file as the start-up sweep sees it. */
export interface StoredEntry {
  key: string;
  size: number;
  /** The last time its content was written (or, for shared content, stored again). */
  modifiedAt: Date;
}

export interface SweepOptions {
  /** Only what has not been written for this long is removed (default 0: everything). */
  olderThanMs?: number;
  now?: Date;
}

export interface PutOptions {
  maxBytes: number;
  /**
   * Default true: the file is fsynced before put resolves. Bulk writers (the data generator) pass false and
   * call flush() once before committing the rows that point at their files.
   */
  durable?: boolean;
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
  put(input: Readable, options: PutOptions): Promise<StoredFile>;
  /** Makes every file put with `durable: false` durable (one file-system sync instead of one per file). */
  flush(): Promise<void>;
  open(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /** Every stored file (not the temporary ones), in no particular order, read as it goes. */
  list(): AsyncIterable<StoredEntry>;
  /**
   * Removes temporary files left by uploads that a crash interrupted: those not written to for
   * `olderThanMs`, so that another process's upload in flight keeps its file. Returns how many.
   */
  sweepTemporary(options?: SweepOptions): Promise<number>;
}
