import { HIDEABLE_CONTROLS, type HideableControl } from './classroom.js';
import type { StateSync } from './state-sync.js';

/** The page's share dialog, by its parts in index.html. */
export interface ShareDialogParts {
  /** The header's Share button, which opens the dialog and copies the link. */
  readonly open: HTMLButtonElement;
  readonly dialog: HTMLDialogElement;
  /** The read-only field showing the link (selected for Ctrl+C when the clipboard is refused). */
  readonly field: HTMLInputElement;
  /** Copies the link again, e.g. after choosing controls to hide. */
  readonly copy: HTMLButtonElement;
  /** The polite live region that says "Link copied". */
  readonly status: HTMLElement;
  /** Where the classroom checkboxes go (a fieldset with a legend). */
  readonly classroom: HTMLElement;
  /** Shown when the link is long enough that some apps may cut it. */
  readonly lengthNote: HTMLElement;
}

/** Length above which a link may be cut by chat apps and mail clients, in characters. */
const LONG_LINK = 8000;

/**
 * Wires Share: the header button opens a dialog with a link to the view as it is now and copies it
 * (the Clipboard API; where that is refused, the link is selected in a read-only field for Ctrl+C),
 * announcing the outcome politely. The dialog's classroom checkboxes add `hide=…` to the link, so
 * that students who open it do not see those controls.
 */
export function setUpShareDialog(parts: ShareDialogParts, sync: StateSync): void {
  const { open, dialog, field, copy, status, classroom, lengthNote } = parts;
  const boxes = HIDEABLE_CONTROLS.map(({ id, label }) => {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'hide';
    box.value = id;
    const wrapper = document.createElement('label');
    wrapper.className = 'share__choice';
    // Labels are the page's own words, but text all the same.
    wrapper.append(box, document.createTextNode(` ${label}`));
    classroom.append(wrapper);
    return box;
  });
  const chosen = (): HideableControl[] => boxes.filter((b) => b.checked).map((b) => b.value as HideableControl);

  let clearStatus: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string): void => {
    // Emptied first, so that the same words said twice are announced twice.
    status.textContent = '';
    clearTimeout(clearStatus);
    requestAnimationFrame(() => (status.textContent = text));
    clearStatus = setTimeout(() => (status.textContent = ''), 6000);
  };

  let generation = 0;
  const refresh = async (): Promise<boolean> => {
    const mine = ++generation;
    const link = await sync.shareLink(chosen());
    if (mine !== generation) return false;
    field.value = link;
    lengthNote.hidden = link.length <= LONG_LINK;
    lengthNote.textContent = `This link is ${link.length.toLocaleString('en-US')} characters long because it carries your text; some apps cut links that long.`;
    return true;
  };

  const copyLink = async (): Promise<void> => {
    try {
      if (navigator.clipboard === undefined) throw new Error('no Clipboard API');
      await navigator.clipboard.writeText(field.value);
      say('Link copied');
    } catch {
      // Refused (no permission, plain http, an older browser): let the person copy it themselves.
      field.focus();
      field.select();
      say('Link selected: press Ctrl+C (⌘C on a Mac) to copy it');
    }
  };

  // The link being built, so that Copy never copies one that a checkbox has just made stale.
  let pending: Promise<boolean> = Promise.resolve(true);
  open.addEventListener('click', () => {
    if (!dialog.open) dialog.showModal();
    pending = refresh();
    void pending.then((fresh) => (fresh ? copyLink() : undefined));
  });
  const settled = async (): Promise<void> => {
    let waited: Promise<boolean>;
    do {
      waited = pending;
      await waited;
    } while (waited !== pending);
  };
  copy.addEventListener('click', () => void settled().then(copyLink));
  classroom.addEventListener('change', () => {
    status.textContent = '';
    pending = refresh();
  });
}
