/** Types of localSettings.mjs for the tests that import it. */
export declare function writeLocalSettings(dir: string, template: string | Uint8Array): string | undefined;
