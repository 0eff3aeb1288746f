import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOWNLOAD_EXTENSIONS, downloadProperties } from './file-download';
import { fileDownloadsPlugin, type FileDownloadsOptions } from './file-downloads-plugin';
import { setupPlugin, watchListeners } from './test-helpers';

const DOWNLOADED = '[Amplitude] File Downloaded';
let plugin: ReturnType<typeof fileDownloadsPlugin> | undefined;
const start = (options?: FileDownloadsOptions) => setupPlugin((plugin = fileDownloadsPlugin(options)));
const $ = (sel: string) => document.querySelector(sel) as HTMLElement;
// A cancelled click: the test page must not navigate.
const click = (el: Element) => {
  el.addEventListener('click', (e) => e.preventDefault(), { once: true });
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
};

beforeEach(() => {
  history.replaceState(null, '', '/docs/');
  document.body.innerHTML = '';
});
afterEach(() => {
  void plugin?.teardown?.();
  plugin = undefined;
});

describe('DOWNLOAD_EXTENSIONS', () => {
  const documented = 'pdf xls xlsx doc docx txt rtf csv exe key pps ppt pptx 7z pkg rar gz zip avi mov mp4 mpg mpeg wmv mid midi mp3 wav wma'.split(' ');
  it.each(documented)('matches .%s, also before a query string', (ext) => {
    expect(DOWNLOAD_EXTENSIONS.exec(`https://x.test/f/a.${ext}`)?.[1]).toBe(ext);
    expect(DOWNLOAD_EXTENSIONS.exec(`https://x.test/f/a.${ext}?v=2`)?.[1]).toBe(ext);
  });
  it.each(['https://x.test/a.html', 'https://x.test/pdf', 'https://x.test/a.pdfx', 'https://x.test/a.PDF', 'https://x.test/a.pdf#p=2', 'https://x.test/a.pdf?'])(
    'does not match %s (as the anchor)',
    (url) => expect(DOWNLOAD_EXTENSIONS.test(url)).toBe(false),
  );
});

describe('downloadProperties', () => {
  it('returns undefined for a link that is not a file', () => {
    document.body.innerHTML = '<a href="/pricing">Pricing</a>';
    expect(downloadProperties($('a') as HTMLAnchorElement)).toBeUndefined();
  });
});

describe('fileDownloadsPlugin', () => {
  it('tracks a click on a download link with every documented property', () => {
    document.body.innerHTML = '<a id="dl" href="files/report.pdf?v=2">  Annual <b>report</b> </a>';
    const { tracked } = start();
    click($('#dl'));
    expect(tracked).toEqual([
      {
        type: DOWNLOADED,
        props: {
          '[Amplitude] File Extension': 'pdf',
          '[Amplitude] File Name': '/docs/files/report.pdf',
          '[Amplitude] Link ID': 'dl',
          '[Amplitude] Link Text': 'Annual report',
          '[Amplitude] Link URL': `${location.origin}/docs/files/report.pdf?v=2`,
        },
      },
    ]);
  });

  it('tracks a click on an element inside the link, and links added after setup', () => {
    const { tracked } = start();
    document.body.innerHTML = '<a href="https://cdn.example/a/b/data.csv"><span id="inner">CSV</span></a>';
    click($('#inner'));
    expect(tracked.map((t) => [t.props['[Amplitude] File Name'], t.props['[Amplitude] Link ID']])).toEqual([['/a/b/data.csv', '']]);
  });

  it('reads the href at click time', () => {
    document.body.innerHTML = '<a id="dl" href="/page">x</a>';
    const { tracked } = start();
    $('#dl').setAttribute('href', '/files/x.zip');
    click($('#dl'));
    expect(tracked.map((t) => t.props['[Amplitude] File Extension'])).toEqual(['zip']);
  });

  it('ignores clicks on other links, links without href, and non-links', () => {
    document.body.innerHTML = '<a id="p" href="/pricing.html">p</a><a id="n">n</a><button id="b">b</button>';
    const { tracked } = start();
    click($('#p'));
    click($('#n'));
    click($('#b'));
    expect(tracked).toEqual([]);
  });

  it('masks Link Text under data-amp-mask and redacts sensitive text', () => {
    document.body.innerHTML = `<a id="m" data-amp-mask href="/a.pdf">Jane's statement</a>
      <a id="r" href="/b.pdf">Invoice for jane@example.com</a>`;
    const { tracked } = start();
    click($('#m'));
    click($('#r'));
    expect(tracked.map((t) => t.props['[Amplitude] Link Text'])).toEqual(['*****', 'Invoice for *****']);
  });

  it('applies maskTextRegex to Link Text and warns about invalid patterns', () => {
    document.body.innerHTML = '<a href="/c.pdf">Order #12345 receipt</a>';
    const { tracked, warnings } = start({ maskTextRegex: [/order\s*#\d+/i, '(' as any] });
    click($('a'));
    expect(tracked[0].props['[Amplitude] Link Text']).toBe('***** receipt');
    expect(String(warnings[0][0])).toMatch(/invalid maskTextRegex/);
  });

  it('tracks links inside an open shadow root', () => {
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<a href="/s.mp3">Song</a>';
    const { tracked } = start();
    click(host.shadowRoot!.querySelector('a')!);
    expect(tracked.map((t) => t.props['[Amplitude] File Extension'])).toEqual(['mp3']);
  });

  it('tracks even when the host stops the click from propagating', () => {
    document.body.innerHTML = '<a href="/a.pdf">a</a>';
    $('a').addEventListener('click', (e) => e.stopPropagation());
    const { tracked } = start();
    click($('a'));
    expect(tracked).toHaveLength(1);
  });

  it('keeps a failing client away from the page', () => {
    document.body.innerHTML = '<a href="/a.pdf">a</a>';
    plugin = fileDownloadsPlugin();
    const errors: unknown[] = [];
    void plugin.setup!({ loggerProvider: { warn() {}, error: (...a: unknown[]) => errors.push(a) } } as any, { track: () => { throw new Error('down'); } });
    expect(() => click($('a'))).not.toThrow();
    expect(errors).toHaveLength(1);
  });

  it('teardown removes its listener; a second setup is ignored until then', () => {
    document.body.innerHTML = '<a href="/a.pdf">a</a>';
    const watch = watchListeners();
    try {
      const { tracked } = start();
      void plugin!.setup!({ loggerProvider: console } as any, { track() {} });
      expect(watch.live()).toBe(1);
      void plugin!.teardown!();
      expect(watch.live()).toBe(0);
      click($('a'));
      expect(tracked).toEqual([]);
    } finally {
      watch.restore();
    }
  });
});
