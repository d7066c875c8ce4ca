import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REGULATIONS_FOLDER, STATUTE_VERSIONS, type Statute, StatuteLibrary, statutePenalties } from '@chidu/language/core';
import { UsageError } from './workspace.js';

/** One statute text of the library as `chidu statutes` lists it. */
export interface StatuteRow {
    readonly law: string;
    readonly title: string;
    readonly file: string;
    /** shipped: the library Chidu ships; workspace: the `法规/` folder of the given path. */
    readonly origin: 'shipped' | 'workspace';
    /** The date in the file name. */
    readonly version?: string;
    /** The version as the catalogue of versions names it (2018年修正), with the day it came into force. */
    readonly label?: string;
    readonly effective?: string;
    /** 现行 (the newest version known), 已修改 (a later version is known), 未登记 (no catalogue of versions). */
    readonly status: '现行' | '已修改' | '未登记';
    readonly laterVersions: readonly string[];
    readonly history: readonly { readonly date: string; readonly kind: string }[];
    readonly articles: number;
    readonly penaltyClauses: number;
    /** Penalty clauses read with certainty (the checker compares 法定处罚 only with these). */
    readonly certainClauses: number;
}

function rowOf(statute: Statute): StatuteRow {
    const versions = Object.prototype.hasOwnProperty.call(STATUTE_VERSIONS, statute.law) ? STATUTE_VERSIONS[statute.law] : undefined;
    const index = versions?.findIndex(v => v.adopted === statute.version) ?? -1;
    const version = versions && index >= 0 ? versions[index] : undefined;
    const clauses = statutePenalties(statute);
    return {
        law: statute.law, title: statute.title, file: statute.file, origin: statute.origin, version: statute.version,
        label: version?.label, effective: version?.effective,
        status: !version ? '未登记' : index === versions!.length - 1 ? '现行' : '已修改',
        laterVersions: version ? versions!.slice(index + 1).map(v => `${v.label}（${v.effective} 起施行）`) : [],
        history: statute.history.map(h => ({ date: h.date, kind: h.kind })),
        articles: statute.articles.size,
        penaltyClauses: clauses.length,
        certainClauses: clauses.filter(c => c.certain).length
    };
}

/** The statutes the checker reads for a workspace: the shipped library and the `法规/` folder the path sees. */
export function listStatutes(workspace: string | undefined): { folder: string; regulations?: string; rows: StatuteRow[] } {
    const library = new StatuteLibrary();
    let probe: string | undefined;
    if (workspace !== undefined) {
        const absolute = path.resolve(workspace);
        let stat;
        try {
            stat = fs.statSync(absolute);
        } catch {
            throw new UsageError(`路径不存在或无法访问：${workspace}`);
        }
        // a file sees the 法规 folder of its directory; a folder, its own
        probe = stat.isDirectory() ? path.join(absolute, '_') : absolute;
    }
    const catalogue = library.forDocument(probe ? pathToFileURL(probe).toString() : undefined);
    const regulations = probe ? library.regulationFolderOf(probe) : undefined;
    const rows = catalogue.all.map(rowOf).sort((a, b) => a.origin.localeCompare(b.origin) || a.law.localeCompare(b.law, 'zh') || (b.version ?? '').localeCompare(a.version ?? ''));
    return { folder: library.get().folder, regulations, rows };
}

export function formatStatutes(listing: ReturnType<typeof listStatutes>): string {
    const lines = [`法规库：${listing.folder || '（未找到）'}`];
    lines.push(listing.regulations ? `工作区法规：${listing.regulations}` : `工作区法规：（没有「${REGULATIONS_FOLDER}」文件夹）`);
    for (const row of listing.rows) {
        const version = row.label ? `${row.label}（${row.effective} 起施行）` : (row.version ?? '未注明版本');
        const status = row.status === '已修改' ? `已修改，其后：${row.laterVersions.join('、')}` : row.status;
        lines.push(`《${row.law}》 ${version} ${status}${row.origin === 'workspace' ? ' 〔工作区〕' : ''}：${row.articles} 条，罚则 ${row.penaltyClauses} 处，完整读出 ${row.certainClauses} 处`);
    }
    const total = listing.rows.reduce((sum, r) => sum + r.penaltyClauses, 0);
    const certain = listing.rows.reduce((sum, r) => sum + r.certainClauses, 0);
    lines.push(`共 ${listing.rows.length} 部，罚则 ${total} 处，完整读出 ${certain} 处（只有完整读出的罚则用于核对法定处罚）`);
    return `${lines.join('\n')}\n`;
}
