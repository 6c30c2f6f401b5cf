import { scopeList } from './views.js'

const redirectSeconds = 5

const byId = (id) => document.getElementById(id)

function parseReturnUrl(returnUrl) {
  if (typeof returnUrl !== 'string' || returnUrl === '') return null
  try {
    const url = new window.URL(returnUrl)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null
  } catch {
    return null
  }
}

// The message carries only the account id and provider, no secret, so '*' is an acceptable
// target when the session gave no return URL to pin the opener's origin.
function notifyOpener(account, returnUrl) {
  const targetOrigin = returnUrl === null ? '*' : returnUrl.origin
  window.opener?.postMessage({ type: 'AccountConnected', account }, targetOrigin)
}

function startCountdown(destination) {
  const text = byId('redirect-text')
  let remaining = redirectSeconds
  const describe = () =>
    `Taking you back to ${destination.host} in ${remaining} second${remaining === 1 ? '' : 's'}.`
  text.textContent = describe()

  const timer = window.setInterval(() => {
    remaining -= 1
    if (remaining > 0) {
      text.textContent = describe()
      return
    }
    window.clearInterval(timer)
    window.location.assign(destination.href)
  }, 1000)

  byId('stay').addEventListener('click', () => {
    window.clearInterval(timer)
    text.textContent = `Automatic redirect stopped. Continue to ${destination.host} when you’re ready.`
    byId('stay').hidden = true
    byId('continue').focus()
  })
}

// A calm note, not an error: the account works, a few extras are simply not shared.
function renderOptionalScopesMissing(scopes) {
  if (!Array.isArray(scopes) || scopes.length === 0) return
  byId('optional-note-list').replaceChildren(scopeList(scopes, 'optional'))
  byId('optional-note').hidden = false
}

/** Shows the confirmation, tells the opener and, when the session has one, returns to the app. */
export function completeConnection({
  account,
  companyName,
  optionalScopesMissing,
  providerName,
  returnUrl,
}) {
  const destination = parseReturnUrl(returnUrl)
  notifyOpener(account, destination)

  byId('success-title').textContent = companyName
    ? `${companyName} is connected`
    : `${providerName} account connected`
  byId('success-text').textContent = companyName
    ? `Your ${providerName} account is linked. The key was checked with ${providerName} and stored encrypted.`
    : `The key was checked with ${providerName} and stored encrypted.`

  renderOptionalScopesMissing(optionalScopesMissing)

  if (destination === null) {
    byId('close-hint').hidden = false
  } else {
    destination.searchParams.set('account_id', account.id)
    byId('continue').href = destination.href
    byId('redirect').hidden = false
    startCountdown(destination)
  }

  for (const screen of ['loading', 'notice', 'connect']) byId(screen).hidden = true
  byId('success').hidden = false
  byId('success-title').focus()
}
