import path from 'node:path'

import SqliteDatabase from 'better-sqlite3'

export interface DeepPagePlan {
  planNow: string
  msNow: number
  planIndexed: string
  msIndexed: number
}

const deepPage =
  'SELECT * FROM accounts WHERE project_id = ? ORDER BY created_at, id LIMIT 25 OFFSET 9975'
const repeats = 50

/**
 * The SQL behind `GET /accounts?page=400`, timed on a copy of the hub's database as it is and
 * with an index matching its ORDER BY; the hub's own file is only read.
 */
export function compareDeepPage(dataDir: string, scratchDir: string): DeepPagePlan {
  const copy = path.join(scratchDir, 'accounts-copy.db')
  const source = new SqliteDatabase(path.join(dataDir, 'passerelle.db'), { readonly: true })
  source.prepare('VACUUM INTO ?').run(copy)
  source.close()

  const db = new SqliteDatabase(copy)
  try {
    const row = db.prepare('SELECT project_id FROM accounts LIMIT 1').get() as
      { project_id: string } | undefined
    const projectId = row?.project_id ?? ''
    const measure = () => {
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${deepPage}`).all(projectId) as { detail: string }[]
      )
        .map((step) => step.detail)
        .join('; ')
      const statement = db.prepare(deepPage)
      const started = performance.now()
      for (let run = 0; run < repeats; run += 1) statement.all(projectId)
      return { plan, ms: (performance.now() - started) / repeats }
    }
    const now = measure()
    db.exec('CREATE INDEX bench_accounts_order ON accounts (project_id, created_at, id)')
    const indexed = measure()
    return { planNow: now.plan, msNow: now.ms, planIndexed: indexed.plan, msIndexed: indexed.ms }
  } finally {
    db.close()
  }
}
