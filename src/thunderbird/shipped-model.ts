/** The model file shipped inside the add-on (build.mjs copies model/ into the .xpi). */
export async function fetchShippedModelText(): Promise<string> {
  const response = await fetch(messenger.runtime.getURL('model/tagwise-model.json'));
  if (!response.ok) throw new Error(`the shipped model is missing (${response.status})`);
  return response.text();
}
