/*
 * `fields=id,name` keeps only the listed top-level keys of each entity (stackone-contract §3.1).
 * Unknown names are ignored, as the SDK strips keys it does not know anyway; null or an empty
 * list keeps everything.
 */
export function selectFields<T extends object>(
  entity: T,
  fields: readonly string[] | null,
): Partial<T> {
  if (fields === null || fields.length === 0) return entity

  const wanted = new Set(fields)
  return Object.fromEntries(Object.entries(entity).filter(([key]) => wanted.has(key))) as Partial<T>
}
