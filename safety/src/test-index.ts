/**
 * The names of the tests in the repository, read from the source with the TypeScript parser (no
 * test is run): `describe › … › it` as Jest prints them. Skipped tests (`it.skip`, `xit`, `describe.skip`)
 * are left out, so a hazard cannot rest on a test that does not run. A table test (`it.each`) is
 * named by its title as written (`'pregnancy %s → %s'`). Titles that are not plain strings cannot
 * be named by a hazard and are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const TEST_FILE = /\.(spec|e2e-spec|e2e)\.tsx?$/;
const SKIPPED = new Set(['skip', 'todo']);

/** Full test names by repository-relative file path. */
export type TestIndex = Map<string, Set<string>>;

export function indexTests(root: string, folders: readonly string[]): TestIndex {
  const index: TestIndex = new Map();
  for (const folder of folders) {
    for (const file of walk(join(root, folder))) {
      index.set(relative(root, file), testNamesIn(readFileSync(file, 'utf8'), file));
    }
  }
  return index;
}

function* walk(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (TEST_FILE.test(entry.name)) yield path;
  }
}

/** The full names of the tests declared in one file's source. */
export function testNamesIn(source: string, fileName = 'test.ts'): Set<string> {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TSX);
  const names = new Set<string>();
  const visit = (node: ts.Node, path: string[]) => {
    if (ts.isCallExpression(node)) {
      const call = testCall(node);
      if (call) {
        const title = literalTitle(node.arguments[0]);
        if (call.skipped || title === undefined) return;
        if (call.kind === 'test') {
          names.add([...path, title].join(' › '));
          return;
        }
        node.arguments.slice(1).forEach((arg) => visit(arg, [...path, title]));
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, path));
  };
  visit(file, []);
  return names;
}

function testCall(node: ts.CallExpression): { kind: 'describe' | 'test'; skipped: boolean } | undefined {
  // `it.each(table)(title, fn)`: the callee is itself a call of `it.each`.
  const callee = ts.isCallExpression(node.expression) ? node.expression.expression : node.expression;
  const table = ts.isCallExpression(node.expression);
  const base = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  const modifier = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (!ts.isIdentifier(base) || table !== (modifier === 'each')) return undefined;
  const name = base.text;
  const kind =
    name === 'describe' || name === 'xdescribe'
      ? 'describe'
      : ['it', 'test', 'xit', 'xtest'].includes(name)
        ? 'test'
        : undefined;
  if (!kind) return undefined;
  return { kind, skipped: name.startsWith('x') || (modifier !== undefined && SKIPPED.has(modifier)) };
}

function literalTitle(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}
