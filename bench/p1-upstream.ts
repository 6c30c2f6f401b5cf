/** The PayFit URLs behind one unified page of 50 employees; `contracts` takes the page token. */
export function payfitPageUrls(sandboxUrl: string, companyId: string) {
  const company = `${sandboxUrl}/companies/${companyId}`
  return {
    collaborators: `${company}/collaborators?maxResults=50`,
    company,
    contracts: (token: string | null) =>
      `${company}/contracts-fr?maxResults=50${token === null ? '' : `&nextPageToken=${encodeURIComponent(token)}`}`,
  }
}

/**
 * The PayFit calls behind one unified page of 50 employees, made the way the hub makes them: the
 * collaborator page, the company and the contract walk (one `/contracts-fr` page after the
 * other) side by side, each body parsed as JSON. Each call takes the next key, as the hub's
 * requests take the next account.
 */
export function upstreamPage(sandboxUrl: string, companyId: string, keys: readonly string[]) {
  let next = 0
  const urls = payfitPageUrls(sandboxUrl, companyId)
  return async (): Promise<{
    statuses: number[]
    collaborators: unknown
    company: unknown
    contracts: unknown[]
  }> => {
    const key = keys[next % keys.length] ?? ''
    next += 1
    const headers = { authorization: `Bearer ${key}` }
    const get = async (url: string) => {
      const response = await fetch(url, { headers })
      return { status: response.status, body: (await response.json()) as unknown }
    }
    const contractWalk = async () => {
      const statuses: number[] = []
      const contracts: unknown[] = []
      let token: string | null = null
      for (let page = 0; page < 1000; page += 1) {
        const { status, body } = await get(urls.contracts(token))
        statuses.push(status)
        const reply = body as { contracts?: unknown[]; meta?: { nextPageToken?: string | null } }
        contracts.push(...(reply.contracts ?? []))
        token = reply.meta?.nextPageToken ?? null
        if (token === null || status !== 200) break
      }
      return { statuses, contracts }
    }
    const [collaborators, company, contracts] = await Promise.all([
      get(urls.collaborators),
      get(urls.company),
      contractWalk(),
    ])
    return {
      statuses: [collaborators.status, company.status, ...contracts.statuses],
      collaborators: (collaborators.body as { collaborators?: unknown }).collaborators,
      company: company.body,
      contracts: contracts.contracts,
    }
  }
}
