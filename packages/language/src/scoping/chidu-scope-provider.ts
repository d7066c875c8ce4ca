import {
    type AstNode, type AstNodeDescription, type AstNodeDescriptionProvider, type LangiumCoreServices, type ReferenceInfo,
    type Scope, AstUtils, DefaultScopeProvider, EMPTY_SCOPE, type Stream, stream
} from 'langium';
import * as ast from '../generated/ast.js';
import { normalizeCode, normalizeTierName } from '../parser/chidu-value-converter.js';
import { resolveUpperItem, visibleUpperItems } from './item-index.js';
import { resolveListItem, resolveUpperEntry, visibleListItems, visibleUpperEntries } from './list-index.js';

/** A scope that looks names up through a function, so nothing is computed for names nobody asks about. */
class LookupScope implements Scope {
    constructor(
        private readonly lookup: (name: string) => AstNode | undefined,
        private readonly all: () => Iterable<[string, AstNode]>,
        private readonly descriptions: AstNodeDescriptionProvider
    ) { }

    getElement(name: string): AstNodeDescription | undefined {
        const node = this.lookup(name);
        return node ? this.descriptions.createDescription(node, name) : undefined;
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const element = this.getElement(name);
        return stream(element ? [element] : []);
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.all()).map(([name, node]) => this.descriptions.createDescription(node, name));
    }
}

/**
 * Item codes resolve through the document's 上级 chain (nearest level first); upper tiers resolve among the
 * tiers of the upper item that the enclosing item refines; documents resolve globally by name.
 */
export class ChiduScopeProvider extends DefaultScopeProvider {
    private readonly descriptionProvider: AstNodeDescriptionProvider;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.descriptionProvider = services.workspace.AstNodeDescriptionProvider;
    }

    override getScope(context: ReferenceInfo): Scope {
        const container = context.container;
        if ((ast.isItem(container) && context.property === 'refines') || ast.isAdoption(container)) {
            const benchmark = AstUtils.getContainerOfType(container, ast.isBenchmark);
            if (!benchmark) {
                return EMPTY_SCOPE;
            }
            return new LookupScope(
                name => resolveUpperItem(benchmark, name),
                () => visibleUpperItems(benchmark),
                this.descriptionProvider
            );
        }
        if (ast.isTier(container) && context.property === 'refines') {
            const upper = container.$container.refines?.ref;
            if (!upper) {
                return EMPTY_SCOPE;
            }
            const byName = new Map(upper.tiers.filter(tier => typeof tier.name === 'string')
                .map(tier => [normalizeTierName(tier.name), tier] as [string, AstNode]));
            return new LookupScope(name => byName.get(normalizeTierName(name)), () => byName, this.descriptionProvider);
        }
        if ((ast.isEntry(container) && context.property === 'refines') || ast.isEntryImport(container)) {
            const list = AstUtils.getContainerOfType(container, ast.isExemptionList);
            if (!list) {
                return EMPTY_SCOPE;
            }
            return new LookupScope(
                name => resolveUpperEntry(list, name),
                () => visibleUpperEntries(list),
                this.descriptionProvider
            );
        }
        if (ast.isEntry(container) && context.property === 'item') {
            const list = AstUtils.getContainerOfType(container, ast.isExemptionList);
            if (!list) {
                return EMPTY_SCOPE;
            }
            return new LookupScope(
                name => resolveListItem(list, name),
                () => visibleListItems(list),
                this.descriptionProvider
            );
        }
        if (ast.isItem(container) && context.property === 'matter') {
            const global = super.getScope(context);
            return {
                getElement: (name: string) => global.getElement(normalizeCode(name)),
                getElements: (name: string) => global.getElements(normalizeCode(name)),
                getAllElements: () => global.getAllElements()
            };
        }
        return super.getScope(context);
    }
}

export { normalizeCode };
