/**
 * Wires "Reset to defaults": the button opens a confirmation dialog (a `<form method="dialog">` whose
 * buttons close it with their `value`); only its `reset` button calls `reset`. Escape and Cancel
 * change nothing.
 */
export function setUpResetDialog(open: HTMLButtonElement, dialog: HTMLDialogElement, reset: () => void): void {
  open.addEventListener('click', () => {
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'reset') reset();
  });
}
