import path from 'node:path'

import SqliteDatabase from 'better-sqlite3'

export interface DeepPagePlan {
  plan: string
  ms: number
}

const deepPage =
  'SELECT * FROM accounts WHERE project_id = ? ORDER BY created_at, id LIMIT 25 OFFSET 9975'
const repeats = 50

/**
 * The SQL behind `GET /accounts?page=400` (the store's query, written out), its plan and its
 * time alone, on a copy of the hub's database; the hub's own file is only read.
 */
export function deepPagePlan(dataDir: string, scratchDir: string): DeepPagePlan {
  const copy = path.join(scratchDir, 'accounts-copy.db')
  const source = new SqliteDatabase(path.join(dataDir, 'passerelle.db'), { readonly: true })
  source.prepare('VACUUM INTO ?').run(copy)
  source.close()

  const db = new SqliteDatabase(copy)
  try {
    const row = db.prepare('SELECT project_id FROM accounts LIMIT 1').get() as
      { project_id: string } | undefined
    const projectId = row?.project_id ?? ''
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${deepPage}`).all(projectId) as { detail: string }[]
    )
      .map((step) => step.detail)
      .join('; ')
    const statement = db.prepare(deepPage)
    const started = performance.now()
    for (let run = 0; run < repeats; run += 1) statement.all(projectId)
    return { plan, ms: (performance.now() - started) / repeats }
  } finally {
    db.close()
  }
}
