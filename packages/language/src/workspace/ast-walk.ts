import { type AstNode, type ReferenceInfo, isMultiReference, isReference } from 'langium';

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}

/**
 * One step of a pre-order walk over an AST, in the order of AstUtils.streamAst and AstUtils.streamReferences
 * (own properties in insertion order, `$` properties skipped): pushes the node's children on the stack so
 * that popping visits them in document order, and returns the node's cross-references (undefined when it has
 * none). Langium's own loops build a stream per node and await a cancellation check per node; at province
 * scale that overhead was the larger part of linking and reference indexing.
 */
export function visitNode(node: AstNode, stack: AstNode[]): ReferenceInfo[] | undefined {
    let references: ReferenceInfo[] | undefined;
    const start = stack.length;
    const record = node as unknown as Record<string, unknown>;
    // for…in visits the own properties in the order of Object.keys (AST nodes are plain objects whose
    // prototype has no enumerable properties) without allocating the key array for every node.
    for (const property in record) {
        if (property.charCodeAt(0) === 36 /* $ */) {
            continue;
        }
        const value = record[property];
        if (typeof value !== 'object' || value === null) {
            continue; // strings, numbers, booleans: most properties
        }
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element: unknown = value[index];
                if (typeof element !== 'object' || element === null) {
                    continue;
                }
                if (isReference(element) || isMultiReference(element)) {
                    (references ??= []).push({ reference: element, container: node, property, index });
                } else if (isNode(element)) {
                    stack.push(element);
                }
            }
        } else if (isReference(value) || isMultiReference(value)) {
            (references ??= []).push({ reference: value, container: node, property });
        } else if (isNode(value)) {
            stack.push(value);
        }
    }
    for (let i = start, j = stack.length - 1; i < j; i++, j--) {
        const t = stack[i];
        stack[i] = stack[j];
        stack[j] = t;
    }
    return references;
}
