/** mulberry32: tiny, fast and good enough for fake data; the same seed always gives the same run. */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('cannot pick from an empty list')
    return item
  }

  /** Picks from `[value, weight]` pairs. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [value, weight] of choices) {
      roll -= weight
      if (roll < 0) return value
    }
    const last = choices[choices.length - 1]
    if (last === undefined) throw new Error('cannot pick from an empty list')
    return last[0]
  }

  /** Built from whole 32-bit draws: flat strings, not ropes of one-character pieces. */
  digits(length: number): string {
    let text = ''
    while (text.length < length) {
      text += String(Math.floor(this.next() * 1e9)).padStart(9, '0')
    }
    return text.slice(0, length)
  }

  hex(length: number): string {
    let text = ''
    while (text.length < length) {
      text += Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0')
    }
    return text.slice(0, length)
  }

  /** A 24-character lowercase hex id, the shape of PayFit's company, contract and payslip ids. */
  objectId(): string {
    return this.hex(24)
  }

  /** A UUID v4 (version nibble 4, variant 8..b), the shape of PayFit's collaborator ids. */
  uuid(): string {
    const variant = HEX[8 + Math.floor(this.next() * 4)] ?? '8'
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`
  }

  urlSafe(length: number): string {
    let text = ''
    for (let i = 0; i < length; i++) text += URL_SAFE[Math.floor(this.next() * 64)] ?? 'A'
    return text
  }
}

const HEX = '0123456789abcdef'
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** FNV-1a over `seed:label`, so each part of the data set draws from its own stream. */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5
  const text = `${seed}:${label}`
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

export function randomFor(seed: number, label: string): Random {
  return new Random(deriveSeed(seed, label))
}
