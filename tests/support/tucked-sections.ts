// A docs page whose changes sit where a reader does not see them at first: a collapsed
// <details> (MkDocs Material admonitions, Sphinx dropdowns) and an inactive tab panel marked
// up as Docusaurus and Starlight do (a tab list, then panels with `hidden`, switched by the
// site's own script). Served on the DRF host, so the built-in site's rules read it.

export const tuckedUrl = 'http://www.django-rest-framework.org/topics/tucked-sections/';

export interface TuckedVersion {
  visible: string;
  collapsed: string;
  otherTab: string;
  /** Which tab the page opens on (sites remember the reader's last choice). */
  selectedTab: 0 | 1;
}

export function tuckedPage(v: TuckedVersion): string {
  const panel = (index: number, text: string) => `<div role="tabpanel" class="tabItem"${v.selectedTab === index ? '' : ' hidden'}><p>${text}</p></div>`;
  return `<!doctype html><html><head><title>Installing</title></head><body>
<div id="main-content"><h1>Installing the client</h1>
<p>${v.visible}</p>
<p>The client runs on every supported platform and needs no system libraries beyond the runtime itself.</p>
<details><summary>Troubleshooting a failed install</summary><p>${v.collapsed}</p></details>
<p>Pick your package manager below; the commands do the same thing.</p>
<div class="tabs-container"><ul role="tablist"><li role="tab" tabindex="0">pip</li><li role="tab" tabindex="-1">conda</li></ul>
<div class="margin-top--md">${panel(0, 'Run pip install client in a fresh virtual environment to keep it apart from other projects.')}${panel(1, v.otherTab)}</div></div>
<p>Once installed, import the client and create a session before your first request to the service.</p>
</div>
<script>
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const panels = [...document.querySelectorAll('[role=tabpanel]')];
  tabs.forEach((tab, i) => tab.addEventListener('click', () => panels.forEach((panel, j) => { panel.hidden = i !== j; })));
</script>
</body></html>`;
}

export const tuckedBefore: TuckedVersion = {
  visible: 'The client supports Python 3.9 and later, on Linux, macOS and Windows alike.',
  collapsed: 'If the install fails behind a proxy, set the HTTPS_PROXY variable and try again.',
  otherTab: 'Run conda install client from the community channel to get the same build.',
  selectedTab: 0,
};

export const tuckedAfter: TuckedVersion = {
  visible: 'The client supports Python 3.10 and later, on Linux, macOS and Windows alike.',
  collapsed: 'If the install fails behind a corporate proxy, set the HTTPS_PROXY variable and try again.',
  otherTab: 'Run conda install client from the conda-forge channel to get the same build.',
  selectedTab: 0,
};
