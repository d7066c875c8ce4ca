/**
 * The walk up a chain of upper documents (上级), shared by benchmarks and lists: everything above `start`
 * along `parents`, nearest first (breadth-first, each once, cycle-safe).
 */
export function nearestFirst<T>(start: T, parents: (node: T) => readonly T[]): T[] {
    const result: T[] = [];
    const visited = new Set<T>([start]);
    let frontier = parents(start);
    while (frontier.length > 0) {
        const next: T[] = [];
        for (const node of frontier) {
            if (!visited.has(node)) {
                visited.add(node);
                result.push(node);
                next.push(...parents(node));
            }
        }
        frontier = next;
    }
    return result;
}

