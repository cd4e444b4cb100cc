/**
 * DocDelta's keyboard commands, declared once: the manifest's `commands` (wxt.config.ts), the
 * commands the background forwards to the content script (lib/messages.ts) and the popup's list.
 */
export const SHORTCUTS = {
  'toggle-highlights': { defaultKey: 'Alt+Shift+D', description: '__MSG_commandToggleDescription__' },
  'next-change': { defaultKey: 'Alt+Shift+J', description: '__MSG_commandNextDescription__' },
  'previous-change': { defaultKey: 'Alt+Shift+K', description: '__MSG_commandPreviousDescription__' },
} as const;

export type ShortcutCommand = keyof typeof SHORTCUTS;

/** The commands in the order the popup lists them. */
export const SHORTCUT_COMMANDS = Object.keys(SHORTCUTS) as ShortcutCommand[];

/** The manifest's `commands` entry for each shortcut. */
export const manifestCommands = () =>
  Object.fromEntries(Object.entries(SHORTCUTS).map(([name, { defaultKey, description }]) => [name, { suggested_key: { default: defaultKey }, description }]));

export interface Shortcut {
  command: ShortcutCommand;
  /** The key the browser has for it; empty when the reader unset it, null until the browser said. */
  keys: string | null;
}
