/** Styles for DocDelta's shadow roots; page styles cannot reach in or out. */
export const removedStyles = `
:host { all: initial; display: block; margin: 0.4em 0; font: 0.95em/1.5 system-ui, sans-serif; }
.removed { border-left: 3px solid #cf222e; padding: 0.2em 0.6em; background: rgba(207, 34, 46, 0.06); color: #57606a; }
.label { display: inline-block; font-size: 0.75em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: #cf222e; }
.line { margin: 0.15em 0; }
.heading { font-weight: 600; }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; white-space: pre-wrap; }
del { text-decoration: line-through; text-decoration-color: rgba(207, 34, 46, 0.7); }
.wording { border-left: 3px solid #bf8700; padding: 0.1em 0.6em; color: #57606a; }
.wording .count { font-size: 0.8em; color: #9a6700; }
.preview { font-size: 0.85em; color: #cf222e; text-decoration: line-through; }
.toggle { all: unset; cursor: pointer; font-size: 0.8em; color: #9a6700; margin-left: 0.6em; text-decoration: underline dotted; }
.toggle:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.old { margin-top: 0.2em; }
.old del { color: #cf222e; }
:host([current]) .removed, :host([current]) .wording { outline: 2px solid #bf8700; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  .removed { background: rgba(248, 81, 73, 0.1); color: #9198a1; }
  .wording, .old { color: #9198a1; }
}
`;

export const overlayStyles = `
:host { all: initial; }
.nav { position: fixed; right: 20px; bottom: 20px; z-index: 2147483646; display: flex; align-items: center; gap: 6px;
  max-width: min(420px, calc(100vw - 40px)); padding: 6px 8px; border-radius: 8px; background: #ffffff; color: #1f2328;
  border: 1px solid #d0d7de; box-shadow: 0 4px 16px rgba(0,0,0,.15); font: 13px/1.3 system-ui, sans-serif; }
.summary { display: flex; flex-direction: column; min-width: 0; }
.count { font-weight: 600; white-space: nowrap; }
.section { color: #57606a; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 220px; }
.tucked { color: #57606a; font-style: italic; white-space: nowrap; }
button { font: inherit; cursor: pointer; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; color: inherit; padding: 3px 8px; }
button:hover { background: #eaeef2; }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.markers { position: fixed; top: 0; right: 0; bottom: 0; width: 10px; z-index: 2147483645; pointer-events: none; }
.marker { position: absolute; right: 1px; width: 8px; height: 4px; border-radius: 2px; background: #2da44e; pointer-events: auto; cursor: pointer; border: 0; padding: 0; }
.marker.removed-only { background: #cf222e; }
.marker.current { background: #bf8700; height: 6px; }
@media (prefers-color-scheme: dark) {
  .nav { background: #161b22; color: #e6edf3; border-color: #30363d; }
  .section, .tucked { color: #9198a1; }
  button { background: #21262d; border-color: #30363d; }
  button:hover { background: #30363d; }
}
`;
