/**
 * Settings that change what the checks conclude, shared by the CLI and the language server.
 * `referenceDate` is the day the workspace is checked for (ISO date; today by default): expiry is judged
 * against it. The CLI's `--date` sets it so that a pipeline's verdict is reproducible.
 */
export class ChiduSettings {
    referenceDate: string = new Date().toISOString().slice(0, 10);
}
