import {
  GENERAL_CORPUS,
  parseLines,
  pretrainBaseAsync,
  type Example,
  type LoraModel,
  type TaskName,
} from '@lora-viz/core';

interface Entry {
  readonly promise: Promise<LoraModel>;
  readonly controller: AbortController;
  model?: LoraModel;
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Most base models kept at once; the least recently used ready one is disposed past this. */
export const MAX_BASE_MODELS = 8;

const generalCache = new Map<TaskName, readonly Example[]>();

/** The task's general corpus parsed (every line is labelled; parsed once per page). */
export function generalExamples(task: TaskName): readonly Example[] {
  let examples = generalCache.get(task);
  if (!examples) {
    examples = parseLines(task, GENERAL_CORPUS[task]).examples;
    generalCache.set(task, examples);
  }
  return examples;
}

/**
 * The pretrained base model of each task and seed that an element asked for, trained once with core's
 * `pretrainBaseAsync` on the task's general corpus (it yields to the page every few milliseconds) and
 * owned here: {@link BaseModels.clear} aborts pretraining under way and disposes every model.
 */
export class BaseModels {
  private readonly entries = new Map<string, Entry>();

  /** The base model of `task` and `seed`, pretraining it on first request. */
  get(task: TaskName, seed: number): Promise<LoraModel> {
    const key = `${task}|${seed}`;
    const found = this.entries.get(key);
    if (found) {
      // Re-inserted: the map's order is the order of use, for eviction.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.promise;
    }
    const controller = new AbortController();
    const entry: Entry = {
      controller,
      // Started in a task of its own: its first steps would otherwise add to the caller's (a render).
      promise: nextTask()
        .then(() => {
          if (controller.signal.aborted) throw new DOMException('Pretraining was cancelled.', 'AbortError');
          return pretrainBaseAsync(task, generalExamples(task), { seed, signal: controller.signal });
        })
        .then(
          (model) => {
            if (controller.signal.aborted) {
              // Cleared between the last step and now: nobody will dispose it otherwise.
              model.dispose();
              throw new DOMException('Pretraining was cancelled.', 'AbortError');
            }
            entry.model = model;
            return model;
          },
          (error: unknown) => {
            if (this.entries.get(key) === entry) this.entries.delete(key);
            throw error;
          },
        ),
    };
    this.entries.set(key, entry);
    this.evict();
    return entry.promise;
  }

  /** The model of `task` and `seed` when it is ready, without starting anything. */
  peek(task: TaskName, seed: number): LoraModel | undefined {
    return this.entries.get(`${task}|${seed}`)?.model;
  }

  /** Aborts every pretraining under way and disposes every model. */
  clear(): void {
    for (const entry of this.entries.values()) {
      entry.controller.abort();
      entry.model?.dispose();
      // A rejected promise that nobody awaits would be reported as unhandled.
      entry.promise.catch(() => {});
    }
    this.entries.clear();
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_BASE_MODELS) return;
      if (entry.model === undefined) continue;
      entry.model.dispose();
      this.entries.delete(key);
    }
  }
}
