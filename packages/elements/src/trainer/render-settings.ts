import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SETTINGS_LABELS, type SettingsCheck, type SettingsDraft, type SettingsField } from './check-settings.js';

/**
 * The settings form: method, rank and alpha (disabled for full fine-tuning), epochs, learning rate,
 * batch size, optimizer and seed, each a native control with a hint and, when invalid, a message
 * naming the field (linked with `aria-describedby`).
 *
 * @param draft - The form's text.
 * @param check - The draft checked (see `checkSettings`).
 * @param disabled - Whether the whole form is disabled (while a run is under way).
 * @param onSetting - Called on every input or change with the field and the event.
 */
export function renderSettings(
  draft: SettingsDraft,
  check: SettingsCheck,
  disabled: boolean,
  onSetting: (field: SettingsField, event: Event) => void,
): TemplateResult {
  const d = draft;
  const e = check.errors;
  const lora = d.method !== 'full';
  const text = (field: SettingsField, hint: string) =>
    html`<label part="field field-${field}" class="setting">
      <span class="label-text">${SETTINGS_LABELS[field]}</span>
      <input
        type="text"
        inputmode="decimal"
        part="setting setting-${field}"
        name=${field}
        .value=${live(d[field])}
        aria-invalid=${e[field] ? 'true' : 'false'}
        aria-describedby="${field}-hint ${e[field] ? `${field}-error` : ''}"
        @input=${(event: Event) => onSetting(field, event)}
      />
      <span class="hint" id="${field}-hint">${hint}</span>
      ${e[field] ? html`<span part="setting-error" class="error-text" id="${field}-error">${e[field]}</span>` : nothing}
    </label>`;
  return html`<fieldset part="settings" class="settings" ?disabled=${disabled}>
    <legend>Settings</legend>
    <label part="field field-method" class="setting">
      <span class="label-text">${SETTINGS_LABELS.method}</span>
      <select part="setting setting-method" name="method" @change=${(ev: Event) => onSetting('method', ev)}>
        ${(['full', 'lora', 'qlora'] as const).map(
          (m) =>
            html`<option value=${m} ?selected=${d.method === m}>
              ${m === 'full' ? 'full (every weight)' : m === 'lora' ? 'LoRA' : 'QLoRA (NF4 base)'}
            </option>`,
        )}
      </select>
      ${e.method ? html`<span part="setting-error" class="error-text">${e.method}</span>` : nothing}
    </label>
    <fieldset class="lora-settings" ?disabled=${!lora}>
      <legend class="visually-hidden">LoRA adapter</legend>
      ${text('rank', lora ? 'LoRA and QLoRA' : 'not used by full fine-tuning')} ${text('alpha', 'scaling s = α / r')}
    </fieldset>
    ${text('epochs', 'passes over the lines')} ${text('lr', 'step size')} ${text('batchSize', 'lines per step')}
    <label part="field field-optimizer" class="setting">
      <span class="label-text">${SETTINGS_LABELS.optimizer}</span>
      <select part="setting setting-optimizer" name="optimizer" @change=${(ev: Event) => onSetting('optimizer', ev)}>
        ${(['adam', 'sgd'] as const).map(
          (o) => html`<option value=${o} ?selected=${d.optimizer === o}>${o === 'adam' ? 'Adam' : 'SGD'}</option>`,
        )}
      </select>
      ${e.optimizer ? html`<span part="setting-error" class="error-text">${e.optimizer}</span>` : nothing}
    </label>
    ${text('seed', 'base model, shuffle and A')}
    ${check.optionsError ? html`<p part="setting-error" class="error-text">${check.optionsError}</p>` : nothing}
  </fieldset>`;
}
