/**
 * What watch mode watches: a fingerprint of the claim files (so an event that changed nothing
 * re-checks nothing) and every folder under the claims folder.
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { listClaimFiles } from '../parse/index';

export function fingerprint(dir: string): string {
  return listClaimFiles(dir)
    .map((f) => {
      try {
        const st = statSync(f);
        return `${f}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${f}:gone`;
      }
    })
    .join('\n');
}

/**
 * Calls onEvent on any change in a folder or its subfolders. Each folder is watched on its own,
 * not with { recursive: true }: on Linux, Node's recursive watch follows files, and after an editor
 * saves by writing a temporary file and renaming it over the claim file, it no longer reported that
 * file. Any event counts (the temporary file's name is all an atomic save may show); the caller
 * decides whether anything changed. Folders made or removed later are watched or dropped.
 */
export function watchFolders(root: string, onEvent: () => void): void {
  const watchers = new Map<string, FSWatcher>();
  const foldersUnder = (dir: string): string[] => {
    const out = [dir];
    try {
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory() && !e.name.startsWith('.')) out.push(...foldersUnder(join(dir, e.name)));
    } catch {
      /* removed meanwhile */
    }
    return out;
  };
  const scan = () => {
    const now = new Set(foldersUnder(root));
    for (const [dir, w] of watchers) {
      if (now.has(dir)) continue;
      w.close();
      watchers.delete(dir);
    }
    for (const dir of now) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, () => {
          scan();
          onEvent();
        });
        w.on('error', () => (w.close(), watchers.delete(dir)));
        watchers.set(dir, w);
      } catch {
        /* removed meanwhile */
      }
    }
  };
  scan();
}
