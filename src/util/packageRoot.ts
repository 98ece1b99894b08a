import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Returns the folder with the project's package.json, from src/ under vitest or dist/ after a build. */
export function findPackageRoot(start = path.dirname(fileURLToPath(import.meta.url))): string {
  let folder = start;
  for (;;) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`No package.json found above ${start}.`);
    folder = parent;
  }
}
