/**
 * @module The import graph of `packages/server/src` follows the layers `docs/architecture.md` names:
 * a folder imports only folders of its own or a lower layer, and no two folders import each other
 * (directly or round a longer loop). Type-only imports count: they couple parts just the same.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const sourceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * Layers from the bottom up; a folder may import its own layer and those before it. Folders of one
 * layer may import each other as long as no loop forms (the cycle test below). Keep in step with the
 * table in `docs/architecture.md`.
 */
const layers: readonly (readonly string[])[] = [
  ['catalog'],
  ['security', 'config'],
  ['logging'],
  ['store'],
  ['simulator'],
  ['providers'],
  ['connections'],
  ['auth', 'limits', 'connect', 'accounts', 'compatibility', 'vehicle-data', 'webhooks', 'docs', 'partner-lifecycle'],
  ['app'],
  ['core.ts'],
  ['http'],
  ['lifecycle'],
  ['index.ts'],
];

/** A relative import between two top-level parts of `src`. */
interface Edge {
  readonly fromFile: string;
  readonly toFile: string;
  readonly from: string;
  readonly to: string;
}

function sourceFiles(): string[] {
  return readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(sourceRoot, name));
}

/** The top-level folder (or file) of `src` a path relative to `src` lies in. */
function partOf(path: string): string {
  return path.split(sep)[0] ?? '';
}

/** Every relative import of every source file, as paths relative to `src` (`.js` specifiers read as their `.ts` sources). */
function fileImports(): Map<string, string[]> {
  const imports = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    // preProcessFile lists static imports, `export ... from` and dynamic `import()` with literal names.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .filter(({ fileName }) => fileName.startsWith('.'))
      .map(({ fileName }) => relative(sourceRoot, resolve(dirname(file), fileName)).replace(/\.js$/, '.ts'));
    imports.set(relative(sourceRoot, file), targets);
  }
  return imports;
}

function crossPartEdges(imports: ReadonlyMap<string, readonly string[]>): Edge[] {
  const edges: Edge[] = [];
  for (const [fromFile, targets] of imports) {
    for (const toFile of targets) {
      const from = partOf(fromFile);
      const to = partOf(toFile);
      if (from !== to) edges.push({ fromFile, toFile, from, to });
    }
  }
  return edges;
}

function layerOf(part: string): number {
  return layers.findIndex((layer) => layer.includes(part));
}

function describeEdge(edge: Edge): string {
  return `${edge.fromFile} -> ${edge.toFile}`;
}

/** Every loop of parts, each reported once, as `a -> b -> ... -> a`. */
function partCycles(edges: readonly Edge[]): string[] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const cycles = new Set<string>();
  const walk = (start: string, at: string, path: readonly string[]): void => {
    for (const to of next.get(at) ?? []) {
      if (to === start) {
        // Rotated to begin at its smallest part, so one loop found from each of its parts is kept once.
        const smallest = path.indexOf([...path].sort()[0] ?? start);
        const rotated = [...path.slice(smallest), ...path.slice(0, smallest)];
        cycles.add([...rotated, rotated[0]].join(' -> '));
      } else if (!path.includes(to)) {
        walk(start, to, [...path, to]);
      }
    }
  };
  for (const part of next.keys()) walk(part, part, [part]);
  return [...cycles].sort();
}

/** Groups of files that import each other round a loop (Tarjan's strongly connected components of two or more files). */
function fileCycles(imports: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, counter);
    lowest.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of imports.get(file) ?? []) {
      if (!imports.has(target)) continue;
      if (!order.has(target)) {
        visit(target);
        lowest.set(file, Math.min(lowest.get(file) ?? 0, lowest.get(target) ?? 0));
      } else if (onStack.has(target)) {
        lowest.set(file, Math.min(lowest.get(file) ?? 0, order.get(target) ?? 0));
      }
    }
    if (lowest.get(file) !== order.get(file)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const file of imports.keys()) if (!order.has(file)) visit(file);
  return groups;
}

/** The parts of `src` a file reaches through its imports, itself included. */
function partsReachedFrom(imports: ReadonlyMap<string, readonly string[]>, start: string): string[] {
  const seen = new Set<string>([start]);
  const pending = [start];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const target of imports.get(file) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        pending.push(target);
      }
    }
  }
  return [...new Set([...seen].map(partOf))].sort();
}

describe('the layering of packages/server/src', () => {
  const imports = fileImports();
  const edges = crossPartEdges(imports);

  it('places every top-level part in a layer', () => {
    const parts = new Set([...imports.keys()].map(partOf));
    expect([...parts].filter((part) => layerOf(part) === -1).sort()).toEqual([]);
  });

  it('has no import from a lower layer into a higher one', () => {
    const upward = edges.filter((edge) => layerOf(edge.to) > layerOf(edge.from)).map(describeEdge);
    expect(upward).toEqual([]);
  });

  it('has no import cycle between top-level parts', () => {
    expect(partCycles(edges)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(fileCycles(imports)).toEqual([]);
  });

  it('renders the OpenAPI document from the catalog alone, and the generated documents from the catalog and the settings: no app, store or provider', () => {
    expect(partsReachedFrom(imports, join('docs', 'render-openapi-document.ts'))).toEqual(['catalog', 'docs']);
    expect(partsReachedFrom(imports, join('docs', 'generated-docs.ts'))).toEqual(['catalog', 'config', 'docs']);
  });
});
