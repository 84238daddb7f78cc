/** A button of a notice, with what it does. */
export interface NoticeAction {
  /** The button's text. */
  readonly label: string;
  /** Runs on click; the notice closes afterwards. */
  readonly run: () => void;
}

/** What {@link showPageNotice} shows. */
export interface PageNotice {
  /** Identifies the notice: showing one with the same id replaces it. */
  readonly id: string;
  /** The sentence to read, as text. */
  readonly message: string;
  /** Buttons after the sentence; a "Dismiss" button is always added. */
  readonly actions?: readonly NoticeAction[];
  /** Where focus goes when a button of the notice closes it (it would otherwise fall to the body). */
  readonly focusAfter?: () => HTMLElement | null;
}

/**
 * Adds a notice to the page's polite live region (`container`, which must exist from page load for
 * screen readers to announce what is added to it). The message is text, never markup: it may quote
 * what a link contained.
 *
 * @returns a function that removes the notice.
 */
export function showPageNotice(container: HTMLElement, notice: PageNotice): () => void {
  container.querySelector(`[data-notice="${CSS.escape(notice.id)}"]`)?.remove();
  const box = document.createElement('div');
  box.className = 'page-notice';
  box.dataset['notice'] = notice.id;
  const text = document.createElement('p');
  text.className = 'page-notice__text';
  text.textContent = notice.message;
  const buttons = document.createElement('div');
  buttons.className = 'page-notice__actions';
  const close = () => {
    const hadFocus = box.contains(document.activeElement);
    box.remove();
    if (hadFocus) notice.focusAfter?.()?.focus();
  };
  for (const action of [...(notice.actions ?? []), { label: 'Dismiss', run: () => undefined }]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = action.label;
    button.addEventListener('click', () => {
      action.run();
      close();
    });
    buttons.append(button);
  }
  box.append(text, buttons);
  container.append(box);
  return close;
}
