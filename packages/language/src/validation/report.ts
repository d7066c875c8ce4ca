import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
import { DIAGNOSTICS, type DiagnosticCode } from './diagnostic-codes.js';

/** Reports a diagnostic under its registered code and severity; the code travels in `data` for quick fixes. */
export function report<N extends AstNode>(
    accept: ValidationAcceptor, code: DiagnosticCode, message: string, info: Omit<DiagnosticInfo<N>, 'code' | 'data'>,
    data?: Record<string, unknown>
): void {
    accept(DIAGNOSTICS[code].severity, message, { ...info, code, data: { ...data, code } } as DiagnosticInfo<N>);
}
