// A thin client of the hub's /hub/* endpoints, authenticated by the connect session token.
// Every call resolves to { status, body }; only a network failure rejects.

export class HubUnreachableError extends Error {}

async function readJson(response) {
  const text = await response.text()
  if (text === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

export function createHubClient(token) {
  async function call(method, path, body) {
    const init = {
      method,
      headers: { 'content-type': 'application/json', 'x-hub-session-token': token },
      cache: 'no-store',
    }
    if (body !== undefined) init.body = JSON.stringify(body)

    let response
    try {
      response = await fetch(path, init)
    } catch (cause) {
      throw new HubUnreachableError('The hub could not be reached', { cause })
    }
    return { status: response.status, body: await readJson(response) }
  }

  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
  }
}
