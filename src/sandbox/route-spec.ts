import type { FastifyRequest } from 'fastify'

import type { FaultDecision } from './faults.ts'
import type { KeyRecord } from './keys.ts'
import type { RequestKind } from './rate-limit.ts'
import type { CompanyData } from './types.ts'

/** What the gate needs to know about a PayFit route; `name` is what faults and stats use. */
export interface RouteSpec {
  name: string
  kind: RequestKind
  /** The endpoint-level scope, or null when any valid key may call it. */
  scope: string | null
  isFrenchOnly: boolean
}

export interface RequestContext {
  spec: RouteSpec
  key: KeyRecord | null
  data: CompanyData | null
  fault: FaultDecision
  isReset: boolean
}

declare module 'fastify' {
  interface FastifyContextConfig {
    sandbox?: RouteSpec
  }
  interface FastifyRequest {
    sandbox: RequestContext | null
  }
}

export function route(
  name: string,
  kind: RequestKind,
  scope: string | null,
  options: { isFrenchOnly?: boolean } = {},
): { config: { sandbox: RouteSpec } } {
  return { config: { sandbox: { name, kind, scope, isFrenchOnly: options.isFrenchOnly ?? false } } }
}

/** The company a gated request was allowed to reach. */
export function companyOf(request: FastifyRequest): CompanyData {
  const data = request.sandbox?.data
  if (data === undefined || data === null) throw new Error('route reached without the gate')
  return data
}

export function grantedScopes(request: FastifyRequest): ReadonlySet<string> {
  return request.sandbox?.key?.granted ?? new Set()
}
