import type { SubgraphName } from '../../schema/sdl';

/** Counts the SQL statements each subgraph runs, for batching assertions (a page costs a fixed number). */
export class SqlLog {
  private readonly statements = new Map<SubgraphName, string[]>();

  record(subgraph: SubgraphName, statement: string): void {
    const list = this.statements.get(subgraph) ?? [];
    list.push(statement);
    this.statements.set(subgraph, list);
  }

  reset(): void {
    this.statements.clear();
  }

  count(subgraph: SubgraphName): number {
    return this.of(subgraph).length;
  }

  /** The statements of a subgraph, read statements only when `selects` is set. */
  of(subgraph: SubgraphName, selects = false): string[] {
    const list = this.statements.get(subgraph) ?? [];
    return selects ? list.filter((s) => /\bselect\b/i.test(s)) : [...list];
  }
}
