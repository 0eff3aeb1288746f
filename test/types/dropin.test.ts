// @vitest-environment node
// Drop-in, checked by the compiler: the corpus in test/types/dropin/ is written against
// '@amplitude/analytics-browser' the way Amplitude's docs and real apps use it. It must compile with
// `--strict` against the anchor (so it is honest) and, with only that import mapped to Footprint, against us.
// The surface test reads the anchor's own index.d.ts, so a new anchor export fails here until we have it.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpus = readdirSync(`${root}test/types/dropin`).filter((f) => f.endsWith('.ts')).map((f) => `${root}test/types/dropin/${f}`);
const ANCHOR = '@amplitude/analytics-browser';
const OURS = `${root}packages/browser/src/index.ts`;

const options = (ours: boolean): ts.CompilerOptions => ({
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2020.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  skipLibCheck: true,
  baseUrl: root,
  paths: {
    ...(ours ? { [ANCHOR]: [OURS] } : {}),
    '@footprint/*': [`${root}packages/*/src/index.ts`],
    '@footprint/browser/lite': [`${root}packages/browser/src/lite.ts`],
  },
});

const compile = (ours: boolean) => {
  // Our sources stand in for the built package, so the build's one ambient name (`__DEV__`) comes with them.
  const program = ts.createProgram(ours ? [...corpus, `${root}globals.d.ts`] : corpus, options(ours));
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? `${d.file.fileName.replace(root, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
};

/** The names a module exports, and those of its `Types` namespace. */
const surface = (file: string, ours: boolean) => {
  const program = ts.createProgram([file], options(ours));
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const names = checker.getExportsOfModule(module).map((s) => s.name);
  const types = checker.getExportsOfModule(module).find((s) => s.name === 'Types')!;
  const typeNames = checker.getExportsOfModule(checker.getAliasedSymbol(types)).map((s) => s.name);
  return { names: names.sort(), types: typeNames.sort() };
};

describe('drop-in for @amplitude/analytics-browser (types)', () => {
  it('has a counterpart for every export and every Types member of the anchor', () => {
    const anchorFile = fileURLToPath(new URL(`../../node_modules/${ANCHOR}/lib/esm/index.d.ts`, import.meta.url));
    const anchor = surface(anchorFile, false);
    const ours = surface(OURS, true);
    expect(anchor.names.length).toBeGreaterThan(25);
    expect(anchor.types.length).toBeGreaterThan(40);
    expect(anchor.names.filter((n) => !ours.names.includes(n))).toEqual([]);
    expect(anchor.types.filter((n) => !ours.types.includes(n))).toEqual([]);
  }, 120_000);

  it('the corpus compiles with --strict against the anchor', () => {
    expect(compile(false)).toEqual([]);
  }, 120_000);

  it('the same corpus compiles with --strict against Footprint (only the import is mapped)', () => {
    expect(compile(true)).toEqual([]);
  }, 120_000);
});
