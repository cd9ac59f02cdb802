// Writes a fixed file so that, whatever fails (a full disk, a kill, a power cut), the file
// holds either its old text or the whole new one: the text goes to a temporary file in the
// same folder, is synced, and is renamed over the target, which is atomic on POSIX.
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file system calls the writer makes; tests pass failing ones to inject errors. */
export interface WriteCalls {
  realpathSync(path: string): string;
  statSync(path: string): fs.Stats;
  openSync(path: string, flags: string, mode: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  fchmodSync(fd: number, mode: number): void;
  fchownSync(fd: number, uid: number, gid: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

const NODE_CALLS: WriteCalls = {
  realpathSync: (path) => fs.realpathSync(path),
  statSync: (path) => fs.statSync(path),
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fchmodSync: (fd, mode) => fs.fchmodSync(fd, mode),
  fchownSync: (fd, uid, gid) => fs.fchownSync(fd, uid, gid),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
};

/** What the caller should tell the user after a successful write, if anything. */
export interface WriteOutcome {
  /** Set when the file had other hard links: they keep the old text. */
  note: string | null;
}

/**
 * Replaces the contents of `path` with `text`. A symbolic link is written through: its target
 * gets the new text and the link stays. The file keeps its permission bits and owner; when the
 * owner cannot be kept (another user's file in a group-writable folder), nothing is written
 * and the error says so. A file with several hard links is replaced under this name only (a
 * rename makes a new inode), and the outcome's note says so.
 */
export function writeFileAtomic(path: string, text: string, calls: WriteCalls = NODE_CALLS): WriteOutcome {
  const target = calls.realpathSync(path);
  const stat = calls.statSync(target);
  const temporary = join(dirname(target), `.${basename(target)}.muslcheck-${process.pid}-${Date.now().toString(36)}.tmp`);
  const bytes = Buffer.from(text, 'utf8');
  let fd: number;
  try {
    fd = calls.openSync(temporary, 'wx', 0o600);
  } catch (error) {
    throw new TemporaryFileError(dirname(target), error);
  }
  let renamed = false;
  try {
    try {
      let written = 0;
      while (written < bytes.length) written += calls.writeSync(fd, bytes, written, bytes.length - written);
      if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || stat.gid !== process.getgid!())) {
        try {
          calls.fchownSync(fd, stat.uid, stat.gid);
        } catch (error) {
          throw new OwnerError(stat.uid, stat.gid, error);
        }
      }
      // After the owner: chown may clear set-id bits.
      calls.fchmodSync(fd, stat.mode & 0o7777);
      calls.fsyncSync(fd);
    } finally {
      calls.closeSync(fd);
    }
    calls.renameSync(temporary, target);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        calls.unlinkSync(temporary);
      } catch {
        // Already gone, or the folder forbids it: the target is untouched either way.
      }
    }
  }
  syncFolder(dirname(target));
  const links = stat.nlink;
  return {
    note: links > 1 ? `had ${links} hard links; the fix replaced this name only, the other ${links - 1} keep the original text` : null,
  };
}

/** No temporary file could be made beside the target (a folder one may not write to). */
export class TemporaryFileError extends Error {
  constructor(folder: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    const why =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : (code ?? String(cause));
    super(`cannot create a temporary file in ${folder} (${why}); the file is unchanged`);
  }
}

/** The owner of the file could not be given to its replacement. */
export class OwnerError extends Error {
  constructor(uid: number, gid: number, cause: unknown) {
    super(`cannot keep the file's owner (uid ${uid}, gid ${gid}): ${(cause as NodeJS.ErrnoException)?.code ?? String(cause)}`);
  }
}

/** Makes the rename itself durable; folders cannot be opened for syncing on every system. */
function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows and some file systems refuse: the rename is still atomic, only not yet durable.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
