import { readFileSync } from 'node:fs';

export interface LoggedRequest {
  url: string;
  /** The origin that asked for it (a page, or chrome-extension://…), when the browser says. */
  initiator: string | null;
}

/**
 * Every URL request in a Chromium net log (`--log-net-log`): the browser's own record,
 * so it holds what a page, a service worker or the browser itself asked for, and also
 * requests that failed before reaching any server.
 */
export function loggedRequests(file: string): LoggedRequest[] {
  const text = readFileSync(file, 'utf8').trim();
  // A log cut short (the browser did not exit cleanly) lacks its closing brackets.
  const log = JSON.parse(text.endsWith('}') ? text : `${text.replace(/,$/, '')}]}`) as {
    constants: { logEventTypes: Record<string, number> };
    events: Array<{ type: number; params?: { url?: string; initiator?: string } }>;
  };
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  if (start === undefined) throw new Error(`${file} is not a Chromium net log`);
  return log.events
    .filter((event) => event.type === start && event.params?.url)
    .map((event) => ({ url: event.params!.url!, initiator: event.params!.initiator ?? null }));
}
