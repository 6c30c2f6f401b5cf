import { parseArgs } from 'node:util'

import { createProjectService, defaultProjectName } from '../accounts/projects.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { openStore } from '../store/database.ts'

const usage = `Usage: passerelle keys create [--project NAME] [--data-dir DIR] [--database-url URL]

Creates a project API key (and the project, if it does not exist yet) and prints the key once,
alone on its line on stdout. Only its hash is stored: copy it now.`

export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv
  if (action === '--help' || action === '-h') {
    console.log(usage)
    return 0
  }
  if (action !== 'create') {
    console.error(action === undefined ? usage : `Unknown keys action "${action}".\n\n${usage}`)
    return 2
  }

  let values
  let config
  try {
    values = parseArgs({
      args: rest,
      options: {
        project: { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values
    if (values.help === true) {
      console.log(usage)
      return 0
    }
    config = loadConfig(process.env, {
      DATA_DIR: values['data-dir'],
      DATABASE_URL: values['database-url'],
    })
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    return 2
  }
  const projectName = values.project ?? defaultProjectName
  if (projectName.trim() === '') {
    console.error(new ConfigError('--project', 'must not be empty').message)
    return 2
  }

  const store = await openStore(config.databaseUrl)
  try {
    const { apiKey, project } = await createProjectService(store, () => new Date()).createApiKey(
      projectName,
    )
    console.error(
      `Created an API key for project "${project.name}" (${project.id}) in ${config.databaseUrl}; a hub using another database will not know it:`,
    )
    console.log(apiKey)
    return 0
  } finally {
    await store.close()
  }
}
