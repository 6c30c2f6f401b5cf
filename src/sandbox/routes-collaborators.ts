import type { FastifyInstance } from 'fastify'
import { z } from 'zod'

import { isValidDate } from './dates.ts'
import { collectPage, readPageRequest } from './pagination.ts'
import { mealVoucherOf } from './payroll.ts'
import { readBoolean, readMonth, type Query } from './query.ts'
import { badRequest, notFound } from './replies.ts'
import { parseBody, viewOf } from './request-view.ts'
import { companyOf, route } from './route-spec.ts'
import type { SandboxState } from './state.ts'
import type { CollaboratorRecord, Country } from './types.ts'
import { renderCollaborator } from './views.ts'

/** Exact social security number length PayFit accepts on create, by company country (§9.9). */
const socialSecurityLength: Record<Country, number> = { GB: 12, ES: 14, FR: 15 }

const createCollaboratorSchema = z.object({
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  personalEmail: z.email(),
  otherName: z.string().optional(),
  socialSecurityNumber: z.string().optional(),
  personalAddress: z
    .object({
      streetNumber: z.number(),
      addressFirstLine: z.string().min(1),
      addressSecondLine: z.string().optional(),
      city: z.string().min(1),
      state: z.string().optional(),
      postCode: z.string().min(1),
      country: z.string().regex(/^[A-Z]{2}$/),
    })
    .optional(),
  birthInformation: z
    .object({
      birthDate: z.string().refine(isValidDate).optional(),
      birthPlace: z.string().optional(),
      birthCountry: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .optional(),
    })
    .optional(),
  personalPhoneNumber: z.string().optional(),
  numberOfChildren: z.number().int().min(0).max(20).optional(),
  gender: z.enum(['MALE', 'FEMALE']).optional(),
  inviteCollaborator: z.boolean().optional(),
})

export function registerCollaboratorRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get(
    '/companies/:companyId/collaborators',
    route('collaborators.list', 'read', 'collaborators:read'),
    (request) => {
      const query = request.query as Query
      const page = readPageRequest(query)
      const view = viewOf(request, state, readBoolean(query, 'includeInProgressContracts'))
      const email = query.email?.toLowerCase()
      const matches = (collaborator: CollaboratorRecord): boolean =>
        email === undefined ||
        collaborator.emails.some((entry) => entry.type !== 'personal' && entry.email === email)
      const result = collectPage(companyOf(request).collaborators, page, (collaborator) =>
        matches(collaborator) ? renderCollaborator(collaborator, view) : undefined,
      )
      return {
        collaborators: result.items,
        meta: { nextPageToken: result.nextPageToken, count: result.items.length },
      }
    },
  )

  app.get(
    '/companies/:companyId/collaborators/meal-vouchers',
    route('mealVouchers.list', 'read', 'collaborators:meal-vouchers:read', { isFrenchOnly: true }),
    (request) => {
      const query = request.query as Query
      const month = readMonth(query)
      const page = readPageRequest(query)
      const { company, collaborators } = companyOf(request)
      const result = collectPage(collaborators, page, (collaborator) => {
        const contract = collaborator.contracts.find((c) => c.initialisedAtMs === null)
        return contract === undefined ? undefined : mealVoucherOf(company.id, contract, month)
      })
      return {
        mealVouchers: result.items,
        meta: { nextPageToken: result.nextPageToken, count: result.items.length },
      }
    },
  )

  app.get(
    '/companies/:companyId/collaborators/:collaboratorId',
    route('collaborators.get', 'read', 'collaborators:read'),
    (request) => {
      const { collaboratorId } = request.params as { collaboratorId: string }
      const collaborator = companyOf(request).collaboratorsById.get(collaboratorId)
      if (collaborator === undefined) throw notFound()
      return renderCollaborator(collaborator, viewOf(request, state))
    },
  )

  app.post(
    '/companies/:companyId/collaborators',
    route('collaborators.create', 'write', 'collaborators:write'),
    async (request, reply) => {
      const { company, collaborators, collaboratorsById } = companyOf(request)
      const body = parseBody(createCollaboratorSchema, request.body)
      const ssnLength = socialSecurityLength[company.country]
      if (
        body.socialSecurityNumber !== undefined &&
        body.socialSecurityNumber.length !== ssnLength
      ) {
        throw badRequest(
          `Field "socialSecurityNumber" must be ${String(ssnLength)} characters long for this company.`,
        )
      }
      const birthDate = body.birthInformation?.birthDate ?? null
      if (birthDate !== null && birthDate >= state.today()) {
        throw badRequest('Field "birthInformation.birthDate" must be in the past.')
      }

      const collaborator = createdCollaborator(state, company.country, body)
      collaborators.push(collaborator)
      collaboratorsById.set(collaborator.id, collaborator)
      return reply.code(201).send({ collaboratorId: collaborator.id })
    },
  )
}

function createdCollaborator(
  state: SandboxState,
  country: Country,
  body: z.infer<typeof createCollaboratorSchema>,
): CollaboratorRecord {
  const address = body.personalAddress
  return {
    id: state.random.uuid(),
    matricule: null,
    firstName: body.firstName,
    lastName: body.lastName,
    secondLastName: country === 'ES' ? (body.otherName ?? null) : null,
    birthName: null,
    birthDate: body.birthInformation?.birthDate ?? null,
    gender: body.gender === undefined ? null : body.gender === 'MALE' ? 'male' : 'female',
    emails: [{ email: body.personalEmail.toLowerCase(), type: 'personal' }],
    phoneNumbers:
      body.personalPhoneNumber === undefined
        ? []
        : [{ phoneNumber: body.personalPhoneNumber, type: 'personal' }],
    addresses:
      address === undefined
        ? []
        : [
            {
              address: [
                `${String(address.streetNumber)} ${address.addressFirstLine}`,
                address.addressSecondLine,
              ]
                .filter((part) => part !== undefined && part !== '')
                .join(', '),
              postcode: address.postCode,
              city: address.city,
              country: address.country,
              type: 'personal',
            },
          ],
    managerId: null,
    teamName: null,
    nationality: null,
    countryOfBirth: body.birthInformation?.birthCountry ?? null,
    socialSecurityNumber: body.socialSecurityNumber ?? null,
    temporaryTechnicalNumber: null,
    iban: null,
    bic: null,
    contracts: [],
  }
}
