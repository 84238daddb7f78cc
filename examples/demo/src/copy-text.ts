/** How {@link copyText} got the text to the clipboard, or that it could not. */
export type CopyOutcome = 'copied' | 'selected';

/**
 * Puts `text` on the clipboard: the async Clipboard API first; where it is missing or refused (a
 * page served over plain http, a denied permission, an older browser), the legacy copy command on a
 * hidden textarea. If both fail, selects `fallbackTarget`'s text so that Ctrl+C / ⌘C still works.
 */
export async function copyText(text: string, fallbackTarget: Element): Promise<CopyOutcome> {
  try {
    if (navigator.clipboard !== undefined) {
      await navigator.clipboard.writeText(text);
      return 'copied';
    }
  } catch {
    // Refused or unavailable: try the legacy path below.
  }
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  // Off-screen but rendered: a display:none textarea cannot be selected.
  area.style.position = 'fixed';
  area.style.insetInlineStart = '-9999px';
  document.body.append(area);
  area.select();
  let copied: boolean;
  try {
    // Deprecated, yet still the only synchronous copy path where the Clipboard API is unavailable.
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  focused?.focus();
  if (copied) return 'copied';
  const selection = window.getSelection();
  selection?.selectAllChildren(fallbackTarget);
  return 'selected';
}
