import { displayPath } from './report.js';

/**
 * A problem with the output location that Chidu detected itself (a path that is not Chidu's, a symlink where a
 * directory should be): reported as one Chinese line, exit code 3 like an I/O error.
 */
export class OutputProblem extends Error { }

/** Another build holds the lock of the same `--out` and did not finish in time: exit code 4. */
export class BusyProblem extends Error { }

interface Explanation { readonly what: string; readonly advice: string }

const EXPLANATIONS: Readonly<Record<string, Explanation>> = {
    EACCES: { what: '权限不足', advice: '请检查该路径及其上级目录的读写权限，或改用有写权限的 --out' },
    EPERM: { what: '操作不被允许', advice: '请检查该路径的权限与属性（如只读、不可变标志），或改用其他 --out' },
    ENOSPC: { what: '磁盘空间不足', advice: '请清理磁盘空间后重试，或改用空间充足的 --out' },
    EDQUOT: { what: '超出磁盘配额', advice: '请清理文件或申请更多配额后重试' },
    EEXIST: { what: '已存在', advice: '请删除或移走该路径后重试，或改用其他 --out' },
    ENOENT: { what: '不存在', advice: '请检查路径是否正确，以及构建期间是否有其他程序删除了它' },
    ENOTDIR: { what: '路径中有一段不是目录', advice: '请检查路径中的各级目录，或改用其他 --out' },
    EISDIR: { what: '是目录，无法当作文件使用', advice: '请删除或移走该目录后重试，或改用其他 --out' },
    ENOTEMPTY: { what: '目录非空', advice: '请删除或移走该目录后重试' },
    EROFS: { what: '文件系统为只读', advice: '请改用可写位置的 --out' },
    ENAMETOOLONG: { what: '路径过长', advice: '请使用较短的 --out 路径' },
    ELOOP: { what: '符号链接层级过多', advice: '请检查路径中的符号链接' },
    EMFILE: { what: '打开的文件过多', advice: '请提高打开文件数的上限（ulimit -n）后重试' },
    ENFILE: { what: '系统打开的文件过多', advice: '请稍后重试' },
    EIO: { what: '磁盘读写错误', advice: '请检查磁盘或文件系统后重试' },
    EBUSY: { what: '正被占用', advice: '请关闭占用该路径的程序后重试' },
    EXDEV: { what: '不在同一文件系统上', advice: '请让 --out 与其所在目录位于同一文件系统' },
    ETXTBSY: { what: '正被占用', advice: '请关闭占用该文件的程序后重试' }
};

const ACTIONS: Readonly<Record<string, string>> = {
    open: '打开', write: '写入', read: '读取', close: '写入', mkdir: '创建目录', rename: '改名', symlink: '创建符号链接',
    link: '创建', unlink: '删除', rmdir: '删除', rm: '删除', scandir: '读取目录', opendir: '读取目录', lstat: '读取', stat: '读取',
    readlink: '读取符号链接', chmod: '修改权限', fsync: '写入', copyfile: '复制'
};

interface SystemError { code: string; syscall?: string; path?: string; dest?: string }

function isSystemError(error: unknown): error is SystemError {
    const code = (error as { code?: unknown } | undefined)?.code;
    return error instanceof Error && typeof code === 'string' && /^E[A-Z0-9]+$/.test(code);
}

/**
 * Attaches `file` to a system error that came without a path (writes through a file descriptor report none),
 * so that the message can name it.
 */
export function withPath<T>(file: string, promise: Promise<T>): Promise<T> {
    return promise.catch((error: unknown) => {
        if (isSystemError(error) && !error.path) {
            error.path = file;
        }
        throw error;
    });
}

/**
 * The one-line Chinese report of a system (I/O) error: which path, what happened, what to do. `undefined` if
 * the error is not one.
 */
export function describeIoError(error: unknown): string | undefined {
    if (!isSystemError(error)) {
        return undefined;
    }
    const explanation = EXPLANATIONS[error.code] ?? { what: '读写失败', advice: '请检查该路径后重试' };
    const action = ACTIONS[error.syscall ?? ''] ?? '访问';
    const where = error.path ? displayPath(error.path) : '输出目录';
    const target = error.dest ? `（→ ${displayPath(error.dest)}）` : '';
    return `无法${action} ${where}${target}：${explanation.what}（${error.code}）。${explanation.advice}。`;
}
