import type { Store } from '../store/database.ts'
import { hashesEqual, randomString, sha256Hex } from './secrets.ts'

export const defaultProjectName = 'default'

export interface Project {
  id: string
  /** Shown as `organization_id` on connect sessions; StackOne's clients expect a number. */
  organizationId: number
  name: string
}

export interface ProjectService {
  /** Mints a key for the project (created when missing). The key is returned once, never stored. */
  createApiKey(projectName?: string): Promise<{ apiKey: string; project: Project }>
  /** Registers a key chosen by the operator (`PASSERELLE_API_KEY`). */
  registerApiKey(apiKey: string, projectName?: string): Promise<Project>
  /** The project a key belongs to, or undefined for an unknown key. */
  authenticate(apiKey: string): Promise<Project | undefined>
}

export function createProjectService(store: Store, now: () => Date): ProjectService {
  async function registerApiKey(apiKey: string, projectName = defaultProjectName) {
    const createdAt = now().toISOString()
    const row = await store.projects.findOrCreate({
      id: randomString('prj_', 16),
      name: projectName,
      createdAt,
    })
    await store.projects.addApiKey({
      id: randomString('key_', 16),
      projectId: row.id,
      keyHash: sha256Hex(apiKey),
      createdAt,
    })
    return { id: row.id, organizationId: row.organization_id, name: row.name }
  }

  return {
    registerApiKey,

    async createApiKey(projectName = defaultProjectName) {
      const apiKey = randomString('psk_', 32)
      return { apiKey, project: await registerApiKey(apiKey, projectName) }
    },

    async authenticate(apiKey) {
      const keyHash = sha256Hex(apiKey)
      const row = await store.projects.findByApiKeyHash(keyHash)
      if (row === undefined || !hashesEqual(row.key_hash, keyHash)) return undefined
      return { id: row.id, organizationId: row.organization_id, name: row.name }
    },
  }
}
