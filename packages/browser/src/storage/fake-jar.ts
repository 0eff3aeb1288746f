// A test double for `document.cookie` that follows the browser's rules closely enough for storage
// tests: domain scoping (host-only vs `.domain`), public suffixes refused, expiry deletes, one entry per
// (name, domain, host-only). Not exported from the package.

/** Options of {@link fakeJar}. */
export interface FakeJarOptions {
  /** Suffixes the browser refuses as cookie domains. @default ['com', 'org', 'net', 'uk', 'co.uk', 'io'] */
  publicSuffixes?: string[];
  /** Cookies are disabled: writes are ignored, reads are empty. */
  disabled?: boolean;
}

interface Entry {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
}

/**
 * A fake cookie jar for `hostname`; `writes` counts assignments, `entries()` shows what is stored.
 * @example
 * const jar = fakeJar('shop.example.com');
 * jar.cookie = 'a=1; domain=.example.com';
 */
export const fakeJar = (hostname: string, options: FakeJarOptions = {}) => {
  const suffixes = options.publicSuffixes ?? ['com', 'org', 'net', 'uk', 'co.uk', 'io'];
  let entries: Entry[] = [];
  const visible = (e: Entry) => (e.hostOnly ? e.domain === hostname : hostname === e.domain || hostname.endsWith(`.${e.domain}`));
  const jar = {
    writes: 0,
    reads: 0,
    entries: () => entries.map((e) => ({ ...e })),
    get cookie(): string {
      jar.reads++;
      if (options.disabled) return '';
      return entries.filter(visible).map((e) => `${e.name}=${e.value}`).join('; ');
    },
    set cookie(str: string) {
      jar.writes++;
      if (options.disabled) return;
      const [pair, ...attrs] = str.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let domain = hostname;
      let hostOnly = true;
      let expired = false;
      for (const a of attrs) {
        const [k, v = ''] = a.split('=');
        if (k.toLowerCase() === 'domain' && v) {
          domain = v.replace(/^\./, '').toLowerCase();
          hostOnly = false;
        }
        if (k.toLowerCase() === 'expires' && new Date(v).getTime() <= Date.now()) expired = true;
      }
      if (!hostOnly && (suffixes.includes(domain) || !(hostname === domain || hostname.endsWith(`.${domain}`)))) return;
      entries = entries.filter((e) => !(e.name === name && e.domain === domain && e.hostOnly === hostOnly));
      if (!expired) entries.push({ name, value, domain, hostOnly });
    },
  };
  return jar;
};
