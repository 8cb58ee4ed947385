// The options page: settings (the form is the schema), what the model has learned, the model file,
// reset, and folder classification with progress. Every change goes through the background
// (src/messages.ts); nothing here touches storage. Text only: no innerHTML anywhere.
import { progressShare, type JobState } from '../src/app/job-state.ts';
import { LEARNING_RATE } from '../src/app/settings-change.ts';
import { LABELS } from '../src/core/labels.ts';
import type { SettingsView, StatusView } from '../src/messages.ts';
import { byId, element, svgElement } from '../src/pages/element.ts';
import { localize } from '../src/pages/localize.ts';
import { t } from '../src/thunderbird/i18n.ts';
import { ask } from '../src/thunderbird/send-to-background.ts';
import { lossCurve } from './loss-curve.ts';
import { fieldChange, formValues } from './settings-form.ts';

const form = byId<HTMLFormElement>('settings');
const rateInput = byId<HTMLInputElement>('learningRate');
let accountIds: string[] = [];

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const formatNumber = (value: number, digits = 0) => value.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
const formatDate = (iso: string | number) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

/** Storage that cannot be read is shown plainly, with what to do, in the notices box. */
function showStorageError(error: unknown): void {
  const list = byId('notice-list');
  list.replaceChildren(element('li', {}, t('storageError', errorText(error))));
  byId('notices').hidden = false;
  byId('dismiss-notices').hidden = true;
}

// ---- settings ---------------------------------------------------------------------------------

function renderSettings(settings: SettingsView): void {
  accountIds = settings.accounts.map((a) => a.id);
  const values = formValues(settings, accountIds);
  rateInput.value = values.learningRate;
  rateInput.placeholder = String(settings.modelLearningRate);
  byId('learningRate-help').textContent = t('learningRateHelp', [String(LEARNING_RATE.min), String(LEARNING_RATE.max), String(settings.modelLearningRate)]);
  const boxes = settings.accounts.map((account) => {
    const input = element('input', { type: 'checkbox', name: 'watchedAccountIds', value: account.id });
    input.checked = values.watched.has(account.id);
    const label = element('label');
    label.append(input, ' ', element('span', {}, account.name));
    return label;
  });
  byId('accounts').replaceChildren(...(boxes.length ? boxes : [element('p', { class: 'help' }, t('accountsNone'))]));
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="junkAction"]')) radio.checked = radio.value === values.junkAction;
}

async function saveField(field: string): Promise<void> {
  const status = byId('settings-status');
  const rateError = byId('learningRate-error');
  if (field === 'learningRate') {
    rateError.textContent = '';
    if (!rateInput.checkValidity()) {
      rateError.textContent = t('learningRateInvalid', [String(LEARNING_RATE.min), String(LEARNING_RATE.max)]);
      return;
    }
  }
  const change = fieldChange(new FormData(form) as unknown as Iterable<[string, FormDataEntryValue]>, accountIds, field);
  try {
    const result = await ask('setSettings', change);
    if (result.ok) {
      renderSettings(result.settings);
      status.textContent = t('settingsSaved');
    } else {
      status.textContent = result.error;
    }
  } catch (error) {
    status.textContent = t('storageError', errorText(error));
  }
}

function setUpSettings(): void {
  rateInput.min = String(LEARNING_RATE.min);
  rateInput.max = String(LEARNING_RATE.max);
  rateInput.step = String(LEARNING_RATE.step);
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name) void saveField(target.name);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
}

// ---- what the model has learned ---------------------------------------------------------------

const BOX = { width: 480, height: 180, padLeft: 36, padBottom: 22 };

function renderLossChart(status: StatusView): void {
  const chart = byId('loss-chart');
  if (status.loss.length === 0) {
    chart.replaceChildren(element('p', { class: 'help' }, t('lossEmpty')));
    return;
  }
  const curve = lossCurve(status.loss, BOX);
  const plotBottom = BOX.height - BOX.padBottom;
  // A margin around the plot, so the markers on its edges are not cut in half.
  const svg = svgElement('svg', { viewBox: `0 -6 ${BOX.width + 8} ${BOX.height + 6}`, role: 'img', 'aria-labelledby': 'loss-caption' });
  svg.append(
    svgElement('line', { class: 'axis', x1: BOX.padLeft, y1: 0, x2: BOX.padLeft, y2: plotBottom }),
    svgElement('line', { class: 'axis', x1: BOX.padLeft, y1: plotBottom, x2: BOX.width, y2: plotBottom }),
    svgElement('text', { class: 'axis-label', x: BOX.padLeft - 4, y: 10, 'text-anchor': 'end' }, formatNumber(curve.top, 1)),
    svgElement('text', { class: 'axis-label', x: BOX.padLeft - 4, y: plotBottom, 'text-anchor': 'end' }, '0'),
    svgElement('text', { class: 'axis-label', x: BOX.padLeft, y: BOX.height - 4 }, '1'),
    svgElement('text', { class: 'axis-label', x: BOX.width, y: BOX.height - 4, 'text-anchor': 'end' }, formatNumber(status.loss.length)),
    svgElement('path', { class: 'line-before', d: curve.before }),
    svgElement('path', { class: 'line-after', d: curve.after }),
    ...(curve.points.length <= 60
      ? curve.points.flatMap((p) => [
          svgElement('circle', { class: 'dot-before', cx: p.x, cy: p.before, r: 3 }),
          svgElement('circle', { class: 'dot-after', cx: p.x, cy: p.after, r: 3 }),
        ])
      : []),
    svgElement('text', { class: 'legend-before', x: BOX.width - 4, y: 12, 'text-anchor': 'end' }, t('lossBefore')),
    svgElement('text', { class: 'legend-after', x: BOX.width - 4, y: 26, 'text-anchor': 'end' }, t('lossAfter')),
  );
  chart.replaceChildren(svg);
}

function renderStatus(status: StatusView): void {
  byId('corrections-total').textContent = formatNumber(status.corrections);
  for (const label of LABELS) byId(`corrections-${label}`).textContent = formatNumber(status.perClass[label]);
  const { agreeing, total } = status.accuracy;
  byId('accuracy').textContent = total === 0 ? t('accuracyNone') : t('accuracyValue', [formatNumber(agreeing), formatNumber(total), formatNumber((100 * agreeing) / total)]);
  const { model } = status;
  byId('model-info').textContent = t(model.source === 'shipped' ? 'modelShipped' : 'modelLearned', [String(model.version), formatDate(model.trainedAt), formatNumber(model.learned)]);
  byId('model-info').title = model.description;
  renderLossChart(status);

  const notices = byId('notices');
  byId('notice-list').replaceChildren(...status.notices.map((n) => element('li', {}, `${formatDate(n.time)}: ${n.text}`)));
  byId('dismiss-notices').hidden = false;
  notices.hidden = status.notices.length === 0;
}

async function refreshStatus(): Promise<void> {
  try {
    renderStatus(await ask('getStatus'));
  } catch (error) {
    showStorageError(error);
  }
}

// ---- model file and reset ---------------------------------------------------------------------

function setUpModelFile(): void {
  const status = byId('model-status');
  byId('export').addEventListener('click', async () => {
    try {
      const { fileName, text } = await ask('exportModel');
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = byId<HTMLAnchorElement>('download');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = t('exportDone', fileName);
    } catch (error) {
      status.textContent = t('storageError', errorText(error));
    }
  });

  const file = byId<HTMLInputElement>('import-file');
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    status.textContent = t('importReading');
    try {
      const result = await ask('importModel', { text: await chosen.text() });
      status.textContent = result.ok ? t('importDone', chosen.name) : result.error;
      if (result.ok) await Promise.all([refreshStatus(), loadSettings()]);
    } catch (error) {
      status.textContent = t('storageError', errorText(error));
    } finally {
      file.value = '';
    }
  });

  const dialog = byId<HTMLDialogElement>('reset-dialog');
  byId('reset').addEventListener('click', () => {
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'reset') return;
    const keep = dialog.querySelector<HTMLInputElement>('input[name="corrections"]:checked')?.value === 'keep';
    status.textContent = t('resetRunning');
    try {
      await ask('resetModel', { keepCorrections: keep });
      status.textContent = t(keep ? 'resetDoneKept' : 'resetDoneCleared');
      await Promise.all([refreshStatus(), loadSettings()]);
    } catch (error) {
      status.textContent = t('storageError', errorText(error));
    }
  });

  byId('dismiss-notices').addEventListener('click', async () => {
    await ask('dismissNotices');
    await refreshStatus();
  });
}

// ---- classify a folder ------------------------------------------------------------------------

/** Rows are updated in place, so the Cancel button keeps keyboard focus while the job runs. */
const jobRows = new Map<string, { row: HTMLLIElement; bar: HTMLProgressElement; count: HTMLElement; cancel: HTMLButtonElement }>();

function jobCount(job: JobState): string {
  const done = t('jobCounts', [formatNumber(job.classified), formatNumber(job.skipped), formatNumber(job.failed)]);
  const seen = job.total === null ? formatNumber(job.position) : t('jobOf', [formatNumber(job.position), formatNumber(job.total)]);
  const state = t(`jobStatus_${job.status}`);
  return `${state}: ${seen} · ${done}${job.error ? ` (${job.error})` : ''}`;
}

function renderJobs(jobs: JobState[]): void {
  const list = byId('jobs');
  for (const [folderId, { row }] of jobRows) {
    if (!jobs.some((j) => j.folderId === folderId)) {
      row.remove();
      jobRows.delete(folderId);
    }
  }
  jobs.forEach((job, n) => {
    let entry = jobRows.get(job.folderId);
    if (!entry) {
      const row = element('li', { 'data-folder-id': job.folderId });
      const name = element('span', { class: 'job-name' }, job.folderName);
      const cancel = element('button', { type: 'button', class: 'job-cancel' }, t('cancel'));
      cancel.setAttribute('aria-label', t('jobCancelLabel', job.folderName));
      cancel.addEventListener('click', async () => {
        cancel.disabled = true;
        await ask('cancelFolderJob', { folderId: job.folderId });
        await refreshJobs();
      });
      const bar = element('progress', { max: '1' });
      bar.setAttribute('aria-label', t('jobProgressLabel', job.folderName));
      const count = element('span', { class: 'job-count' });
      row.append(name, cancel, bar, count);
      entry = { row, bar, count, cancel };
      jobRows.set(job.folderId, entry);
    }
    const share = progressShare(job);
    if (share === null) entry.bar.removeAttribute('value');
    else entry.bar.value = share;
    entry.count.textContent = jobCount(job);
    entry.row.dataset.status = job.status;
    entry.cancel.hidden = job.status !== 'running';
    if (list.children[n] !== entry.row) list.insertBefore(entry.row, list.children[n] ?? null);
  });
}

let jobTimer: ReturnType<typeof setTimeout> | undefined;
let lastRunning = 0;

async function refreshJobs(): Promise<void> {
  clearTimeout(jobTimer);
  try {
    const jobs = await ask('getJobs');
    renderJobs(jobs);
    const running = jobs.filter((j) => j.status === 'running').length;
    // A job just finished: what it classified changes nothing learned, but verdict counts may.
    if (running < lastRunning) void refreshStatus();
    lastRunning = running;
    jobTimer = setTimeout(() => void refreshJobs(), running > 0 ? 700 : 4000);
  } catch {
    jobTimer = setTimeout(() => void refreshJobs(), 4000);
  }
}

async function setUpFolders(): Promise<void> {
  const select = byId<HTMLSelectElement>('folder');
  const folders = await ask('listFolders');
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const folder of folders) {
    let group = groups.get(folder.accountName);
    if (!group) {
      group = element('optgroup', { label: folder.accountName });
      groups.set(folder.accountName, group);
      select.append(group);
    }
    group.append(element('option', { value: folder.id }, folder.name));
  }
  byId('classify-folder').addEventListener('click', async () => {
    if (!select.value) return;
    await ask('startFolderJob', { folderId: select.value });
    await refreshJobs();
  });
}

// ---- start ------------------------------------------------------------------------------------

async function loadSettings(): Promise<void> {
  try {
    renderSettings(await ask('getSettings'));
  } catch (error) {
    showStorageError(error);
  }
}

localize(document);
setUpSettings();
setUpModelFile();
void loadSettings();
void refreshStatus();
void setUpFolders().catch(showStorageError);
void refreshJobs();
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refreshStatus();
});
