// A docs page built from <div>s alone (no <main>, <article>, paragraphs or list items), as some
// site builders render them: no generic rule or text-density guess finds its article.
export function divsOnlyPage(steps: string[]): string {
  return `<!doctype html><html><head><title>Setup</title></head><body>
  <div class="topbar"><a href="/">Home</a></div>
  <div class="doc-body"><div class="title">Setting up the client</div>
  <div class="para">Install the client library with your package manager, then configure your credentials before the first call.</div>
  ${steps.map((step) => `<div class="step">${step}</div>`).join('')}
  <div class="para">Every request needs an API key. Keep it out of source control and rotate it every ninety days.</div></div>
</body></html>`;
}
