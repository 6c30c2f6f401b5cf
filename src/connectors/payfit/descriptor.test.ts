import { describe, expect, it } from 'vitest'

import {
  hasScope,
  missingRequiredScopes,
  optionalScopes,
  parseScopes,
  payfitDescriptor,
  requiredScopes,
} from './descriptor.ts'

// The nine scopes the setup guide in shared/seed asks an admin to tick.
const guideScopes = [
  'contracts:read',
  'contracts:time-information:read',
  'collaborators:contracts:write',
  'collaborators:read',
  'collaborators:write',
  'collaborators:contracts:read',
  'collaborators:management:read',
  'collaborators:personal:read',
  'collaborators:legal-identity:read',
]

describe('PayFit descriptor', () => {
  it('asks for one secret API key field named api_key', () => {
    expect(payfitDescriptor.provider).toBe('payfit')
    expect(payfitDescriptor.name).toBe('PayFit')
    expect(payfitDescriptor.credentialFields).toEqual([
      expect.objectContaining({ key: 'api_key', label: 'API Key', type: 'password', secret: true }),
    ])
  })

  it('requires exactly the nine scopes of the setup guide, each with a purpose', () => {
    expect(requiredScopes.map(({ scope }) => scope).sort()).toEqual([...guideScopes].sort())
    for (const { purpose } of [...requiredScopes, ...optionalScopes]) {
      expect(purpose.length).toBeGreaterThan(10)
    }
  })

  it('offers time off, payslip and identity number scopes as optional', () => {
    expect(optionalScopes.map(({ scope }) => scope)).toEqual([
      'time:read',
      'time:write',
      'contracts:payslips:read',
      'collaborators:social-security:read',
    ])
  })

  it('tells the admin about admin rights, where to create the key and that it shows once', () => {
    const text = payfitDescriptor.guide.steps.join('\n')
    expect(text).toMatch(/admin/)
    expect(text).toContain('https://app.payfit.com/integrations/hub/api')
    expect(text).toMatch(/not show it again/)
  })

  it('ships a self-contained SVG logo', () => {
    expect(payfitDescriptor.logoSvg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(payfitDescriptor.logoSvg).not.toMatch(/href=/)
  })
})

describe('PayFit scopes', () => {
  it('splits scope strings on spaces, commas and plus signs', () => {
    expect(parseScopes('a:read b:write,c:read+d:read  ')).toEqual([
      'a:read',
      'b:write',
      'c:read',
      'd:read',
    ])
    expect(parseScopes(null)).toEqual([])
  })

  it('finds no missing scope for the guide key and eight for a read-only key', () => {
    expect(missingRequiredScopes(guideScopes)).toEqual([])
    const missing = missingRequiredScopes(['collaborators:read'])
    expect(missing).toHaveLength(8)
    expect(missing.map(({ scope }) => scope)).not.toContain('collaborators:read')
  })

  it('accepts the deprecated securite-sociale name for the social-security scope', () => {
    expect(
      hasScope(['collaborators:securite-sociale:read'], 'collaborators:social-security:read'),
    ).toBe(true)
    expect(hasScope(['collaborators:read'], 'collaborators:social-security:read')).toBe(false)
  })
})
