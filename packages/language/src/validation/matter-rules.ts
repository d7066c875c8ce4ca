import type { ValidationAcceptor } from 'langium';
import { LEVEL_LABEL, containsProvision, formatCitation, parseLevel } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentOf, levelOf } from '../model/document-model.js';
import { citationsOf as citations } from '../model/citations.js';
import { report } from './report.js';



/**
 * "一单两用": an item that names its catalogue entry agrees with it (name, penalty basis), and a document only
 * holds matters exercisable at its level (a 乡镇 document only matters delegated to 乡镇/街道).
 */
export function checkMatter(item: ast.Item, accept: ValidationAcceptor): void {
    item.matter.forEach((reference, index) => {
        const matter = reference.ref;
        if (!matter) {
            return;
        }
        if (item.violation && matter.name && item.violation !== matter.name) {
            report(accept, 'CD360', `事项名称「${item.violation}」与执法事项清单 ${matter.code} 的名称「${matter.name}」不一致`, { node: item, property: 'matter', index });
        }
        const basis = citations(matter.basis);
        const own = citations(item.basis);
        const uncovered = own.filter(p => !basis.some(b => containsProvision(b, p)));
        if (basis.length > 0 && uncovered.length > 0) {
            report(accept, 'CD361', `处罚依据 ${uncovered.map(formatCitation).join('、')} 不在执法事项 ${matter.code} 的设定依据之内`, { node: item, property: 'matter', index });
        }
        const level = levelOf(documentOf(item));
        const levels = matter.exercisedAt.map(parseLevel).filter(l => l !== undefined);
        if (level && levels.length > 0 && !levels.includes(level)) {
            const township = level === 'township' ? '（乡镇、街道只能实施依法赋权或委托给乡镇、街道的事项）' : '';
            report(accept, 'CD362', `执法事项 ${matter.code} 的行使层级为 ${levels.map(l => LEVEL_LABEL[l!]).join('、')}，不包括本基准的${LEVEL_LABEL[level]}${township}`,
                { node: item, property: 'matter', index });
        }
    });
}
