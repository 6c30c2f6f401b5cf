import {
  CompaniesPaginated$inboundSchema,
  HRISLocationsPaginated$inboundSchema,
  HRISTeamsPaginated$inboundSchema,
} from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { companySchema, locationSchema } from '../../../unified/company.ts'
import { groupSchema } from '../../../unified/group.ts'
import { payfitCompanySchema } from '../schemas.ts'
import {
  companyToCompany,
  companyToLocation,
  parseLocationId,
  teamGroupId,
  teamNameFromGroupId,
  teamToGroup,
} from './company.ts'
import { company } from './fixtures.ts'

function sdkAccepts(sdk: { parse: (v: unknown) => unknown }, value: unknown): boolean {
  sdk.parse({ data: [value], next: null })
  return true
}

describe('companyToCompany', () => {
  it('maps the documented company with its id as remote_id', () => {
    const mapped = companyToCompany(company)

    expect(companySchema.parse(mapped)).toEqual(mapped)
    expect(sdkAccepts(CompaniesPaginated$inboundSchema, mapped)).toBe(true)
    expect(mapped).toMatchObject({
      id: '64b7c0e2f1a9d3004e8a51c7',
      remote_id: '64b7c0e2f1a9d3004e8a51c7',
      name: 'Atelier Brioche SAS',
      display_name: 'Atelier Brioche SAS',
    })
  })
})

describe('companyToLocation', () => {
  it('maps the company address to a work location', () => {
    const location = companyToLocation(company)

    expect(locationSchema.parse(location)).toEqual(location)
    expect(sdkAccepts(HRISLocationsPaginated$inboundSchema, location)).toBe(true)
    expect(location).toEqual({
      id: '64b7c0e2f1a9d3004e8a51c7-work',
      remote_id: '64b7c0e2f1a9d3004e8a51c7',
      name: 'Atelier Brioche SAS',
      street_1: '14 RUE DES PETITES ECURIES',
      city: 'PARIS',
      zip_code: '75010',
      country: { value: 'FR', source_value: 'FR' },
      location_type: { value: 'work', source_value: 'company' },
    })
  })

  it('maps a company without address fields to a location with nulls', () => {
    const bare = payfitCompanySchema.parse({ id: 'c1', name: 'Bare Ltd', country: 'GB' })

    expect(companyToLocation(bare)).toMatchObject({ street_1: null, city: null, zip_code: null })
  })
})

describe('location ids', () => {
  it.each([
    ['abc-work', { kind: 'work', companyId: 'abc' }],
    ['3f0c9b2e-5d7a-home', { kind: 'home', collaboratorId: '3f0c9b2e-5d7a' }],
    ['-work', null],
    ['abc', null],
  ])('reads %s back to its owner', (id, owner) => {
    expect(parseLocationId(id)).toEqual(owner)
  })
})

describe('team groups', () => {
  it('maps a team name to a team group of the company', () => {
    const group = teamToGroup('Production', company.id)

    expect(groupSchema.parse(group)).toEqual(group)
    expect(sdkAccepts(HRISTeamsPaginated$inboundSchema, group)).toBe(true)
    expect(group).toMatchObject({
      name: 'Production',
      remote_id: 'Production',
      company_id: company.id,
      type: { value: 'team', source_value: 'teamName' },
    })
  })

  it('derives the same id from the same name and reads the name back from it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'grapheme' }), (name) => {
        const id = teamGroupId(name)
        expect(teamGroupId(name)).toBe(id)
        expect(id).toMatch(/^team-[A-Za-z0-9_-]+$/)
        expect(teamNameFromGroupId(id)).toBe(name)
      }),
    )
  })

  it('gives different names different ids', () => {
    expect(teamGroupId('R&D')).not.toBe(teamGroupId('R D'))
  })

  it.each(['Production', 'team-', 'team-***', 'team-x'])('refuses %s as a team id', (id) => {
    expect(teamNameFromGroupId(id)).toBeNull()
  })
})
