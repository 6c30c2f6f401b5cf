import {
  describeFailure,
  hubUnreachableAlert,
  invalidOrExpiredNotice,
  sessionExpiredNotice,
} from './failures.js'
import { HubUnreachableError, createHubClient } from './hub-client.js'
import { completeConnection } from './success.js'
import {
  clearAlert,
  markRequiredScopes,
  renderAlert,
  renderConnector,
  showNotice,
  showScreen,
} from './views.js'

const provider = 'payfit'

const byId = (id) => document.getElementById(id)

const missingTokenNotice = {
  title: 'This link is incomplete',
  text:
    'The address is missing its access token. Open the link exactly as the app gave it to you, ' +
    'or ask the app for a new one.',
}

const loadFailedNotice = {
  title: 'This page couldn’t load',
  text: 'Passerelle didn’t answer as expected. Check your connection and try again.',
  canRetry: true,
}

const unexpectedAlert = {
  title: 'Your key couldn’t be connected',
  text: 'Something went wrong on our side. Please try again.',
}

const providerMissingNotice = {
  title: 'PayFit isn’t available here',
  text: 'This hub doesn’t offer PayFit connections. Contact the app that sent you here.',
}

function isExpired(...responses) {
  return responses.some((response) => response.status === 401 || response.status === 403)
}

async function loadConnection(hub) {
  const [settings, connectors] = await Promise.all([
    hub.get('/hub/settings'),
    hub.get('/hub/connectors'),
  ])
  if (isExpired(settings, connectors)) return { notice: invalidOrExpiredNotice }
  if (settings.status !== 200 || connectors.status !== 200) return { notice: loadFailedNotice }

  const integration = connectors.body?.integrations?.find(
    (candidate) => candidate.provider === provider && candidate.active,
  )
  if (integration === undefined) return { notice: providerMissingNotice }

  const connector = await hub.get(
    `/hub/connectors/${encodeURIComponent(integration.integration_id)}`,
  )
  if (isExpired(connector)) return { notice: invalidOrExpiredNotice }
  if (connector.status !== 200 || typeof connector.body?.config !== 'object') {
    return { notice: loadFailedNotice }
  }
  return { settings: settings.body, integration, config: connector.body.config }
}

function setSubmitting(isSubmitting) {
  const button = byId('connect-button')
  button.disabled = isSubmitting
  button.textContent = isSubmitting ? 'Connecting…' : 'Connect'
  byId('api-key').readOnly = isSubmitting
  byId('connect-form').setAttribute('aria-busy', String(isSubmitting))
  byId('status').textContent = isSubmitting ? 'Checking your key with PayFit…' : ''
}

function showFormError(alert) {
  const input = byId('api-key')
  renderAlert(alert)
  input.setAttribute('aria-invalid', 'true')
  input.focus()
  input.select()
}

function wireForm(hub, { settings, integration, config }) {
  const input = byId('api-key')
  const toggle = byId('toggle-key')
  let isSubmitting = false

  toggle.addEventListener('click', () => {
    const isShown = input.type === 'text'
    input.type = isShown ? 'password' : 'text'
    toggle.setAttribute('aria-pressed', String(!isShown))
  })

  byId('connect-form').addEventListener('submit', (event) => {
    event.preventDefault()
    if (isSubmitting) return
    const apiKey = input.value.trim()
    if (apiKey === '') {
      showFormError({ title: 'Paste your PayFit API key first.' })
      return
    }

    isSubmitting = true
    clearAlert()
    markRequiredScopes(undefined)
    input.removeAttribute('aria-invalid')
    setSubmitting(true)
    void submitKey(hub, apiKey, { settings, integration, config })
      .catch((error) => {
        console.error(error)
        showFormError(unexpectedAlert)
      })
      .finally(() => {
        isSubmitting = false
        setSubmitting(false)
      })
  })
}

async function submitKey(hub, apiKey, { settings, integration, config }) {
  let response
  try {
    response = await hub.post('/hub/accounts', {
      integration_id: integration.integration_id,
      credentials: { api_key: apiKey },
    })
  } catch (error) {
    if (!(error instanceof HubUnreachableError)) throw error
    showFormError(hubUnreachableAlert)
    return
  }

  if (response.status === 200 || response.status === 201) {
    byId('api-key').value = ''
    completeConnection({
      account: { id: response.body.id, provider },
      companyName: response.body.company_name,
      optionalScopesMissing: response.body.optional_scopes_missing,
      providerName: config.name || 'PayFit',
      returnUrl: settings.session?.return_url,
    })
    return
  }

  const failure = describeFailure(response.status, response.body)
  if (failure.expired) {
    showNotice(sessionExpiredNotice)
    return
  }
  if (failure.scopes) markRequiredScopes(failure.scopes)
  showFormError(failure)
}

async function start() {
  const token = new URLSearchParams(window.location.search).get('token')
  if (!token) {
    showNotice(missingTokenNotice)
    return
  }

  const hub = createHubClient(token)
  showScreen('loading')
  let loaded
  try {
    loaded = await loadConnection(hub)
  } catch (error) {
    // A network failure or a reply the page cannot read: either way a retry is the way out.
    if (!(error instanceof HubUnreachableError)) console.error(error)
    loaded = { notice: loadFailedNotice }
  }
  if (loaded.notice) {
    showNotice(loaded.notice)
    return
  }
  renderConnector(loaded)
  wireForm(hub, loaded)
}

byId('retry').addEventListener('click', () => {
  window.location.reload()
})

void start()
