// @vitest-environment node
// docs/options.md's table is derived from the one options declaration (core types.ts `OPTIONS`): this test
// builds the table from the source and fails when the page differs. `UPDATE_OPTIONS_DOC=1` rewrites it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { expectSection } from './generated-section';
import { EXPECT } from '../packages/core/src/config';
import { OPTIONS } from '../packages/core/src/types';

const root = fileURLToPath(new URL('../', import.meta.url));
const SOURCE = `${root}packages/core/src/types.ts`;
const PAGE = `${root}docs/options.md`;
const START = '<!-- options-table:start -->';
const END = '<!-- options-table:end -->';

interface Row {
  name: string;
  type: string;
  kind: string;
  tagDefault?: string;
  doc: string;
}

/** Each property of `export const OPTIONS = { … }` with its `as Kind<T>` / `as WithDefault<T>` type and TSDoc. */
const readSchema = (): Row[] => {
  const file = ts.createSourceFile(SOURCE, readFileSync(SOURCE, 'utf8'), ts.ScriptTarget.ES2020, true);
  let literal: ts.ObjectLiteralExpression | undefined;
  file.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const d of node.declarationList.declarations) if (d.name.getText(file) === 'OPTIONS' && d.initializer && ts.isObjectLiteralExpression(d.initializer)) literal = d.initializer;
  });
  if (!literal) throw new Error('OPTIONS not found in core types.ts');
  return literal.properties.map((p) => {
    if (!ts.isPropertyAssignment(p) || !ts.isAsExpression(p.initializer)) throw new Error(`OPTIONS.${p.name?.getText(file)}: expected \`name: entry as Kind<T>\``);
    const cast = p.initializer.type as ts.TypeReferenceNode;
    const docs = ts.getJSDocCommentsAndTags(p).filter(ts.isJSDoc);
    const comment = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ');
    const tags = docs.flatMap((d) => d.tags ?? []);
    const tag = (name: string) => tags.find((t) => t.tagName.text === name);
    const text = (t: ts.JSDocTag | undefined) => (t ? (ts.getTextOfJSDocComment(t.comment) ?? '').trim() : undefined);
    const deprecated = tag('deprecated');
    const name = p.name.getText(file);
    const entry = (OPTIONS as Record<string, unknown>)[name];
    return {
      name,
      type: cast.typeArguments![0].getText(file).replace(/\s+/g, ' '),
      kind: typeof entry === 'string' ? entry : (entry as [string])[0],
      tagDefault: text(tag('default')),
      doc: `${deprecated ? `Deprecated: ${text(deprecated)}. ` : ''}${comment}`.replace(/\s+/g, ' ').trim(),
    };
  });
};

const cell = (s: string) => s.replace(/\|/g, '\\|');

const table = (rows: Row[]) =>
  [
    '| option | type | default | checked as | what it does |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.name}\` | \`${cell(r.type)}\` | ${r.tagDefault ? cell(r.tagDefault) : ''} | ${EXPECT[r.kind] || 'anything'} | ${cell(r.doc)} |`),
  ].join('\n');

describe('docs/options.md', () => {
  const rows = readSchema();

  it('every option has a documentation sentence, and a default the client applies is the one its @default names', () => {
    for (const r of rows) expect(r.doc, r.name).not.toBe('');
    for (const [name, entry] of Object.entries(OPTIONS)) {
      if (typeof entry === 'string') continue;
      const value = (entry as readonly [string, unknown])[1];
      const row = rows.find((r) => r.name === name)!;
      expect(row.tagDefault, `@default of ${name}`).toBe(typeof value === 'string' ? `'${value}'` : String(value));
    }
    expect(rows.map((r) => r.name)).toEqual(Object.keys(OPTIONS));
  });

  it('its table is the one the options declaration gives', () => {
    expectSection(PAGE, START, END, table(rows), !!process.env.UPDATE_OPTIONS_DOC, 'docs/options.md is out of date: run UPDATE_OPTIONS_DOC=1 npx vitest run scripts/options-doc.test.ts');
  });
});
