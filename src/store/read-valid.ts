import { openDatabase, type TagwiseDb } from './database.ts';

type ListStore = 'corrections' | 'lossHistory' | 'notices';

/** Every record of a store that passes its validator; a malformed one is skipped, not fatal. */
export async function readValid<S extends ListStore, R>(store: S, validate: (value: unknown) => R): Promise<R[]> {
  const all: TagwiseDb[S]['value'][] = await (await openDatabase()).getAll(store);
  return all.flatMap((value) => {
    try {
      return [validate(value)];
    } catch {
      return [];
    }
  });
}
