import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { BSON } from 'mongodb';

/**
 * One JSON file per collection under a data folder. Documents are written as
 * extended JSON (the driver's own EJSON), so a `Date` is stored as `{"$date": ...}`
 * and comes back a `Date`, never a string that happens to look like one.
 */
export class JsonFiles {
  private pending: Promise<void> = Promise.resolve();
  private sequence = 0;

  constructor(private readonly folder: string) {}

  async prepare(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
  }

  /** The documents last written for `name`, or none for a collection never written. */
  async read(name: string): Promise<unknown[]> {
    const file = this.fileOf(name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    // A file that does not parse stops the service: starting empty would look like data loss.
    const parsed: unknown = BSON.EJSON.parse(text, { relaxed: true });
    if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array of documents`);
    return parsed as unknown[];
  }

  /**
   * Writes a collection atomically: a temporary file, flushed to disk, then renamed
   * over the old one, so a crash leaves the old file or the new one, never half of
   * one. Writes are queued so a later snapshot never lands before an earlier one.
   */
  write(name: string, documents: readonly unknown[]): Promise<void> {
    const text = BSON.EJSON.stringify(documents, { relaxed: true });
    const file = this.fileOf(name);
    const temporary = `${file}.${process.pid}.${this.sequence++}.tmp`;
    const written = this.pending.then(async () => {
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    });
    // The queue goes on after a failed write; the caller still sees the failure.
    this.pending = written.catch(() => undefined);
    return written;
  }

  /** Resolves once every queued write has landed. */
  flush(): Promise<void> {
    return this.pending;
  }

  private fileOf(name: string): string {
    return path.join(this.folder, `${name}.json`);
  }
}
