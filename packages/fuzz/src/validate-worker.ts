/**
 * The validation worker: builds each workspace it is sent with a fresh set of Chidu services, with
 * validation, exactly as the CLI does (documents from strings, one DocumentBuilder.build), and answers with
 * the diagnostics or the exception. It runs in a worker thread so a case that hangs can be killed.
 */
import { parentPort } from 'node:worker_threads';
import { EmptyFileSystem, URI } from 'langium';
import { createChiduServices } from '@chidu/language';
import type { InProcessOutcome, ServiceDiagnostic, ServiceLog } from './classify.js';

export interface ValidateRequest {
    readonly id: number;
    readonly files: Readonly<Record<string, string>>;
}

export interface ValidateResponse {
    readonly id: number;
    readonly outcome: InProcessOutcome;
}

const ROOT = '/fuzz-workspace';

/** Collects console.error / console.warn calls (the services' only trace of some caught exceptions). */
function captureConsole(): { logs: ServiceLog[]; restore: () => void } {
    const logs: ServiceLog[] = [];
    const original = { error: console.error, warn: console.warn };
    const capture = (level: ServiceLog['level']) => (...args: unknown[]) => {
        const error = args.find((a): a is Error => a instanceof Error);
        const text = args.filter(a => !(a instanceof Error)).map(a => (typeof a === 'string' ? a : String(a))).join(' ');
        logs.push({ level, text, error: error && { name: error.name, message: error.message, stack: error.stack } });
    };
    console.error = capture('error');
    console.warn = capture('warn');
    return { logs, restore: () => Object.assign(console, original) };
}

export async function validateInProcess(files: Readonly<Record<string, string>>): Promise<InProcessOutcome> {
    const start = performance.now();
    const { logs, restore } = captureConsole();
    try {
        const { shared } = createChiduServices(EmptyFileSystem);
        const documents = Object.entries(files).map(([file, text]) => {
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`${ROOT}/${file}`));
            shared.workspace.LangiumDocuments.addDocument(document);
            return { file, document };
        });
        await shared.workspace.DocumentBuilder.build(documents.map(d => d.document), { validation: true });
        const diagnostics: ServiceDiagnostic[] = documents.flatMap(({ file, document }) => (document.diagnostics ?? []).map(d => ({
            file,
            range: d.range,
            severity: d.severity,
            code: d.code ?? (d.data as { code?: string } | undefined)?.code,
            message: typeof d.message === 'string' ? d.message : JSON.stringify(d.message) ?? String(d.message)
        })));
        return { kind: 'ok', durationMs: performance.now() - start, diagnostics, logs };
    } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        return { kind: 'exception', durationMs: performance.now() - start, name: e.name, message: e.message, stack: e.stack, logs };
    } finally {
        restore();
    }
}

if (parentPort) {
    const port = parentPort;
    port.on('message', (request: ValidateRequest) => {
        void validateInProcess(request.files).then(outcome => {
            port.postMessage({ id: request.id, outcome } satisfies ValidateResponse);
        });
    });
}
