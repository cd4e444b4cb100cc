/** The keyboard commands the popup lists (declared in wxt.config.ts). */
export const SHORTCUT_COMMANDS = ['toggle-highlights', 'next-change', 'previous-change'] as const;

export type ShortcutCommand = (typeof SHORTCUT_COMMANDS)[number];

export interface Shortcut {
  command: ShortcutCommand;
  /** The key the browser has for it; empty when the reader unset it, null until the browser said. */
  keys: string | null;
}
