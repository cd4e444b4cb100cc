import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { diffLines } from 'diff';
import type { AddressInfo } from 'node:net';

const tlsFolder = join(import.meta.dirname, 'tls');

/** The archives' hostnames, as the browsers in the scenarios send them here. */
export const ARCHIVE_HOSTS = ['web.archive.org', 'api.github.com', 'raw.githubusercontent.com'];

/** One capture the fake Wayback Machine holds: its timestamp, digest and the bytes it returns. */
export interface FakeCapture {
  timestamp: string;
  /** The address the capture was made under, when not the one asked for (http://, no slash). */
  original?: string;
  digest: string;
  body: string;
}

/** One commit the fake GitHub holds for a file. */
export interface FakeCommit {
  sha: string;
  date: string;
  message: string;
  content: string;
  /** The commit removed the file (it has no content at or after it). */
  removed?: boolean;
}

/** What a test makes a request answer instead of the archive's normal answer. */
export type Override = (request: { host: string; path: string; query: URLSearchParams }, response: ServerResponse) => boolean;

/**
 * The documented request and response shapes of the Internet Archive's CDX API and `id_`
 * captures, GitHub's commits API and raw files, served locally from real histories. Requests
 * reach it by host (web.archive.org, api.github.com, raw.githubusercontent.com): in Node through
 * `fetchVia`, in a browser through host-resolver rules. Every request is logged.
 */
export class ArchiveServer {
  /** Captures by the page address the CDX query names. */
  readonly captures = new Map<string, FakeCapture[]>();
  /** Commits by `owner/repo:path`, newest first as the API lists them. */
  readonly commits = new Map<string, FakeCommit[]>();
  readonly requests: Array<{ host: string; path: string; query: string }> = [];
  override: Override | null = null;
  /** Conditional requests answered 304. */
  notModified = 0;
  /** The validators requests sent back (If-None-Match, If-Modified-Since), in order. */
  readonly validatorsSent: string[] = [];
  /**
   * How the fake GitHub tags a list: by default a hash of its body, as a validator DocDelta can
   * check; a test may make it a mark of its own for each reader (a tracking server's).
   */
  tagOf: ((body: string) => string) | null = null;
  /** The Cache-Control of a commit list (none by default); `no-cache` has a browser's cache revalidate it with the tag it kept. */
  cacheControl: string | null = null;
  /** The fake GitHub's "now" (ISO, as commit dates are written): commits after it do not exist yet. Null: all do. */
  clock: string | null = null;
  /** Bytes of the answers' bodies sent so far (what a reader's connection would carry, before compression). */
  bytesSent = 0;
  private server: Server | null = null;
  port = 0;

  /**
   * Listens on a local port: plain http for Node (`fetchVia`), or (`tls`) https with the test
   * certificate for the archives' hostnames (harness/tls), as a browser reaches the real hosts.
   */
  async start(options: { tls?: boolean } = {}): Promise<this> {
    const answer = (request: IncomingMessage, response: ServerResponse) => this.answer(request, response);
    this.server = options.tls ? createHttpsServer({ key: readFileSync(join(tlsFolder, 'archive-hosts.key')), cert: readFileSync(join(tlsFolder, 'archive-hosts.crt')) }, answer) : createServer(answer);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    // Connections a browser keeps open (or a proxy's tunnel) would hold the close until they end.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A fetch that sends https://<archive host>/… here, as host-resolver rules do in a browser. */
  fetchVia(): typeof fetch {
    // The fetch there is now: a test may put this one in its place.
    const fetch = globalThis.fetch;
    return (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      return fetch(`http://127.0.0.1:${this.port}${url.pathname}${url.search}`, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-archive-host': url.host } });
    };
  }

  private answer(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const host = String(request.headers['x-archive-host'] ?? request.headers.host ?? '').replace(/:\d+$/, '');
    this.requests.push({ host, path: url.pathname, query: url.search });
    for (const name of ['if-none-match', 'if-modified-since']) {
      const value = request.headers[name];
      if (typeof value === 'string') this.validatorsSent.push(value);
    }
    const end = response.end.bind(response) as (chunk?: unknown) => ServerResponse;
    response.end = ((chunk?: unknown) => {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) this.bytesSent += Buffer.byteLength(chunk);
      return end(chunk);
    }) as ServerResponse['end'];
    if (this.override?.({ host, path: url.pathname, query: url.searchParams }, response)) return;
    if (host === 'web.archive.org' && url.pathname === '/cdx/search/cdx') return this.cdx(url.searchParams, response);
    const capture = /^\/web\/(\d{14})id_\/(.+)$/.exec(url.pathname + url.search);
    if (host === 'web.archive.org' && capture) {
      const found = [...this.captures.entries()].flatMap(([address, list]) => list.filter((c) => c.timestamp === capture[1] && (c.original ?? address) === capture[2])).at(0);
      return found ? send(response, 200, 'text/html; charset=utf-8', found.body) : send(response, 404, 'text/html', '<html><body>Not found</body></html>');
    }
    const commits = /^\/repos\/([^/]+\/[^/]+)\/commits$/.exec(url.pathname);
    if (host === 'api.github.com' && commits) return this.commitList(commits[1]!, url.searchParams, response, request.headers['if-none-match']);
    const one = /^\/repos\/([^/]+\/[^/]+)\/commits\/([0-9a-f]{40})$/.exec(url.pathname);
    if (host === 'api.github.com' && one) return this.commit(one[1]!, one[2]!, response);
    const compare = /^\/repos\/([^/]+\/[^/]+)\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/.exec(url.pathname);
    if (host === 'api.github.com' && compare) return this.compare(compare[1]!, compare[2]!, compare[3]!, response);
    const raw = /^\/([^/]+\/[^/]+)\/([0-9a-f]{40})\/(.+)$/.exec(url.pathname);
    if (host === 'raw.githubusercontent.com' && raw) {
      const file = decodeURIComponent(raw[3]!);
      // The file as the repository held it at that commit (a commit of another file included).
      const at = [...this.commits].filter(([key]) => key.startsWith(`${raw[1]}:`)).flatMap(([, list]) => list).find((c) => c.sha === raw[2])?.date;
      const found = at === undefined ? undefined : this.commits.get(`${raw[1]}:${file}`)?.find((c) => c.date <= at);
      return found && !found.removed ? send(response, 200, 'text/plain; charset=utf-8', found.content) : send(response, 404, 'text/plain', '404: Not Found');
    }
    send(response, 404, 'text/plain', 'not found');
  }

  /**
   * `output=json`, `fl=timestamp,original,digest,statuscode`, `limit=-N` (the last N), `to` (inclusive);
   * `matchType=prefix` with `from`: every page's captures under the prefix, by address then time.
   */
  private cdx(query: URLSearchParams, response: ServerResponse) {
    const to = query.get('to');
    const clock = this.clock?.replace(/\D/g, '').slice(0, 14);
    if (query.get('matchType') === 'prefix') {
      const from = query.get('from') ?? '';
      const prefix = query.get('url') ?? '';
      const rows = [...this.captures].filter(([address]) => address.replace(/^https?:\/\//, '').startsWith(prefix))
        .flatMap(([address, list]) => list.filter((c) => c.timestamp >= from && (!clock || c.timestamp <= clock)).map((c) => [c.timestamp, c.original ?? address, c.digest, '200']))
        .sort((a, b) => a[1]!.localeCompare(b[1]!) || a[0]!.localeCompare(b[0]!));
      return send(response, 200, 'text/plain', rows.length === 0 ? '' : JSON.stringify([['timestamp', 'original', 'digest', 'statuscode'], ...rows]));
    }
    const all = (this.captures.get(query.get('url') ?? '') ?? []).filter((c) => (!to || c.timestamp <= to.padEnd(14, '9')) && (!clock || c.timestamp <= clock));
    if (all.length === 0) return send(response, 200, 'text/plain', '');
    const limit = Number(query.get('limit') ?? 0);
    const chosen = limit < 0 ? all.slice(limit) : limit > 0 ? all.slice(0, limit) : all;
    send(response, 200, 'text/plain', JSON.stringify([['timestamp', 'original', 'digest', 'statuscode'], ...chosen.map((c) => [c.timestamp, c.original ?? query.get('url')!, c.digest, '200'])]));
  }

  /** The commits that touched `path`: the file's own, or (a folder) every file's under it, each commit once, newest first. */
  private commitsUnder(repo: string, path: string): FakeCommit[] {
    const exact = this.commits.get(`${repo}:${path}`);
    if (exact) return exact;
    const under = [...this.commits].filter(([key]) => key.startsWith(`${repo}:${path.replace(/\/$/, '')}/`)).flatMap(([, list]) => list);
    return [...new Map(under.map((c) => [c.sha, c])).values()].sort((a, b) => b.date.localeCompare(a.date));
  }

  /** One commit: its parent (the repository's commit before it) and the files it changed. */
  private commit(repo: string, sha: string, response: ServerResponse) {
    const all = [...this.commits].filter(([key]) => key.startsWith(`${repo}:`));
    const history = [...new Map(all.flatMap(([, list]) => list).map((c) => [c.sha, c])).values()].sort((a, b) => b.date.localeCompare(a.date));
    const at = history.findIndex((c) => c.sha === sha);
    const found = history[at];
    if (!found || (this.clock && found.date > this.clock)) return send(response, 404, 'application/json', '{"message":"No commit found for SHA"}');
    const files = all.flatMap(([key, list]) => {
      const index = list.findIndex((c) => c.sha === sha);
      const status = list[index]?.removed ? 'removed' : index === list.length - 1 ? 'added' : 'modified';
      return index < 0 ? [] : [{ filename: key.slice(repo.length + 1), status, additions: 1, deletions: 1, changes: 2, patch: '@@ … @@' }];
    });
    const parent = history[at + 1];
    const body = JSON.stringify({
      sha, commit: { author: { name: 'Docs', email: 'docs@example.org', date: found.date }, committer: { name: 'GitHub', email: 'noreply@github.com', date: found.date }, message: found.message },
      parents: parent ? [{ sha: parent.sha }] : [], files,
    });
    send(response, 200, 'application/json; charset=utf-8', body, { 'x-ratelimit-remaining': '59', 'x-ratelimit-limit': '60' });
  }

  /** `base...head`: every file with a commit after `base` up to `head`, with its lines added and removed. */
  private compare(repo: string, baseSha: string, headSha: string, response: ServerResponse) {
    const all = [...this.commits].filter(([key]) => key.startsWith(`${repo}:`));
    const dateOf = (sha: string) => all.flatMap(([, list]) => list).find((c) => c.sha === sha)?.date;
    const [base, head] = [dateOf(baseSha), dateOf(headSha)];
    if (!base || !head) return send(response, 404, 'application/json', '{"message":"Not Found"}');
    const files = all.flatMap(([key, list]) => {
      const atHead = list.find((c) => c.date <= head);
      const atBase = list.find((c) => c.date <= base);
      if (!atHead || atHead === atBase) return [];
      const lines = diffLines(atBase?.content ?? '', atHead.content);
      const count = (kind: 'added' | 'removed') => lines.filter((part) => part[kind]).reduce((n, part) => n + (part.count ?? 0), 0);
      return [{ filename: key.slice(repo.length + 1), status: atBase ? 'modified' : 'added', additions: count('added'), deletions: count('removed'), changes: count('added') + count('removed'), patch: '@@ … @@' }];
    });
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ status: 'ahead', ahead_by: files.length, base_commit: { sha: baseSha }, commits: [], files }), { 'x-ratelimit-remaining': '59', 'x-ratelimit-limit': '60' });
  }

  /** `path` (a file or a folder), `sha` (branch), `per_page`, `until`, `since`; newest first; unknown repository: 404. */
  private commitList(repo: string, query: URLSearchParams, response: ServerResponse, ifNoneMatch: string | undefined) {
    if (![...this.commits.keys()].some((key) => key.startsWith(`${repo}:`))) return send(response, 404, 'application/json', '{"message":"Not Found"}');
    const [until, since] = [query.get('until'), query.get('since')];
    const list = this.commitsUnder(repo, query.get('path') ?? '').filter((c) => (!until || c.date <= until) && (!since || c.date >= since) && (!this.clock || c.date <= this.clock)).slice(0, Number(query.get('per_page') ?? 30));
    const body = JSON.stringify(list.map((c) => ({ sha: c.sha, commit: { author: { name: 'Docs', email: 'docs@example.org', date: c.date }, committer: { name: 'GitHub', email: 'noreply@github.com', date: c.date }, message: c.message }, html_url: `https://github.com/${repo}/commit/${c.sha}` })));
    // GitHub answers a matching If-None-Match with 304, which its hourly limit does not count.
    const etag = this.tagOf?.(body) ?? `W/"${createHash('sha1').update(body).digest('hex')}"`;
    if (ifNoneMatch === etag) {
      this.notModified++;
      response.writeHead(304, { etag }).end();
      return;
    }
    send(response, 200, 'application/json; charset=utf-8', body, { etag, 'last-modified': 'Thu, 01 Jan 2026 00:00:07 GMT', 'x-ratelimit-remaining': '59', 'x-ratelimit-limit': '60', ...(this.cacheControl ? { 'cache-control': this.cacheControl } : {}) });
  }
}

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': type, ...headers });
  response.end(body);
}
