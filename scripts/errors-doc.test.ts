// @vitest-environment node
// Every message the SDK gives is written once, as `__DEV__ ? 'full text' : 'E12 short text'`: the development
// build keeps the full text, the production build the coded short one (docs/errors.md). This test reads every
// package's sources, checks that each coded message sits in such a pair with a full text beside it, and that
// docs/errors.md's table is the one the sources give. `UPDATE_ERRORS_DOC=1` rewrites the table.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { expectSection } from './generated-section';

const root = fileURLToPath(new URL('../', import.meta.url));
const PAGE = `${root}docs/errors.md`;
const START = '<!-- errors-table:start -->';
const END = '<!-- errors-table:end -->';
/** A coded message: its code first, after the `[Footprint] ` of a message written straight to the console. */
const CODED = /^(?:\[Footprint\] )?E(\d+) /;

interface Message {
  code: number;
  short: string;
  full: string;
  file: string;
}

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(`${dir}/${e.name}`) : /\.ts$/.test(e.name) && !/\.(test|d)\.ts$|test-utils|fake-/.test(e.name) ? [`${dir}/${e.name}`] : [],
  );

/** The text of a string or template literal, each `${…}` written as `‹…›`; undefined for anything else. */
const textOf = (node: ts.Node, file: ts.SourceFile): string | undefined => {
  if (ts.isParenthesizedExpression(node)) return textOf(node.expression, file);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `‹${s.expression.getText(file)}›${s.literal.text}`).join('');
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [left, right] = [textOf(node.left, file), textOf(node.right, file)];
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
};

/** Every coded message in the packages' sources, and every place that breaks the rule. */
const read = () => {
  const messages: Message[] = [];
  const problems: string[] = [];
  const files = readdirSync(`${root}packages`)
    .filter((p) => p !== 'collector')
    .flatMap((p) => sources(`${root}packages/${p}/src`));
  for (const path of files) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2020, true);
    const where = (node: ts.Node) => `${path.slice(root.length)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
    const paired = new Set<ts.Node>();
    const visit = (node: ts.Node) => {
      if (ts.isConditionalExpression(node) && ts.isIdentifier(node.condition) && node.condition.text === '__DEV__') {
        const full = textOf(node.whenTrue, file);
        const short = textOf(node.whenFalse, file);
        // `__DEV__ ? fragment : ''` builds part of a development text; `__DEV__ ? `…${why}…` : why` passes a message
        // that is coded where it was made; a coded message needs its full text.
        const passed = ts.isIdentifier(node.whenFalse) || short?.startsWith('‹');
        if (passed) {
          if (!full) problems.push(`${where(node)}: the development branch is not a message text`);
        } else if (short === undefined) problems.push(`${where(node)}: the production branch is not a message text`);
        else if (short !== '') {
          if (!full) problems.push(`${where(node)}: the development branch is not a message text`);
          const code = CODED.exec(short);
          if (!code) problems.push(`${where(node)}: the production message "${short}" does not start with its code (E12 …)`);
          else messages.push({ code: Number(code[1]), short: short.replace(/^\[Footprint\] /, ''), full: full ?? '', file: where(node) });
          paired.add(ts.isParenthesizedExpression(node.whenFalse) ? node.whenFalse.expression : node.whenFalse);
        }
      } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && !paired.has(node)) {
        const text = textOf(node, file)!;
        if (CODED.test(text)) problems.push(`${where(node)}: "${text}" is coded but has no development text (write __DEV__ ? 'full text' : '${text}')`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { messages, problems };
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n\s*/g, ' ');

const table = (messages: Message[]) => {
  const byCode = new Map<number, Message[]>();
  for (const m of messages) byCode.set(m.code, [...(byCode.get(m.code) ?? []), m]);
  return [
    '| code | production (short) | development (full text) |',
    '| --- | --- | --- |',
    ...[...byCode.keys()]
      .sort((a, b) => a - b)
      .map((code) => {
        const [first] = byCode.get(code)!;
        return `| <a id="e${code}"></a>E${code} | \`${cell(first.short)}\` | ${cell(first.full)} |`;
      }),
  ].join('\n');
};

describe('coded messages and docs/errors.md', () => {
  const { messages, problems } = read();

  it('finds the messages (the reader works)', () => {
    expect(messages.length).toBeGreaterThan(40);
  });

  it('every coded message has its development text beside it, and no other text is coded', () => {
    expect(problems).toEqual([]);
  });

  it('one code means one thing: every site of a code gives the same short text', () => {
    const byCode = new Map<number, Set<string>>();
    for (const m of messages) byCode.set(m.code, (byCode.get(m.code) ?? new Set()).add(m.short.replace(/‹[^›]*›/g, '…')));
    for (const [code, shorts] of byCode) expect([...shorts], `E${code}`).toHaveLength(1);
  });

  it('docs/errors.md has an entry for every code, with the full text, as the sources give it', () => {
    expectSection(PAGE, START, END, table(messages), !!process.env.UPDATE_ERRORS_DOC, 'docs/errors.md is out of date: run UPDATE_ERRORS_DOC=1 npx vitest run scripts/errors-doc.test.ts');
  });
});
