import { describe, expect, it } from 'vitest'

import { InvalidRequestError } from '../errors.ts'
import { defaultPageSize, parseGetQuery, parseListQuery } from './query.ts'

describe('parseListQuery', () => {
  it('applies the defaults to an empty query', () => {
    expect(parseListQuery('')).toEqual({
      fields: null,
      raw: false,
      proxy: {},
      expand: [],
      include: [],
      pageSize: defaultPageSize,
      next: null,
      filter: {
        updated_after: null,
        email: null,
        employee_number: null,
        start_date: null,
        end_date: null,
        policy_ids: [],
        type: null,
      },
    })
  })

  it('reads the percent-encoded deepObject keys the SDK sends', () => {
    const query = parseListQuery(
      'filter%5Bemail%5D=ada%40example.com&filter%5Bupdated_after%5D=2024-05-01T00%3A00%3A00.000Z' +
        '&proxy%5Bfoo%5D=bar&page_size=50&next=abc&fields=id,%20name&raw=true',
    )

    expect(query).toMatchObject({
      pageSize: 50,
      next: 'abc',
      fields: ['id', 'name'],
      raw: true,
      proxy: { foo: 'bar' },
      filter: { email: 'ada@example.com', updated_after: '2024-05-01T00:00:00.000Z' },
    })
  })

  it('reads a framework query object whose keys are decoded or still encoded', () => {
    expect(
      parseListQuery({
        'filter[employee_number]': 'EMP-1',
        'proxy%5Bx%5D': '1',
        expand: 'company',
      }),
    ).toMatchObject({
      filter: { employee_number: 'EMP-1' },
      proxy: { x: '1' },
      expand: ['company'],
    })
  })

  it('counts a parameter given twice by its last value, page size and filters alike', () => {
    const query = parseListQuery(
      'page_size=5&page_size=40&filter[email]=a@x.fr&filter[email]=b@x.fr&raw=true&raw=false&fields=id&fields=id,name',
    )
    expect(query).toMatchObject({
      pageSize: 40,
      raw: false,
      fields: ['id', 'name'],
      filter: { email: 'b@x.fr' },
    })
  })

  it('collects repeated and comma-separated policy ids', () => {
    const params = new URLSearchParams()
    params.append('filter[policy_ids]', 'a')
    params.append('filter[policy_ids]', 'b,c')

    expect(parseListQuery(params).filter.policy_ids).toEqual(['a', 'b', 'c'])
  })

  it('accepts the deprecated top-level updated_after', () => {
    expect(parseListQuery('updated_after=2024-05-01T00:00:00Z').filter.updated_after).toBe(
      '2024-05-01T00:00:00Z',
    )
  })

  it.each(['1', '100', ' 7 '])('accepts the page size %j', (size) => {
    expect(parseListQuery({ page_size: size }).pageSize).toBe(Number(size))
  })

  it.each(['0', '101', '-1', '2.5', 'fifty', '1e2'])('answers 400 to the page size %j', (size) => {
    expect(() => parseListQuery({ page_size: size })).toThrow(InvalidRequestError)
  })

  it.each(['yes', '1', 'TRUE'])('answers 400 to raw=%s', (raw) => {
    expect(() => parseListQuery({ raw })).toThrow(InvalidRequestError)
  })

  it.each(['2024-05-01', 'yesterday', '2024-05-01 10:00:00'])(
    'answers 400 to filter[updated_after]=%s',
    (value) => {
      expect(() => parseListQuery({ 'filter[updated_after]': value })).toThrow(InvalidRequestError)
    },
  )

  it('keeps a proxy key named __proto__ as plain data', () => {
    const proxy = parseGetQuery('proxy[__proto__]=x&proxy[status]=all').proxy

    expect(Object.keys(proxy)).toEqual(['__proto__', 'status'])
    expect(Object.getPrototypeOf(proxy)).toBe(Object.prototype)
  })
})
