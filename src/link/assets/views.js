import { appendMarkdown } from './markdown.js'

const byId = (id) => document.getElementById(id)

const screens = ['loading', 'notice', 'connect', 'success']

export function showScreen(name) {
  for (const screen of screens) byId(screen).hidden = screen !== name
}

export function showNotice({ title, text, canRetry = false }) {
  byId('notice-title').textContent = title
  byId('notice-text').textContent = text
  byId('retry').hidden = !canRetry
  showScreen('notice')
  byId('notice-title').focus()
}

// Scope names are long and colon-separated; let narrow screens break them after a colon.
function scopeName(scope) {
  const name = document.createElement('code')
  String(scope)
    .split(':')
    .forEach((part, index) => {
      if (index > 0) name.append(':', document.createElement('wbr'))
      name.append(part)
    })
  return name
}

function scopeItem({ scope, purpose }) {
  const item = document.createElement('li')
  item.dataset.scope = scope
  item.append(scopeName(scope))
  if (purpose) {
    const description = document.createElement('span')
    description.className = 'scope-purpose'
    description.textContent = purpose
    item.append(description)
  }
  return item
}

/** `variant` picks the icon: `missing` (a cross) or `optional` (a plus). */
export function scopeList(scopes, variant) {
  const list = document.createElement('ul')
  list.className = `scopes is-${variant}`
  list.append(...scopes.map(scopeItem))
  return list
}

const scopeStates = {
  granted: 'In your key',
  missing: 'Missing',
}

function setScopeState(item, state) {
  item.querySelector('.scope-status')?.remove()
  if (state === undefined) {
    delete item.dataset.state
    return
  }
  item.dataset.state = state
  const status = document.createElement('span')
  status.className = 'scope-status'
  status.textContent = scopeStates[state]
  item.querySelector('code')?.after(' ', status)
}

/**
 * After PayFit answered which required scopes a key lacks, marks each one in the checklist as
 * missing or in the key; with no argument, returns the list to "to tick in PayFit".
 */
export function markRequiredScopes(missingScopes) {
  const missing = new Set((missingScopes ?? []).map(({ scope }) => scope))
  for (const item of byId('required-scopes').children) {
    if (missingScopes === undefined) setScopeState(item, undefined)
    else setScopeState(item, missing.has(item.dataset.scope) ? 'missing' : 'granted')
  }
}

// Only a logo from this origin can load under the page's CSP; anything else falls back to the
// monogram instead of a broken image.
function renderLogo(iconUrl, name) {
  byId('provider-monogram').textContent = name.slice(0, 1)
  if (typeof iconUrl !== 'string' || iconUrl === '') return

  const url = new window.URL(iconUrl, window.location.href)
  if (url.origin !== window.location.origin) return
  const logo = byId('provider-logo')
  logo.addEventListener('load', () => {
    logo.hidden = false
    byId('provider-monogram').hidden = true
  })
  logo.src = url.href
}

function renderField(field) {
  if (field === undefined) return
  const input = byId('api-key')
  if (field.label) byId('api-key-label').textContent = field.label
  if (field.placeholder) input.placeholder = field.placeholder
  // The scopes already have their own checklist on this page, so the short tooltip makes a
  // better help line than the description written for the hub component.
  const help = field.guide?.tooltip || field.guide?.description || field.description
  if (help) appendMarkdown(byId('api-key-help'), help)
}

// A reused link: say which company it already connected before a new key replaces that one.
function renderLinkedAccount(settings) {
  const linked = settings?.session?.linked_account
  if (typeof linked?.company_name !== 'string' || linked.company_name === '') return
  const company = linked.company_name
  byId('linked-notice').textContent =
    settings.existing_account_id === linked.id
      ? `This link replaces the key of ${company}. Paste the new key below.`
      : `This link already connected ${company}. Paste a new key only to replace it.`
  byId('linked-notice').hidden = false
}

export function renderConnector({ config, integration, settings }) {
  const session = settings?.session
  const name = config.name || integration.name || 'PayFit'
  const guide = config.guide ?? {}

  renderLogo(config.assets?.icon ?? integration.logo_url, name)
  byId('connect-title').textContent = `Connect your ${name} account`
  document.title = `Connect your ${name} account · Passerelle`
  if (guide.summary) appendMarkdown(byId('summary'), guide.summary)
  if (session?.origin_owner_name) {
    byId('requested-for').textContent = `For ${session.origin_owner_name}`
    byId('requested-for').hidden = false
  }

  for (const step of guide.steps ?? []) {
    const item = document.createElement('li')
    appendMarkdown(item, step)
    byId('steps').append(item)
  }
  byId('required-scopes').append(...(guide.required_scopes ?? []).map(scopeItem))
  const optionalScopes = guide.optional_scopes ?? []
  byId('optional-scopes').append(...optionalScopes.map(scopeItem))
  byId('optional').hidden = optionalScopes.length === 0

  renderField(config.configFields?.find((field) => field.key === 'api_key'))
  renderLinkedAccount(settings)
  showScreen('connect')
}

export function renderAlert({ title, text, scopes, advice }) {
  const alert = byId('form-error')
  const heading = document.createElement('p')
  heading.className = 'alert-title'
  heading.textContent = title
  const parts = [heading]
  if (text) parts.push(paragraph(text))
  if (scopes?.length) parts.push(scopeList(scopes, 'missing'))
  if (advice) parts.push(paragraph(advice))
  alert.replaceChildren(...parts)
}

export function clearAlert() {
  byId('form-error').replaceChildren()
}

function paragraph(text) {
  const element = document.createElement('p')
  element.textContent = text
  return element
}
