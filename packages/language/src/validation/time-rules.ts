import type { ValidationAcceptor } from 'langium';
import { type Citation, addPeriod, citedVersion, isoDate, parseNumeral, periodUnit, versionInForce, versionsAfter } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentLabel, inParentCycle, kindLabel, upperReferences } from '../model/document-model.js';
import { readCitations } from '../model/citations.js';
import { report } from './report.js';

/** The end of a validity period; undefined when the period is half-typed or not sane (CD104 reports it). */
function addDuration(iso: string, duration: ast.Duration): string | undefined {
    const amount = typeof duration.value === 'string' ? parseNumeral(duration.value) : undefined;
    const unit = periodUnit(duration.unit);
    if (!amount || !amount.isInteger() || !unit) {
        return undefined;
    }
    return addPeriod(iso, amount.toNumber(), unit);
}

/** A document with a period in force and upper documents: a benchmark or a list. */
type DatedDocument = ast.Benchmark | ast.ExemptionList;

/** The period a document is in force: [from, until) with `until` from 废止日期 or 有效期. */
export function periodOf(benchmark: DatedDocument): { from?: string; until?: string } {
    const from = isoDate(benchmark.effectiveFrom[0]);
    const until = isoDate(benchmark.effectiveTo[0])
        ?? (from && benchmark.validFor[0] ? addDuration(from, benchmark.validFor[0]) : undefined);
    return { from, until };
}

/** Expired on the reference date; in force outside the upper document's period. */
export function checkPeriods(benchmark: DatedDocument, accept: ValidationAcceptor, referenceDate: string): void {
    const { from, until } = periodOf(benchmark);
    if (until && until <= referenceDate && benchmark.name !== undefined) {
        const property = benchmark.effectiveTo.length > 0 ? 'effectiveTo' : 'validFor';
        report(accept, 'CD330', `${kindLabel(benchmark)}「${benchmark.name}」已于 ${until} 失效（校验日期 ${referenceDate}）`, { node: benchmark, property });
    }
    upperReferences(benchmark).forEach((reference, index) => {
        const parent = reference.ref;
        if (!parent || !from || inParentCycle(benchmark, parent)) {
            return; // a cycle is reported as such (CD204)
        }
        const upper = periodOf(parent);
        if (upper.from && from < upper.from) {
            report(accept, 'CD331', `本${kindLabel(benchmark)}自 ${from} 施行，早于上级（${documentLabel(parent)}）的施行日期 ${upper.from}`, { node: benchmark, property: 'parents', index });
        } else if (upper.until && (until === undefined || until > upper.until)) {
            report(accept, 'CD331', `本${kindLabel(benchmark)}的施行期间${until ? `（至 ${until}）` : '（未定期限）'}超出上级（${documentLabel(parent)}）的有效期（至 ${upper.until}）`,
                { node: benchmark, property: 'parents', index });
        }
    });
}

/** A cited statute version must be the one in force on the document's 施行日期; later amendments are flagged once per law. */
export function checkStatuteVersions(benchmark: ast.Benchmark, accept: ValidationAcceptor): void {
    const { from } = periodOf(benchmark);
    if (!from) {
        return;
    }
    const flagged = new Set<string>();
    for (const item of benchmark.items) {
        for (const list of [...item.violated, ...item.basis]) {
            readCitations(list).forEach((citation: Citation | undefined, index) => {
                if (!citation) {
                    return;
                }
                const node = list.citations[index];
                if (citation.version) {
                    const cited = citedVersion(citation.law, citation.version);
                    const inForce = versionInForce(citation.law, from);
                    if (cited && cited.effective > from) {
                        report(accept, 'CD332', `引用的《${citation.law}》（${cited.label}）自 ${cited.effective} 起施行，晚于本基准施行日期 ${from}`, { node, property: 'text' });
                        return;
                    }
                    if (cited && inForce && inForce !== cited) {
                        report(accept, 'CD332', `本基准 ${from} 施行时，《${citation.law}》适用的是${inForce.label}版本（${inForce.effective} 起施行），而非引用的${cited.label}版本`, { node, property: 'text' });
                        return;
                    }
                }
                const later = versionsAfter(citation.law, from);
                if (later.length > 0 && !flagged.has(citation.law)) {
                    flagged.add(citation.law);
                    report(accept, 'CD333', `本基准 ${from} 施行后，《${citation.law}》又有${later.map(v => `${v.label}（${v.effective} 起施行）`).join('、')}，请核对条文和幅度`, { node, property: 'text' });
                }
            });
        }
    }
}
