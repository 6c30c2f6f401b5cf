import { describe, expect, it } from 'vitest'

import { employeeToCollaboratorInput } from './collaborator-input.ts'

const today = '2026-12-04'
const person = { first_name: ' Léa ', last_name: 'Martin', personal_email: 'lea@perso.example' }

describe('employeeToCollaboratorInput', () => {
  it('sends the three required fields trimmed and nothing else when only they are given', () => {
    expect(employeeToCollaboratorInput(person, 'FR', today)).toEqual({
      firstName: 'Léa',
      lastName: 'Martin',
      personalEmail: 'lea@perso.example',
    })
  })

  it('names every missing required field at once', () => {
    expect(() => employeeToCollaboratorInput({ first_name: '  ' }, 'FR', today)).toThrow(
      /missing: first_name, last_name, personal_email/,
    )
  })

  it('names every problem at once, missing fields and malformed values alike', () => {
    const employee = {
      first_name: 'A',
      personal_email: 'not an email',
      date_of_birth: '2020-13-45',
      home_location: { street_1: 'rue sans numéro', city: 'Lyon', zip_code: '69001' },
      passthrough: { numberOfChildren: 99 },
    }
    expect(() => employeeToCollaboratorInput(employee, 'FR', today)).toThrow(
      new RegExp(
        [
          'missing: last_name',
          'personal_email is not an email address',
          'home_location.street_1 must start with the street number',
          'passthrough.numberOfChildren must be a whole number',
          'date_of_birth must be a YYYY-MM-DD date',
        ].join('.*'),
      ),
    )
  })

  it.each([
    ['FR', '291047512345638', true],
    ['FR', '29104751234563', false],
    ['ES', '28/12345678/40', true],
    ['GB', 'AB123456C', false],
    ['GB', 'AB 123 456 C123', true],
  ])('checks a %s social security number of %s (accepted: %s)', (country, number, accepted) => {
    const employee = { ...person, national_identity_numbers: [{ value: number }] }
    const build = () => employeeToCollaboratorInput(employee, country, today)
    if (accepted) expect(build().socialSecurityNumber).toBe(number.replace(/\s+/g, ''))
    else expect(build).toThrow(/characters long for a company in/)
  })

  it('splits the street number from street_1 and defaults the country to the company', () => {
    const input = employeeToCollaboratorInput(
      {
        ...person,
        home_location: {
          street_1: '12, rue des Lilas',
          street_2: 'Bâtiment B',
          city: 'Lyon',
          zip_code: '69003',
        },
      },
      'FR',
      today,
    )
    expect(input.personalAddress).toEqual({
      streetNumber: 12,
      addressFirstLine: 'rue des Lilas',
      addressSecondLine: 'Bâtiment B',
      city: 'Lyon',
      postCode: '69003',
      country: 'FR',
    })
  })

  it('refuses a home address whose first line has no street number', () => {
    const home = { street_1: 'Rose Cottage', city: 'Bath', zip_code: 'BA1 1AA' }
    expect(() =>
      employeeToCollaboratorInput({ ...person, home_location: home }, 'GB', today),
    ).toThrow(/must start with the street number/)
  })

  it.each([
    ['male', 'MALE'],
    ['female', 'FEMALE'],
    ['non_binary', undefined],
    ['not_disclosed', undefined],
  ])('sends gender %s as %s', (value, expected) => {
    expect(employeeToCollaboratorInput({ ...person, gender: { value } }, 'FR', today).gender).toBe(
      expected,
    )
  })

  it.each([
    ['1991-04-23', '1991-04-23'],
    ['1991-04-23T00:00:00.000Z', '1991-04-23'],
    ['1991-04-23T23:30:00-05:00', '1991-04-23'],
  ])('keeps the birth day written in %s', (written, day) => {
    const input = employeeToCollaboratorInput({ ...person, date_of_birth: written }, 'FR', today)
    expect(input.birthInformation).toEqual({ birthDate: day })
  })

  it('refuses a birth date that is not in the past', () => {
    expect(() =>
      employeeToCollaboratorInput({ ...person, date_of_birth: today }, 'FR', today),
    ).toThrow(/in the past/)
  })

  it('adds PayFit-only fields from passthrough beside the birth date', () => {
    const input = employeeToCollaboratorInput(
      {
        ...person,
        date_of_birth: '1990-01-02',
        passthrough: { birthPlace: 'Nantes', birthCountry: 'fr', numberOfChildren: 2 },
      },
      'FR',
      today,
    )
    expect(input.birthInformation).toEqual({
      birthDate: '1990-01-02',
      birthPlace: 'Nantes',
      birthCountry: 'FR',
    })
    expect(input.numberOfChildren).toBe(2)
  })
})
