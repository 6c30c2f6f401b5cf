import type { Kysely } from 'kysely'

import type { Database, ProjectRow } from './schema.ts'

export interface ProjectRepository {
  /** Returns the project with this name, creating it with `id` when there is none. */
  findOrCreate(project: { id: string; name: string; createdAt: string }): Promise<ProjectRow>
  /** Stores a key hash for a project; a hash already stored is left as it is. */
  addApiKey(apiKey: {
    id: string
    projectId: string
    keyHash: string
    createdAt: string
  }): Promise<void>
  findByApiKeyHash(keyHash: string): Promise<(ProjectRow & { key_hash: string }) | undefined>
}

export function createProjectRepository(db: Kysely<Database>): ProjectRepository {
  return {
    async findOrCreate({ id, name, createdAt }) {
      await db
        .insertInto('projects')
        .values({ id, name, created_at: createdAt })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute()
      return db
        .selectFrom('projects')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    },

    async addApiKey({ id, projectId, keyHash, createdAt }) {
      await db
        .insertInto('api_keys')
        .values({ id, project_id: projectId, key_hash: keyHash, created_at: createdAt })
        .onConflict((conflict) => conflict.column('key_hash').doNothing())
        .execute()
    },

    findByApiKeyHash(keyHash) {
      return db
        .selectFrom('api_keys')
        .innerJoin('projects', 'projects.id', 'api_keys.project_id')
        .selectAll('projects')
        .select('api_keys.key_hash')
        .where('api_keys.key_hash', '=', keyHash)
        .executeTakeFirst()
    },
  }
}
