import { MODEL_KEY, openDatabase } from './database.ts';

/**
 * Back to the shipped model: the stored model is deleted (the next load is the shipped one), and
 * unless kept, the corrections and their loss curve with it. One transaction: all or nothing.
 */
export async function resetLearning({ keepCorrections }: { keepCorrections: boolean }): Promise<void> {
  const db = await openDatabase();
  if (keepCorrections) {
    await db.delete('model', MODEL_KEY);
    return;
  }
  const tx = db.transaction(['model', 'corrections', 'lossHistory'], 'readwrite');
  await Promise.all([tx.objectStore('model').delete(MODEL_KEY), tx.objectStore('corrections').clear(), tx.objectStore('lossHistory').clear(), tx.done]);
}
