import {
  DEFAULT_TRAIN_OPTIONS,
  hashToken,
  messageTokens,
  modelToJson,
  parseEmail,
  signalValues,
  trainModel,
  type Label,
  type TagwiseModel,
  type TrainingDoc,
} from '../../src/core/index.ts';

/** A raw message for tests. */
export function rawMail(id: string, subject: string, body: string, from = 'Alice <alice@example.org>'): string {
  return [`From: ${from}`, 'To: bob@example.test', `Subject: ${subject}`, `Message-ID: <${id}>`, 'Date: Mon, 1 Dec 2025 10:00:00 +0000', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\n');
}

const WORDS: Record<Label, string[]> = {
  SAFE: ['meeting', 'lunch', 'project', 'tomorrow', 'agenda', 'notes', 'team', 'thanks', 'draft', 'review'],
  SPAM: ['casino', 'jackpot', 'spins', 'bonus', 'cheap', 'pills', 'offer', 'discount', 'winner', 'deal'],
  THREAT: ['verify', 'account', 'suspended', 'password', 'login', 'confirm', 'identity', 'urgent', 'locked', 'bank'],
};

/** A message of the given class, built from that class's words (seeded by n). */
export function mailOf(label: Label, n: number, id = `${label.toLowerCase()}-${n}@test`): string {
  const words = WORDS[label];
  const pick = (k: number) => words[(n * 7 + k * 3) % words.length] as string;
  return rawMail(id, `${pick(0)} ${pick(1)}`, `${pick(2)} ${pick(3)} ${pick(4)} ${pick(5)} ${pick(6)}.`);
}

let cached: Promise<string> | undefined;

/** A small model trained on those messages, as a model file (what the shipped model would be). */
export function tinyModelJson(): Promise<string> {
  cached ??= (async () => {
    const docs: TrainingDoc[] = [];
    for (const label of ['SAFE', 'SPAM', 'THREAT'] as const) {
      for (let n = 0; n < 30; n++) {
        const email = await parseEmail(mailOf(label, n));
        docs.push({ signals: signalValues(email), tokenHashes: Uint32Array.from(new Set([...messageTokens(email)].map(hashToken))), label, source: `s${n % 3}` });
      }
    }
    const model = trainModel(docs, { ...DEFAULT_TRAIN_OPTIONS, epochs: 8, minDocs: 2, overflowBits: 8, rehearsalSize: 30, hiddenSize: 8, description: 'test' });
    return modelToJson(model);
  })();
  return cached;
}

export async function tinyModel(): Promise<TagwiseModel> {
  const { modelFromJson } = await import('../../src/core/index.ts');
  return modelFromJson(await tinyModelJson());
}

/** Serves the tiny model at runtime.getURL('model/tagwise-model.json') through a stubbed fetch. */
export async function serveShippedModel(): Promise<{ fetches: () => number }> {
  const text = await tinyModelJson();
  let count = 0;
  (globalThis as unknown as { fetch: unknown }).fetch = async (url: string) => {
    count++;
    if (!String(url).endsWith('model/tagwise-model.json')) return new Response('', { status: 404 });
    return new Response(text, { status: 200 });
  };
  return { fetches: () => count };
}
