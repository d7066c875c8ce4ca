// Node 20 lacks Object.groupBy, which chevrotain 13 (used by langium-cli's generator and by
// development-mode parsers) calls. Load with `node --import ./scripts/groupby-polyfill.mjs`.
if (typeof Object.groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', {
        configurable: true,
        writable: true,
        value(items, keyOf) {
            const groups = Object.create(null);
            let index = 0;
            for (const item of items) {
                const key = keyOf(item, index++);
                (groups[key] ??= []).push(item);
            }
            return groups;
        }
    });
}
