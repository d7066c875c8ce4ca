/**
 * A value of a fixed word table looked up by text the user wrote. Plain objects inherit Object.prototype, so
 * `table[word]` gives a function for 《constructor》 or 「toString」: only the table's own entries count.
 */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string | undefined): V | undefined {
    return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
