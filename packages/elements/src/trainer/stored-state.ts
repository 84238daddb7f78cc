import { TASKS, type TaskName } from '@lora-viz/core';
import { DEFAULT_SETTINGS, type SettingsDraft } from './check-settings.js';

/** The text a user typed for one task; `null` where the task's default text is in use. */
export interface TaskTexts {
  /** The training lines, or `null` for the task's default. */
  readonly training: string | null;
  /** The held-out lines, or `null` for the task's default. */
  readonly eval: string | null;
}

/** What `<lora-trainer storage-key>` keeps in localStorage: the user's text per task and the settings. */
export interface StoredState {
  /** Text typed per task (tasks left at their defaults are absent). */
  readonly texts: Readonly<Partial<Record<TaskName, TaskTexts>>>;
  /** The settings form as typed. */
  readonly settings: SettingsDraft;
}

/** Version of the stored format; data of another version is ignored. */
export const STORED_STATE_VERSION = 1;

/** Longest text kept per field, in UTF-16 code units: past that, localStorage quotas (about 5 MB) are at risk. */
export const MAX_STORED_TEXT = 1_000_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value.length <= MAX_STORED_TEXT ? value : null;

/**
 * Reads stored state from its JSON text, keeping every part that has the right shape and dropping the
 * rest (a hand-edited or older entry never breaks the element). `null` text, bad JSON or another
 * version give `null`.
 */
export function parseStoredState(json: string | null): StoredState | null {
  if (json === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(data) || data.version !== STORED_STATE_VERSION) return null;
  const texts: Partial<Record<TaskName, TaskTexts>> = {};
  if (isRecord(data.texts)) {
    for (const task of TASKS) {
      const entry = data.texts[task];
      if (!isRecord(entry)) continue;
      const training = textOrNull(entry.training);
      const evalText = textOrNull(entry.eval);
      if (training !== null || evalText !== null) texts[task] = { training, eval: evalText };
    }
  }
  const settings: Record<string, string> = { ...DEFAULT_SETTINGS };
  if (isRecord(data.settings)) {
    for (const key of Object.keys(DEFAULT_SETTINGS)) {
      const value = data.settings[key];
      // Short strings only: a form field never needs more, and anything else is not ours.
      if (typeof value === 'string' && value.length <= 64) settings[key] = value;
    }
  }
  return { texts, settings: settings as unknown as SettingsDraft };
}

/** The JSON text of stored state, with the format's version. */
export function serializeStoredState(state: StoredState): string {
  return JSON.stringify({ version: STORED_STATE_VERSION, texts: state.texts, settings: state.settings });
}
