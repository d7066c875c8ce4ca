// Chevrotain's grammar self-checks run only for development-mode parsers, which need Object.groupBy.
import '../../../scripts/groupby-polyfill.mjs';
import { EmptyFileSystem, inject } from 'langium';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { describe, expect, it } from 'vitest';
import { ChiduModule } from '../src/chidu-module.js';
import { ChiduGeneratedModule, ChiduGeneratedSharedModule, ChiduLanguageMetaData } from '../src/generated/module.js';

describe('grammar', () => {
    it('passes the parser generator self-checks of a development-mode parser', () => {
        const shared = inject(createDefaultSharedModule(EmptyFileSystem), ChiduGeneratedSharedModule);
        const services = inject(createDefaultModule({ shared }), ChiduGeneratedModule, ChiduModule, {
            LanguageMetaData: () => ({ ...ChiduLanguageMetaData, mode: 'development' as const })
        });
        expect(services.LanguageMetaData.mode).toBe('development');
        const parser = services.parser.LangiumParser;
        const result = parser.parse('基准 「A」 { 制定机关 「x」 层级 省 施行日期 2022-01-01 }');
        expect(result.parserErrors).toEqual([]);
    });
});
