// Turns a failed POST /hub/accounts into words for the admin. The hub's `reason` decides the
// message; the HTTP status is only a fallback for replies without one.

// Shown when the page cannot open the session at all. The hub answers 401 alike for a token
// that never existed and one that ran out, and the page does not try to tell them apart.
export const invalidOrExpiredNotice = {
  title: 'This link is invalid or has expired',
  text:
    'Connection links work only as the app gave them, and only for a short time. Go back to ' +
    'the app that sent you here and ask it for a new one.',
}

// Shown when a session that opened the page ends before Connect: the link was valid.
export const sessionExpiredNotice = {
  title: 'This link has expired',
  text:
    'For your security, connection links only work for a short time. Go back to the app that ' +
    'sent you here and ask it for a new link.',
}

export const hubUnreachableAlert = {
  title: 'Passerelle can’t be reached',
  text: 'Check your internet connection, then try again.',
}

function missingScopesAlert(scopes) {
  const count = scopes.length
  return {
    title:
      count === 1
        ? 'This key is missing 1 scope Passerelle needs'
        : `This key is missing ${count} scopes Passerelle needs`,
    scopes,
    // PayFit sets a key's scopes when the key is created and shows its secret only once.
    advice:
      'In PayFit, create a new key with every scope of the checklist ticked, these included ' +
      '(PayFit shows a new key only once). Then paste it here in place of this one.',
  }
}

/** `{ expired: true }` when the session is over, otherwise the alert to show on the form. */
export function describeFailure(status, body) {
  const reason = body?.reason
  if (status === 401 || status === 403 || reason === 'session_expired') return { expired: true }

  if (reason === 'invalid_credentials') {
    return {
      title: 'PayFit doesn’t recognise this key',
      text:
        'It may have been mistyped, or revoked or deleted in PayFit. Create a new key in ' +
        'PayFit and paste it here.',
    }
  }
  if (reason === 'missing_scopes' && Array.isArray(body.missing_scopes)) {
    return missingScopesAlert(body.missing_scopes)
  }
  if (reason === 'provider_unavailable' || status === 502 || status === 503 || status === 504) {
    return {
      title: 'PayFit can’t be reached right now',
      text: 'Your key was not checked. Please try again in a moment.',
    }
  }
  return {
    title: 'Your key couldn’t be connected',
    text:
      typeof body?.message === 'string' && status < 500
        ? body.message
        : 'Something went wrong on our side. Please try again.',
  }
}
