/**
 * The entities of a saved collection, answered from the saved list and results while the
 * collection itself is rebuilt in the background after a warm start.
 */
import type { DocumentResult, Entity } from '../core/types';

/** What the index asks of the collection about entities. */
export interface EntityTable {
  entity(id: string): Entity | undefined;
  entities(): Entity[];
  entityCount(): number;
  /** The uris of the articles that mention an entity. */
  articlesOf(id: string): string[];
}

export class SavedEntities implements EntityTable {
  private readonly byId: Map<string, Entity>;
  private docs?: Map<string, string[]>;

  constructor(
    private readonly list: Entity[],
    private readonly results: ReadonlyMap<string, DocumentResult>,
  ) {
    this.byId = new Map(list.map((e) => [e.id, e]));
  }

  entity(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  entities(): Entity[] {
    return this.list;
  }

  entityCount(): number {
    return this.list.length;
  }

  articlesOf(id: string): string[] {
    if (!this.docs) {
      this.docs = new Map();
      for (const [uri, r] of this.results) {
        for (const m of r.mentions) {
          if (m.kind === 'date' || !m.entity) continue;
          const list = this.docs.get(m.entity);
          if (!list) this.docs.set(m.entity, [uri]);
          else if (list[list.length - 1] !== uri) list.push(uri);
        }
      }
    }
    return this.docs.get(id) ?? [];
  }
}
