// A docs site DocDelta does not know, for the track-site tests in every browser.

export const UNKNOWN_HOST = 'docs.fixture.test';
export const unknownSiteUrl = `http://${UNKNOWN_HOST}/guide/setup/`;

/** The site's one page: an article (#doc) whose numbered steps change between versions. */
export function unknownSitePage(steps: string[]): string {
  return `<!doctype html><html><head><title>Setup</title></head><body>
  <nav><a href="/">Home</a></nav>
  <main><div id="doc"><h1>Setting up the client</h1>
  <p>Install the client library with your package manager, then configure your credentials before the first call.</p>
  <ol>${steps.map((step) => `<li>${step}</li>`).join('')}</ol>
  <p>Every request needs an API key. Keep it out of source control and rotate it every ninety days.</p></div></main>
</body></html>`;
}
