import { Window } from 'happy-dom';

/**
 * A static HTML document parsed without running its scripts or loading
 * anything. Call `closeDocument` when done: each one is a whole window.
 */
export function parseHtml(html: string, url = 'https://example.test/'): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}

export function closeDocument(doc: Document): void {
  void (doc.defaultView as unknown as { happyDOM?: { close: () => Promise<void> } } | null)?.happyDOM?.close();
}
