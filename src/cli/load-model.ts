import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelFromJson } from '../core/model-file.ts';
import type { TagwiseModel } from '../core/model.ts';

/**
 * The package root: the nearest folder above this script with a package.json. The bundled CLI is
 * dist-cli/tagwise.mjs and the sources are src/cli/*.ts; both find the same root this way.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export function defaultModelPath(): string {
  return join(packageRoot(), 'model', 'tagwise-model.json');
}

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

export async function loadModel(path: string | undefined): Promise<{ model: TagwiseModel; path: string }> {
  const file = path ?? defaultModelPath();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const hint = path === undefined ? ' Train one with `npm run cli -- train --labels FILE.tsv` or pass --model FILE.' : '';
    throw new ModelLoadError(`cannot read model ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.${hint}`);
  }
  try {
    return { model: modelFromJson(text), path: file };
  } catch (error) {
    throw new ModelLoadError(`${file}: ${(error as Error).message}`);
  }
}
