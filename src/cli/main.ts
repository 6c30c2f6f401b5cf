const commands: Record<
  string,
  { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }
> = {
  start: {
    summary: 'run the hub (real deployments run it compiled: npm start)',
    load: () => import('./start.ts'),
  },
  demo: {
    summary: 'run the PayFit sandbox and the hub against it, ready to link',
    load: () => import('./demo.ts'),
  },
  sandbox: {
    summary: "run the PayFit sandbox (an emulator of PayFit's API)",
    load: () => import('./sandbox.ts'),
  },
  bench: {
    summary: 'run the benchmarks and write docs/benchmarks.md',
    load: () => import('./bench.ts'),
  },
  keys: {
    summary: 'manage project API keys (keys create [--project NAME])',
    load: () => import('./keys.ts'),
  },
  vault: { summary: 'rotate the master key (vault rotate)', load: () => import('./vault.ts') },
}

const usage = `Usage: passerelle <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`)
  .join('\n')}

Run "passerelle <command> --help" for a command's options.`

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage)
    return name === undefined ? 1 : 0
  }
  const command = commands[name]
  if (command === undefined) {
    console.error(`Unknown command "${name}".\n\n${usage}`)
    return 2
  }
  const module = await command.load()
  return module.run(rest)
}
