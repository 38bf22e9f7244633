// The project's words for what the workflows and the SDK say: an update name becomes the command a
// person types (`auditDone` → `audit-done`, `meetingOutcome.meetingDate` → `--meeting-date`), so a
// refusal never names an internal handler. Used on every line the command prints as an error.
import { ACTION_COMMANDS, MORE_ACTION_COMMANDS } from './action-commands';
import { kebab } from './input-errors';

const byAction = new Map([...ACTION_COMMANDS, ...MORE_ACTION_COMMANDS].map((c) => [c.action as string, c.command]));

/** The command of an update name (`yearlyConversationHeld` → `conversation-held`), if it is one. */
export function commandOf(action: string): string | undefined {
  return byAction.get(action);
}

const names = [...byAction.keys()].sort((a, b) => b.length - a.length).join('|');
const fieldOfAction = new RegExp(`\\b(${names})\\.([A-Za-z][A-Za-z0-9.]*)`, 'g');
const actionAlone = new RegExp(`\\b(${names})\\b`, 'g');

/** Replaces update names (and `update.field`) in a workflow's message with commands and options. */
export function inCommandWords(text: string): string {
  return text
    .replace(fieldOfAction, (_m, _action: string, field: string) => `--${field.split('.').map(kebab).join('-')}`)
    .replace(actionAlone, (_m, action: string) => byAction.get(action) ?? action);
}

/** What a case kind is called in a sentence. */
export function kindWords(kind: string): string {
  return kind === 'holder' ? 'a holder of the keurmerk' : 'an application';
}
