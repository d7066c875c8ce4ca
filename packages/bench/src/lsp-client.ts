/**
 * A minimal LSP client over stdio (Content-Length framed JSON-RPC), enough to drive a language server the
 * way an editor does: initialize, open, change, and listen for publishDiagnostics.
 */
import { type ChildProcess, spawn } from 'node:child_process';

interface Message {
    jsonrpc: '2.0';
    id?: number | string;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
}

/** A JSON-RPC error response to a request: the server's code and message. */
export class LspResponseError extends Error {
    constructor(readonly code: number, message: string, readonly data?: unknown) {
        super(message);
        this.name = 'LspResponseError';
    }
}

export class LspClient {
    private readonly child: ChildProcess;
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    private readonly listeners = new Map<string, ((params: unknown) => void)[]>();
    private stderr = '';
    private exited = false;
    private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

    constructor(command: string, args: readonly string[], cwd: string) {
        this.child = spawn(command, [...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
        this.child.stderr!.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString('utf8')).slice(-20_000); });
        this.child.on('exit', (code, signal) => {
            this.exited = true;
            this.exit = { code, signal };
            for (const { reject } of this.pending.values()) {
                reject(new Error(`language server exited: ${this.stderr.slice(-2000)}`));
            }
            this.pending.clear();
        });
    }

    get pid(): number | undefined {
        return this.child.pid;
    }

    /** How the server process ended, once it has. */
    get exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
        return this.exit;
    }

    get errorOutput(): string {
        return this.stderr;
    }

    private receive(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const headerEnd = this.buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) {
                return;
            }
            const header = this.buffer.subarray(0, headerEnd).toString('ascii');
            const length = Number(/Content-Length:\s*(\d+)/i.exec(header)?.[1]);
            if (this.buffer.length < headerEnd + 4 + length) {
                return;
            }
            const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
            this.buffer = this.buffer.subarray(headerEnd + 4 + length);
            this.dispatch(JSON.parse(body) as Message);
        }
    }

    private dispatch(message: Message): void {
        if (message.method !== undefined && message.id !== undefined) {
            // A request from the server (configuration, capability registration, progress): answer neutrally.
            const result = message.method === 'workspace/configuration'
                ? ((message.params as { items?: unknown[] })?.items ?? []).map(() => null)
                : null;
            this.write({ jsonrpc: '2.0', id: message.id, result });
            return;
        }
        if (message.method !== undefined) {
            for (const listener of this.listeners.get(message.method) ?? []) {
                listener(message.params);
            }
            return;
        }
        const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
        if (pending) {
            this.pending.delete(message.id as number);
            if (message.error) {
                pending.reject(new LspResponseError(message.error.code, message.error.message, message.error.data));
            } else {
                pending.resolve(message.result);
            }
        }
    }

    private write(message: Message): void {
        if (this.exited) {
            return;
        }
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
        this.child.stdin!.write(body);
    }

    request<T>(method: string, params: unknown): Promise<T> {
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
            this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
            this.write({ jsonrpc: '2.0', id, method, params });
        });
    }

    notify(method: string, params: unknown): void {
        this.write({ jsonrpc: '2.0', method, params });
    }

    on(method: string, listener: (params: unknown) => void): () => void {
        const list = this.listeners.get(method) ?? [];
        list.push(listener);
        this.listeners.set(method, list);
        return () => {
            const index = list.indexOf(listener);
            if (index >= 0) list.splice(index, 1);
        };
    }

    async close(): Promise<void> {
        if (this.exited) {
            return;
        }
        const exited = new Promise<void>(resolve => this.child.once('exit', () => resolve()));
        try {
            await Promise.race([this.request('shutdown', null), new Promise(resolve => setTimeout(resolve, 3000))]);
            this.notify('exit', null);
        } catch {
            // already gone
        }
        const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
    }
}
