import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface TempDatabase {
  url: string
  file: string
}

/**
 * SQLite database locations in fresh temporary folders. Nothing is created on disk but the
 * folder, so a test can check what opening the store creates; `removeAll` deletes every folder
 * handed out so far (call it from `afterEach`, after closing the stores).
 */
export function tempDatabases(prefix = 'passerelle-store-') {
  const dirs: string[] = []
  return {
    /** `relativePath` may go through folders that do not exist yet. */
    create(relativePath = 'passerelle.db'): TempDatabase {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
      dirs.push(dir)
      const file = path.join(dir, relativePath)
      return { url: `sqlite://${file}`, file }
    },
    removeAll(): void {
      for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
